import type { WaitlistRepository } from "../../ports/repositories.js";
import { toWaiting } from "../rows.js";
import type { Sql } from "./sql.js";

/**
 * Entries `w` of people still waiting: who goes already (checked in at the shop while
 * waiting) holds no place in the line and is not counted.
 */
const STILL_WAITING = `NOT EXISTS (SELECT 1 FROM participants g
    WHERE g.mob_id = w.mob_id AND g.member_id = w.member_id AND g.status = 'going')`;
/** How many wait for a place in mob `$1`. */
export const WAITING_COUNT = `(SELECT count(*) FROM waitlist w WHERE w.mob_id = $1
    AND ${STILL_WAITING})`;

export function waitlist(sql: Sql): WaitlistRepository {
  return {
    async addWaiting(mobId, waiting, now) {
      // The mob is locked (lockMob): no other unit numbers a ticket for it meanwhile.
      await sql.run(
        `INSERT INTO waitlist (mob_id, member_id, ticket, pledge_minor, chat_id, waiting_since)
        SELECT $1, $2, coalesce(max(ticket), 0) + 1, $3, $4, $5 FROM waitlist WHERE mob_id = $1
        ON CONFLICT (mob_id, member_id) DO NOTHING`,
        [mobId, waiting.memberId, waiting.pledgeMinor, waiting.chatId, now],
      );
    },
    async waitingPlace(mobId, memberId) {
      const r = await sql.one(
        `SELECT (SELECT count(*) FROM waitlist w
          WHERE w.mob_id = me.mob_id AND w.ticket <= me.ticket AND ${STILL_WAITING}) AS place
        FROM waitlist me WHERE me.mob_id = $1 AND me.member_id = $2`,
        [mobId, memberId],
      );
      const place = Number(r?.place ?? 0);
      return place > 0 ? place : null;
    },
    async firstWaiting(mobId, limit) {
      const rows = await sql.rows(
        `SELECT w.* FROM waitlist w WHERE w.mob_id = $1 AND ${STILL_WAITING}
        ORDER BY w.ticket LIMIT $2`,
        [mobId, limit],
      );
      return rows.map(toWaiting);
    },
    async removeWaiting(mobId, memberId) {
      return (
        (await sql.run("DELETE FROM waitlist WHERE mob_id = $1 AND member_id = $2", [
          mobId,
          memberId,
        ])) > 0
      );
    },
  };
}
