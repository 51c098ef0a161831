import type { PlatformGate } from "./platform-gate.js";

/** How a Scheduler runs; every field has a default. */
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
