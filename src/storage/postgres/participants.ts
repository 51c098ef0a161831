import type { RsvpCounts } from "../../domain/mob.js";
import type { ParticipantRepository } from "../../ports/repositories.js";
import { orNull, toMember, toParticipant } from "../rows.js";
import type { Sql } from "./sql.js";
import { WAITING_COUNT } from "./waitlist.js";

const PARTICIPANTS = `SELECT p.*, m.id AS m_id, m.platform AS m_platform, m.user_id AS m_user_id,
    m.display_name AS m_display_name, m.locale AS m_locale, m.dm_reachable AS m_dm_reachable,
    m.dm_channel AS m_dm_channel
  FROM participants p JOIN members m ON m.id = p.member_id
  WHERE p.mob_id = $1 ORDER BY p.joined_at, p.member_id`;

export function participants(sql: Sql): ParticipantRepository {
  return {
    async getParticipant(mobId, memberId) {
      const r = await sql.one("SELECT * FROM participants WHERE mob_id = $1 AND member_id = $2", [
        mobId,
        memberId,
      ]);
      return orNull(r, toParticipant);
    },
    async setRsvp(mobId, memberId, status, now, pledgeMinor = null, chatId = null) {
      await sql.run(
        `INSERT INTO participants (mob_id, member_id, status, joined_at, pledge_minor, chat_id)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (mob_id, member_id) DO UPDATE SET status = excluded.status,
          pledge_minor = coalesce(excluded.pledge_minor, participants.pledge_minor),
          chat_id = coalesce(participants.chat_id, excluded.chat_id)`,
        [mobId, memberId, status, now, pledgeMinor, chatId],
      );
    },
    async removeParticipant(mobId, memberId) {
      await sql.run("DELETE FROM participants WHERE mob_id = $1 AND member_id = $2", [
        mobId,
        memberId,
      ]);
    },
    async setSpent(mobId, memberId, spentMinor, now) {
      await sql.run(
        `INSERT INTO participants (mob_id, member_id, status, joined_at, spent_minor, spent_at)
        VALUES ($1, $2, 'going', $3, $4, $3)
        ON CONFLICT (mob_id, member_id) DO UPDATE SET spent_minor = $4, spent_at = $3,
          status = 'going'`,
        [mobId, memberId, now, spentMinor],
      );
    },
    async setCheckedIn(mobId, memberId, now) {
      await sql.run(
        `INSERT INTO participants (mob_id, member_id, status, joined_at, checked_in_at)
        VALUES ($1, $2, 'going', $3, $3)
        ON CONFLICT (mob_id, member_id) DO UPDATE SET
          checked_in_at = coalesce(participants.checked_in_at, $3), status = 'going'`,
        [mobId, memberId, now],
      );
    },
    async counts(mobId) {
      const r = await sql.one(
        `SELECT count(*) FILTER (WHERE status = 'going') AS going,
          count(*) FILTER (WHERE status = 'maybe') AS maybe, ${WAITING_COUNT} AS waiting
        FROM participants WHERE mob_id = $1`,
        [mobId],
      );
      return {
        going: r?.going as number,
        maybe: r?.maybe as number,
        waiting: r?.waiting as number,
      } satisfies RsvpCounts;
    },
    async pledged(mobId) {
      const r = await sql.one(
        `SELECT count(*) FILTER (WHERE p.status = 'going') AS going,
          count(*) FILTER (WHERE p.status = 'maybe') AS maybe,
          coalesce(sum(coalesce(p.pledge_minor, m.pledge_minor))
            FILTER (WHERE p.status = 'going'), 0)::bigint AS pledged_minor,
          ${WAITING_COUNT} AS waiting
        FROM mobs m LEFT JOIN participants p ON p.mob_id = m.id WHERE m.id = $1`,
        [mobId],
      );
      return {
        going: r?.going as number,
        maybe: r?.maybe as number,
        waiting: r?.waiting as number,
        pledgedMinor: r?.pledged_minor as number,
      };
    },
    async participants(mobId) {
      const rows = await sql.rows(PARTICIPANTS, [mobId]);
      return rows.map((r) => ({ ...toParticipant(r), member: toMember(r, "m_") }));
    },
  };
}
