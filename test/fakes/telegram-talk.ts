import { onTestFinished } from "vitest";
import { type TelegramRig, telegramRig, until } from "./telegram-harness.js";
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
