import { setMaxListeners } from "node:events";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { PlatformState } from "../ports/repositories.js";
import type { Tx } from "../ports/unit-of-work.js";

/** How long a replica holds a platform's sending (`sender:<platform>`) without renewing it. */
export const SENDER_LEASE_MS = 10_000;
/** How often the holder renews it (real time), sending or not. */
export const SENDER_RENEW_MS = 2_500;
/**
 * A sender that could not renew stops sending this long before its lease would end, so a send
 * that left after that (a network pause, a throttler's queue) lands before another replica's.
 */
export const SENDER_MARGIN_MS = 3_000;
/**
 * How stale the platforms' states may be in a claim: another replica's pause reaches this one
 * within this (the sender itself notes its own at once). Saves a read per claim.
 */
export const STATES_FRESH_MS = 1_000;
/** A platform that is down is probed (one row) at least this often: its return is seen soon. */
export const MAX_PROBE_GAP_MS = 5_000;

export const senderLease = (platform: string) => `sender:${platform}`;

/** One send's turn at a platform (PlatformGate.turn). */
export interface SendTurn {
  readonly signal?: AbortSignal;
  release(): void;
}

const NO_LEASE: SendTurn = { release() {} };
const NOT_MY_TURN = new Error("this replica's turn at the platform ended, or is in doubt");

export interface GateOptions {
  readonly replica: string;
  /**
   * One replica at a time sends to each platform (`sender:<platform>` lease), so replicas
   * together keep to the bot's one budget there (PostgreSQL with several replicas).
   */
  readonly exclusiveSenders: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly leaseMs?: number;
}

/** What a look at the platforms gives the claim: how many rows each may take, and when to look again. */
export interface GateView {
  /** Platform → most rows to claim now (0: paused, down, or sent to by another replica). */
  readonly caps: ReadonlyMap<string, number>;
  /** Platforms whose rows wait for something else than their due time. */
  readonly closed: readonly string[];
  /** When one of them opens again (a pause ends, another replica's lease ends); null: none. */
  readonly opensAt: number | null;
}

/**
 * What the replicas on one database agree about each platform, as this one last saw it:
 * pauses (a bot-wide 429), outages (back-off with one probe at a time), and which replica
 * sends to it. Read and renewed in the scheduler's claim; updated at once by the outcomes.
 */
export class PlatformGate {
  readonly #states = new Map<string, PlatformState>();
  /** Platform → performance.now() when the look that took or renewed its sender lease began. */
  readonly #senders = new Map<string, number>();
  readonly #leaseMs: number;
  /** The clock's time at the last read of the states (a pause ending after it is read about again). */
  #statesReadAtClock = Number.NEGATIVE_INFINITY;
  /** The sender leases as last taken or renewed, and when (on the clock, as their ends are). */
  #leases: { platform: string; holder: string; until: number }[] = [];
  #leasesReadAt = Number.NEGATIVE_INFINITY;
  /** Platform → what calls off its queued sends when this replica's turn there ends (turn()). */
  readonly #calls = new Map<
    string,
    { controller: AbortController; timer: NodeJS.Timeout | null }
  >();

  constructor(private readonly options: GateOptions) {
    this.#leaseMs = options.leaseMs ?? SENDER_LEASE_MS;
  }

  /** How long a sender lease lasts unrenewed; renewed four times as often. */
  get leaseMs(): number {
    return this.#leaseMs;
  }

  get exclusive(): boolean {
    return this.options.exclusiveSenders;
  }

  /**
   * Inside a unit: renews (or takes) this replica's sender leases for `platforms` and reads
   * the platforms' states; `busy` says what is in flight on each (a probe goes alone).
   */
  async look(
    tx: Tx,
    platforms: readonly string[],
    busy: ReadonlyMap<string, number>,
  ): Promise<GateView> {
    const began = performance.now();
    const now = this.options.clock.now();
    const caps = new Map<string, number>();
    const closed: string[] = [];
    let opensAt: number | null = null;
    const closeUntil = (platform: string, at: number) => {
      caps.set(platform, 0);
      closed.push(platform);
      opensAt = opensAt === null ? at : Math.min(opensAt, at);
    };
    if (this.exclusive) {
      // Renewed (a statement or two) a few times a lease, or at once when another replica's
      // lease has ended, or a platform is new: not at every claim.
      const stale =
        now - this.#leasesReadAt >= this.#leaseMs / 4 ||
        platforms.some((p) => !this.#leases.some((l) => l.platform === p)) ||
        this.#leases.some((l) => l.holder !== this.options.replica && l.until <= now);
      if (stale) await this.takeSenders(tx, platforms, now, began);
      for (const lease of this.#leases) {
        if (lease.holder !== this.options.replica) closeUntil(lease.platform, lease.until);
      }
    }
    // Read again once a second, or when a pause this replica knows of has ended (still paused,
    // or down, somewhere else?); in between, what the outcomes noted here stands.
    const ended = [...this.#states.values()].some(
      (st) => st.pausedUntil > this.#statesReadAtClock && st.pausedUntil <= now,
    );
    if (now - this.#statesReadAtClock >= STATES_FRESH_MS || ended) {
      this.#statesReadAtClock = now;
      this.#states.clear();
      for (const state of await tx.platformStates()) this.#states.set(state.platform, state);
    }
    for (const state of this.#states.values()) {
      if (caps.get(state.platform) === 0) continue;
      if (state.pausedUntil > now) closeUntil(state.platform, state.pausedUntil);
      else if (state.backoffMs > 0)
        caps.set(state.platform, (busy.get(state.platform) ?? 0) > 0 ? 0 : 1);
    }
    return { caps, closed, opensAt };
  }

  /** Takes or renews the sender leases; returns them as they stand. */
  async takeSenders(
    tx: Tx,
    platforms: readonly string[],
    now: number,
    began = performance.now(),
  ): Promise<{ platform: string; holder: string; until: number }[]> {
    const names = platforms.map((p) => [p, `sender:${p}`] as const);
    const leases = await tx.takeLeases(
      names.map(([, name]) => name),
      this.options.replica,
      now + this.#leaseMs,
      now,
    );
    this.#leasesReadAt = now;
    this.#leases = names.flatMap(([platform, name]) => {
      const lease = leases.find((l) => l.name === name);
      if (!lease) return [];
      const mine = lease.holder === this.options.replica;
      const had = this.#senders.has(platform);
      if (mine) {
        this.#senders.set(platform, began);
        this.#armCallOff(platform);
      } else {
        this.#senders.delete(platform);
        this.#callOff(platform);
      }
      if (mine !== had)
        this.options.logger.info(
          { platform, sender: mine },
          mine
            ? "this replica sends to the platform now"
            : "another replica sends to the platform now",
        );
      return [{ platform, holder: lease.holder, until: lease.until }];
    });
    return this.#leases;
  }

  /**
   * May this replica send to the platform now? Always, unless senders are exclusive and the
   * platform has a sender lease: then only while this replica's, as last renewed, has more
   * than SENDER_MARGIN_MS to run.
   */
  mayUse(platform: string): boolean {
    // A platform with no sender lease (the console's terminal) is this process's own.
    if (!this.exclusive || !this.#leases.some((l) => l.platform === platform)) return true;
    const at = this.#senders.get(platform);
    return at !== undefined && performance.now() - at < this.#leaseMs - this.#margin();
  }

  /**
   * One send's turn at the platform: its signal calls the send off while it waits in the
   * adapter's queue, once mayUse() turns false (the lease as last renewed is within its margin
   * of ending, another replica took it, or it is in doubt). No signal where no lease governs;
   * `release()` once the send is over.
   */
  turn(platform: string): SendTurn {
    if (!this.exclusive || !this.#leases.some((l) => l.platform === platform)) return NO_LEASE;
    if (!this.mayUse(platform)) return { signal: AbortSignal.abort(NOT_MY_TURN), release() {} };
    let call = this.#calls.get(platform);
    if (!call) {
      call = { controller: new AbortController(), timer: null };
      // One listener per send in flight (the sends' own signals, below), never more.
      setMaxListeners(0, call.controller.signal);
      this.#calls.set(platform, call);
      this.#armCallOff(platform);
    }
    // Each send has a signal of its own: what the adapter's client hangs on it goes with it.
    const parent = call.controller.signal;
    const own = new AbortController();
    const callOff = () => own.abort(parent.reason);
    parent.addEventListener("abort", callOff, { once: true });
    return { signal: own.signal, release: () => parent.removeEventListener("abort", callOff) };
  }

  /** (Re)sets the moment the platform's sends are called off: when mayUse() would turn false. */
  #armCallOff(platform: string): void {
    const call = this.#calls.get(platform);
    const at = this.#senders.get(platform);
    if (!call || at === undefined) return;
    if (call.timer) clearTimeout(call.timer);
    const left = at + this.#leaseMs - this.#margin() - performance.now();
    call.timer = setTimeout(() => this.#callOff(platform), Math.max(0, left));
    call.timer.unref();
  }

  #callOff(platform: string): void {
    const call = this.#calls.get(platform);
    if (!call) return;
    this.#calls.delete(platform);
    if (call.timer) clearTimeout(call.timer);
    call.controller.abort(NOT_MY_TURN);
  }

  #margin(): number {
    return Math.min(SENDER_MARGIN_MS, this.#leaseMs * 0.3);
  }

  /** The platforms this replica sends to now. */
  sending(): string[] {
    return [...this.#senders.keys()].filter((p) => this.mayUse(p));
  }

  /** Until when nothing goes to this platform (0: not paused). */
  pausedUntil(platform: string): number {
    return this.#states.get(platform)?.pausedUntil ?? 0;
  }

  /** The platform is down (a probe's success brings it back). */
  isDown(platform: string): boolean {
    return (this.#states.get(platform)?.backoffMs ?? 0) > 0;
  }

  /** What an outcome just recorded (a pause, an outage's back-off). */
  note(state: PlatformState): void {
    this.#states.set(state.platform, state);
  }

  /** The platform limits the whole bot until `until` (an outage, if any, goes on). */
  notePause(platform: string, until: number): void {
    const state = this.#states.get(platform);
    this.#states.set(platform, {
      platform,
      pausedUntil: Math.max(until, state?.pausedUntil ?? 0),
      backoffMs: state?.backoffMs ?? 0,
    });
  }

  /** A send got through: the platform is up. */
  up(platform: string): void {
    this.#states.delete(platform);
  }

  /**
   * Forgets the sender leases (given back, or in doubt: a record failed): nothing more is sent
   * until the next look renews them, and sends still waiting in an adapter's queue are called off.
   */
  forgetSenders(): void {
    this.#senders.clear();
    for (const platform of [...this.#calls.keys()]) this.#callOff(platform);
    this.#leasesReadAt = Number.NEGATIVE_INFINITY;
  }
}
