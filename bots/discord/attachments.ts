import type { RawFile } from "discord.js";
import type { Album, Picture } from "../../src/ports/platform.js";
import { clip, escapeMarkdown } from "./markdown.js";
import type { MessageBody } from "./render.js";

/** Discord's limits on a message's files. */
export const FILE_LIMITS = {
  perMessage: 10,
  /** An unboosted server's upload limit; what one message's files may weigh together here. */
  bytesPerMessage: 8 * 1024 * 1024,
  description: 1024,
} as const;

/** The JSON part of a multipart message: the rendered body, with its files declared. */
export type BodyWithFiles = MessageBody & {
  attachments?: { id: string; filename: string; description: string }[];
};

const declared = (pictures: readonly Picture[]) =>
  pictures.map((p, i) => ({
    id: String(i),
    filename: p.filename,
    description: clip(p.alt, FILE_LIMITS.description),
  }));

const files = (pictures: readonly Picture[]): RawFile[] =>
  pictures.map((p) => ({ name: p.filename, data: Buffer.from(p.bytes), contentType: p.mime }));

/**
 * A message with a picture: the file as `files[0]`, shown as the embed's
 * image through `attachment://<name>` (Discord's own way), described by its alt text.
 */
export function withPicture(
  body: MessageBody,
  picture: Picture | undefined,
): { body: BodyWithFiles; files: RawFile[] } {
  if (!picture) return { body, files: [] };
  const [embed, ...rest] = body.embeds;
  return {
    body: {
      ...body,
      embeds: [{ ...embed, image: { url: `attachment://${picture.filename}` } }, ...rest],
      attachments: declared([picture]),
    },
    files: files([picture]),
  };
}

/**
 * An album as Discord messages: the caption, then up to ten pictures per
 * message, a new message whenever the next would pass the upload limit.
 */
export function albumMessages(album: Album): { body: BodyWithFiles; files: RawFile[] }[] {
  const groups: Picture[][] = [];
  let weight = 0;
  for (const picture of album.pictures) {
    const current = groups.at(-1);
    if (
      !current ||
      current.length >= FILE_LIMITS.perMessage ||
      weight + picture.bytes.length > FILE_LIMITS.bytesPerMessage
    ) {
      groups.push([picture]);
      weight = picture.bytes.length;
    } else {
      current.push(picture);
      weight += picture.bytes.length;
    }
  }
  return groups.map((pictures, i) => ({
    body: {
      content: i === 0 ? clip(escapeMarkdown(album.caption), 2000) : "",
      embeds: [],
      components: [],
      allowed_mentions: { parse: [], users: [] },
      attachments: declared(pictures),
    },
    files: files(pictures),
  }));
}
