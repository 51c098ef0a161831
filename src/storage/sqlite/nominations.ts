import type { NominationRepository } from "../../ports/repositories.js";
import { orNull, toNomination, toQueued } from "../rows.js";
import { found, type Sql } from "./sql.js";

export const SECONDS_OF = "(SELECT count(*) FROM seconds s WHERE s.nomination_id = n.id)";

const INSERT = `INSERT INTO nominations (community_id, name, name_key, address, why, nominated_by,
    created_at)
  VALUES (@communityId, @name, @nameKey, @address, @why, @nominatedBy, @now) RETURNING *`;
const GET = "SELECT * FROM nominations WHERE id = ?";
const FIND = `SELECT * FROM nominations
  WHERE community_id = ? AND status = ? AND name_key = ? ORDER BY id DESC LIMIT 1`;
const ADD_SECOND = `INSERT INTO seconds (nomination_id, member_id, created_at) VALUES (?, ?, ?)
  ON CONFLICT DO NOTHING`;
const SECONDS = "SELECT count(*) AS n FROM seconds WHERE nomination_id = ?";
const FILL =
  "UPDATE nominations SET address = coalesce(address, ?), why = coalesce(why, ?) WHERE id = ?";
const QUEUED = `SELECT n.*, mem.display_name AS nominator_name, ${SECONDS_OF} AS seconds
  FROM nominations n JOIN members mem ON mem.id = n.nominated_by
  WHERE n.community_id = ? AND n.status = 'queued'
  ORDER BY seconds DESC, n.created_at, n.id LIMIT ?`;
const COUNT_QUEUED =
  "SELECT count(*) AS n FROM nominations WHERE community_id = ? AND status = 'queued'";
const DROP = `UPDATE nominations SET status = 'dropped', drop_reason = ?, settled_by = ?,
    settled_at = ? WHERE id = ? AND status = 'queued'`;
const CHOOSE = `UPDATE nominations SET status = 'chosen', mob_id = ?, settled_at = ?
  WHERE id = ? AND status = 'queued'`;

export function nominations(sql: Sql): NominationRepository {
  return {
    async insertNomination(nomination, now) {
      return toNomination(found(sql.one(INSERT, { ...nomination, now }), "the new nomination"));
    },
    async getNomination(id) {
      return orNull(sql.one(GET, id), toNomination);
    },
    async findNomination(communityId, nameKey, status) {
      return orNull(sql.one(FIND, communityId, status, nameKey), toNomination);
    },
    async addSecond(nominationId, memberId, now) {
      return sql.run(ADD_SECOND, nominationId, memberId, now) === 1;
    },
    async secondsOf(nominationId) {
      return sql.one(SECONDS, nominationId)?.n as number;
    },
    async fillNomination(id, address, why) {
      sql.run(FILL, address, why, id);
    },
    async queuedNominations(communityId, limit) {
      return sql.rows(QUEUED, communityId, limit).map(toQueued);
    },
    async countQueued(communityId) {
      return sql.one(COUNT_QUEUED, communityId)?.n as number;
    },
    async dropNomination(id, by, reason, now) {
      return sql.run(DROP, reason, by, now, id) === 1;
    },
    async chooseNomination(id, mobId, now) {
      return sql.run(CHOOSE, mobId, now, id) === 1;
    },
  };
}
