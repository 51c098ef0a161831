import type { Context } from "grammy";
import { privateChatInvite, privateFileInvite } from "../../src/i18n/notices.js";
import type { Reply } from "../../src/ports/inbound.js";
import type { Logger } from "../../src/ports/logger.js";
import { toFailure } from "./failures.js";
import { sendWithAttachment } from "./media.js";
import { renderNotice } from "./render.js";

/** The deep-link payload that brings a person back for the codes of a group (ids are negative). */
export const codesPayload = (groupId: number): string => `codes_${groupId}`;

/** The group a `codes_<id>` payload names, or null. */
export function codesGroup(payload: string | undefined): number | null {
  const m = payload ? /^codes_(-\d{1,19})$/.exec(payload) : null;
  return m?.[1] ? Number(m[1]) : null;
}

/**
 * Groups where a person's check-in code could not reach them because they had
 * not opened a private chat with the bot. Kept in memory until they do (any
 * `/start`); after a restart the invitation's own payload still brings the codes.
 */
export class WithheldSecrets {
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
  readonly withheld: WithheldSecrets;
}

/**
 * What only the actor may see (a check-in code, an export's file) goes to
 * their private chat. A person who never opened one is told so in the group,
 * without the secret, with the button that opens the chat; their `/start` then
 * brings the codes (a file they ask for again).
 */
export async function sendSecret(ctx: Context, deps: SecretDeps, answer: Reply): Promise<void> {
  if (!answer.secret || !ctx.from) return;
  const secret = answer.secret;
  const rendered = renderNotice(secret, deps.username);
  try {
    if (secret.file)
      await sendWithAttachment(ctx.api, ctx.from.id, rendered, { file: secret.file });
    else await ctx.api.sendMessage(ctx.from.id, rendered.text, { parse_mode: "HTML" });
    return;
  } catch (error) {
    const failure = toFailure(error, ctx.from.id).failure;
    const group = ctx.chat && ctx.chat.type !== "private" ? ctx.chat.id : null;
    if (failure !== "no_dm_channel" || group === null) {
      deps.logger.warn({ failure }, "a private answer could not be sent; dropped");
      return;
    }
    deps.logger.debug({ failure }, "no private chat for a secret; inviting in the group");
    if (!secret.file) deps.withheld.remember(ctx.from.id, group);
    const invite = renderNotice(
      secret.file
        ? privateFileInvite(secret.locale)
        : privateChatInvite(secret.locale, codesPayload(group)),
      deps.username,
    );
    await ctx.api
      .sendMessage(group, invite.text, {
        parse_mode: "HTML",
        ...(invite.reply_markup ? { reply_markup: invite.reply_markup } : {}),
        ...(ctx.message
          ? {
              reply_parameters: {
                message_id: ctx.message.message_id,
                allow_sending_without_reply: true,
              },
            }
          : {}),
      })
      .catch((err: unknown) =>
        deps.logger.warn({ err }, "inviting to a private chat on Telegram failed"),
      );
  }
}
