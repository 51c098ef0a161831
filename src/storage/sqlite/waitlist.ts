import type { WaitlistRepository } from "../../ports/repositories.js";
import { toWaiting } from "../rows.js";
import type { Sql } from "./sql.js";

/**
 * Entries `w` of people still waiting: who goes already (checked in at the shop while
 * waiting) holds no place in the line and is not counted.
 */
const STILL_WAITING = `NOT EXISTS (SELECT 1 FROM participants g
    WHERE g.mob_id = w.mob_id AND g.member_id = w.member_id AND g.status = 'going')`;
/** How many wait for a place in mob `@mobId`. */
export const WAITING_COUNT = `(SELECT count(*) FROM waitlist w WHERE w.mob_id = @mobId
    AND ${STILL_WAITING})`;

const ADD = `INSERT INTO waitlist (mob_id, member_id, ticket, pledge_minor, chat_id, waiting_since)
  SELECT @mobId, @memberId, coalesce(max(ticket), 0) + 1, @pledgeMinor, @chatId, @now
  FROM waitlist WHERE mob_id = @mobId
  ON CONFLICT (mob_id, member_id) DO NOTHING`;
const PLACE = `SELECT (SELECT count(*) FROM waitlist w
    WHERE w.mob_id = me.mob_id AND w.ticket <= me.ticket AND ${STILL_WAITING}) AS place
  FROM waitlist me WHERE me.mob_id = ? AND me.member_id = ?`;
const FIRST = `SELECT w.* FROM waitlist w WHERE w.mob_id = ? AND ${STILL_WAITING}
  ORDER BY w.ticket LIMIT ?`;
const REMOVE = "DELETE FROM waitlist WHERE mob_id = ? AND member_id = ?";

export function waitlist(sql: Sql): WaitlistRepository {
  return {
    async addWaiting(mobId, waiting, now) {
      const { memberId, pledgeMinor, chatId } = waiting;
      sql.run(ADD, { mobId, memberId, pledgeMinor, chatId, now });
    },
    async waitingPlace(mobId, memberId) {
      const place = sql.one(PLACE, mobId, memberId)?.place;
      return typeof place === "number" && place > 0 ? place : null;
    },
    async firstWaiting(mobId, limit) {
      return sql.rows(FIRST, mobId, limit).map(toWaiting);
    },
    async removeWaiting(mobId, memberId) {
      return sql.run(REMOVE, mobId, memberId) > 0;
    },
  };
}
