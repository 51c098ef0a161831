import type { CoordinationRepository, PlatformState } from "../../ports/repositories.js";
import type { Row } from "../rows.js";
import type { Sql } from "./sql.js";

/** Taken where free, ended, or already the holder's; a lease held by another is left alone. */
const TAKE = `INSERT INTO leases (name, holder, until) SELECT n, $2, $3::bigint FROM unnest($1::text[]) n
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
  WHERE leases.holder = excluded.holder OR leases.until <= $4::bigint`;

/**
 * A probe (begun after the pause ended) doubles the back-off; a send begun before it (in flight
 * as the platform went down) leaves it; a pause for a 429 becomes an outage's first back-off.
 */
const FAILED = `INSERT INTO platform_state AS s (platform, paused_until, backoff_ms, down_since)
  VALUES ($1, $3::bigint + 1000, 1000, $3::bigint)
  ON CONFLICT (platform) DO UPDATE SET
    backoff_ms = CASE WHEN s.backoff_ms = 0 THEN 1000
      WHEN $2::bigint >= s.paused_until THEN least($4::bigint, s.backoff_ms * 2)
      ELSE s.backoff_ms END,
    paused_until = greatest(s.paused_until, $3::bigint + CASE WHEN s.backoff_ms = 0 THEN 1000
      WHEN $2::bigint >= s.paused_until THEN least($4::bigint, s.backoff_ms * 2)
      ELSE s.backoff_ms END),
    down_since = coalesce(s.down_since, $3::bigint)
  RETURNING platform, paused_until, backoff_ms`;

/** The rows that backed off while the platform was down are due now (not a poison row's). */
const BACKLOG_DUE = `UPDATE outbox SET due_at = $2::bigint
  WHERE state = 'pending' AND platform = $1 AND due_at > $2::bigint AND attempts BETWEEN 1 AND $3
    AND last_error LIKE 'transient%'`;

const toState = (r: Row): PlatformState => ({
  platform: r.platform as string,
  pausedUntil: Number(r.paused_until),
  backoffMs: Number(r.backoff_ms),
});

export function coordination(sql: Sql): CoordinationRepository {
  return {
    async takeLeases(names, holder, until, now) {
      if (names.length === 0) return [];
      await sql.run(TAKE, [[...names], holder, until, now]);
      const rows = await sql.rows(
        "SELECT name, holder, until FROM leases WHERE name = ANY($1::text[])",
        [[...names]],
      );
      return rows.map((r) => ({
        name: r.name as string,
        holder: r.holder as string,
        until: Number(r.until),
      }));
    },
    async giveUpLeases(holder, names) {
      const n = await sql.run(
        "DELETE FROM leases WHERE holder = $1 AND ($2::text[] IS NULL OR name = ANY($2::text[]))",
        [holder, names ? [...names] : null],
      );
      // The others take over now rather than when the lease would have ended.
      if (n > 0) await sql.run("SELECT pg_notify('cashmob_outbox', '')");
      return n;
    },
    async platformStates() {
      return (await sql.rows("SELECT platform, paused_until, backoff_ms FROM platform_state")).map(
        toState,
      );
    },
    async pausePlatform(platform, until) {
      await sql.run(
        `INSERT INTO platform_state AS s (platform, paused_until) VALUES ($1, $2::bigint)
        ON CONFLICT (platform) DO UPDATE SET paused_until = greatest(s.paused_until, $2::bigint)`,
        [platform, until],
      );
    },
    async platformFailed(platform, startedAt, now, maxBackoffMs) {
      const r = await sql.one(FAILED, [platform, startedAt, now, maxBackoffMs]);
      if (!r) throw new Error(`no state for ${platform}`);
      return toState(r);
    },
    async platformBack(platform, now, maxAttempts) {
      const was = await sql.run(
        "DELETE FROM platform_state WHERE platform = $1 AND backoff_ms > 0",
        [platform],
      );
      if (was === 0) return false;
      await sql.run(BACKLOG_DUE, [platform, now, maxAttempts]);
      return true;
    },
  };
}
