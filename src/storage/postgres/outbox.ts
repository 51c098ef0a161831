import type { NewOutboxRow, OutboxRow } from "../../domain/outbox.js";
import type { OutboxRepository } from "../../ports/repositories.js";
import { toOutbox } from "../rows.js";
import type { Sql } from "./sql.js";

/**
 * New rows in one statement, in the order given; a known key is left alone unless it was
 * withdrawn, which comes back pending. The platform is the member's for a DM, else the chat's.
 */
const ENQUEUE = `INSERT INTO outbox (key, community_id, subject, subject_id, kind, target, chat_id,
    member_id, batch, payload, due_at, created_at, platform)
  SELECT t.key, t.community_id, t.subject, t.subject_id, t.kind, t.target, t.chat_id, t.member_id,
    t.batch, t.payload, t.due_at, $12, CASE WHEN t.target = 'dm'
      THEN (SELECT platform FROM members WHERE id = t.member_id)
      ELSE (SELECT platform FROM chats WHERE id = t.chat_id) END
  FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[],
    $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::bigint[])
    WITH ORDINALITY AS t(key, community_id, subject, subject_id, kind, target, chat_id, member_id,
      batch, payload, due_at, i)
  ORDER BY t.i
  ON CONFLICT (key) DO UPDATE SET state = 'pending', due_at = excluded.due_at, attempts = 0,
    settled_at = NULL, last_error = NULL, payload = excluded.payload
  WHERE outbox.state = 'withdrawn'`;

/** An outcome write's fence ($1 the row, $2 the holder): the row is $2's or nobody's ($2 null: no fence). */
const FENCE = "id = $1 AND ($2::text IS NULL OR lease_holder IS NULL OR lease_holder = $2)";

/**
 * Due rows, up to a limit per platform (less what is in flight there; "" stands for community
 * rows, which have none), oldest due first. SKIP LOCKED: another process claiming at the same
 * time takes other rows, and a row it claimed and committed fails the recheck here.
 */
const CLAIM_DUE = `WITH busy AS (
    SELECT * FROM unnest($3::text[], $4::int[]) AS b(platform, n)),
  caps AS (SELECT * FROM unnest($7::text[], $8::int[]) AS o(platform, cap)),
  on_platforms AS MATERIALIZED (
    SELECT c.id FROM (SELECT DISTINCT platform FROM outbox
        WHERE state = 'pending' AND due_at <= $1 AND platform IS NOT NULL) ps
      CROSS JOIN LATERAL (SELECT id FROM outbox
        WHERE state = 'pending' AND platform = ps.platform AND due_at <= $1
        ORDER BY due_at, id
        LIMIT greatest(0, least(
          $2 - coalesce((SELECT n FROM busy WHERE busy.platform = ps.platform), 0),
          coalesce((SELECT cap FROM caps WHERE caps.platform = ps.platform), $2)))
        FOR UPDATE SKIP LOCKED) c),
  to_community AS MATERIALIZED (
    SELECT id FROM outbox WHERE state = 'pending' AND platform IS NULL AND due_at <= $1
    ORDER BY due_at, id
    LIMIT greatest(0, $2 - coalesce((SELECT n FROM busy WHERE busy.platform = ''), 0))
    FOR UPDATE SKIP LOCKED)
  UPDATE outbox o SET state = 'sending', lease_holder = $5, lease_until = $6
  FROM (SELECT id FROM on_platforms UNION ALL SELECT id FROM to_community) picked
  WHERE o.id = picked.id AND o.state = 'pending'
  RETURNING o.*`;

/**
 * Rows whose lease ended (their holder died, or they were claimed before leases) go back to
 * pending, to be claimed with the rest. A row locked now is being settled or taken back by
 * another unit: skipped, not waited for.
 */
const EXPIRE_LEASES = `UPDATE outbox SET state = 'pending', lease_holder = NULL, lease_until = NULL
  WHERE id IN (SELECT id FROM outbox
    WHERE state = 'sending' AND (lease_until IS NULL OR lease_until <= $1)
    FOR UPDATE SKIP LOCKED)`;

const byDue = (a: OutboxRow, b: OutboxRow) => a.dueAt - b.dueAt || a.id - b.id;

/** The first of each key: a key twice in one call is one row, as row-by-row inserts make it. */
function firstOfEachKey(rows: readonly NewOutboxRow[]): NewOutboxRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.key) && seen.add(r.key));
}

export function outbox(sql: Sql): OutboxRepository {
  return {
    async enqueue(rows, now) {
      const unique = firstOfEachKey(rows);
      if (unique.length === 0) return 0;
      const column = <T>(f: (r: NewOutboxRow) => T) => unique.map(f);
      return sql.run(ENQUEUE, [
        column((r) => r.key),
        column((r) => r.communityId),
        column((r) => r.subject),
        column((r) => r.subjectId),
        column((r) => r.kind),
        column((r) => r.target),
        column((r) => r.chatId ?? null),
        column((r) => r.memberId ?? null),
        column((r) => r.batch ?? null),
        column((r) => JSON.stringify(r.payload ?? {})),
        column((r) => r.dueAt),
        now,
      ]);
    },
    async claimDue(now, limit, busy, lease, caps = new Map()) {
      await sql.run(EXPIRE_LEASES, [now]);
      const rows = await sql.rows(CLAIM_DUE, [
        now,
        limit,
        [...busy.keys()],
        [...busy.values()],
        lease.holder,
        lease.until,
        [...caps.keys()],
        [...caps.values()],
      ]);
      return rows.map(toOutbox).sort(byDue);
    },
    async claimBatch(batch, limit, lease) {
      const rows = await sql.rows(
        // MATERIALIZED: the locked rows are picked once (a subquery in `IN` may run again).
        `WITH picked AS MATERIALIZED (
          SELECT id FROM outbox WHERE batch = $1 AND state = 'pending' ORDER BY id LIMIT $2
          FOR UPDATE SKIP LOCKED)
        UPDATE outbox o SET state = 'sending', lease_holder = $3, lease_until = $4
        FROM picked WHERE o.id = picked.id AND o.state = 'pending'
        RETURNING o.*`,
        [batch, limit, lease.holder, lease.until],
      );
      return rows.map(toOutbox).sort((a, b) => a.id - b.id);
    },
    async markSent(id, ref, now, holder) {
      const n = await sql.run(
        `UPDATE outbox SET state = 'sent', ref = $3, settled_at = $4, last_error = NULL
        WHERE ${FENCE}`,
        [id, holder ?? null, ref, now],
      );
      return n > 0;
    },
    async retryAt(id, dueAt, error, countAttempt, holder) {
      const n = await sql.run(
        `UPDATE outbox SET state = 'pending', due_at = $3, last_error = $4, attempts = attempts + $5
        WHERE ${FENCE}`,
        [id, holder ?? null, dueAt, error, countAttempt ? 1 : 0],
      );
      return n > 0;
    },
    async settle(id, state, error, now, holder) {
      const n = await sql.run(
        `UPDATE outbox SET state = $3, last_error = $4, settled_at = $5 WHERE ${FENCE}`,
        [id, holder ?? null, state, error, now],
      );
      return n > 0;
    },
    withdrawPending(subject, subjectId, now, kinds) {
      return sql.run(
        `UPDATE outbox SET state = 'withdrawn', settled_at = $1
        WHERE subject = $2 AND subject_id = $3 AND state = 'pending'
          AND ($4::text[] IS NULL OR kind = ANY($4::text[]))`,
        [now, subject, subjectId, kinds ? [...kinds] : null],
      );
    },
    renewLeases(holder, until) {
      return sql.run(
        "UPDATE outbox SET lease_until = $2 WHERE state = 'sending' AND lease_holder = $1",
        [holder, until],
      );
    },
    async releaseLeases(holder) {
      const n = await sql.run(
        `UPDATE outbox SET state = 'pending', lease_holder = NULL, lease_until = NULL
        WHERE state = 'sending' AND lease_holder = $1`,
        [holder],
      );
      // Another replica sends them now rather than when it next looks.
      if (n > 0) await sql.run("SELECT pg_notify('cashmob_outbox', '')");
      return n;
    },
    requeueInFlight() {
      return sql.run(
        `UPDATE outbox SET state = 'pending', lease_holder = NULL, lease_until = NULL
        WHERE state = 'sending'`,
      );
    },
    async nextDueAt(without = []) {
      // A lease that ends is due too: its row is claimable again then.
      const r = await sql.one(
        `SELECT least((SELECT min(due_at) FROM outbox WHERE state = 'pending'
            AND (platform IS NULL OR NOT platform = ANY($1::text[]))),
          (SELECT min(coalesce(lease_until, 0)) FROM outbox WHERE state = 'sending')) AS due`,
        [[...without]],
      );
      return (r?.due as number | null | undefined) ?? null;
    },
    pruneSettled(before) {
      return sql.run(
        `DELETE FROM outbox WHERE state IN ('sent', 'failed', 'skipped', 'withdrawn')
          AND settled_at < $1`,
        [before],
      );
    },
    async backlog(now) {
      const r = await sql.one(
        `SELECT count(*) AS pending, min(due_at) FILTER (WHERE due_at <= $1) AS oldest
        FROM outbox WHERE state = 'pending'`,
        [now],
      );
      return {
        pending: r?.pending as number,
        oldestDueAt: (r?.oldest as number | null | undefined) ?? null,
      };
    },
  };
}
