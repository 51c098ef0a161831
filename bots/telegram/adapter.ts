import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { CommandHandler } from "../../src/ports/inbound.js";
import type { Logger } from "../../src/ports/logger.js";
import type { Platform } from "../../src/ports/platform.js";
import type { TakeTurns, TakingTurns } from "../../src/ports/turns.js";
import { fetchCapped } from "../shared/fetch-capped.js";
import { MENU } from "./commands.js";
import { PACED, paceSends } from "./pacing.js";
import { TelegramPlatform } from "./platform.js";
import { type Polling, startPolling } from "./polling.js";
import { ReplyQueue } from "./replies.js";
import { WithheldSecrets, type WithheldStore } from "./secrets.js";
import { anotherPoller, pollFailure, pollingLost, telegramStartFailure } from "./start-failure.js";
import { AdminCache, onCallback, onMessage, onPhoto } from "./updates.js";
import { handleTracked, TELEGRAM_WEBHOOK_PATH, webhookHandler } from "./webhook.js";

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
   * The window in which a group gets its 20 messages (default Telegram's minute): tests that
   * must not wait a minute shorten it, as they shorten the fake Telegram's.
   */
  readonly groupWindowMs?: number;
  /**
   * Polling stopped for good after start-up (another poller on the token:
   * 409 Conflict; a revoked token: 401) with one sentence saying why. The bot
   * no longer hears its members and must stop rather than run on, sending.
   */
  readonly onPollingLost?: (sentence: string) => void;
  /**
   * Webhook mode (`TELEGRAM_WEBHOOK_URL`): `start()` sets the webhook to `url` with this
   * `secret` instead of polling, and updates arrive through `webhook.handle`. Absent: polling.
   */
  readonly webhook?: { readonly url: string; readonly secret: string };
  /**
   * Several replicas and no webhook: they take turns at polling (two pollers would steal each
   * other's updates). Absent: this process polls alone.
   */
  readonly pollTurns?: TakeTurns;
  /** Where check-in codes owed to people who never opened a private chat are kept (default: memory). */
  readonly withheld?: WithheldStore;
}

/** Telegram's webhook requests, for the web side to serve (`POST /telegram/webhook`). */
export interface TelegramWebhookEndpoint {
  readonly path: string;
  handle(request: Request): Promise<Response>;
}

export interface TelegramAdapter {
  /** Give it to `core.attach()`; usable before `start()`. */
  readonly platform: Platform;
  /**
   * Registers the command menu (en, fr) and starts long polling, or sets the
   * webhook in webhook mode; resolves once updates can arrive. Throws a PlatformStartError saying whether to retry (Telegram
   * unreachable) or stop (the token refused); may be called again after a failure.
   */
  start(handler: CommandHandler): Promise<void>;
  /**
   * Stops polling after confirming the updates handled so far, so none is fetched
   * again, and gives queued answers a few seconds to go out. Sending (the
   * platform) keeps working, for posts already on their way.
   */
  stop(): Promise<void>;
  /** "connected" while polling runs, else what is wrong (for the health check). */
  status(): "connected" | string;
  /** The bot's @username, for deep links (`https://t.me/<username>?start=…`). */
  username(): Promise<string | undefined>;
  /**
   * In webhook mode, the endpoint Telegram posts to: it answers 503 (Telegram retries) until
   * `start()` has the bot ready and again once `stop()` began. Null when polling.
   */
  readonly webhook: TelegramWebhookEndpoint | null;
}

/** How long `stop()` lets queued answers go out before dropping them (a busy group's may be minutes away). */
const REPLY_GRACE_MS = 5_000;

/** The updates the bot asks for, polling or by webhook. */
const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** Updates of one chat are handled in order; a press without a message has no chat to wait for. */
const chatOf = (ctx: Context) => String(ctx.chat?.id ?? ctx.from?.id ?? "");

/** The Telegram adapter on grammY: group commands, inline buttons, deep-linked DMs. */
export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const logger = options.logger.child({ platform: "telegram" });
  const apiRoot = (options.apiRoot ?? "https://api.telegram.org").replace(/\/+$/, "");
  // Keep-alive connections: one TCP handshake for many requests, not one per request. At most
  // 100 at once: a burst of presses answered together queues here rather than open thousands.
  const sockets = { keepAlive: true, maxSockets: 100 };
  const agent = apiRoot.startsWith("https:") ? new HttpsAgent(sockets) : new HttpAgent(sockets);
  const bot = new Bot(options.token, {
    client: { apiRoot, baseFetchConfig: { agent, compress: true } },
  });
  const replies = new ReplyQueue(bot.api, logger);
  // What reached each group, posts included, so a busy group's personal answers can go privately.
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (result.ok && PACED.has(method) && payload && "chat_id" in payload)
      replies.noteSent(Number(payload.chat_id));
    return result;
  });
  paceSends(bot.api, options.throttle !== false, options.groupWindowMs);
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
  const platform = new TelegramPlatform(bot.api, username, logger, () =>
    bot.isInited() ? bot.botInfo.username : undefined,
  );
  let polling: Polling | null = null;
  /** Polling by turns among replicas (`pollTurns`), once started. */
  let turns: TakingTurns | null = null;
  let stopping = false;
  let listening = false;
  /** Webhook mode: setWebhook succeeded. */
  let webhookSet = false;
  /** Webhook mode: updates being handled, waited for by stop(). */
  const handling = new Set<Promise<void>>();
  const webhook = options.webhook
    ? {
        path: TELEGRAM_WEBHOOK_PATH,
        handle: webhookHandler({
          secret: options.webhook.secret,
          logger,
          unavailable: () =>
            stopping
              ? "this replica is stopping; another one will take the update"
              : listening && bot.isInited()
                ? null
                : "the bot is starting",
          handle: (update) => handleTracked(bot, update, handling, logger),
        }),
      }
    : null;

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
        if (options.webhook) {
          // Every replica sets the same webhook: the first one's call is the one that counts.
          // Pending updates are kept: Telegram posts them once the webhook stands.
          await bot.api.setWebhook(options.webhook.url, {
            secret_token: options.webhook.secret,
            allowed_updates: ALLOWED_UPDATES,
            drop_pending_updates: false,
          });
        } else {
          // As grammY's own bot.start() does: no webhook may stand in the way of polling.
          await bot.api.deleteWebhook();
        }
      } catch (error) {
        throw telegramStartFailure(error, apiRoot);
      }
      if (options.webhook) {
        webhookSet = true;
        logger.info(
          { username: bot.botInfo.username, webhook: options.webhook.url },
          "telegram adapter ready; updates arrive by webhook",
        );
        return;
      }
      const poll = () => {
        const started = startPolling(bot, {
          allowedUpdates: ALLOWED_UPDATES,
          timeoutSeconds: options.pollTimeoutSeconds ?? 30,
          logger,
          unreachable: (error) => pollFailure(error, apiRoot),
        });
        polling = started;
        started.ended.catch((error: unknown) => {
          if (turns && anotherPoller(error)) {
            // The turn passed to another replica while this one still polled: it stands by.
            logger.warn({}, "another replica polls Telegram now; standing by");
            return;
          }
          logger.error({ err: error }, "Telegram polling stopped");
          if (!stopping) options.onPollingLost?.(pollingLost(error));
        });
      };
      if (options.pollTurns && !turns) {
        turns = options.pollTurns({
          begin: poll,
          end: async () => {
            const ending = polling;
            polling = null;
            await ending
              ?.stop()
              .catch((err: unknown) => logger.warn({ err }, "confirming Telegram updates failed"));
          },
        });
      } else if (!options.pollTurns) poll();
      logger.info(
        { username: bot.botInfo.username, polling: options.pollTurns ? "by turns" : "alone" },
        "telegram adapter ready",
      );
    },
    async stop() {
      stopping = true;
      // Webhook mode: new updates are refused (503, Telegram sends them again, to another
      // replica); those under way finish. The webhook stays: the other replicas still serve it.
      await Promise.allSettled([...handling]);
      await turns?.stop();
      await polling
        ?.stop()
        .catch((err: unknown) => logger.warn({ err }, "confirming Telegram updates failed"));
      await replies.stop(REPLY_GRACE_MS);
      // The platform stays usable: the scheduler may still be sending what it claimed.
    },
    status() {
      if (options.webhook) return webhookSet ? "connected" : "Telegram webhook not set yet";
      // Another replica's turn at polling: this one is ready (it sends, and takes over).
      if (turns && !turns.mine() && !polling?.isRunning()) return "connected";
      if (!polling?.isRunning()) return "not polling Telegram";
      return polling.unreachable() ?? "connected";
    },
    username,
    webhook,
  };

  /** Routes updates to the core; once, however many times start() is tried. */
  function listen(handler: CommandHandler): void {
    listening = true;
    const admins = new AdminCache(bot.api);
    const deps = {
      api: bot.api,
      replies,
      handler,
      logger,
      username: bot.botInfo.username,
      withheld: options.withheld ?? new WithheldSecrets(),
      // The file URL carries the token: it goes to fetch and nowhere else (never a log).
      download: (path: string, maxBytes: number) =>
        fetchCapped(`${apiRoot}/file/bot${options.token}/${path}`, maxBytes),
    };
    // Chats are handled concurrently, each in order: one busy chat holds up no other.
    bot.use(sequentialize(chatOf));
    bot.on("message:text", (ctx) => onMessage(ctx, deps, admins));
    bot.on(["message:photo", "message:document"], (ctx) => onPhoto(ctx, deps));
    // Every press, with or without data: each one gets an answer.
    bot.on("callback_query", (ctx) => onCallback(ctx, deps));
  }
}
