import type { Logger } from "../ports/logger.js";
import { PlatformStartError } from "../ports/startup.js";

/** One platform as the start-up sees it: a name people know, and how to connect it. */
export interface StartablePlatform {
  /** "Discord", "Telegram": said in sentences and logs. */
  readonly label: string;
  /** Connects and starts answering; throws PlatformStartError (or anything else: refused). */
  start(): Promise<void>;
  /** The adapter's own status once started ("connected", or what is wrong). */
  status(): string;
}

export interface StartOptions {
  readonly logger: Logger;
  /** The platform refuses the bot (a wrong token): stop, with this sentence. */
  readonly onRefused: (sentence: string) => void;
  /** Said once, the first time the platform cannot be reached (stderr, beside the log). */
  readonly onUnreachable?: (sentence: string) => void;
  /** Waits between attempts, doubling from 1 s to at most 5 min (tests may shorten them). */
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
  /**
   * A first attempt still pending after this long (a gateway that never says
   * READY) counts as settled, so start-up goes on without it (default 30 s).
   */
  readonly firstAttemptGraceMs?: number;
}

export interface PlatformStart {
  /** Settles once the first attempt did (connected, refused, unreachable and retrying), or after a grace. */
  readonly firstAttempt: Promise<void>;
  /** For /healthz: the adapter's status once started; before, why not yet. */
  status(): string;
  /** No more attempts (shutdown). */
  stop(): void;
}

/**
 * Starts a platform, and if it cannot be reached keeps trying with back-off
 * while the rest of the bot runs: one log line per kind of failure (not per
 * attempt), one when it connects. A refusal stops the bot instead.
 */
export function startPlatform(platform: StartablePlatform, options: StartOptions): PlatformStart {
  const { logger } = options;
  const first = options.firstRetryMs ?? 1_000;
  const max = options.maxRetryMs ?? 300_000;
  let state: { started: true } | { started: false; reason: string } = {
    started: false,
    reason: `connecting to ${platform.label}`,
  };
  let stopped = false;
  let wake: (() => void) | null = null;
  let lastLogged: string | null = null;
  let settleFirst: () => void = () => {};
  const firstAttempt = new Promise<void>((resolve) => {
    settleFirst = resolve;
    setTimeout(resolve, options.firstAttemptGraceMs ?? 30_000).unref();
  });

  const run = async () => {
    let delay = first;
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await platform.start();
        if (stopped) return;
        state = { started: true };
        if (attempt > 1) logger.info({ attempts: attempt }, `${platform.label} reached; connected`);
        return;
      } catch (error) {
        if (stopped) return;
        const failure =
          error instanceof PlatformStartError
            ? error
            : new PlatformStartError(
                "refused",
                `${platform.label} could not start: ${error instanceof Error ? error.message : String(error)}`,
              );
        if (failure.kind === "refused") {
          state = { started: false, reason: failure.message };
          logger.error({ reason: failure.message }, `${platform.label} refused the bot`);
          options.onRefused(failure.message);
          return;
        }
        state = {
          started: false,
          reason: `${failure.message} (attempt ${attempt}; next in ${Math.round(delay / 1000)} s)`,
        };
        if (failure.message !== lastLogged) {
          if (lastLogged === null) options.onUnreachable?.(failure.message);
          lastLogged = failure.message;
          logger.warn(
            { reason: failure.message, attempt, retryInMs: delay },
            `${platform.label} unreachable; the rest keeps running, retrying with back-off`,
          );
        }
      } finally {
        settleFirst();
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
      delay = Math.min(delay * 2, max);
    }
  };
  void run();

  return {
    firstAttempt,
    status: () => (state.started ? platform.status() : state.reason),
    stop() {
      stopped = true;
      wake?.();
    },
  };
}
