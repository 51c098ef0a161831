// What replicas on one database share: who does a job alone, and how each platform is doing.

/** A job one replica does at a time (`sender:telegram`, `poller:telegram`), and who holds it. */
export interface NamedLease {
  readonly name: string;
  readonly holder: string;
  /** Epoch ms; after it the lease is anyone's. */
  readonly until: number;
}

/** What every sender must respect on a platform. */
export interface PlatformState {
  readonly platform: string;
  /** Nothing goes to the platform before this (epoch ms). */
  readonly pausedUntil: number;
  /** > 0: the platform is down; after the pause one row probes it, and this doubles on failure. */
  readonly backoffMs: number;
}

export interface CoordinationRepository {
  /**
   * Takes (or renews) each named lease for `holder` until `until`, where it is free, ended by
   * `now`, or already `holder`'s; returns each named lease as it stands after.
   */
  takeLeases(
    names: readonly string[],
    holder: string,
    until: number,
    now: number,
  ): Promise<NamedLease[]>;
  /** Gives back the named leases `holder` holds (all of them when `names` is absent). */
  giveUpLeases(holder: string, names?: readonly string[]): Promise<number>;
  /** Every platform that is paused or down (ended pauses of an up platform may be listed too). */
  platformStates(): Promise<PlatformState[]>;
  /** The platform limits the whole bot until `until` (a bot-wide 429): a pause, not an outage. */
  pausePlatform(platform: string, until: number): Promise<void>;
  /**
   * A send to the platform, begun at `startedAt`, failed as if it were down: it is down, paused
   * `backoffMs` from `now`. A send begun after the last pause ended (a probe) doubles the
   * back-off, up to `maxBackoffMs`; one begun before it (the others in flight as it went
   * down) leaves it as it is.
   */
  platformFailed(
    platform: string,
    startedAt: number,
    now: number,
    maxBackoffMs: number,
  ): Promise<PlatformState>;
  /**
   * A send to the platform got through. When it was down, it is up again, and its rows that
   * backed off meanwhile (a transient failure, at most `maxAttempts` tries) are due at `now`,
   * to go out at the platform's own rate; returns whether it was down.
   */
  platformBack(platform: string, now: number, maxAttempts: number): Promise<boolean>;
}
