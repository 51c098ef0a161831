import { createTelegramAdapter, type TelegramAdapter } from "../../bots/telegram/adapter.js";
import { type Logger, silentLogger } from "../../src/ports/logger.js";
import { type Harness, type HarnessOptions, makeHarness } from "./core-harness.js";
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
  } = {},
): Promise<TelegramRig> {
  const server = await new FakeTelegram(options.server).start();
  server.addUser(ORG, "Olga", "en");
  server.addUser(ALICE, "Alice", "en");
  server.addUser(BOB, "Bob", "en");
  server.addUser(CAROL, "Carol", "fr");
  server.addGroup(GROUP, "Cash mobbers of Lille", [ORG]);
  const make = () =>
    createTelegramAdapter({
      token: server.token,
      apiRoot: server.apiRoot,
      logger: options.logger ?? silentLogger,
      pollTimeoutSeconds: 1,
      // Telegram's pacing makes every group post wait a second; only rate-limit tests want it.
      throttle: options.throttle ?? false,
    });
  let adapter = make();
  const h = makeHarness({ ...options.harness, platforms: [adapter.platform] });
  await adapter.start(h.core.handler);
  const rig: TelegramRig = {
    server,
    h,
    adapter,
    async restart() {
      await rig.adapter.stop();
      adapter = make();
      rig.adapter = adapter;
      h.core.attach(adapter.platform);
      await adapter.start(h.core.handler);
    },
    async close() {
      await rig.adapter.stop();
      await server.stop();
      h.close();
    },
  };
  return rig;
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
