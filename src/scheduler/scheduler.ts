import type { OutboxRow } from "../domain/outbox.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Lease } from "../ports/repositories.js";
import { fatalStorageFailure } from "../ports/storage-errors.js";
import type { UnitOfWork } from "../ports/unit-of-work.js";
import { type GateView, PlatformGate, senderLease } from "./platform-gate.js";
import { newReplicaId } from "./replica.js";

/** How long a claimed row is held without a renewal, and how often a send in flight renews. */
export const LEASE_MS = 30_000;
export const RENEW_EVERY_MS = 10_000;
/** How long stop() waits for posts in flight before it hands their rows back. */
export const STOP_GRACE_MS = 15_000;

/** Least real time between the starts of two passes of the loop. */
export const MIN_PASS_GAP_MS = 20;

/** What the wait in drain() answers when a poke, not a finished send, ended it. */
const POKED = Symbol("poked");

export interface Deliverer {
  deliver(row: OutboxRow): Promise<void>;
}

export interface SchedulerOptions {
  /** Rows in flight at once on each platform; platform adapters pace themselves to their rate limits. */
  readonly concurrency?: number;
  /** Longest sleep between looks at the outbox, in case a wake-up is missed. */
  readonly maxSleepMs?: number;
  /** Storage became unusable while claiming rows: the process must stop. */
  readonly onFatal?: (reason: string, error: unknown) => void;
  /** This process's name on the rows it claims; default: host, pid and a random tail. */
  readonly replica?: string;
  /** How long a claim holds a row (on the injected clock), renewed while it is in flight. */
  readonly leaseMs?: number;
  /** Real-time period of the renewal while a send is in flight. */
  readonly renewEveryMs?: number;
  /**
   * What the replicas agree about each platform (pauses, outages, who sends); one of its own
   * (no exclusive senders) when absent. The dispatcher must be given the same one.
   */
  readonly gate?: PlatformGate;
  /** The platforms attached in this process (their sender leases are taken when exclusive). */
  readonly platforms?: () => readonly string[];
  /** How long stop() waits for sends in flight before handing their rows back. */
  readonly stopGraceMs?: number;
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
  /** A poke came since drain()'s last claim began. */
  #pokedSinceClaim = false;
  /** Resolved by the next poke: a drain waiting on slow sends looks at the outbox again. */
  #nudge: { readonly promise: Promise<typeof POKED>; readonly resolve: () => void } | null = null;
  /** Rows in flight per platform ("" for community rows), so each platform has its own share. */
  readonly #busy = new Map<string, number>();
  readonly #leaseMs: number;
  readonly #renewEveryMs: number;
  readonly #stopGraceMs: number;
  /** Renews this replica's leases while something is in flight. */
  #renewer: NodeJS.Timeout | null = null;
  /** Who holds the rows this scheduler claims: one name per process, said in its logs. */
  readonly replica: string;
  readonly gate: PlatformGate;
  readonly #platforms: () => readonly string[];
  /** The platforms as the last claim saw them. */
  #view: GateView = { caps: new Map(), closed: [], opensAt: null };
  /** A shorter longest sleep while other replicas' wake-ups are not heard. */
  #pollMs: number | null = null;
  /** Renews the sender leases (exclusive senders) from start() to stop(). */
  #senderTimer: NodeJS.Timeout | null = null;

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
    this.gate =
      options.gate ??
      new PlatformGate({ replica: this.replica, exclusiveSenders: false, clock, logger });
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
      this.#pokedSinceClaim = false;
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
            if (this.#inFlight.size === 0) this.#stopRenewing();
          });
        this.#inFlight.add(p);
      }
      if (this.#inFlight.size > 0) {
        this.#startRenewing();
        // A poke (new rows, maybe for a platform that is not the slow one) ends the wait too,
        // at most once per MIN_PASS_GAP_MS, as the loop's passes (a burst's pokes together).
        const woke = await Promise.race([...this.#inFlight, this.#nudged()]);
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
    if (this.gate.exclusive) this.#renewSenders();
  }

  /**
   * With exclusive senders, the sender leases are renewed (or taken over from a replica that
   * died) four times a lease, sending or not; one newly taken wakes the loop.
   */
  #renewSenders(): void {
    let failing = false;
    this.#senderTimer = setInterval(() => {
      const before = new Set(this.gate.sending());
      this.#uow
        .run((tx) => this.gate.takeSenders(tx, this.#platforms(), this.#clock.now()))
        .then(() => {
          failing = false;
          if (this.gate.sending().some((p) => !before.has(p))) this.poke();
        })
        .catch((err: unknown) => {
          if (!failing)
            this.#logger.warn(
              { err },
              "renewing the sender leases failed; sending stops before they end",
            );
          failing = true;
        });
    }, this.gate.leaseMs / 4);
    this.#senderTimer.unref();
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
    this.#pokedSinceClaim = true;
    const nudge = this.#nudge;
    this.#nudge = null;
    nudge?.resolve();
  }

  #nudged(): Promise<typeof POKED> {
    // A poke while the claim ran (no wait to end yet) is not lost: the wait ends at once.
    if (this.#pokedSinceClaim) return Promise.resolve(POKED);
    if (!this.#nudge) {
      let resolve = () => {};
      const promise = new Promise<typeof POKED>((r) => {
        resolve = () => r(POKED);
      });
      this.#nudge = { promise, resolve };
    }
    return this.#nudge.promise;
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
    if (this.#senderTimer) clearInterval(this.#senderTimer);
    this.#senderTimer = null;
    await this.#settleInFlight();
    if (!this.gate.exclusive) return;
    // The next replica sends at once rather than when the lease would have ended.
    const names = this.#platforms().map(senderLease);
    this.gate.forgetSenders();
    await this.#uow
      .run((tx) => tx.giveUpLeases(this.replica, names))
      .catch((err: unknown) => this.#logger.warn({ err }, "giving the sender leases back failed"));
  }

  /** Waits for the sends in flight (at most `stopGraceMs`), then hands back what is left. */
  async #settleInFlight(): Promise<void> {
    if (this.#inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([
      Promise.allSettled([...this.#inFlight]).then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), this.#stopGraceMs);
      }),
    ]);
    clearTimeout(timer);
    if (!gaveUp) return;
    this.#stopRenewing();
    try {
      const n = await this.#uow.run((tx) => tx.releaseLeases(this.replica));
      this.#logger.warn(
        { rows: n, replica: this.replica },
        "stopping with posts still in flight: their rows go back to the queue",
      );
    } catch (err) {
      this.#logger.error({ err }, "handing the rows in flight back failed; their leases will end");
    }
  }

  /** While sends are in flight, their rows' leases are renewed (all this replica holds, at once). */
  #startRenewing(): void {
    if (this.#renewer) return;
    this.#renewer = setInterval(() => {
      const until = this.#clock.now() + this.#leaseMs;
      this.#uow
        .run((tx) => tx.renewLeases(this.replica, until))
        .catch((err: unknown) => this.#logger.warn({ err }, "renewing the outbox leases failed"));
    }, this.#renewEveryMs);
    this.#renewer.unref();
  }

  /** Waits out what is left of MIN_PASS_GAP_MS since `since` (performance.now()). */
  async #gapSince(since: number): Promise<void> {
    const left = MIN_PASS_GAP_MS - (performance.now() - since);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }

  #stopRenewing(): void {
    if (this.#renewer) clearInterval(this.#renewer);
    this.#renewer = null;
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
