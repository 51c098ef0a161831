import type { NominationRepository } from "../../ports/repositories.js";
import { UniqueViolation } from "../../ports/storage-errors.js";
import { orNull, toNomination, toQueued } from "../rows.js";
import type { Sql } from "./sql.js";

export const SECONDS_OF = "(SELECT count(*) FROM seconds s WHERE s.nomination_id = n.id)";

export function nominations(sql: Sql): NominationRepository {
  return {
    async insertNomination(n, now) {
      // A shop already queued under that name: the common error, the unit still usable.
      const r = await sql.one(
        `INSERT INTO nominations (community_id, name, name_key, address, why, nominated_by, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (community_id, name_key) WHERE status = 'queued' DO NOTHING RETURNING *`,
        [n.communityId, n.name, n.nameKey, n.address, n.why, n.nominatedBy, now],
      );
      if (!r) throw new UniqueViolation("nominations");
      return toNomination(r);
    },
    async getNomination(id) {
      return orNull(await sql.one("SELECT * FROM nominations WHERE id = $1", [id]), toNomination);
    },
    async findNomination(communityId, nameKey, status) {
      const r = await sql.one(
        `SELECT * FROM nominations WHERE community_id = $1 AND status = $2 AND name_key = $3
      ORDER BY id DESC LIMIT 1`,
        [communityId, status, nameKey],
      );
      return orNull(r, toNomination);
    },
    async addSecond(nominationId, memberId, now) {
      const added = await sql.run(
        `INSERT INTO seconds (nomination_id, member_id, created_at) VALUES ($1, $2, $3)
        ON CONFLICT DO NOTHING`,
        [nominationId, memberId, now],
      );
      return added === 1;
    },
    async secondsOf(nominationId) {
      const r = await sql.one("SELECT count(*) AS n FROM seconds WHERE nomination_id = $1", [
        nominationId,
      ]);
      return r?.n as number;
    },
    async fillNomination(id, address, why) {
      await sql.run(
        "UPDATE nominations SET address = coalesce(address, $2), why = coalesce(why, $3) WHERE id = $1",
        [id, address, why],
      );
    },
    async queuedNominations(communityId, limit) {
      const rows = await sql.rows(
        `SELECT n.*, mem.display_name AS nominator_name, ${SECONDS_OF} AS seconds
        FROM nominations n JOIN members mem ON mem.id = n.nominated_by
        WHERE n.community_id = $1 AND n.status = 'queued'
        ORDER BY seconds DESC, n.created_at, n.id LIMIT $2`,
        [communityId, limit],
      );
      return rows.map(toQueued);
    },
    async countQueued(communityId) {
      const r = await sql.one(
        "SELECT count(*) AS n FROM nominations WHERE community_id = $1 AND status = 'queued'",
        [communityId],
      );
      return r?.n as number;
    },
    // Both settle a queued nomination only: of two units settling it, the one that waited
    // finds it settled and answers false.
    async dropNomination(id, by, reason, now) {
      const dropped = await sql.run(
        `UPDATE nominations SET status = 'dropped', drop_reason = $2, settled_by = $3, settled_at = $4
        WHERE id = $1 AND status = 'queued'`,
        [id, reason, by, now],
      );
      return dropped === 1;
    },
    async chooseNomination(id, mobId, now) {
      const chosen = await sql.run(
        `UPDATE nominations SET status = 'chosen', mob_id = $2, settled_at = $3
        WHERE id = $1 AND status = 'queued'`,
        [id, mobId, now],
      );
      return chosen === 1;
    },
  };
}
