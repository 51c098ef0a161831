/**
 * What the core reports for operators to graph. The Prometheus implementation
 * lives in src/metrics; tests and the console use `noopMetrics`.
 */
import type { DeliveryFailure, PlatformName } from "./platform.js";

/** How a posted notice failed, as the delivery taxonomy names it. */
export type PostFailure = DeliveryFailure["failure"];

export interface Metrics {
  /** A channel post, edit or DM reached the platform. `kind` is the notice kind. */
  postSent(platform: PlatformName, kind: string): void;
  /** A send failed (a rate limit counts here too, and in `rateLimited`). */
  postFailed(platform: PlatformName, kind: string, failure: PostFailure): void;
  /** The platform answered 429. */
  rateLimited(platform: PlatformName): void;
  /** A member pressed Join, Maybe or Leave (or typed it). */
  rsvp(choice: "going" | "maybe" | "leave"): void;
  /** How long the core took to answer a command, by command type. */
  commandDuration(command: string, seconds: number): void;
  /** How late a due outbox row was handed to its platform. */
  schedulerLateness(seconds: number): void;
}

/** Read at scrape time, so the gauges are exact without the core pushing them (storage may answer later). */
export interface OutboxGauges {
  /** Rows not yet sent nor given up. */
  pending(): number | Promise<number>;
  /** Age of the oldest row that is due and unsent, in seconds; 0 when none. */
  oldestDueAgeSeconds(): number | Promise<number>;
}

export const noopMetrics: Metrics = {
  postSent() {},
  postFailed() {},
  rateLimited() {},
  rsvp() {},
  commandDuration() {},
  schedulerLateness() {},
};
