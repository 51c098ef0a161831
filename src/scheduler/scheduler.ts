import type { OutboxRow } from "../domain/outbox.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Lease } from "../ports/repositories.js";
import { fatalStorageFailure } from "../ports/storage-errors.js";
import type { UnitOfWork } from "../ports/unit-of-work.js";
import { RowLeaseRenewal, renewSenders, settleOrHandBack } from "./lease-timers.js";
import { LOOK_AGAIN_MS, Nudge, POKED } from "./nudge.js";
import type { SchedulerOptions } from "./options.js";
import { type GateView, PlatformGate, senderLease } from "./platform-gate.js";
import { newReplicaId } from "./replica.js";

/** How long a claimed row is held without a renewal, and how often a send in flight renews. */
export const LEASE_MS = 30_000;
export const RENEW_EVERY_MS = 10_000;
/** How long stop() waits for posts in flight before it hands their rows back. */
export const STOP_GRACE_MS = 15_000;

/** Least real time between the starts of two passes of the loop. */
export const MIN_PASS_GAP_MS = 20;

export type { SchedulerOptions } from "./options.js";

export interface Deliverer {
  deliver(row: OutboxRow): Promise<void>;
}

/**
 * Sends what is due, then sleeps until the next due row (or a poke). One-off
 * posts are rows, not timers, so nothing is lost across a restart. Each look at
 * the outbox (recovery, claiming, the next due time) is a unit of work of its
 * own; rows are delivered outside it.
 *
 * A claimed row is held under a lease in this replica's name (`replica`) until
 * `now + leaseMs`, renewed every `renewEveryMs` while its send is in flight; a
 * row whose lease ended is anyone's again, so the rows of a process that died
 * go out once its leases end, from whichever process claims next. On SQLite,
 * which one process uses, start() also puts every row left in flight back at
 * once (the last process is surely gone); on PostgreSQL, which several may
 * share, it cannot know that, and waits for the leases to end (at most
 * `leaseMs`). stop() hands back the rows still in flight when it gives up.
 */
export class Scheduler {
  readonly #uow: UnitOfWork;
  readonly #deliverer: Deliverer;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #concurrency: number;
  readonly #maxSleepMs: number;
  readonly #onFatal: ((reason: string, error: unknown) => void) | undefined;
  #running = false;
  #wake: (() => void) | null = null;
  /** A poke came since the last pass began: look again before sleeping. */
  #poked = false;
  #timer: NodeJS.Timeout | null = null;
  #loop: Promise<void> | null = null;
  /** Set while start() recovers, so a second start() does not recover twice. */
  #starting = false;
  /** Counts stop() calls, so a start() still recovering when stopped does not run on. */
  #stops = 0;
  readonly #inFlight = new Set<Promise<void>>();
  /** Pokes for a drain waiting on slow sends. */
  readonly #nudge = new Nudge();
  /** Rows in flight per platform ("" for community rows), so each platform has its own share. */
  readonly #busy = new Map<string, number>();
  readonly #leaseMs: number;
  readonly #renewEveryMs: number;
  readonly #stopGraceMs: number;
  /** Renews this replica's row leases while something is in flight. */
  readonly #rowLeases: RowLeaseRenewal;
  /** Who holds the rows this scheduler claims: one name per process, said in its logs. */
  readonly replica: string;
  readonly gate: PlatformGate;
  readonly #platforms: () => readonly string[];
  /** The platforms as the last claim saw them. */
  #view: GateView = { caps: new Map(), closed: [], opensAt: null };
  /** A shorter longest sleep while other replicas' wake-ups are not heard. */
  #pollMs: number | null = null;
  /** Stops the renewal of the sender leases (exclusive senders), from start() to stop(). */
  #stopSenders: (() => void) | null = null;

  constructor(
    uow: UnitOfWork,
    deliverer: Deliverer,
    clock: Clock,
    logger: Logger,
    options: SchedulerOptions = {},
  ) {
    this.#uow = uow;
    this.#deliverer = deliverer;
    this.#clock = clock;
    this.#logger = logger;
    this.#concurrency = options.concurrency ?? 64;
    this.#maxSleepMs = options.maxSleepMs ?? 60_000;
    this.#onFatal = options.onFatal;
    this.replica = options.replica ?? newReplicaId();
    this.#leaseMs = options.leaseMs ?? LEASE_MS;
    this.#renewEveryMs = options.renewEveryMs ?? RENEW_EVERY_MS;
    this.#stopGraceMs = options.stopGraceMs ?? STOP_GRACE_MS;
    this.#platforms = options.platforms ?? (() => []);
    this.#rowLeases = new RowLeaseRenewal(this.#renewal(), this.#leaseMs, this.#renewEveryMs);
    this.gate =
      options.gate ??
      new PlatformGate({ replica: this.replica, exclusiveSenders: false, clock, logger });
  }

  #renewal() {
    return { uow: this.#uow, clock: this.#clock, logger: this.#logger, replica: this.replica };
  }

  /** What a claim made now holds its rows under. */
  lease(): Lease {
    return { holder: this.replica, until: this.#clock.now() + this.#leaseMs };
  }

  /**
   * On SQLite (one process), puts rows a crash left in flight back in the queue (they will be
   * sent again). On PostgreSQL another live process may hold them: they come back when their
   * lease ends.
   */
  async recover(): Promise<number> {
    if (this.#uow.engine !== "sqlite") {
      this.#logger.info(
        { replica: this.replica, leaseMs: this.#leaseMs },
        "rows left in flight by a stopped process go out again when their lease ends",
      );
      return 0;
    }
    const n = await this.#uow.run((tx) => tx.requeueInFlight());
    if (n > 0)
      this.#logger.warn({ rows: n }, "re-sending posts that were in flight at the last stop");
    return n;
  }

  /** Delivers everything due now, with bounded concurrency; resolves when nothing due is left. */
  async drain(): Promise<void> {
    for (;;) {
      // A unit still running may hold a due row's lock (the claim skips locked rows), so an
      // empty claim is the end only when nothing of ours was in flight as it began.
      const busyAtClaim = this.#inFlight.size;
      const claimedAt = performance.now();
      // This claim sees the rows of every poke so far; a poke from now on is looked at again.
      this.#nudge.claimed();
      const rows =
        this.#running || this.#loop === null
          ? await this.#uow.run(async (tx) => {
              // Pauses, outages and (several replicas) who sends where, as they stand now.
              const view = await this.gate.look(tx, this.#platforms(), this.#busy);
              this.#view = view;
              const { caps } = view;
              return tx.claimDue(
                this.#clock.now(),
                this.#concurrency,
                this.#busy,
                this.lease(),
                caps,
              );
            })
          : [];
      for (const row of rows) {
        const platform = row.platform ?? "";
        this.#busy.set(platform, (this.#busy.get(platform) ?? 0) + 1);
        const p: Promise<void> = this.#deliverer
          .deliver(row)
          .catch((err: unknown) => this.#logger.error({ err, outboxId: row.id }, "deliverer threw"))
          .finally(() => {
            this.#inFlight.delete(p);
            this.#busy.set(platform, (this.#busy.get(platform) ?? 1) - 1);
            if (this.#inFlight.size === 0) this.#rowLeases.stop();
          });
        this.#inFlight.add(p);
      }
      if (this.#inFlight.size > 0) {
        this.#rowLeases.start();
        // A poke (new rows, maybe for a platform that is not the slow one) ends the wait too,
        // at most once per MIN_PASS_GAP_MS, as the loop's passes (a burst's pokes together).
        const woke = await Promise.race([...this.#inFlight, this.#nudge.next(LOOK_AGAIN_MS)]);
        if (woke === POKED) await this.#gapSince(claimedAt);
      } else if (rows.length === 0 && busyAtClaim === 0) return;
    }
  }

  /**
   * Puts rows a crash left in flight back in the queue, then runs the loop on
   * real time until stop(); resolves once the loop runs (rejects when the
   * recovery fails).
   */
  async start(): Promise<void> {
    if (this.#running || this.#starting) return;
    const stops = this.#stops;
    this.#starting = true;
    try {
      await this.recover();
    } finally {
      this.#starting = false;
    }
    if (stops !== this.#stops) return;
    this.#running = true;
    this.#loop = this.#run();
    if (this.gate.exclusive)
      this.#stopSenders = renewSenders(this.#renewal(), this.gate, this.#platforms, () =>
        this.poke(),
      );
  }

  /**
   * Sleeps at most `ms` between looks (null: `maxSleepMs` again): while wake-ups from other
   * replicas cannot be heard, their new rows are found by looking.
   */
  pollEvery(ms: number | null): void {
    this.#pollMs = ms;
    if (ms !== null) this.poke();
  }

  /** New rows may be due sooner than the current sleep: look again. */
  poke(): void {
    this.#poked = true;
    this.#wake?.();
    this.#nudge.poke();
  }

  /**
   * Stops claiming, waits for posts in flight to be recorded (at most `stopGraceMs`), then
   * hands the rows still in flight back: pending again, for the next process to send.
   */
  async stop(): Promise<void> {
    this.#stops += 1;
    this.#running = false;
    this.poke();
    await this.#loop;
    this.#stopSenders?.();
    this.#stopSenders = null;
    await settleOrHandBack(this.#renewal(), this.#inFlight, this.#stopGraceMs, this.#rowLeases);
    if (!this.gate.exclusive) return;
    // The next replica sends at once rather than when the lease would have ended.
    const names = this.#platforms().map(senderLease);
    this.gate.forgetSenders();
    await this.#uow
      .run((tx) => tx.giveUpLeases(this.replica, names))
      .catch((err: unknown) => this.#logger.warn({ err }, "giving the sender leases back failed"));
  }

  /** Waits out what is left of MIN_PASS_GAP_MS since `since` (performance.now()). */
  async #gapSince(since: number): Promise<void> {
    const left = MIN_PASS_GAP_MS - (performance.now() - since);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }

  async #run(): Promise<void> {
    let lastPass = Number.NEGATIVE_INFINITY;
    while (this.#running) {
      // Pokes come with every command: under a burst of presses a pass each would take turns
      // with the presses themselves. Passes are at least MIN_PASS_GAP_MS apart, so a burst's
      // pokes are taken together (a new row waits that long at most).
      await this.#gapSince(lastPass);
      if (!this.#running) break;
      lastPass = performance.now();
      this.#poked = false;
      try {
        await this.drain();
      } catch (err) {
        this.#logger.error({ err }, "scheduler pass failed");
        const fatal = fatalStorageFailure(err);
        if (fatal) {
          this.#running = false;
          this.#onFatal?.(fatal, err);
          break;
        }
      }
      if (!this.#running) break;
      const { closed, opensAt } = this.#view;
      let due: number | null;
      try {
        due = await this.#uow.run((tx) => tx.nextDueAt(closed));
      } catch (err) {
        // The database is away (a restart, a network cut): look again in a second.
        this.#logger.error({ err }, "looking for the next due post failed");
        const fatal = fatalStorageFailure(err);
        if (fatal) {
          this.#running = false;
          this.#onFatal?.(fatal, err);
          break;
        }
        due = this.#clock.now() + 1_000;
      }
      // A poke or a stop while that was read has no sleep to cut short yet.
      if (!this.#running || this.#poked) continue;
      const next = due === null ? opensAt : opensAt === null ? due : Math.min(due, opensAt);
      const longest = Math.min(this.#maxSleepMs, this.#pollMs ?? Number.POSITIVE_INFINITY);
      const delay =
        next === null ? longest : Math.min(longest, Math.max(0, next - this.#clock.now()));
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        this.#timer = setTimeout(resolve, delay);
      });
      if (this.#timer) clearTimeout(this.#timer);
      this.#wake = null;
    }
  }
}
