import type { HistoryRepository } from "../../ports/repositories.js";
import { toPastMob, toPastTotals } from "../rows.js";
import type { Sql } from "./sql.js";

/** Per mob that happened: mobbers and total as computeTally counts them. */
const PAST_MOBS = `SELECT m.id AS mob_id, s.name AS shop_name, m.starts_at, m.currency,
    coalesce(sum(p.spent_minor IS NOT NULL OR p.checked_in_at IS NOT NULL), 0) AS mobbers,
    coalesce(sum(p.spent_minor), 0) AS total_minor
  FROM mobs m JOIN shops s ON s.id = m.shop_id LEFT JOIN participants p ON p.mob_id = m.id
  WHERE m.community_id = @communityId AND m.status IN ('announced', 'tallied')
    AND m.starts_at + m.duration_ms <= @now
  GROUP BY m.id`;
const LATEST = `${PAST_MOBS} ORDER BY m.starts_at DESC, m.id DESC LIMIT @limit`;
const TOTALS = `SELECT currency, coalesce(sum(mobbers > 0), 0) AS mobs, sum(mobbers) AS mobbers,
    sum(total_minor) AS total_minor
  FROM (${PAST_MOBS}) GROUP BY currency ORDER BY total_minor DESC, currency`;

export function history(sql: Sql): HistoryRepository {
  return {
    async pastMobs(communityId, now, limit) {
      return sql.rows(LATEST, { communityId, now, limit }).map(toPastMob);
    },
    async pastTotals(communityId, now) {
      const rows = sql.rows(TOTALS, { communityId, now });
      return toPastTotals(rows);
    },
  };
}
