import { onTestFinished } from "vitest";
import {
  GROUP,
  saidBeforeMarker,
  type TelegramRig,
  telegramRig,
  until,
} from "./telegram-harness.js";
import type { SentMessage } from "./telegram-server.js";

/** A started telegramRig (same options), closed when the test finishes: call it inside a test. */
export async function startTelegram(
  options?: Parameters<typeof telegramRig>[0],
): Promise<TelegramRig> {
  const rig = await telegramRig(options);
  onTestFinished(() => rig.close());
  return rig;
}

/** `from` types `text` in `chat`; resolves with the bot's answer there (its first message after). */
export async function answerIn(
  rig: TelegramRig,
  from: number,
  chat: number,
  text: string,
): Promise<string> {
  const before = rig.server.chatMessages(chat).length;
  rig.server.type(from, chat, text);
  await until(() => rig.server.chatMessages(chat).length > before, `an answer to ${text}`);
  return rig.server.chatMessages(chat)[before]?.text ?? "";
}

/** `from` presses the button `data` of `message`; resolves with the toast Telegram showed. */
export async function toastFor(
  rig: TelegramRig,
  from: number,
  message: SentMessage,
  data: string,
): Promise<string | undefined> {
  const before = rig.server.callbackAnswers.length;
  rig.server.press(from, message, data);
  await until(() => rig.server.callbackAnswers.length > before, "the toast");
  return rig.server.callbackAnswers[before]?.text;
}

/**
 * The set-up most Telegram tests share; call it at a file's top level. `start()` (inside a test)
 * starts that test's rig, closed when the test finishes; the rest act on it.
 */
export function telegramScene() {
  let current: TelegramRig | undefined;
  const rig = (): TelegramRig => {
    if (!current) throw new Error("no Telegram rig: call start() in the test first");
    return current;
  };
  return {
    rig,
    async start(options?: Parameters<typeof telegramRig>[0]): Promise<TelegramRig> {
      current = await startTelegram(options);
      return current;
    },
    /** The group's messages, as sent. */
    group: () => rig().server.chatMessages(GROUP),
    /** `from` types `text` in `chat`; resolves with the bot's answer there. */
    say: (from: number, chat: number, text: string) => answerIn(rig(), from, chat, text),
    /** What the bot said in `chat` after its `before`th message, up to `from`'s marker. */
    said: (from: number, chat: number, before: number) =>
      saidBeforeMarker(rig(), from, chat, before),
  };
}
