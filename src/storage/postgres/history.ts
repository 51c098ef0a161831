import type { HistoryRepository } from "../../ports/repositories.js";
import { toPastMob, toPastTotals } from "../rows.js";
import type { Sql } from "./sql.js";

/** Per mob that happened: mobbers and total as computeTally counts them. */
const PAST_MOBS = `SELECT m.id AS mob_id, s.name AS shop_name, m.starts_at, m.currency,
    count(*) FILTER (WHERE p.spent_minor IS NOT NULL OR p.checked_in_at IS NOT NULL) AS mobbers,
    coalesce(sum(p.spent_minor), 0)::bigint AS total_minor
  FROM mobs m JOIN shops s ON s.id = m.shop_id LEFT JOIN participants p ON p.mob_id = m.id
  WHERE m.community_id = $1 AND m.status IN ('announced', 'tallied')
    AND m.starts_at + m.duration_ms <= $2
  GROUP BY m.id, s.name`;

export function history(sql: Sql): HistoryRepository {
  return {
    async pastMobs(communityId, now, limit) {
      const rows = await sql.rows(`${PAST_MOBS} ORDER BY m.starts_at DESC, m.id DESC LIMIT $3`, [
        communityId,
        now,
        limit,
      ]);
      return rows.map(toPastMob);
    },
    async pastTotals(communityId, now) {
      const rows = await sql.rows(
        `SELECT currency, count(*) FILTER (WHERE mobbers > 0) AS mobs,
          sum(mobbers)::bigint AS mobbers, sum(total_minor)::bigint AS total_minor
        FROM (${PAST_MOBS}) t GROUP BY currency ORDER BY total_minor DESC, currency`,
        [communityId, now],
      );
      return toPastTotals(rows);
    },
  };
}
