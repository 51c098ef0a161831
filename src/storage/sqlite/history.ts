import type { HistoryRepository } from "../../ports/repositories.js";
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
      return sql.rows(LATEST, { communityId, now, limit }).map((r) => ({
        mobId: r.mob_id as number,
        shopName: r.shop_name as string,
        startsAt: r.starts_at as number,
        currency: r.currency as string,
        mobbers: r.mobbers as number,
        totalMinor: r.total_minor as number,
      }));
    },
    async pastTotals(communityId, now) {
      const rows = sql.rows(TOTALS, { communityId, now });
      return {
        mobs: rows.reduce((n, r) => n + (r.mobs as number), 0),
        mobbers: rows.reduce((n, r) => n + (r.mobbers as number), 0),
        spent: rows.map((r) => ({
          currency: r.currency as string,
          totalMinor: r.total_minor as number,
        })),
      };
    },
  };
}
