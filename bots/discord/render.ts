import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { ActionStyle, Inline, Line, Notice } from "../../src/ports/platform.js";
import { clip, escapeLinkText, escapeMarkdown, safeUrl } from "./markdown.js";

/** Discord's limits on what one message may carry. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rows: 5,
  /** allowed_mentions.users takes at most 100 ids. */
  mentionedUsers: 100,
} as const;

/** The JSON body of a message (channel post, DM, interaction reply or edit). */
export interface MessageBody {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: { parse: []; users: string[] };
}

const COLOURS: Record<Notice["tone"], number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};

const STYLES: Record<
  ActionStyle,
  ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger
> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

/** Renders one inline piece; user text is escaped, times become native timestamps. */
export function renderInline(part: Inline): string {
  switch (part.kind) {
    case "text":
      return escapeMarkdown(part.text);
    case "bold": {
      // Discord only bolds `**x**` without spaces just inside the stars.
      const m = /^(\s*)(.*?)(\s*)$/s.exec(part.text);
      const [, lead = "", core = "", trail = ""] = m ?? [];
      return core ? `${lead}**${escapeMarkdown(core)}**${trail}` : part.text;
    }
    case "time": {
      // Each reader sees the instant in their own zone and language.
      const unix = Math.floor(part.at / 1000);
      return `<t:${unix}:F> (<t:${unix}:R>)`;
    }
    case "link": {
      const url = safeUrl(part.url);
      return url ? `[${escapeLinkText(part.text)}](${url})` : escapeMarkdown(part.text);
    }
    case "mention":
      return /^\d{1,20}$/.test(part.member.userId)
        ? `<@${part.member.userId}>`
        : escapeMarkdown(`@${part.member.displayName}`);
  }
}

/** One notice line as Discord markdown. */
export function renderLine(line: Line): string {
  return line.map(renderInline).join("");
}

/** The user ids a notice means to ping: its mention inlines, and nothing else. */
export function mentionedUsers(notice: Notice): string[] {
  const ids = new Set<string>();
  for (const line of notice.lines)
    for (const part of line)
      if (part.kind === "mention" && /^\d{1,20}$/.test(part.member.userId))
        ids.add(part.member.userId);
  return [...ids].slice(0, LIMITS.mentionedUsers);
}

function buttons(notice: Notice): MessageBody["components"] {
  const rows: MessageBody["components"] = [];
  const seen = new Set<string>();
  for (const row of notice.actions) {
    // Ids Discord would refuse (too long, repeated in one message) are dropped
    // rather than failing the whole post.
    const valid = row.filter((a) => {
      if (a.id.length === 0 || a.id.length > LIMITS.customId || seen.has(a.id)) return false;
      seen.add(a.id);
      return true;
    });
    for (let i = 0; i < valid.length; i += LIMITS.buttonsPerRow) {
      rows.push({
        type: ComponentType.ActionRow,
        components: valid.slice(i, i + LIMITS.buttonsPerRow).map((a) => ({
          type: ComponentType.Button,
          custom_id: a.id,
          label: clip(a.label.trim() || a.id, LIMITS.buttonLabel),
          style: STYLES[a.style],
        })),
      });
    }
  }
  return rows.slice(0, LIMITS.rows);
}

/**
 * A notice as a Discord message: an embed (title, one line per notice line),
 * buttons, and pings only for the notice's own mentions. Mentions inside an
 * embed never notify anyone, so the people to ping are repeated in `content`.
 */
export function renderMessage(notice: Notice): MessageBody {
  // Only the mentions that fit in `content` are pinged (and allowed to be).
  const users: string[] = [];
  let content = "";
  for (const id of mentionedUsers(notice)) {
    const next = content ? `${content} <@${id}>` : `<@${id}>`;
    if (next.length > LIMITS.content) break;
    content = next;
    users.push(id);
  }
  const description = notice.lines.map(renderLine).join("\n");
  const title = clip(escapeMarkdown(notice.title), LIMITS.embedTitle);
  const embed: APIEmbed = {
    ...(title.trim() ? { title } : {}),
    color: COLOURS[notice.tone],
    // Discord refuses an embed with neither title nor description.
    ...(description || !title.trim()
      ? { description: clip(description || "\u200b", LIMITS.embedDescription) }
      : {}),
  };
  return {
    content,
    embeds: [embed],
    components: buttons(notice),
    allowed_mentions: { parse: [], users },
  };
}
