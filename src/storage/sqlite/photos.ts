import type { PhotoRepository } from "../../ports/repositories.js";
import { orNull, PHOTO_COLUMNS, toPhoto } from "../rows.js";
import type { Sql } from "./sql.js";

const INSERT = `INSERT INTO photos (mob_id, number, member_id, type, width, height, size, bytes,
    sha256, created_at)
  VALUES (@mobId, (SELECT coalesce(max(number), 0) + 1 FROM photos WHERE mob_id = @mobId),
    @memberId, @type, @width, @height, @size, @bytes, @sha256, @now)
  ON CONFLICT (mob_id, sha256) DO NOTHING RETURNING ${PHOTO_COLUMNS}`;
const PHOTOS_OF = `SELECT ${PHOTO_COLUMNS} FROM photos WHERE mob_id = ? AND dropped_at IS NULL
  ORDER BY number`;
const GET = `SELECT ${PHOTO_COLUMNS} FROM photos WHERE mob_id = ? AND number = ?
  AND dropped_at IS NULL`;
const BYTES = "SELECT bytes FROM photos WHERE mob_id = ? AND number = ? AND dropped_at IS NULL";
const DROP = `UPDATE photos SET bytes = NULL, sha256 = NULL, dropped_at = ?
  WHERE mob_id = ? AND number = ? AND dropped_at IS NULL`;

export function photos(sql: Sql): PhotoRepository {
  return {
    async insertPhoto(photo) {
      const r = sql.one(INSERT, {
        mobId: photo.mobId,
        memberId: photo.memberId,
        type: photo.type,
        width: photo.width,
        height: photo.height,
        size: photo.bytes.length,
        bytes: Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength),
        sha256: photo.sha256,
        now: photo.now,
      });
      return orNull(r, toPhoto);
    },
    async photosOf(mobId) {
      return sql.rows(PHOTOS_OF, mobId).map(toPhoto);
    },
    async getPhoto(mobId, number) {
      return orNull(sql.one(GET, mobId, number), toPhoto);
    },
    async photoBytes(mobId, number) {
      const bytes = sql.one(BYTES, mobId, number)?.bytes as Buffer | null | undefined;
      return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
    },
    async dropPhoto(mobId, number, now) {
      return sql.run(DROP, now, mobId, number) === 1;
    },
  };
}
