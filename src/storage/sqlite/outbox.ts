import type { OutboxRow } from "../../domain/outbox.js";
import type { OutboxRepository } from "../../ports/repositories.js";
import { toOutbox } from "../rows.js";
import type { Sql } from "./sql.js";

const ENQUEUE = `INSERT INTO outbox (key, community_id, subject, subject_id, kind, target, chat_id,
    member_id, batch, payload, due_at, created_at, platform)
  VALUES (@key, @communityId, @subject, @subjectId, @kind, @target, @chatId, @memberId, @batch,
    @payload, @dueAt, @now, CASE WHEN @target = 'dm'
      THEN (SELECT platform FROM members WHERE id = @memberId)
      ELSE (SELECT platform FROM chats WHERE id = @chatId) END)
  ON CONFLICT (key) DO UPDATE SET state = 'pending', due_at = excluded.due_at, attempts = 0,
    settled_at = NULL, last_error = NULL, payload = excluded.payload
  WHERE outbox.state = 'withdrawn'`;
const DUE_PLATFORMS = `SELECT DISTINCT coalesce(platform, '') AS platform FROM outbox
  WHERE state = 'pending' AND due_at <= ?`;
/** Rows whose lease ended (or that have none) go back to pending, to be claimed with the rest. */
const EXPIRE_LEASES = `UPDATE outbox SET state = 'pending', lease_holder = NULL, lease_until = NULL
  WHERE state = 'sending' AND (lease_until IS NULL OR lease_until <= ?)`;
const CLAIM_DUE = `UPDATE outbox SET state = 'sending', lease_holder = @holder, lease_until = @until
  WHERE id IN (
    SELECT id FROM outbox WHERE state = 'pending' AND platform IS @platform AND due_at <= @now
    ORDER BY due_at, id LIMIT @limit)
  RETURNING *`;
const CLAIM_BATCH = `UPDATE outbox SET state = 'sending', lease_holder = @holder, lease_until = @until
  WHERE id IN (SELECT id FROM outbox WHERE batch = @batch AND state = 'pending'
    ORDER BY id LIMIT @limit)
  RETURNING *`;
const RENEW = "UPDATE outbox SET lease_until = ? WHERE state = 'sending' AND lease_holder = ?";
const RELEASE = `UPDATE outbox SET state = 'pending', lease_holder = NULL, lease_until = NULL
  WHERE state = 'sending' AND lease_holder = ?`;
/** An outcome write's fence: the row is `@holder`'s or nobody's (no holder given: no fence). */
const FENCE = "id = @id AND (@holder IS NULL OR lease_holder IS NULL OR lease_holder = @holder)";
const MARK_SENT = `UPDATE outbox SET state = 'sent', ref = @ref, settled_at = @now, last_error = NULL
  WHERE ${FENCE}`;
const RETRY_AT = `UPDATE outbox SET state = 'pending', due_at = @dueAt, last_error = @error,
  attempts = attempts + @count WHERE ${FENCE}`;
const SETTLE = `UPDATE outbox SET state = @state, last_error = @error, settled_at = @now
  WHERE ${FENCE}`;
const WITHDRAW_ALL = `UPDATE outbox SET state = 'withdrawn', settled_at = ?
  WHERE subject = ? AND subject_id = ? AND state = 'pending'`;
const WITHDRAW_KIND = `UPDATE outbox SET state = 'withdrawn', settled_at = ?
  WHERE subject = ? AND subject_id = ? AND kind = ? AND state = 'pending'`;
const REQUEUE = `UPDATE outbox SET state = 'pending', lease_holder = NULL, lease_until = NULL
  WHERE state = 'sending'`;
/** A lease that ends is due too: its row is claimable again then. */
const NEXT_DUE = `SELECT min(at) AS due FROM (
    SELECT min(due_at) AS at FROM outbox WHERE state = 'pending'
      AND (platform IS NULL OR platform NOT IN (SELECT value FROM json_each(@without)))
    UNION ALL SELECT min(coalesce(lease_until, 0)) FROM outbox WHERE state = 'sending')`;
const PRUNE = `DELETE FROM outbox WHERE state IN ('sent', 'failed', 'skipped', 'withdrawn')
  AND settled_at < ?`;
const PENDING_COUNT = "SELECT count(*) AS n FROM outbox WHERE state = 'pending'";
const OLDEST_DUE = "SELECT min(due_at) AS at FROM outbox WHERE state = 'pending' AND due_at <= ?";

export function outbox(sql: Sql): OutboxRepository {
  return {
    async enqueue(rows, now) {
      let added = 0;
      for (const row of rows) {
        added += sql.run(ENQUEUE, {
          key: row.key,
          communityId: row.communityId,
          subject: row.subject,
          subjectId: row.subjectId,
          kind: row.kind,
          target: row.target,
          chatId: row.chatId ?? null,
          memberId: row.memberId ?? null,
          batch: row.batch ?? null,
          payload: JSON.stringify(row.payload ?? {}),
          dueAt: row.dueAt,
          now,
        });
      }
      return added;
    },
    async claimDue(now, limit, busy, lease, caps) {
      sql.run(EXPIRE_LEASES, now);
      const claimed: OutboxRow[] = [];
      for (const { platform } of sql.rows(DUE_PLATFORMS, now)) {
        const name = platform as string;
        const free = Math.min(limit - (busy.get(name) ?? 0), caps?.get(name) ?? limit);
        if (free <= 0) continue;
        const rows = sql.rows(CLAIM_DUE, {
          platform: platform === "" ? null : platform,
          now,
          limit: free,
          holder: lease.holder,
          until: lease.until,
        });
        for (const r of rows) claimed.push(toOutbox(r));
      }
      return claimed.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
    },
    async claimBatch(batch, limit, lease) {
      return sql
        .rows(CLAIM_BATCH, { batch, limit, holder: lease.holder, until: lease.until })
        .map(toOutbox);
    },
    async renewLeases(holder, until) {
      return sql.run(RENEW, until, holder);
    },
    async releaseLeases(holder) {
      return sql.run(RELEASE, holder);
    },
    async markSent(id, ref, now, holder) {
      return sql.run(MARK_SENT, { id, ref, now, holder: holder ?? null }) > 0;
    },
    async retryAt(id, dueAt, error, countAttempt, holder) {
      return (
        sql.run(RETRY_AT, {
          id,
          dueAt,
          error,
          count: countAttempt ? 1 : 0,
          holder: holder ?? null,
        }) > 0
      );
    },
    async settle(id, state, error, now, holder) {
      return sql.run(SETTLE, { id, state, error, now, holder: holder ?? null }) > 0;
    },
    async withdrawPending(subject, subjectId, now, kinds) {
      if (!kinds) return sql.run(WITHDRAW_ALL, now, subject, subjectId);
      let n = 0;
      for (const kind of kinds) n += sql.run(WITHDRAW_KIND, now, subject, subjectId, kind);
      return n;
    },
    async requeueInFlight() {
      return sql.run(REQUEUE);
    },
    async nextDueAt(without = []) {
      const due = sql.one(NEXT_DUE, { without: JSON.stringify(without) })?.due;
      return (due as number | null | undefined) ?? null;
    },
    async pruneSettled(before) {
      return sql.run(PRUNE, before);
    },
    async backlog(now) {
      return {
        pending: sql.one(PENDING_COUNT)?.n as number,
        oldestDueAt: (sql.one(OLDEST_DUE, now)?.at as number | null | undefined) ?? null,
      };
    },
  };
}
