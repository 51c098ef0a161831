import { createTelegramAdapter, type TelegramAdapter } from "../../bots/telegram/adapter.js";
import { TELEGRAM_WEBHOOK_PATH } from "../../bots/telegram/webhook.js";
import { loadConfig } from "../../src/config/config.js";
import { type Logger, silentLogger } from "../../src/ports/logger.js";
import { telegramWebhookFor } from "../../src/startup/core-parts.js";
import { withheldIn } from "../../src/startup/withheld.js";
import { createWebApp } from "../../src/web/app.js";
import { startWebServer } from "../../src/web/server.js";
import { type Harness, type HarnessOptions, makeHarness } from "./core-harness.js";
import { coreWebPort } from "./core-web.js";
import { FakeTelegram, type FakeTelegramOptions, type SentMessage } from "./telegram-server.js";

/** People and the group in the fake Telegram. */
export const GROUP = -1001234567890;
export const ORG = 1001;
export const ALICE = 1002;
export const BOB = 1003;
export const CAROL = 1004;

export interface TelegramRig {
  readonly server: FakeTelegram;
  readonly h: Harness;
  adapter: TelegramAdapter;
  /** Webhook mode: the web side's endpoint Telegram posts to, and the secret it carries; else null. */
  readonly webhook: { readonly url: string; readonly secret: string } | null;
  /** A new adapter instance on the same server and core, as after a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A fake Telegram, a real core (fake clock) and the real adapter, started. */
export async function telegramRig(
  options: {
    server?: FakeTelegramOptions;
    harness?: HarnessOptions;
    logger?: Logger;
    throttle?: boolean;
    /** With `throttle`: a group's 20 messages in this window rather than a minute (the adapter's groupWindowMs). */
    groupWindowMs?: number;
    /**
     * Webhook mode, as main.ts runs it: the real web app serves POST /telegram/webhook on
     * 127.0.0.1, the secret is TELEGRAM_WEBHOOK_SECRET (`secret`) or the one kept in the
     * database, and the fake posts updates there. People type and press as with polling.
     */
    webhook?: boolean | { readonly secret?: string };
  } = {},
): Promise<TelegramRig> {
  const server = await new FakeTelegram(options.server).start();
  server.addUser(ORG, "Olga", "en");
  server.addUser(ALICE, "Alice", "en");
  server.addUser(BOB, "Bob", "en");
  server.addUser(CAROL, "Carol", "fr");
  server.addGroup(GROUP, "Cash mobbers of Lille", [ORG]);
  const h = makeHarness(options.harness);
  let current: TelegramAdapter | null = null;
  const web = options.webhook
    ? await serveWebhook(h, () => current, {
        ...(typeof options.webhook === "object" && options.webhook.secret
          ? { secret: options.webhook.secret }
          : {}),
      })
    : null;
  const make = () =>
    createTelegramAdapter({
      token: server.token,
      apiRoot: server.apiRoot,
      logger: options.logger ?? silentLogger,
      pollTimeoutSeconds: 1,
      // Telegram's pacing makes every group post wait a second; only rate-limit tests want it.
      throttle: options.throttle ?? false,
      ...(options.groupWindowMs ? { groupWindowMs: options.groupWindowMs } : {}),
      ...(web ? { webhook: web.webhook } : {}),
      // As the bot runs: owed check-in codes kept in the database, so a restart keeps them.
      withheld: withheldIn(h.uow, "telegram"),
    });
  let adapter = make();
  current = adapter;
  h.core.attach(adapter.platform);
  await adapter.start(h.core.handler);
  const rig: TelegramRig = {
    server,
    h,
    adapter,
    webhook: web?.webhook ?? null,
    async restart() {
      await rig.adapter.stop();
      adapter = make();
      current = adapter;
      rig.adapter = adapter;
      h.core.attach(adapter.platform);
      await adapter.start(h.core.handler);
    },
    async close() {
      await rig.adapter.stop();
      await web?.stop();
      await server.stop();
      h.close();
    },
  };
  return rig;
}

/** A replica's web side taking Telegram's webhook: the real web app on 127.0.0.1, port 0. */
export interface WebhookServer {
  /** What the adapter is given: the endpoint's URL and its secret token. */
  readonly webhook: { readonly url: string; readonly secret: string };
  stop(): Promise<void>;
}

/**
 * Serves `POST /telegram/webhook` for whichever adapter `adapter()` names (a restart swaps it),
 * with the secret resolved as main.ts does: `secret` (TELEGRAM_WEBHOOK_SECRET), or the one
 * kept in `h`'s database, so replicas on one database agree.
 */
export async function serveWebhook(
  h: Harness,
  adapter: () => TelegramAdapter | null,
  options: { readonly secret?: string } = {},
): Promise<WebhookServer> {
  const app = createWebApp({
    port: coreWebPort(h),
    clock: h.clock,
    publicUrl: null,
    linkSecret: "test-link-secret-0123456789abcdef-0123",
    inbound: [
      {
        path: TELEGRAM_WEBHOOK_PATH,
        handle: (request) =>
          adapter()?.webhook?.handle(request) ??
          Promise.resolve(new Response("no adapter", { status: 503 })),
      },
    ],
  });
  const running = await startWebServer(app, { host: "127.0.0.1", port: 0 });
  const url = `${running.url}${TELEGRAM_WEBHOOK_PATH}`;
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: "123:test",
    TELEGRAM_WEBHOOK_URL: url,
    ...(options.secret ? { TELEGRAM_WEBHOOK_SECRET: options.secret } : {}),
  });
  const webhook = await telegramWebhookFor(config, h.uow);
  if (!webhook) throw new Error("no webhook in the config");
  return { webhook, stop: () => running.stop() };
}

export async function until(
  check: () => boolean | Promise<boolean>,
  what = "condition",
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The texts a chat shows, oldest first. */
export const texts = (messages: readonly SentMessage[]) => messages.map((m) => m.text);

/** The buttons of a message: callback data, or the URL of a link button. */
export function buttons(message: SentMessage | undefined): string[] {
  return (message?.reply_markup?.inline_keyboard ?? [])
    .flat()
    .map((b) => b.callback_data ?? b.url ?? "");
}

/**
 * What the bot said in `chat` after its first `before` messages and before
 * its answer to a marker: `from` sends `/mob 999` there and the bot's answer
 * ("no mob #999") is awaited. Updates of one chat are handled in order, so
 * anything the bot had to say to what came earlier is in the list: an empty
 * list means it said nothing, without guessing how long to wait.
 */
export async function saidBeforeMarker(
  rig: TelegramRig,
  from: number,
  chat: number,
  before: number,
): Promise<string[]> {
  const said = () => rig.server.chatMessages(chat).slice(before);
  const isMarker = (m: SentMessage) => m.text.includes("#999");
  rig.server.type(from, chat, "/mob 999");
  await until(() => said().some(isMarker), "the answer to the marker");
  const all = said();
  return texts(all.slice(0, all.findIndex(isMarker)));
}
