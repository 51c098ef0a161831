import type { Core } from "../../src/core.js";
import type { Command } from "../../src/ports/inbound.js";
import type { PlatformCapabilities, PlatformName } from "../../src/ports/platform.js";
import { FakeClock } from "./clock.js";
import {
  type Harness,
  type HarnessOptions,
  makeHarness,
  organizer,
  say,
  T0,
} from "./core-harness.js";
import { RecordingPlatform, type Sent } from "./recording-platform.js";
import { byInstant } from "./same-instant.js";

export type { Harness } from "./core-harness.js";

export interface RecordingHarnessOptions extends HarnessOptions {
  /** The recording platform's name ("console" unless told). */
  readonly on?: PlatformName;
  readonly capabilities?: Partial<PlatformCapabilities>;
}

/**
 * The set-up most core and web tests share: a harness on the engine under test with one
 * RecordingPlatform attached, both on the same fake clock (before any other `platforms`).
 * The caller closes `h` (usually `afterEach(() => h?.close())`).
 */
export function recordingHarness(options: RecordingHarnessOptions = {}): {
  h: Harness;
  platform: RecordingPlatform;
} {
  const { on = "console", capabilities = {}, ...rest } = options;
  const clock = rest.clock ?? new FakeClock(T0);
  const platform = new RecordingPlatform(clock, on, capabilities);
  const h = makeHarness({ ...rest, clock, platforms: [platform, ...(rest.platforms ?? [])] });
  return { h, platform };
}

type Create = Extract<Command, { type: "create" }>;

/** The organizer's /create (in the default community); returns the reply's one sentence. */
export function orgCreates(core: Core, fields: Omit<Create, "type">): Promise<string> {
  return say(core, organizer(), { type: "create", ...fields });
}

/** One bot's database file across restarts: the clock and the platform outlive every process. */
export interface Restarts {
  readonly clock: FakeClock;
  readonly platform: RecordingPlatform;
  /** A new process on the file (close the last one first, as a process that stops). */
  boot(): Harness;
}

export function restartsOn(path: string): Restarts {
  const clock = new FakeClock(T0);
  const platform = new RecordingPlatform(clock);
  return { clock, platform, boot: () => makeHarness({ path, clock, platforms: [platform] }) };
}

/** What was sent, one line each ("12-04T18:00 dm alice reminder"), in a stable order per instant. */
export function timeline(sent: readonly Sent[]): string[] {
  return byInstant(
    sent,
    (s) => `${new Date(s.at).toISOString().slice(5, 16)} ${s.via} ${s.to} ${s.notice.kind}`,
  );
}
