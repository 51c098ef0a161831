import { createConcurrentSink, createRunner, createSource } from "@grammyjs/runner";
import { type Bot, type BotError, type Context, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../src/ports/logger.js";

/** Telegram's largest batch, and so the most updates ever being handled (see `startPolling`). */
const BATCH = 100;
/** Back-off between failed fetches: 1 s, doubling, at most a minute (stop() cuts it short). */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;
/**
 * While an update is still being handled, Telegram answers at once with it (it
 * is not confirmed): new updates are asked for this often meanwhile, and at
 * once when nothing is being handled any more.
 */
const RECHECK_MS = 100;

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
 * chat, see `sequentialize` in the adapter).
 *
 * Telegram forgets every update below the offset a fetch asks for. The offset
 * asked is the lowest update still being handled, never past it, so a crash
 * in the middle loses nothing: the next process gets it again (with the ones
 * after it that were done; the core knows those by their update id). Updates
 * that come back while this process still has them are skipped. Telegram
 * answers at most 100 updates from the offset, so at most 100 are ever being
 * handled, and one slow update holds up the fetching of others once 100 came
 * in behind it.
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
  /** Fetched and not yet handled, oldest first (ids only grow, so insertion order is id order). */
  const unfinished = new Set<number>();
  let wakeFetcher: (() => void) | null = null;
  let unreachable: string | null = null;
  let failures = 0;
  let lost = false;

  const fetched = (updates: readonly Update[]): Update[] => {
    const fresh = updates.filter((u) => lastFetched === null || u.update_id > lastFetched);
    for (const u of fresh) unfinished.add(u.update_id);
    const last = fresh.at(-1);
    if (last) lastFetched = last.update_id;
    return fresh;
  };
  const finished = (id: number) => {
    unfinished.delete(id);
    if (unfinished.size === 0) wakeFetcher?.();
  };

  const source = createSource<Update>({
    async supply(batchSize, signal) {
      for (let retryMs = FIRST_RETRY_MS; ; ) {
        // Never past an update still being handled: Telegram would forget it.
        const next = lastFetched === null ? 0 : lastFetched + 1;
        const offset: number = unfinished.values().next().value ?? next;
        // Updates this process already has, between the offset and the last one fetched.
        const held = lastFetched === null ? 0 : Math.max(0, lastFetched + 1 - offset);
        let updates: Update[];
        try {
          updates = await bot.api.getUpdates(
            {
              offset,
              limit: Math.max(1, Math.min(batchSize + held, BATCH)),
              // Telegram answers at once while it holds any: no need to ask it to wait.
              timeout: held > 0 ? 0 : options.timeoutSeconds,
              allowed_updates: options.allowedUpdates,
            },
            signal,
          );
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
          await pause(waitMs, signal);
          if (signal.aborted) throw error;
          retryMs = Math.min(2 * retryMs, MAX_RETRY_MS);
          continue;
        }
        if (unreachable !== null) logger.info({ after: failures }, "Telegram reachable again");
        unreachable = null;
        failures = 0;
        retryMs = FIRST_RETRY_MS;
        const fresh = fetched(updates);
        if (fresh.length > 0 || held === 0) return fresh;
        // Only updates still being handled came back: ask again in a moment, or once they are done.
        await new Promise<void>((resolve) => {
          const done = () => {
            if (wakeFetcher === done) wakeFetcher = null;
            resolve();
          };
          wakeFetcher = done;
          void pause(RECHECK_MS, signal).then(done);
        });
        if (signal.aborted) throw new Error("polling stopped");
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
  const sink = createConcurrentSink<Update, BotError<Context>>(
    {
      consume(update) {
        const handled = bot.handleUpdate(update);
        handling.add(handled);
        const done = () => {
          handling.delete(handled);
          finished(update.update_id);
        };
        handled.then(done, done);
        return handled;
      },
    },
    async (error) => {
      await bot.errorHandler(error);
    },
    { concurrency: BATCH },
  );
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

/** Waits `ms`, or less when `signal` aborts (polling stopped). */
function pause(
  ms: number,
  signal: {
    addEventListener(type: "abort", listener: () => void): void;
    removeEventListener(type: "abort", listener: () => void): void;
  },
): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}
