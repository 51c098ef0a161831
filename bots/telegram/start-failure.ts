import { GrammyError, HttpError } from "grammy";
import { PlatformStartError } from "../../src/ports/startup.js";
import { networkErrorCode, originOf } from "../shared/network.js";

/**
 * Why Telegram would not start, for the operator in one sentence: a refused
 * token stops the bot; a network failure or a Bot API outage is retried.
 * Never the token (grammY's errors do not carry it).
 */
export function telegramStartFailure(error: unknown, apiRoot: string): PlatformStartError {
  if (error instanceof PlatformStartError) return error;
  const where = originOf(apiRoot);
  if (error instanceof GrammyError) {
    // Telegram answers 404 to a token that is not one, 401 to a revoked one.
    if (error.error_code === 401 || error.error_code === 404)
      return new PlatformStartError(
        "refused",
        `Telegram refused the bot token (${error.error_code} ${error.description}): check TELEGRAM_BOT_TOKEN.`,
      );
    if (error.error_code === 409)
      return new PlatformStartError(
        "refused",
        "another program is polling Telegram with this bot token (409 Conflict); only one bot may run per token.",
      );
    if (error.error_code >= 500 || error.error_code === 429)
      return new PlatformStartError(
        "unreachable",
        `Telegram answered ${error.error_code} at ${where}; it is probably having an outage.`,
      );
    return new PlatformStartError("refused", `Telegram refused: ${error.description}.`);
  }
  const network = networkErrorCode(error) ?? (error instanceof HttpError ? "network error" : null);
  if (network)
    return new PlatformStartError(
      "unreachable",
      `Telegram could not be reached at ${where} (${network}): check the network, or TELEGRAM_API_ROOT.`,
    );
  const detail = error instanceof Error ? error.message : String(error);
  return new PlatformStartError("refused", `Telegram would not start the bot: ${detail}`);
}

/** What a failed `getUpdates` says about the connection, for the health check; null when it is not a connection problem. */
export function pollFailure(error: unknown, apiRoot: string): string | null {
  const failure = telegramStartFailure(error, apiRoot);
  return failure.kind === "unreachable" ? failure.message : null;
}

/** Why grammY gave up polling, in one sentence (never the token: grammY's errors do not carry it). */
export function pollingLost(error: unknown): string {
  if (
    error instanceof GrammyError &&
    error.error_code === 409 &&
    error.description.includes("webhook")
  )
    return "a webhook is set for this bot token (409 Conflict): set TELEGRAM_WEBHOOK_URL on every replica, or on none.";
  if (error instanceof GrammyError && error.error_code === 409)
    return "another program is polling Telegram with this bot token (409 Conflict); only one bot may run per token.";
  if (error instanceof GrammyError && error.error_code === 401)
    return "Telegram no longer accepts the bot token (401 Unauthorized).";
  const detail = error instanceof GrammyError ? error.description : "an unexpected error";
  return `Telegram polling stopped: ${detail}.`;
}

/** A 409 from another getUpdates on the token (not from a webhook standing in the way). */
export function anotherPoller(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 409 &&
    !error.description.includes("webhook")
  );
}
