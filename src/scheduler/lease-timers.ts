import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { UnitOfWork } from "../ports/unit-of-work.js";
import type { PlatformGate } from "./platform-gate.js";

/** What the renewals need of the scheduler: storage, its clock and log, and who it is. */
export interface RenewalDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly replica: string;
}

/**
 * Renews every outbox row lease this replica holds, every `everyMs` (real time) while
 * something is in flight: to the clock's now plus `leaseMs`, all at once.
 */
export class RowLeaseRenewal {
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: RenewalDeps,
    private readonly leaseMs: number,
    private readonly everyMs: number,
  ) {}

  start(): void {
    if (this.#timer) return;
    const { uow, clock, logger, replica } = this.deps;
    this.#timer = setInterval(() => {
      const until = clock.now() + this.leaseMs;
      uow
        .run((tx) => tx.renewLeases(replica, until))
        .catch((err: unknown) => logger.warn({ err }, "renewing the outbox leases failed"));
    }, this.everyMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/**
 * With exclusive senders, the sender leases are renewed (or taken over from a replica that
 * died) four times a lease, sending or not; `onTaken` hears when this replica newly sends to a
 * platform (the loop should look at once). Returns the function that stops it.
 */
export function renewSenders(
  deps: RenewalDeps,
  gate: PlatformGate,
  platforms: () => readonly string[],
  onTaken: () => void,
): () => void {
  const { uow, clock, logger } = deps;
  let failing = false;
  const timer = setInterval(() => {
    const before = new Set(gate.sending());
    uow
      .run((tx) => gate.takeSenders(tx, platforms(), clock.now()))
      .then(() => {
        failing = false;
        if (gate.sending().some((p) => !before.has(p))) onTaken();
      })
      .catch((err: unknown) => {
        if (!failing)
          logger.warn({ err }, "renewing the sender leases failed; sending stops before they end");
        failing = true;
      });
  }, gate.leaseMs / 4);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * A stop: waits for the sends in flight (at most `graceMs`); when they are not all done by then,
 * hands this replica's rows back (pending again, for the next process at once).
 */
export async function settleOrHandBack(
  deps: RenewalDeps,
  inFlight: ReadonlySet<Promise<void>>,
  graceMs: number,
  rowLeases: RowLeaseRenewal,
): Promise<void> {
  if (inFlight.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = await Promise.race([
    Promise.allSettled([...inFlight]).then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (!gaveUp) return;
  rowLeases.stop();
  const { uow, logger, replica } = deps;
  try {
    const n = await uow.run((tx) => tx.releaseLeases(replica));
    logger.warn(
      { rows: n, replica },
      "stopping with posts still in flight: their rows go back to the queue",
    );
  } catch (err) {
    logger.error({ err }, "handing the rows in flight back failed; their leases will end");
  }
}
