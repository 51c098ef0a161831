import { createConcurrentSink, createRunner, createSource } from "@grammyjs/runner";
import { type Bot, type BotError, type Context, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../src/ports/logger.js";

/** Updates being handled at most; fetching waits while more are. */
const MAX_HANDLING = 1_000;
/** Telegram's largest batch: fetching resumes once this many can be taken in. */
const BATCH = 100;
/** Back-off between failed fetches: 1 s, doubling, at most a minute (stop() cuts it short). */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/** Long polling that handles updates of different chats at once. */
export interface Polling {
  /** Ends when polling stops: resolves on `stop()`, rejects when Telegram refuses it for good (401, 409). */
  readonly ended: Promise<void>;
  isRunning(): boolean;
  /** Why the last fetch could not reach Telegram, for the health check; null once one did. */
  unreachable(): string | null;
  /**
   * Stops fetching, waits for the updates being handled, then confirms them
   * to Telegram (as grammY's own `bot.stop()` does) so none is fetched again.
   */
  stop(): Promise<void>;
}

/**
 * grammY's runner: updates are fetched while earlier ones are still being
 * handled, and handled concurrently (the bot's middleware orders those of one
 * chat, see `sequentialize` in the adapter). Like every concurrent poller on
 * Telegram's offset API, a batch is confirmed by the next fetch, once its
 * handling has started; `stop()` confirms the last one after it is handled.
 */
export function startPolling(
  bot: Bot,
  options: {
    readonly timeoutSeconds: number;
    readonly allowedUpdates: readonly ("message" | "callback_query")[];
    readonly logger: Logger;
    /** What a failed fetch says about the connection ("Telegram could not be reached…"); null when it is not one. */
    readonly unreachable: (error: unknown) => string | null;
  },
): Polling {
  const { logger } = options;
  let lastFetched: number | null = null;
  let unreachable: string | null = null;
  let failures = 0;
  let lost = false;
  const source = createSource<Update>({
    async supply(batchSize, signal) {
      for (let retryMs = FIRST_RETRY_MS; ; retryMs = Math.min(2 * retryMs, MAX_RETRY_MS)) {
        try {
          const updates = await bot.api.getUpdates(
            {
              offset: lastFetched === null ? 0 : lastFetched + 1,
              limit: Math.max(1, Math.min(batchSize, 100)),
              timeout: options.timeoutSeconds,
              allowed_updates: options.allowedUpdates,
            },
            signal,
          );
          if (unreachable !== null) logger.info({ after: failures }, "Telegram reachable again");
          unreachable = null;
          failures = 0;
          const last = updates.at(-1);
          if (last) lastFetched = last.update_id;
          return updates;
        } catch (error) {
          if (signal.aborted) throw error;
          // Another poller on the token (409) or a revoked token (401): polling is over.
          if (
            error instanceof GrammyError &&
            (error.error_code === 401 || error.error_code === 409)
          )
            throw error;
          const waitMs =
            error instanceof GrammyError && error.parameters.retry_after
              ? error.parameters.retry_after * 1_000
              : retryMs;
          failed(error, waitMs);
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              signal.removeEventListener("abort", done);
              resolve();
            };
            const timer = setTimeout(done, waitMs);
            signal.addEventListener("abort", done);
          });
          if (signal.aborted) throw error;
        }
      }
    },
  });
  /** One log line per kind of connection failure, not one per attempt; any other failure each time. */
  function failed(error: unknown, retryInMs: number): void {
    failures++;
    const reason = options.unreachable(error);
    if (reason === null)
      logger.warn({ err: error, retryInMs }, "fetching Telegram updates failed; retrying");
    else if (reason !== unreachable)
      logger.warn({ reason, err: error, retryInMs }, "Telegram unreachable; retrying");
    else logger.debug({ reason, retryInMs, failures }, "Telegram still unreachable");
    if (reason !== null) unreachable = reason;
  }

  const handling = new Set<Promise<void>>();
  let roomWaiter: (() => void) | null = null;
  const concurrent = createConcurrentSink<Update, BotError<Context>>(
    {
      consume(update) {
        const handled = bot.handleUpdate(update);
        handling.add(handled);
        const done = () => {
          handling.delete(handled);
          if (roomWaiter && handling.size <= MAX_HANDLING - BATCH) {
            roomWaiter();
            roomWaiter = null;
          }
        };
        handled.then(done, done);
        return handled;
      },
    },
    async (error) => {
      await bot.errorHandler(error);
    },
    { concurrency: MAX_HANDLING },
  );
  // The runner asks for as many updates as there is room for: one slot freed, one update
  // fetched. Under a burst in one chat (handled in order) that means one getUpdates per
  // update; waiting for room for a whole batch keeps the fetching to full batches.
  const sink = {
    ...concurrent,
    async handle(updates: Update[]): Promise<number> {
      await concurrent.handle(updates);
      if (handling.size > MAX_HANDLING - BATCH)
        await new Promise<void>((resolve) => {
          roomWaiter = resolve;
        });
      return MAX_HANDLING - handling.size;
    },
  };
  const runner = createRunner(source, sink);
  runner.start();
  const ended = (runner.task() ?? Promise.resolve()).catch((error: unknown) => {
    lost = true;
    throw error;
  });
  return {
    ended,
    isRunning: () => runner.isRunning(),
    unreachable: () => unreachable,
    async stop() {
      if (runner.isRunning()) await runner.stop();
      await Promise.allSettled([...handling]);
      // After 401 or 409 this process no longer owns polling: asking again would steal it back.
      if (lost || lastFetched === null) return;
      await bot.api.getUpdates({ offset: lastFetched + 1, limit: 1, timeout: 0 });
    },
  };
}
