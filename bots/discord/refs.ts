import { createHash } from "node:crypto";
import type { MessageRef } from "../../src/ports/platform.js";

/** The link that opens a posted message in Discord (what a "Jump to" link is). */
export function messageUrl(guildId: string, ref: MessageRef): string | null {
  const at = decodeRef(ref);
  return at && /^\d+$/.test(guildId)
    ? `https://discord.com/channels/${guildId}/${at.channelId}/${at.messageId}`
    : null;
}

/** A posted message as the core keeps it: `<channel id>/<message id>`. */
export function encodeRef(channelId: string, messageId: string): MessageRef {
  return `${channelId}/${messageId}`;
}

export function decodeRef(ref: MessageRef): { channelId: string; messageId: string } | null {
  const m = /^(\d{1,20})\/(\d{1,20})$/.exec(ref);
  return m?.[1] && m[2] ? { channelId: m[1], messageId: m[2] } : null;
}

/** Discord nonces are at most 25 characters. */
const NONCE_LENGTH = 25;

/**
 * A message nonce from the outbox row's idempotency key. Discord keeps a
 * nonce for a few minutes with `enforce_nonce`, so a retry after a lost
 * response returns the first message instead of posting it twice; keys are
 * longer than 25 characters, so they are hashed (stable across restarts).
 */
export function nonceFor(idempotencyKey: string): string {
  return createHash("sha256").update(idempotencyKey).digest("base64url").slice(0, NONCE_LENGTH);
}

/** syncEvent's ref when there is no event (a mob cancelled before its event existed). */
export const NO_EVENT = "none";
