import { Api, InputFile } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { png } from "../fakes/images.js";
import { TelegramSpec } from "../fakes/spec/telegram.js";
import { FakeTelegram } from "../fakes/telegram-server.js";

/**
 * The fake Telegram refuses what the Bot API description refuses, with
 * Telegram's answer (400, ok: false, "Bad Request: …"), whether the call
 * came as JSON, a urlencoded form or multipart. Skipped, after a loud
 * warning, where ../shared/specs is absent; on CI that is an error.
 */

const GROUP = -1001234567890;
let fake: FakeTelegram;
beforeEach(async () => {
  fake = await new FakeTelegram().start();
  fake.addGroup(GROUP, "Cash mobbers");
});
afterEach(async () => {
  // These tests send refused calls on purpose; each one checked what it expected.
  fake.specViolations.splice(0);
  await fake.stop();
});

type Body = URLSearchParams | FormData | Record<string, unknown>;

interface Answer {
  status: number;
  body: { ok: boolean; error_code?: number; description?: string };
}

async function call(method: string, body: Body): Promise<Answer> {
  const json = !(body instanceof URLSearchParams || body instanceof FormData);
  const res = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: "POST",
    ...(json
      ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
      : { body }),
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

/** One row of buttons; typed loosely on purpose, since some tests build buttons Telegram refuses. */
const keyboard = (...buttons: Record<string, unknown>[]) =>
  ({ inline_keyboard: [buttons] }) as unknown as InlineKeyboardMarkup;
const join = { text: "Join", callback_data: "mob:1:join" };

/** [what, method, body, a piece of Telegram's description] */
const REFUSED: [string, string, () => Body, string][] = [
  [
    "sendMessage without chat_id",
    "sendMessage",
    () => ({ text: "hi" }),
    'parameter "chat_id" is required',
  ],
  [
    "sendMessage without text",
    "sendMessage",
    () => ({ chat_id: GROUP }),
    'parameter "text" is required',
  ],
  // 22 euro signs: 22 characters, 66 bytes.
  [
    "callback_data over 64 bytes",
    "sendMessage",
    () => ({
      chat_id: GROUP,
      text: "hi",
      reply_markup: keyboard({ text: "Join", callback_data: "€".repeat(22) }),
    }),
    "reply_markup.inline_keyboard[0][0].callback_data must be at most 64 bytes",
  ],
  [
    "an inline button that does nothing",
    "sendMessage",
    () => ({ chat_id: GROUP, text: "hi", reply_markup: keyboard({ text: "Join" }) }),
    "reply_markup.inline_keyboard[0][0] must use exactly one of url, callback_data",
  ],
  [
    "an inline button with both a URL and callback data",
    "sendMessage",
    () => ({
      chat_id: GROUP,
      text: "hi",
      reply_markup: keyboard({ ...join, url: "https://t.me/x" }),
    }),
    "must use exactly one of",
  ],
  [
    "an inline keyboard that is not rows of buttons",
    "sendMessage",
    () => ({ chat_id: GROUP, text: "hi", reply_markup: { inline_keyboard: [join] } }),
    "reply_markup.inline_keyboard[0] must be array",
  ],
  [
    "a misspelt parameter",
    "sendMessage",
    () => ({ chat_id: GROUP, text: "hi", parse_mod: "HTML" }),
    'unknown parameter "parse_mod"',
  ],
  [
    "a chat_id that is an object",
    "sendMessage",
    () => ({ chat_id: { id: GROUP }, text: "hi" }),
    "chat_id must be",
  ],
  [
    "a message whose text is empty once the HTML is parsed",
    "sendMessage",
    () => ({ chat_id: GROUP, text: "<b> </b>", parse_mode: "HTML" }),
    "message text is empty",
  ],
  [
    "a message over 4096 characters once the HTML is parsed",
    "sendMessage",
    () => ({ chat_id: GROUP, text: `<b>${"x".repeat(4097)}</b>`, parse_mode: "HTML" }),
    "message is too long",
  ],
  [
    "a callback answer over 200 characters",
    "answerCallbackQuery",
    () => ({ callback_query_id: "1", text: "t".repeat(201) }),
    "text must NOT have more than 200 characters",
  ],
  [
    "a command with capitals",
    "setMyCommands",
    () => ({ commands: [{ command: "NewMob", description: "Create a mob" }] }),
    "commands[0].command must match pattern",
  ],
  [
    "a command with an empty description",
    "setMyCommands",
    () => ({ commands: [{ command: "newmob", description: "" }] }),
    "commands[0].description must NOT have fewer than 1 characters",
  ],
  [
    "101 commands",
    "setMyCommands",
    () => ({
      commands: Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: "d" })),
    }),
    "commands must NOT have more than 100 items",
  ],
  [
    "getUpdates asking for 101 updates",
    "getUpdates",
    () => ({ limit: 101 }),
    "limit must be <= 100",
  ],
  [
    "a message id that is not a number, in a form",
    "editMessageText",
    () => new URLSearchParams({ chat_id: String(GROUP), message_id: "first", text: "hi" }),
    "message_id must be integer",
  ],
  [
    "a reply_markup that is not JSON, in a form",
    "sendMessage",
    () => new URLSearchParams({ chat_id: String(GROUP), text: "hi", reply_markup: "{oops" }),
    "reply_markup must be object",
  ],
  [
    "an attach:// naming a part the upload does not have",
    "sendMessage",
    () =>
      form({
        chat_id: String(GROUP),
        text: "hi",
        link_preview_options: JSON.stringify({ url: "attach://card" }),
      }),
    'link_preview_options.url names a file part "card"',
  ],
];

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe.skipIf(TelegramSpec.load() === null)(
  "the fake Telegram checks calls against the Bot API description",
  () => {
    it.each(REFUSED)("refuses %s with 400 Bad Request", async (_what, method, body, says) => {
      const answer = await call(method, body());
      expect(answer.status).toBe(400);
      expect(answer.body.ok).toBe(false);
      expect(answer.body.error_code).toBe(400);
      expect(answer.body.description).toMatch(/^Bad Request: /);
      expect(answer.body.description).toContain(says);
      expect(fake.specViolations).toHaveLength(1);
      // Refused before anything was handled: nothing sent, no commands set.
      expect(fake.chatMessages(GROUP)).toEqual([]);
      expect(fake.commands.size).toBe(0);
    });

    it("answers 404 for a method Telegram does not have", async () => {
      const answer = await call("sendMesage", { chat_id: GROUP, text: "hi" });
      expect(answer).toEqual({
        status: 404,
        body: { ok: false, error_code: 404, description: "Not Found: method not found" },
      });
      expect(fake.specViolations.map((v) => v.request)).toEqual(["sendMesage"]);
    });

    it("reads a form as Telegram does: numbers, booleans and JSON objects from text", async () => {
      const answer = await call(
        "sendMessage",
        new URLSearchParams({
          chat_id: String(GROUP),
          text: "1234",
          disable_notification: "true",
          reply_markup: JSON.stringify(keyboard(join)),
        }),
      );
      expect(answer.status).toBe(200);
      expect(fake.chatMessages(GROUP).map((m) => m.text)).toEqual(["1234"]);
      expect(fake.specViolations).toEqual([]);
    });

    it("reads multipart with JSON-encoded nested fields", async () => {
      const answer = await call(
        "sendMessage",
        form({ chat_id: String(GROUP), text: "hi", reply_markup: JSON.stringify(keyboard(join)) }),
      );
      expect(answer.status).toBe(200);
      expect(fake.chatMessages(GROUP)[0]?.reply_markup).toEqual(keyboard(join));
      expect(fake.specViolations).toEqual([]);
    });

    it("checks grammY's own uploads: the file part found, the nested keyboard checked", async () => {
      const api = new Api(fake.token, { apiRoot: fake.apiRoot });
      const card = () => new InputFile(png(120, 63), "card.png");
      const bad = keyboard({ text: "Join", callback_data: "x".repeat(65) });
      await expect(api.sendPhoto(GROUP, card(), { reply_markup: bad })).rejects.toMatchObject({
        error_code: 400,
        description: expect.stringContaining("callback_data must be at most 64 bytes"),
      });
      expect(fake.specViolations).toHaveLength(1);
      fake.specViolations.splice(0);
      // A good upload passes the check, and the group shows the photo with its caption.
      await api.sendPhoto(GROUP, card(), { caption: "The tally", reply_markup: keyboard(join) });
      expect(fake.calls.at(-1)?.method).toBe("sendPhoto");
      expect(fake.specViolations).toEqual([]);
      expect(fake.chatMessages(GROUP).at(-1)).toMatchObject({
        text: "The tally",
        photo: { filename: "card.png", data: png(120, 63) },
      });
    });

    it("refuses what Telegram cannot take as a photo or an album, as Telegram does", async () => {
      const api = new Api(fake.token, { apiRoot: fake.apiRoot });
      const file = (bytes: Buffer, name = "x.png") => new InputFile(bytes, name);
      await expect(api.sendPhoto(GROUP, file(Buffer.from("not a picture")))).rejects.toMatchObject({
        description: "Bad Request: IMAGE_PROCESS_FAILED",
      });
      await expect(api.sendPhoto(GROUP, file(png(9_000, 1_500)))).rejects.toMatchObject({
        description: "Bad Request: PHOTO_INVALID_DIMENSIONS",
      });
      await expect(
        api.sendPhoto(GROUP, file(png(10, 10)), { caption: "x".repeat(1025) }),
      ).rejects.toMatchObject({ description: "Bad Request: message caption is too long" });
      const photo = (n: number) => ({ type: "photo" as const, media: file(png(10, 10, n)) });
      await expect(api.sendMediaGroup(GROUP, [photo(1)])).rejects.toMatchObject({
        error_code: 400,
      });
      await expect(
        api.sendMediaGroup(
          GROUP,
          Array.from({ length: 11 }, (_, i) => photo(i)),
        ),
      ).rejects.toMatchObject({ error_code: 400 });
      expect(fake.specViolations.map((v) => v.request)).toEqual([
        "sendPhoto",
        "sendPhoto",
        "sendPhoto",
        "sendMediaGroup",
        "sendMediaGroup",
      ]);
      fake.specViolations.splice(0);
      const sent = await api.sendMediaGroup(GROUP, [photo(1), photo(2)]);
      expect(sent).toHaveLength(2);
      expect(new Set(fake.chatMessages(GROUP).map((m) => m.mediaGroupId)).size).toBe(1);
    });

    it("accepts what grammY sends for a call-to-action", async () => {
      const api = new Api(fake.token, { apiRoot: fake.apiRoot });
      await api.sendMessage(GROUP, "<b>Cash mob</b>", {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_markup: keyboard(join, {
          text: "Reminders",
          url: "https://t.me/cashmob_test_bot?start=mob_1",
        }),
      });
      expect(fake.chatMessages(GROUP).map((m) => m.text)).toEqual(["Cash mob"]);
      expect(fake.specViolations).toEqual([]);
    });
  },
);
