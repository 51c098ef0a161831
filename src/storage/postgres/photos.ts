import type { PhotoRepository } from "../../ports/repositories.js";
import { orNull, PHOTO_COLUMNS, toPhoto } from "../rows.js";
import type { Sql } from "./sql.js";

/**
 * The next number of the mob (never reused: dropped photos keep their row). DO NOTHING on any
 * conflict: the same picture, or another unit that took this number first.
 */
const INSERT = `INSERT INTO photos (mob_id, number, member_id, type, width, height, size, bytes,
    sha256, created_at)
  VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM photos WHERE mob_id = $1),
    $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT DO NOTHING RETURNING ${PHOTO_COLUMNS}`;

/**
 * Each failed try means another unit added a photo to this mob meanwhile, so tries are bounded
 * by the photos sent at once; past an album's worth something else is wrong.
 */
const ATTEMPTS = 50;

export function photos(sql: Sql): PhotoRepository {
  return {
    async insertPhoto(p) {
      const bytes = Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength);
      for (let attempt = 1; ; attempt++) {
        const r = await sql.one(INSERT, [
          p.mobId,
          p.memberId,
          p.type,
          p.width,
          p.height,
          bytes.length,
          bytes,
          p.sha256,
          p.now,
        ]);
        if (r) return toPhoto(r);
        // Nothing added: the album has this picture, or a concurrent unit took the number
        // (its commit is visible to the next statement: try the number after it).
        const same = await sql.one("SELECT 1 FROM photos WHERE mob_id = $1 AND sha256 = $2", [
          p.mobId,
          p.sha256,
        ]);
        if (same) return null;
        if (attempt >= ATTEMPTS) throw new Error(`no free photo number for mob ${p.mobId}`);
      }
    },
    async photosOf(mobId) {
      const rows = await sql.rows(
        `SELECT ${PHOTO_COLUMNS} FROM photos WHERE mob_id = $1 AND dropped_at IS NULL ORDER BY number`,
        [mobId],
      );
      return rows.map(toPhoto);
    },
    async getPhoto(mobId, number) {
      const r = await sql.one(
        `SELECT ${PHOTO_COLUMNS} FROM photos
      WHERE mob_id = $1 AND number = $2 AND dropped_at IS NULL`,
        [mobId, number],
      );
      return orNull(r, toPhoto);
    },
    async photoBytes(mobId, number) {
      const r = await sql.one(
        "SELECT bytes FROM photos WHERE mob_id = $1 AND number = $2 AND dropped_at IS NULL",
        [mobId, number],
      );
      const b = r?.bytes as Buffer | null | undefined;
      return b ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : null;
    },
    async dropPhoto(mobId, number, now) {
      const dropped = await sql.run(
        `UPDATE photos SET bytes = NULL, sha256 = NULL, dropped_at = $3
        WHERE mob_id = $1 AND number = $2 AND dropped_at IS NULL`,
        [mobId, number, now],
      );
      return dropped === 1;
    },
  };
}
