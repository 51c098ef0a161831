import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { telegramStartLink } from "../../src/domain/codecs/deep-link.js";
import type { Inline, Line, Notice } from "../../src/ports/platform.js";

/** Telegram's limit on a message's text, in characters after entity parsing. */
export const MAX_TEXT = 4096;
/** Telegram's limit on callback_data, in bytes. */
export const MAX_CALLBACK_DATA = 64;

/** Escapes text for Telegram's HTML parse mode: `<`, `>`, `&` (and `"` for attributes). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** U+2060 WORD JOINER: no width, no glyph, no line break, not stripped by Telegram. */
export const WORD_JOINER = "\u2060";

/**
 * Text people typed (a shop name, a note, a reason, a thank-you, a name),
 * made to notify no one. Telegram links `@name` by itself, from
 * plain text, and pings its owner: an `@` not after a letter, digit or `_`,
 * then 2 to 32 of `[A-Za-z0-9_]` (tdlib's match_mentions). A word joiner
 * right after such an `@` ends the name before it starts; the text reads the
 * same. An `@` inside a word (an e-mail address) is no mention and is left as is.
 */
export function unlinkMentions(text: string): string {
  return text.replace(/(?<![A-Za-z0-9_])@(?=[A-Za-z0-9_])/g, `@${WORD_JOINER}`);
}

/** User text escaped for Telegram's HTML parse mode, pinging no one. */
export const escapeText = (text: string) => escapeHtml(unlinkMentions(text));

function renderInline(part: Inline): string {
  switch (part.kind) {
    case "text":
    case "time":
      return escapeText(part.text);
    case "bold":
      return part.text.trim() === "" ? escapeText(part.text) : `<b>${escapeText(part.text)}</b>`;
    case "link":
      return /^https?:\/\//i.test(part.url)
        ? `<a href="${escapeHtml(part.url)}">${escapeText(part.text)}</a>`
        : escapeText(part.text);
    case "mention":
      // Only the bot's own mention pings, and only by id: that person, even without a username.
      // Without a numeric id, the name stays plain text (an @name could be someone else's).
      return /^\d{1,15}$/.test(part.member.userId)
        ? `<a href="tg://user?id=${part.member.userId}">${escapeText(part.member.displayName)}</a>`
        : escapeText(part.member.displayName);
  }
}

/** Telegram's limit on a photo's or a document's caption, in characters after entity parsing. */
export const MAX_CAPTION = 1024;

/** Characters a person sees once Telegram has parsed the HTML. */
export const visibleLength = (html: string) =>
  [...html.replace(/<[^>]+>/g, "").replace(/&(lt|gt|amp|quot);/g, "x")].length;

export interface RenderedMessage {
  readonly text: string;
  readonly reply_markup?: InlineKeyboardMarkup;
}

/**
 * A notice as Telegram HTML with an inline keyboard. Whole lines are dropped
 * from the end when the text is too long, so no tag is ever cut in half.
 */
export function renderNotice(notice: Notice, botUsername: string | undefined): RenderedMessage {
  const title =
    notice.tone === "error" ? escapeText(notice.title) : `<b>${escapeText(notice.title)}</b>`;
  const lines = notice.lines.map((line: Line) => line.map(renderInline).join(""));
  let text = [title, ...lines].join("\n");
  while (visibleLength(text) > MAX_TEXT && lines.length > 0) {
    lines.pop();
    text = [title, ...lines, "…"].join("\n");
  }
  const keyboard: InlineKeyboardButton[][] = notice.actions
    .map((row) =>
      row
        .filter((a) => Buffer.byteLength(a.id) <= MAX_CALLBACK_DATA)
        .map((a) => ({ text: a.label, callback_data: a.id })),
    )
    .filter((row) => row.length > 0);
  if (notice.dmInvite && botUsername) {
    keyboard.push([
      {
        text: notice.dmInvite.label,
        url: telegramStartLink(botUsername, notice.dmInvite.payload),
      },
    ]);
  }
  return keyboard.length > 0 ? { text, reply_markup: { inline_keyboard: keyboard } } : { text };
}
