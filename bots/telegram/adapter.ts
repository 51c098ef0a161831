import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { Bot, GrammyError } from "grammy";
import type { CommandHandler } from "../../src/ports/inbound.js";
import type { Logger } from "../../src/ports/logger.js";
import type { Platform } from "../../src/ports/platform.js";
import { fetchCapped } from "../shared/fetch-capped.js";
import { MENU } from "./commands.js";
import { TelegramPlatform } from "./platform.js";
import { WithheldSecrets } from "./secrets.js";
import { pollFailure, telegramStartFailure } from "./start-failure.js";
import { AdminCache, onCallback, onMessage, onPhoto } from "./updates.js";

export interface TelegramAdapterOptions {
  readonly token: string;
  /** `TELEGRAM_API_ROOT` (default `https://api.telegram.org`), e.g. a self-hosted Bot API server. */
  readonly apiRoot?: string;
  readonly logger: Logger;
  /** Long-polling timeout, seconds (default 30). */
  readonly pollTimeoutSeconds?: number;
  /** Pace sends to Telegram's limits (default on; tests of other things may turn it off). */
  readonly throttle?: boolean;
  /**
   * Polling stopped for good after start-up (another poller on the token:
   * 409 Conflict; a revoked token: 401) with one sentence saying why. The bot
   * no longer hears its members and must stop rather than run on, sending.
   */
  readonly onPollingLost?: (sentence: string) => void;
}

export interface TelegramAdapter {
  /** Give it to `core.attach()`; usable before `start()`. */
  readonly platform: Platform;
  /**
   * Registers the command menu (en, fr) and starts long polling; resolves once
   * polling runs. Throws a PlatformStartError saying whether to retry (Telegram
   * unreachable) or stop (the token refused); may be called again after a failure.
   */
  start(handler: CommandHandler): Promise<void>;
  /**
   * Stops polling after confirming the updates handled so far, so none is fetched
   * again. Sending (the platform) keeps working, for posts already on their way.
   */
  stop(): Promise<void>;
  /** "connected" while polling runs, else what is wrong (for the health check). */
  status(): "connected" | string;
  /** The bot's @username, for deep links (`https://t.me/<username>?start=…`). */
  username(): Promise<string | undefined>;
}

/** Why grammY gave up polling, in one sentence (never the token: grammY's errors do not carry it). */
function pollingLost(error: unknown): string {
  if (error instanceof GrammyError && error.error_code === 409)
    return "another program is polling Telegram with this bot token (409 Conflict); only one bot may run per token.";
  if (error instanceof GrammyError && error.error_code === 401)
    return "Telegram no longer accepts the bot token (401 Unauthorized).";
  const detail = error instanceof GrammyError ? error.description : "an unexpected error";
  return `Telegram polling stopped: ${detail}.`;
}

/** Methods that post or change messages: the ones Telegram rate-limits per chat. */
const PACED = new Set([
  "sendMessage",
  "editMessageText",
  "editMessageReplyMarkup",
  "sendPhoto",
  "sendMediaGroup",
  "sendDocument",
]);

/** The Telegram adapter on grammY: group commands, inline buttons, deep-linked DMs. */
export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const logger = options.logger.child({ platform: "telegram" });
  const apiRoot = (options.apiRoot ?? "https://api.telegram.org").replace(/\/+$/, "");
  // Keep-alive connections: one TCP handshake for many requests, not one per request.
  const agent = apiRoot.startsWith("https:")
    ? new HttpsAgent({ keepAlive: true })
    : new HttpAgent({ keepAlive: true });
  const bot = new Bot(options.token, {
    client: { apiRoot, baseFetchConfig: { agent, compress: true } },
  });
  if (options.throttle !== false) {
    // Evenly spaced (one every 36 ms ≈ 27.8/s) rather than bursts of 30 refilled each second:
    // Telegram counts over a sliding second, and bursts at a refill edge trip it. At 34 ms
    // (29.4/s) timing jitter still tripped it now and then, and a 429 on a DM pauses every
    // send to Telegram for its retry_after (at least a second): the margin is cheaper.
    const throttle = apiThrottler({ global: { maxConcurrent: 30, minTime: 36 } });
    bot.api.config.use((prev, method, payload, signal) =>
      PACED.has(method) ? throttle(prev, method, payload, signal) : prev(method, payload, signal),
    );
  }
  /** Why the last `getUpdates` failed to reach Telegram (null: it did), for the health check. */
  let unreachable: string | null = null;
  let failedPolls = 0;
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    // grammY retries a failed poll every 3 s; this adds a back-off (1 s, 2 s, … up to a minute).
    if (failedPolls > 0) await pause(Math.min(1_000 * 2 ** (failedPolls - 1), 60_000), signal);
    try {
      const result = await prev(method, payload, signal);
      if (unreachable !== null) logger.info({ after: failedPolls }, "Telegram reachable again");
      unreachable = null;
      failedPolls = 0;
      return result;
    } catch (error) {
      const reason = signal?.aborted ? null : pollFailure(error, apiRoot);
      if (reason !== null) {
        // One line per kind of failure, not one per attempt.
        if (reason !== unreachable) logger.warn({ reason }, "Telegram unreachable; retrying");
        unreachable = reason;
        failedPolls++;
      }
      throw error;
    }
  });
  let initialising: Promise<void> | null = null;
  const init = () => {
    // Asked once, here, rather than by grammY's bot.init(), which retries an unreachable
    // Telegram forever without a word.
    initialising ??= (async () => {
      if (!bot.isInited()) bot.botInfo = await bot.api.getMe();
    })().catch((error: unknown) => {
      initialising = null;
      throw error;
    });
    return initialising;
  };
  const username = async () => {
    try {
      await init();
      return bot.botInfo.username;
    } catch {
      return undefined;
    }
  };
  const platform = new TelegramPlatform(bot.api, username, logger);
  let polling: Promise<void> | null = null;
  let started = false;
  let stopping = false;
  let listening = false;

  bot.catch((error) => {
    logger.error(
      { err: error.error, updateId: error.ctx.update.update_id },
      "handling a Telegram update failed",
    );
  });

  return {
    platform,
    async start(handler) {
      try {
        await init();
      } catch (error) {
        throw telegramStartFailure(error, apiRoot);
      }
      if (!listening) listen(handler);
      try {
        await bot.api.setMyCommands(MENU.en);
        await bot.api.setMyCommands(MENU.fr, { language_code: "fr" });
      } catch (error) {
        throw telegramStartFailure(error, apiRoot);
      }
      await new Promise<void>((resolve, reject) => {
        polling = bot
          .start({
            allowed_updates: ["message", "callback_query"],
            timeout: options.pollTimeoutSeconds ?? 30,
            onStart: () => {
              started = true;
              resolve();
            },
          })
          .catch((error: unknown) => {
            logger.error({ err: error }, "Telegram polling stopped");
            if (started && !stopping) options.onPollingLost?.(pollingLost(error));
            reject(telegramStartFailure(error, apiRoot));
          });
      });
      logger.info({ username: bot.botInfo.username }, "telegram adapter ready");
    },
    async stop() {
      stopping = true;
      if (bot.isRunning()) await bot.stop();
      await polling;
      // The platform stays usable: the scheduler may still be sending what it claimed.
    },
    status() {
      if (!bot.isRunning()) return "not polling Telegram";
      return unreachable ?? "connected";
    },
    username,
  };

  /** Routes updates to the core; once, however many times start() is tried. */
  function listen(handler: CommandHandler): void {
    listening = true;
    const admins = new AdminCache(bot.api);
    const deps = {
      api: bot.api,
      handler,
      logger,
      username: bot.botInfo.username,
      withheld: new WithheldSecrets(),
      // The file URL carries the token: it goes to fetch and nowhere else (never a log).
      download: (path: string, maxBytes: number) =>
        fetchCapped(`${apiRoot}/file/bot${options.token}/${path}`, maxBytes),
    };
    bot.on("message:text", (ctx) => onMessage(ctx, deps, admins));
    bot.on(["message:photo", "message:document"], (ctx) => onPhoto(ctx, deps));
    // Every press, with or without data: each one gets an answer.
    bot.on("callback_query", (ctx) => onCallback(ctx, deps));
  }
}

/** Waits `ms`, or less when `signal` aborts (polling stopped). */
function pause(
  ms: number,
  signal: { addEventListener(type: "abort", listener: () => void): void } | undefined,
): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
