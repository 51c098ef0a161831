import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderNotice } from "../../bots/telegram/render.js";
import type { Notice } from "../../src/ports/platform.js";
import { parseTelegramHtml } from "../fakes/telegram-html.js";
import { asRead, mentionsIn } from "../fakes/telegram-server.js";

const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.constantFrom(
    '<b>Tom & "Jerry"</b>',
    "@everyone",
    "@reachable_member, (@someone) «@x_y_z»",
    '&@someone <@someone> "@someone" @@someone',
    "write to someone@parc.fr",
    "<@&123>",
    "&amp;",
    "</a>",
    '<a href="x">',
    "\u202e\u200b",
    "&#x27;",
  ),
  fc.string({ unit: fc.constantFrom("<", ">", "&", '"', "a", ";", "#", "/"), maxLength: 50 }),
);

function notice(title: string, line: string, link: string): Notice {
  return {
    kind: "call_to_action",
    tone: "info",
    title,
    lines: [
      [
        { kind: "bold", text: "Shop: " },
        { kind: "text", text: line },
      ],
      [
        {
          kind: "link",
          text: link,
          url: `https://www.openstreetmap.org/search?query=${encodeURIComponent(link)}`,
        },
      ],
      [{ kind: "mention", member: { platform: "telegram", userId: "42", displayName: line } }],
    ],
    actions: [[{ id: "mob:1:join", label: line.slice(0, 20) || "Join", style: "success" }]],
    locale: "en",
  };
}

describe("Telegram rendering of user text", () => {
  it("any text, markup and mention syntax included, is valid HTML for Telegram and reads back verbatim", () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (title, line, link) => {
        const rendered = renderNotice(notice(title, line, link), "cashmob_test_bot");
        const parsed = parseTelegramHtml(rendered.text);
        expect(parsed).toMatchObject({ ok: true });
        if (!parsed.ok) return;
        // Read as a person reads it: the word joiner after an `@` shows as nothing.
        expect(asRead(parsed.text)).toBe(asRead([title, `Shop: ${line}`, link, line].join("\n")));
        // The only link that can ping is the mention the bot meant: tg://user?id=42.
        expect(parsed.links.filter((l) => l.startsWith("tg://"))).toEqual(["tg://user?id=42"]);
        // And no @username Telegram would find in the text and notify.
        expect(mentionsIn(parsed.text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
