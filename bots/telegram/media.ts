import { type Api, InputFile } from "grammy";
import type { Message } from "grammy/types";
import type { Album, NoticeFile, Picture } from "../../src/ports/platform.js";
import {
  escapeHtml,
  MAX_CAPTION,
  type RenderedMessage,
  unlinkMentions,
  visibleLength,
} from "./render.js";

/**
 * grammY types its `signal` parameters with the abort-controller package's AbortSignal; at run
 * time it takes Node's own (it only listens for "abort"), so the type is all that changes.
 */
export type GrammySignal = Parameters<Api["sendMessage"]>[3];
export const grammySignal = (signal?: AbortSignal): GrammySignal => signal as GrammySignal;

/**
 * A rendered notice with a picture or a file: the text is its caption when
 * it fits Telegram's 1,024 characters; a longer text follows as its own
 * message, carrying the buttons. Returns the first message sent. `signal` may
 * call off the first; once it went, the rest follows.
 */
export async function sendWithAttachment(
  api: Api,
  chatId: number | string,
  message: RenderedMessage,
  attachment: { readonly picture: Picture } | { readonly file: NoticeFile },
  signal?: AbortSignal,
): Promise<Message> {
  const fits = visibleLength(message.text) <= MAX_CAPTION;
  const markup = message.reply_markup ? { reply_markup: message.reply_markup } : {};
  const caption = fits ? { caption: message.text, parse_mode: "HTML" as const, ...markup } : {};
  const first =
    "picture" in attachment
      ? await api.sendPhoto(
          chatId,
          new InputFile(attachment.picture.bytes, attachment.picture.filename),
          caption,
          grammySignal(signal),
        )
      : await api.sendDocument(
          chatId,
          new InputFile(attachment.file.bytes, attachment.file.filename),
          caption,
          grammySignal(signal),
        );
  if (!fits) {
    await api.sendMessage(chatId, message.text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...markup,
    });
  }
  return first;
}

/**
 * Pictures posted together: one album (sendMediaGroup takes two to ten), or
 * a single photo; the caption under the first. Returns the first message.
 */
export async function sendAlbum(
  api: Api,
  chatId: number | string,
  album: Album,
  signal?: AbortSignal,
): Promise<Message> {
  const caption = escapeHtml([...unlinkMentions(album.caption)].slice(0, MAX_CAPTION).join(""));
  const pictures = album.pictures.slice(0, 10);
  const [only] = pictures;
  if (pictures.length === 1 && only)
    return api.sendPhoto(
      chatId,
      new InputFile(only.bytes, only.filename),
      { caption, parse_mode: "HTML" },
      grammySignal(signal),
    );
  const sent = await api.sendMediaGroup(
    chatId,
    pictures.map((p, i) => ({
      type: "photo" as const,
      media: new InputFile(p.bytes, p.filename),
      ...(i === 0 ? { caption, parse_mode: "HTML" as const } : {}),
    })),
    {},
    grammySignal(signal),
  );
  const first = sent[0];
  if (!first) throw new Error("Telegram sent an empty album");
  return first;
}
