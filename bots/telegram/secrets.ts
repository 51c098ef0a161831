import type { Context } from "grammy";
import { decodeStartPayload, encodeStartPayload } from "../../src/domain/codecs/deep-link.js";
import { privateChatInvite, privateFileInvite } from "../../src/i18n/notices.js";
import type { Reply } from "../../src/ports/inbound.js";
import type { Logger } from "../../src/ports/logger.js";
import { sendWithAttachment } from "./media.js";
import { renderNotice } from "./render.js";
import type { ReplyQueue } from "./replies.js";

/** The deep-link payload that brings a person back for the codes of a group (ids are negative). */
export const codesPayload = (groupId: number): string =>
  encodeStartPayload({ kind: "codes", chatId: String(groupId) });

/** The group a `codes_<id>` payload names, or null. */
export function codesGroup(payload: string | undefined): number | null {
  const asked = decodeStartPayload(payload);
  return asked?.kind === "codes" && /^-\d{1,19}$/.test(asked.chatId) ? Number(asked.chatId) : null;
}

/**
 * Groups where a person's check-in code could not reach them because they had not opened a
 * private chat with the bot, until they do (any `/start`). The bot keeps them in its database
 * (any replica may take that `/start`); this in-memory one is for a bot without one.
 */
export interface WithheldStore {
  remember(userId: number, groupId: number): Promise<void> | void;
  /** The groups waiting for this person, forgotten as they are handed out. */
  take(userId: number): Promise<number[]> | number[];
}

/** In memory: after a restart the invitation's own payload still brings the codes. */
export class WithheldSecrets implements WithheldStore {
  readonly #groups = new Map<number, Set<number>>();

  constructor(private readonly maxPeople = 10_000) {}

  remember(userId: number, groupId: number): void {
    const groups = this.#groups.get(userId) ?? new Set<number>();
    groups.add(groupId);
    this.#groups.delete(userId);
    this.#groups.set(userId, groups);
    // Oldest first in a Map: forget the longest-waiting person beyond the cap.
    if (this.#groups.size > this.maxPeople) {
      const oldest = this.#groups.keys().next().value;
      if (oldest !== undefined) this.#groups.delete(oldest);
    }
  }

  /** The groups waiting for this person, forgotten as they are handed out. */
  take(userId: number): number[] {
    const groups = [...(this.#groups.get(userId) ?? [])];
    this.#groups.delete(userId);
    return groups;
  }
}

export interface SecretDeps {
  readonly logger: Logger;
  readonly username: string;
  readonly withheld: WithheldStore;
  readonly replies: ReplyQueue;
}

/**
 * What only the actor may see (a check-in code and its QR, an export's file) goes to
 * their private chat. A person who never opened one is told so in the group,
 * without the secret, with the button that opens the chat; their `/start` then
 * brings the codes (a file they ask for again).
 */
export function sendSecret(ctx: Context, deps: SecretDeps, answer: Reply): void {
  if (!answer.secret || !ctx.from) return;
  const secret = answer.secret;
  const userId = ctx.from.id;
  const group = ctx.chat && ctx.chat.type !== "private" ? ctx.chat.id : null;
  const replyTo = ctx.message?.message_id;
  const rendered = renderNotice(secret, deps.username);
  const file = secret.file;
  // A picture (a check-in code's QR) or a file goes with the text, to the private chat only.
  const attachment = secret.image ? { picture: secret.image } : file ? { file } : null;
  const invite =
    group === null
      ? null
      : renderNotice(
          file
            ? privateFileInvite(secret.locale)
            : privateChatInvite(secret.locale, { kind: "codes", chatId: String(group) }),
          deps.username,
        );
  deps.replies.privatelyOr(
    {
      chatId: userId,
      text: rendered.text,
      ...(attachment
        ? { send: (api) => sendWithAttachment(api, userId, rendered, attachment) }
        : {}),
    },
    // The invitation takes the secret's turn in the group: it reads right after the answer.
    group === null || invite === null
      ? null
      : {
          chatId: group,
          text: invite.text,
          ...(invite.reply_markup ? { replyMarkup: invite.reply_markup } : {}),
          ...(replyTo !== undefined ? { replyTo } : {}),
        },
    () => {
      if (group !== null && !file)
        void Promise.resolve(deps.withheld.remember(userId, group)).catch((err: unknown) =>
          deps.logger.error({ err }, "remembering a withheld check-in code failed"),
        );
    },
  );
}
