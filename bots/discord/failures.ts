import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import type { DeliveryFailure } from "../../src/ports/platform.js";
import { networkErrorCode } from "../shared/network.js";

/** Discord's JSON error codes the adapter tells apart. */
export const DISCORD_CODES = {
  cannotDmUser: 50007,
  invalidRecipients: 50033,
} as const;

/** The platform could not be reached: a socket-level code, discord.js's timeout, or fetch's own. */
function isNetworkError(error: unknown): boolean {
  if (networkErrorCode(error) !== null) return true;
  return error instanceof TypeError && /fetch failed|terminated/i.test(error.message);
}

/**
 * A discord.js failure as the core's taxonomy. Never includes request URLs
 * (interaction webhooks carry tokens in them), only status, code and message.
 */
export function toFailure(error: unknown, where: { readonly dm?: boolean } = {}): DeliveryFailure {
  if (error instanceof RateLimitError)
    return {
      ok: false,
      failure: "rate_limited",
      retryAfterMs: Math.max(0, error.retryAfter),
      // Discord says when the limit is the bot's global one rather than a route's.
      scope: error.global ? "bot" : "route",
    };
  if (error instanceof DiscordAPIError) {
    const detail = `${error.status} ${error.code}: ${error.message}`.slice(0, 300);
    const code = Number(error.code);
    if (error.status === 429) return { ok: false, failure: "rate_limited", retryAfterMs: 1_000 };
    if (
      where.dm &&
      (error.status === 403 ||
        code === DISCORD_CODES.cannotDmUser ||
        code === DISCORD_CODES.invalidRecipients)
    )
      return { ok: false, failure: "no_dm_channel", detail };
    if (error.status === 403) return { ok: false, failure: "forbidden", detail };
    if (error.status === 404) return { ok: false, failure: "not_found", detail };
    if (error.status >= 500) return { ok: false, failure: "transient", detail };
    return { ok: false, failure: "fatal", detail };
  }
  if (error instanceof HTTPError)
    return {
      ok: false,
      failure: error.status >= 500 || error.status === 408 ? "transient" : "fatal",
      detail: `${error.status} ${error.name}`,
    };
  // REST without a token (mid-shutdown): the send can be retried once the bot is back.
  if (
    isNetworkError(error) ||
    (error instanceof Error && /Expected token to be set/.test(error.message))
  )
    return {
      ok: false,
      failure: "transient",
      detail: error instanceof Error ? error.message : "network",
    };
  return {
    ok: false,
    failure: "fatal",
    detail: error instanceof Error ? error.message.slice(0, 300) : String(error),
  };
}
