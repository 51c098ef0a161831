import { Writable } from "node:stream";
import type { ConsoleAdapter } from "../bots/console/adapter.js";
import type { Core } from "../src/core.js";
import { formatInstant } from "../src/i18n/index.js";
import type { Clock } from "../src/ports/clock.js";

/** A clock the demo moves by hand, from one scheduled post to the next. */
export class SteppedClock implements Clock {
  constructor(private at: number) {}
  now(): number {
    return this.at;
  }
  set(at: number): void {
    this.at = Math.max(this.at, at);
  }
}

/** What the story can do: narrate, act as a member, and move time on. */
export interface Stage {
  /** A caption between steps, for the reader. */
  tell(text: string): Promise<void>;
  /** `who` types `line` in the local chat (a command, or `/press <button id>`). */
  act(who: string, line: string): Promise<void>;
  /**
   * Moves the clock to `at` (`what` names the moment, `caption` says what
   * happens), sending each scheduled post when it falls due.
   */
  jumpTo(at: number, what: string, caption: string): Promise<void>;
  /** Sends what is due now (the call-to-action's edits after a few answers). */
  settle(): Promise<void>;
  /** Everything printed so far, as a reader saw it. */
  readonly transcript: string;
  readonly zone: string;
}

export interface StageOptions {
  readonly core: Core;
  readonly console: ConsoleAdapter;
  readonly clock: SteppedClock;
  /** The next instant a post is due, or null (the store's outbox). */
  readonly nextDueAt: () => Promise<number | null>;
  readonly out: Writable;
  /** Multiplies every pause; 0 plays the story at full speed (tests). */
  readonly pace: number;
  readonly zone: string;
}

/** Pauses, in ms at pace 1, so a newcomer can read along in about a minute. */
const PAUSE = { caption: 2_200, action: 900, jump: 1_200 } as const;

/**
 * A writable that prints to `out` and keeps a copy, so the story can read
 * what it showed. Synchronous on purpose: the story may run without ever
 * yielding to the event loop, and must still see its own output.
 */
export function teeTo(out: NodeJS.WritableStream): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      out.write(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

export function createStage(options: StageOptions, transcript: () => string): Stage {
  const { core, clock, out } = options;
  const pause = (ms: number) =>
    options.pace > 0
      ? new Promise<void>((resolve) => setTimeout(resolve, ms * options.pace))
      : Promise.resolve();
  const drain = () => core.scheduler.drain();
  return {
    get transcript() {
      return transcript();
    },
    zone: options.zone,
    async tell(text) {
      out.write(`\n» ${text}\n`);
      await pause(PAUSE.caption);
    },
    async act(who, line) {
      out.write(`\n${who}> ${line}\n`);
      await options.console.exec(core.handler, line, who);
      await pause(PAUSE.action);
    },
    async jumpTo(at, what, caption) {
      await drain();
      out.write(`\n━━━ ${formatInstant(at, options.zone, "en")} · ${what} ━━━\n» ${caption}\n`);
      await pause(PAUSE.jump + PAUSE.caption);
      // Each post goes out at its own due time, in order, as the scheduler would send it.
      for (
        let next = await options.nextDueAt();
        next !== null && next <= at;
        next = await options.nextDueAt()
      ) {
        clock.set(next);
        await drain();
      }
      clock.set(at);
      await drain();
    },
    settle: drain,
  };
}
