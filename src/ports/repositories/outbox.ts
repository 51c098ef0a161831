// The outbox, as the dispatcher and the use cases write and ask it.
import type { NewOutboxRow, OutboxRow, OutboxSubject, RowScope } from "../../domain/outbox.js";

/**
 * Who holds the rows a claim marks `sending` (a replica id: one per process) and until when
 * (epoch ms). A row whose lease has ended is anyone's again: the next claim puts it back in
 * the queue, so the rows of a process that died go out again without a start-up requeue.
 */
export interface Lease {
  readonly holder: string;
  readonly until: number;
}

/** The outbox as the dispatcher and the use cases write it: rows in, claimed, settled. */
export interface OutboxRepository {
  /**
   * Inserts rows whose key is new; a known key is left as it is, except a
   * withdrawn row, which comes back (a mob moved back to its old time).
   * Returns how many rows were added or revived.
   */
  enqueue(rows: readonly NewOutboxRow[], now: number): Promise<number>;
  /**
   * Marks due rows `sending` and returns them, oldest due first: up to `limit`
   * per platform less what `busy` says is already in flight on it (key: the
   * platform, "" for community rows), so a slow platform never holds back another. The
   * rows are held under `lease`; rows whose lease ended by `now` (their holder died, or
   * written before leases) go back to pending first, and are claimable with the rest.
   * A platform `caps` names is claimed at most as many rows as it says (a paused platform, or
   * one another replica sends to, 0; a probe 1).
   */
  claimDue(
    now: number,
    limit: number,
    busy: ReadonlyMap<string, number>,
    lease: Lease,
    caps?: ReadonlyMap<string, number>,
  ): Promise<OutboxRow[]>;
  /** Claims the pending rows of a batch (whatever their due time), held under `lease`. */
  claimBatch(batch: string, limit: number, lease: Lease): Promise<OutboxRow[]>;
  /** Extends the lease of every row `holder` holds (a send of its is still in flight). */
  renewLeases(holder: string, until: number): Promise<number>;
  /** The rows `holder` holds go back to pending (a graceful stop hands them back). */
  releaseLeases(holder: string): Promise<number>;
  /**
   * The outcome writes below take `holder`, a fence: given, they change the row only while
   * `holder` holds it or nobody does (a replica that outlived its lease, frozen or cut off,
   * records nothing over the row's new holder). True when the row was changed.
   */
  markSent(id: number, ref: string | null, now: number, holder?: string): Promise<boolean>;
  /** Back to pending at `dueAt`; counts an attempt when `countAttempt`. */
  retryAt(
    id: number,
    dueAt: number,
    error: string,
    countAttempt: boolean,
    holder?: string,
  ): Promise<boolean>;
  settle(
    id: number,
    state: "failed" | "skipped" | "withdrawn",
    error: string | null,
    now: number,
    holder?: string,
  ): Promise<boolean>;
  /** Withdraws a subject's pending rows of these kinds (all kinds when omitted). */
  withdrawPending(
    subject: OutboxSubject,
    subjectId: number,
    now: number,
    kinds?: readonly string[],
  ): Promise<number>;
  /**
   * After a crash, on an engine only one process uses (SQLite): every row left `sending` goes
   * back to pending, to be sent again, whatever its lease.
   */
  requeueInFlight(): Promise<number>;
  /**
   * When the next row is due (or a lease ends), leaving out the rows on the platforms
   * `without` names (paused, or sent to by another replica: their wake-up is known otherwise).
   */
  nextDueAt(without?: readonly string[]): Promise<number | null>;
  /** Deletes settled rows older than `before`; returns how many. */
  pruneSettled(before: number): Promise<number>;
  /** Rows waiting to be sent, and the due time of the oldest one that is due (for metrics). */
  backlog(now: number): Promise<{ readonly pending: number; readonly oldestDueAt: number | null }>;
}

/** What the outbox holds for a subject: asked by the use cases (edits, catch-up, coalescing). */
export interface OutboxQueries {
  /** The platform reference of the newest sent row in this scope. */
  sentRef(scope: RowScope): Promise<string | null>;
  hasPending(scope: RowScope): Promise<boolean>;
  /** A row in this scope is waiting or being sent. */
  hasUnsettled(scope: RowScope): Promise<boolean>;
  /** A row in this scope exists in any state but withdrawn (it went, goes, or gave up). */
  hasAny(scope: RowScope): Promise<boolean>;
  /** When the last row in this scope was claimed or settled (for edit coalescing). */
  lastActivityAt(scope: RowScope): Promise<number | null>;
  rowsFor(subject: OutboxSubject, subjectId: number): Promise<OutboxRow[]>;
}
