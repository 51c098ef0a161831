import type { Logger } from "../ports/logger.js";
import type { Tx, UnitOfWork } from "../ports/unit-of-work.js";

/**
 * The unit's repositories with the outbox's outcome writes (markSent, retryAt, settle) fenced
 * by `holder`: they change a row only while this replica holds it or nobody does. A replica
 * that outlived its row lease (frozen, cut off) and comes back records nothing over the row's
 * new holder's send; `onLate` hears of each outcome so dropped.
 */
export function fenced(tx: Tx, holder: string, onLate: (id: number) => void): Tx {
  const applied = (id: number) => (changed: boolean) => {
    if (!changed) onLate(id);
    return changed;
  };
  return {
    ...tx,
    markSent: (id, ref, now) => tx.markSent(id, ref, now, holder).then(applied(id)),
    retryAt: (id, dueAt, error, count) =>
      tx.retryAt(id, dueAt, error, count, holder).then(applied(id)),
    settle: (id, state, error, now) => tx.settle(id, state, error, now, holder).then(applied(id)),
  };
}

/** Units of `uow` whose repositories are fenced by the holder of the moment, late outcomes logged. */
export function fencedUnits(
  uow: UnitOfWork,
  holder: () => string,
  logger: Logger,
): Pick<UnitOfWork, "run"> {
  const late = (outboxId: number) =>
    logger.warn({ outboxId }, "a late outcome for a row another replica holds now was dropped");
  return { run: (fn) => uow.run((tx) => fn(fenced(tx, holder(), late))) };
}
