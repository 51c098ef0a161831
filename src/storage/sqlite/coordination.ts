import type { CoordinationRepository, PlatformState } from "../../ports/repositories.js";
import type { Row } from "../rows.js";
import type { Sql } from "./sql.js";

const TAKE = `INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
  WHERE leases.holder = excluded.holder OR leases.until <= ?`;
const LEASE = "SELECT name, holder, until FROM leases WHERE name = ?";
const GIVE_UP_ALL = "DELETE FROM leases WHERE holder = ?";
const GIVE_UP = "DELETE FROM leases WHERE holder = ? AND name = ?";
const STATES = "SELECT platform, paused_until, backoff_ms FROM platform_state";
const PAUSE = `INSERT INTO platform_state (platform, paused_until) VALUES (?, ?)
  ON CONFLICT (platform) DO UPDATE SET paused_until = max(paused_until, excluded.paused_until)`;
/** As PostgreSQL's: a probe doubles the back-off, a send begun before the pause ended leaves it. */
const FAILED = `INSERT INTO platform_state (platform, paused_until, backoff_ms, down_since)
  VALUES (@platform, @now + 1000, 1000, @now)
  ON CONFLICT (platform) DO UPDATE SET
    backoff_ms = CASE WHEN backoff_ms = 0 THEN 1000
      WHEN @startedAt >= paused_until THEN min(@max, backoff_ms * 2) ELSE backoff_ms END,
    paused_until = max(paused_until, @now + CASE WHEN backoff_ms = 0 THEN 1000
      WHEN @startedAt >= paused_until THEN min(@max, backoff_ms * 2) ELSE backoff_ms END),
    down_since = coalesce(down_since, @now)
  RETURNING platform, paused_until, backoff_ms`;
const BACK = "DELETE FROM platform_state WHERE platform = ? AND backoff_ms > 0";
const BACKLOG_DUE = `UPDATE outbox SET due_at = @now
  WHERE state = 'pending' AND platform = @platform AND due_at > @now
    AND attempts BETWEEN 1 AND @maxAttempts AND last_error LIKE 'transient%'`;

const toState = (r: Row): PlatformState => ({
  platform: r.platform as string,
  pausedUntil: r.paused_until as number,
  backoffMs: r.backoff_ms as number,
});

export function coordination(sql: Sql): CoordinationRepository {
  return {
    async takeLeases(names, holder, until, now) {
      return names.map((name) => {
        sql.run(TAKE, name, holder, until, now);
        const r = sql.one(LEASE, name) as Row;
        return { name, holder: r.holder as string, until: r.until as number };
      });
    },
    async giveUpLeases(holder, names) {
      if (!names) return sql.run(GIVE_UP_ALL, holder);
      let n = 0;
      for (const name of names) n += sql.run(GIVE_UP, holder, name);
      return n;
    },
    async platformStates() {
      return sql.rows(STATES).map(toState);
    },
    async pausePlatform(platform, until) {
      sql.run(PAUSE, platform, until);
    },
    async platformFailed(platform, startedAt, now, maxBackoffMs) {
      const r = sql.one(FAILED, { platform, startedAt, now, max: maxBackoffMs });
      if (!r) throw new Error(`no state for ${platform}`);
      return toState(r);
    },
    async platformBack(platform, now, maxAttempts) {
      if (sql.run(BACK, platform) === 0) return false;
      sql.run(BACKLOG_DUE, { platform, now, maxAttempts });
      return true;
    },
  };
}
