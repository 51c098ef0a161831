import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { albumMessages, withPicture } from "../../bots/discord/attachments.js";
import { renderMessage } from "../../bots/discord/render.js";
import { renderNotice } from "../../bots/telegram/render.js";
import type { Inline, Notice } from "../../src/ports/platform.js";
import { DiscordSpec } from "../fakes/spec/discord.js";
import { showPath } from "../fakes/spec/spec-error.js";
import { TelegramSpec } from "../fakes/spec/telegram.js";
import { parseTelegramHtml } from "../fakes/telegram-html.js";

/**
 * Scripted tests only send the notices they script; here any notice the core
 * could hand over (hostile or huge user text, many buttons, every kind of
 * inline) is rendered by each adapter and checked against the platform's own
 * API description, as the fakes check what the bot sends.
 */

const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 400 }),
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.constantFrom("", " ", "\n", "🏳️‍🌈".repeat(90), "é".repeat(300), "<b>&amp;</b>"),
);
const snowflake = fc.bigInt(1n, 2n ** 62n).map(String);
const actionId = fc.oneof(
  snowflake.map((n) => `mob:${n}:join`),
  fc.tuple(snowflake, snowflake).map(([v, n]) => `vote:${v}:${n}`),
  fc.integer({ min: 1, max: 10 ** 12 }).map((n) => `mob:1:spent:${n}`),
);
const inline: fc.Arbitrary<Inline> = fc.oneof(
  text.map((t) => ({ kind: "text" as const, text: t })),
  text.map((t) => ({ kind: "bold" as const, text: t })),
  fc.tuple(text, fc.webUrl()).map(([t, url]) => ({ kind: "link" as const, text: t, url })),
  fc.tuple(fc.oneof(snowflake, text), text).map(([userId, displayName]) => ({
    kind: "mention" as const,
    member: { platform: "discord" as const, userId, displayName },
  })),
);
const notice: fc.Arbitrary<Notice> = fc.record({
  kind: fc.constantFrom("call_to_action", "reminder", "tally", "reply", "error"),
  tone: fc.constantFrom("info", "success", "warning", "error"),
  // The core's titles always start with words of its own ("Cash mob: <shop>").
  title: fc.tuple(fc.constantFrom("Cash mob: ", "Rappel : ", "Tally"), text).map(([a, b]) => a + b),
  lines: fc.array(fc.array(inline, { maxLength: 5 }), { maxLength: 40 }),
  actions: fc.array(
    fc.array(
      fc.record({
        id: actionId,
        label: text,
        style: fc.constantFrom("primary", "secondary", "success", "danger"),
      }),
      { maxLength: 12 },
    ),
    { maxLength: 8 },
  ),
  dmInvite: fc.option(
    fc.record({
      payload: fc.constantFrom(
        { kind: "join", mobId: 1 } as const,
        { kind: "checkin", mobId: 1, code: "ABC123" } as const,
      ),
      label: text,
    }),
    { nil: undefined },
  ),
  locale: fc.constantFrom("en", "fr"),
});

const discord = DiscordSpec.load();
const SMALL_FILE = new Uint8Array(1_000);
const LARGE_FILE = new Uint8Array(3 * 1024 * 1024);
const telegram = TelegramSpec.load();

describe("what the adapters render fits the platforms' own API descriptions", () => {
  it.skipIf(discord === null)(
    "any notice, as a Discord post, an interaction reply and an edit",
    () => {
      fc.assert(
        fc.property(notice, (n) => {
          const body = renderMessage(n);
          const problems = [
            {
              method: "POST",
              path: "/channels/810000000000000001/messages",
              value: { ...body, nonce: "mob:1:reminder:1", enforce_nonce: true },
            },
            {
              method: "POST",
              path: "/interactions/810000000000000002/token/callback",
              value: { type: 4, data: { ...body, flags: 64 } },
            },
            {
              method: "PATCH",
              path: "/channels/810000000000000001/messages/810000000000000003",
              value: body,
            },
          ].flatMap(({ method, path, value }) => {
            const verdict = discord!.check({
              method,
              path,
              query: new URLSearchParams(),
              body: { kind: "json", value },
            });
            return verdict.ok
              ? []
              : verdict.errors.map((e) => `${method} ${path}: ${showPath(e.path)} ${e.message}`);
          });
          expect(problems).toEqual([]);
        }),
        { numRuns: 300 },
      );
    },
  );

  it.skipIf(discord === null)(
    "any notice with a picture, and any album, as Discord multipart posts",
    () => {
      const picture = fc.record({
        // Sizes matter only for how an album is split: a small file and one near the limit.
        bytes: fc.constantFrom(SMALL_FILE, LARGE_FILE),
        filename: fc.constantFrom("card.png", "photo-1.jpg", "photo-30.webp"),
        mime: fc.constantFrom("image/png", "image/jpeg", "image/webp"),
        alt: fc.oneof(text, fc.constant("a long description ".repeat(80))),
      });
      fc.assert(
        fc.property(
          notice,
          picture,
          fc.array(picture, { minLength: 1, maxLength: 10 }),
          text,
          (n, p, pictures, caption) => {
            const posts = [
              withPicture(renderMessage(n), p),
              ...albumMessages({ caption, pictures, locale: "en" }),
            ];
            const problems = posts.flatMap(({ body, files }) => {
              // The file parts appear by name, as the fake reads a multipart request.
              const value = {
                ...body,
                ...Object.fromEntries(files.map((_, i) => [`files[${i}]`, "…"])),
              };
              const verdict = discord!.check({
                method: "POST",
                path: "/channels/810000000000000001/messages",
                query: new URLSearchParams(),
                body: { kind: "multipart", value },
              });
              return verdict.ok
                ? []
                : verdict.errors.map((e) => `${showPath(e.path)} ${e.message}`);
            });
            expect(problems).toEqual([]);
            for (const post of posts) expect(post.files.length).toBeLessThanOrEqual(10);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it.skipIf(telegram === null)("any notice, as a Telegram message and an edit", () => {
    fc.assert(
      fc.property(notice, (n) => {
        const m = renderNotice(n, "cashmob_test_bot");
        const options = {
          text: m.text,
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}),
        };
        // The one limit the description states after the HTML is parsed, as the fake checks it.
        const parsed = parseTelegramHtml(m.text);
        expect(parsed.ok && parsed.text.trim() !== "" && [...parsed.text].length <= 4096).toBe(
          true,
        );
        for (const [method, params] of [
          ["sendMessage", { chat_id: -1001234567890, ...options }],
          ["editMessageText", { chat_id: -1001234567890, message_id: 7, ...options }],
        ] as const) {
          const verdict = telegram!.check({ method, params, files: [] });
          expect(verdict.ok ? "" : verdict.description).toBe("");
        }
      }),
      { numRuns: 300 },
    );
  });
});
