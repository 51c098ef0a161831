import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { TakeTurns } from "../ports/turns.js";
import type { UnitOfWork } from "../ports/unit-of-work.js";
import { SENDER_LEASE_MS, SENDER_MARGIN_MS, SENDER_RENEW_MS } from "./platform-gate.js";

export interface TurnOptions {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The lease's name, e.g. `poller:telegram`. */
  readonly name: string;
  /** This replica's id. */
  readonly holder: string;
  readonly leaseMs?: number;
  readonly renewEveryMs?: number;
}

/**
 * Turns by lease (table `leases`): every `renewEveryMs` the replica takes or renews the named
 * lease; when it holds it, the job begins; when it no longer does (another took it after it
 * ended, or this replica could not renew and its lease is about to end), the job ends. A
 * replica that dies is replaced once its lease ends; one that stops gives it back at once.
 */
export function turnsByLease(options: TurnOptions): TakeTurns {
  const leaseMs = options.leaseMs ?? SENDER_LEASE_MS;
  const every = options.renewEveryMs ?? SENDER_RENEW_MS;
  const { uow, clock, name, holder } = options;
  const logger = options.logger.child({ lease: name });
  return (turn) => {
    let running = false;
    let stopped = false;
    /** performance.now() when the look that last found the lease ours began. */
    let heldAt: number | null = null;
    let failing = false;
    let busy = false;
    const valid = () =>
      heldAt !== null &&
      performance.now() - heldAt < leaseMs - Math.min(SENDER_MARGIN_MS, leaseMs * 0.3);
    const settle = async () => {
      if (stopped) return;
      if (valid() && !running) {
        running = true;
        logger.info({ holder }, "this replica's turn: starting");
        turn.begin();
      } else if (!valid() && running) {
        running = false;
        logger.info({ holder }, "no longer this replica's turn: stopping");
        await turn.end().catch((err: unknown) => logger.warn({ err }, "ending the turn failed"));
      }
    };
    const look = async () => {
      if (busy || stopped) return;
      busy = true;
      const began = performance.now();
      try {
        const now = clock.now();
        const [lease] = await uow.run((tx) => tx.takeLeases([name], holder, now + leaseMs, now));
        heldAt = lease?.holder === holder ? began : null;
        failing = false;
      } catch (err) {
        if (!failing)
          logger.warn({ err }, "taking the lease failed; the turn ends before the lease does");
        failing = true;
      } finally {
        busy = false;
      }
      await settle();
    };
    const timer = setInterval(() => void look(), every);
    timer.unref();
    void look();
    return {
      mine: () => valid(),
      async stop() {
        stopped = true;
        clearInterval(timer);
        if (running) {
          running = false;
          await turn.end().catch((err: unknown) => logger.warn({ err }, "ending the turn failed"));
        }
        if (heldAt === null) return;
        heldAt = null;
        await uow
          .run((tx) => tx.giveUpLeases(holder, [name]))
          .catch((err: unknown) => logger.warn({ err }, "giving the lease back failed"));
      },
    };
  };
}
