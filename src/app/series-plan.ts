/**
 * How a series moves from one occurrence to the next, through the outbox: one
 * `series_open` transition row per occurrence, keyed by the series and the
 * occurrence's start, so a restart or a crash neither skips nor doubles one.
 */
import { outboxKey } from "../domain/codecs/outbox-key.js";
import { occurrenceAfter, type Series, voteOpensAt } from "../domain/series.js";
import { ConcurrentChange } from "../ports/storage-errors.js";
import type { Tx } from "../ports/unit-of-work.js";

/** Why the organizers are told privately that an occurrence has no shop yet. */
export type NoShopReason = "empty_queue" | "no_votes" | "too_late";

const about = (series: Series) => ({
  communityId: series.communityId,
  subject: "series" as const,
  subjectId: series.id,
});

/**
 * The occurrence at `at` gets its vote when due (`voteLeadMs` before it, or
 * now); `attempt` (a due time) when the vote waits for another to close first.
 */
export async function planOccurrence(
  tx: Tx,
  series: Series,
  at: number,
  now: number,
  attempt?: number,
): Promise<void> {
  await tx.enqueue(
    [
      {
        ...about(series),
        key: outboxKey.series(series.id, at, "open", attempt),
        kind: "series_open",
        target: "community",
        dueAt: attempt ?? voteOpensAt(series, at, now),
        payload: { at },
      },
    ],
    now,
  );
}

/** The series' creator hears privately that the occurrence at `at` has no shop. */
export async function tellNoShop(
  tx: Tx,
  series: Series,
  at: number,
  reason: NoShopReason,
  now: number,
): Promise<void> {
  await tx.enqueue(
    [
      {
        ...about(series),
        key: outboxKey.series(series.id, at, "no_shop"),
        kind: "series_no_shop",
        target: "dm",
        memberId: series.createdBy,
        dueAt: now,
        payload: { at, reason },
      },
    ],
    now,
  );
}

/**
 * The occurrence at `at` is decided (its mob made, skipped, or missed): the
 * series moves to the following one and plans it. Returns that occurrence's
 * start. A series another unit moved meanwhile throws `ConcurrentChange`.
 */
export async function moveOn(tx: Tx, series: Series, at: number, now: number): Promise<number> {
  const community = await tx.getCommunity(series.communityId);
  const next = occurrenceAfter(series, at, now, community?.timezone ?? "UTC");
  if (!(await tx.advanceSeries(series.id, at, next)))
    throw new ConcurrentChange(`series ${series.id}`);
  await tx.withdrawPending("series", series.id, now, ["series_open"]);
  await planOccurrence(tx, { ...series, nextAt: next }, next, now);
  return next;
}
