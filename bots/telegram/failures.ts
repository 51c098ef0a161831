import { GrammyError, HttpError } from "grammy";
import type { DeliveryFailure } from "../../src/ports/platform.js";

/** Telegram chat ids of private chats are the user's id: positive. */
export const isPrivateChat = (chatId: number | string) => Number(chatId) > 0;

/** "message is not modified": the edit asked for is already what people see. */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /not modified/i.test(error.description)
  );
}

/**
 * Telegram's answers, in the core's small taxonomy. A private chat that
 * refuses (blocked, never started, deleted account) means no DM channel.
 */
export function toFailure(error: unknown, chatId: number | string): DeliveryFailure {
  const inPrivate = isPrivateChat(chatId);
  if (error instanceof GrammyError) {
    const detail = `${error.error_code} ${error.description}`;
    if (error.error_code === 429) {
      return {
        ok: false,
        failure: "rate_limited",
        retryAfterMs: (error.parameters.retry_after ?? 1) * 1000,
        // Telegram does not say which limit was hit. A group's own limit (20 a minute) holds
        // back that group only; on a private chat, where the bot sends one message per person,
        // it is the bot's overall limit (30 a second): everything waits.
        scope: inPrivate ? "bot" : "route",
      };
    }
    if (error.error_code === 403)
      return { ok: false, failure: inPrivate ? "no_dm_channel" : "forbidden", detail };
    if (
      error.error_code === 400 &&
      /chat not found|user not found|PEER_ID_INVALID/i.test(error.description)
    ) {
      return { ok: false, failure: inPrivate ? "no_dm_channel" : "not_found", detail };
    }
    if (
      error.error_code === 400 &&
      /message to edit not found|message can't be edited/i.test(error.description)
    ) {
      return { ok: false, failure: "not_found", detail };
    }
    if (error.error_code >= 500) return { ok: false, failure: "transient", detail };
    return { ok: false, failure: "fatal", detail };
  }
  if (error instanceof HttpError) return { ok: false, failure: "transient", detail: error.message };
  return {
    ok: false,
    failure: "transient",
    detail: error instanceof Error ? error.message : String(error),
  };
}
