import {
  createConcurrentSink,
  createRunner,
  createSource,
  createUpdateFetcher,
} from "@grammyjs/runner";
import type { Bot, BotError, Context } from "grammy";
import type { Update } from "grammy/types";

/** Long polling that handles updates of different chats at once. */
export interface Polling {
  /** Ends when polling stops: resolves on `stop()`, rejects when Telegram refuses it for good (401, 409). */
  readonly ended: Promise<void>;
  isRunning(): boolean;
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
  },
): Polling {
  let lastFetched: number | null = null;
  let lost = false;
  // 401 and 409 end polling (rethrown); anything else is retried with back-off, up to 15 hours.
  const fetchUpdates = createUpdateFetcher(bot, {
    fetch: { timeout: options.timeoutSeconds, allowed_updates: options.allowedUpdates },
    silent: true,
  });
  const source = createSource<Update>({
    async supply(batchSize, signal) {
      const updates = await fetchUpdates(batchSize, signal);
      const last = updates.at(-1);
      if (last) lastFetched = last.update_id;
      return updates;
    },
  });
  const handling = new Set<Promise<void>>();
  const sink = createConcurrentSink<Update, BotError<Context>>(
    {
      consume(update) {
        const handled = bot.handleUpdate(update);
        handling.add(handled);
        const done = () => void handling.delete(handled);
        handled.then(done, done);
        return handled;
      },
    },
    async (error) => {
      await bot.errorHandler(error);
    },
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
    async stop() {
      if (runner.isRunning()) await runner.stop();
      await Promise.allSettled([...handling]);
      // After 401 or 409 this process no longer owns polling: asking again would steal it back.
      if (lost || lastFetched === null) return;
      await bot.api.getUpdates({ offset: lastFetched + 1, limit: 1, timeout: 0 });
    },
  };
}
