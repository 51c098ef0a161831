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

function renderInline(part: Inline): string {
  switch (part.kind) {
    case "text":
    case "time":
      return escapeHtml(part.text);
    case "bold":
      return part.text.trim() === "" ? escapeHtml(part.text) : `<b>${escapeHtml(part.text)}</b>`;
    case "link":
      return /^https?:\/\//i.test(part.url)
        ? `<a href="${escapeHtml(part.url)}">${escapeHtml(part.text)}</a>`
        : escapeHtml(part.text);
    case "mention":
      // A mention by id pings that person even without a username, and only them.
      return /^\d{1,15}$/.test(part.member.userId)
        ? `<a href="tg://user?id=${part.member.userId}">${escapeHtml(part.member.displayName)}</a>`
        : escapeHtml(`@${part.member.displayName}`);
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
    notice.tone === "error" ? escapeHtml(notice.title) : `<b>${escapeHtml(notice.title)}</b>`;
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
