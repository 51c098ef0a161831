import type { RsvpCounts } from "../../domain/mob.js";
import type { ParticipantRepository } from "../../ports/repositories.js";
import { orNull, toMember, toParticipant } from "../rows.js";
import type { Sql } from "./sql.js";
import { WAITING_COUNT } from "./waitlist.js";

const GET = "SELECT * FROM participants WHERE mob_id = ? AND member_id = ?";
const SET_RSVP = `INSERT INTO participants (mob_id, member_id, status, joined_at, pledge_minor,
    chat_id) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (mob_id, member_id) DO UPDATE SET status = excluded.status,
    pledge_minor = coalesce(excluded.pledge_minor, participants.pledge_minor),
    chat_id = coalesce(participants.chat_id, excluded.chat_id)`;
const REMOVE = "DELETE FROM participants WHERE mob_id = ? AND member_id = ?";
const SET_SPENT = `INSERT INTO participants (mob_id, member_id, status, joined_at, spent_minor,
    spent_at)
  VALUES (@mobId, @memberId, 'going', @now, @spent, @now)
  ON CONFLICT (mob_id, member_id) DO UPDATE SET spent_minor = @spent, spent_at = @now,
    status = 'going'`;
const SET_CHECKED_IN = `INSERT INTO participants (mob_id, member_id, status, joined_at,
    checked_in_at)
  VALUES (@mobId, @memberId, 'going', @now, @now)
  ON CONFLICT (mob_id, member_id) DO UPDATE SET checked_in_at = coalesce(checked_in_at, @now),
    status = 'going'`;
const PLEDGED = `SELECT coalesce(sum(p.status = 'going'), 0) AS going,
    coalesce(sum(p.status = 'maybe'), 0) AS maybe,
    coalesce(sum(CASE WHEN p.status = 'going' THEN coalesce(p.pledge_minor, m.pledge_minor) END), 0)
      AS pledgedMinor, ${WAITING_COUNT} AS waiting
  FROM mobs m LEFT JOIN participants p ON p.mob_id = m.id WHERE m.id = @mobId`;
const COUNTS = `SELECT coalesce(sum(status = 'going'), 0) AS going,
    coalesce(sum(status = 'maybe'), 0) AS maybe, ${WAITING_COUNT} AS waiting
  FROM participants WHERE mob_id = @mobId`;
const PARTICIPANTS = `SELECT p.*, m.id AS m_id, m.platform AS m_platform, m.user_id AS m_user_id,
    m.display_name AS m_display_name, m.locale AS m_locale, m.dm_reachable AS m_dm_reachable,
    m.dm_channel AS m_dm_channel
  FROM participants p JOIN members m ON m.id = p.member_id WHERE p.mob_id = ?
  ORDER BY p.joined_at, p.member_id`;

export function participants(sql: Sql): ParticipantRepository {
  return {
    async getParticipant(mobId, memberId) {
      return orNull(sql.one(GET, mobId, memberId), toParticipant);
    },
    async setRsvp(mobId, memberId, status, now, pledgeMinor = null, chatId = null) {
      sql.run(SET_RSVP, mobId, memberId, status, now, pledgeMinor, chatId);
    },
    async removeParticipant(mobId, memberId) {
      sql.run(REMOVE, mobId, memberId);
    },
    async setSpent(mobId, memberId, spent, now) {
      sql.run(SET_SPENT, { mobId, memberId, spent, now });
    },
    async setCheckedIn(mobId, memberId, now) {
      sql.run(SET_CHECKED_IN, { mobId, memberId, now });
    },
    async counts(mobId) {
      return sql.one(COUNTS, { mobId }) as unknown as RsvpCounts;
    },
    async pledged(mobId) {
      return sql.one(PLEDGED, { mobId }) as unknown as RsvpCounts & { pledgedMinor: number };
    },
    async participants(mobId) {
      return sql.rows(PARTICIPANTS, mobId).map((r) => ({
        ...toParticipant(r),
        member: toMember(r, "m_"),
      }));
    },
  };
}
