import { DiscordAPIError, DiscordjsErrorCodes, HTTPError } from "discord.js";
import { PlatformStartError } from "../../src/ports/startup.js";
import { networkErrorCode, originOf } from "../shared/network.js";

/**
 * Why Discord would not start, for the operator in one sentence: a refused
 * token stops the bot; a network failure or a Discord outage is retried.
 * Never the token (discord.js's errors do not carry it).
 */
export function discordStartFailure(error: unknown, apiUrl: string): PlatformStartError {
  if (error instanceof PlatformStartError) return error;
  const status =
    error instanceof DiscordAPIError || error instanceof HTTPError ? error.status : null;
  const code = (error as { code?: unknown }).code;
  if (status === 401 || code === DiscordjsErrorCodes.TokenInvalid)
    return new PlatformStartError(
      "refused",
      "Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN.",
    );
  const where = originOf(apiUrl);
  const network = networkErrorCode(error);
  if (network)
    return new PlatformStartError(
      "unreachable",
      `Discord could not be reached at ${where} (${network}): check the network, or DISCORD_API_URL.`,
    );
  if (status !== null && (status >= 500 || status === 429))
    return new PlatformStartError(
      "unreachable",
      `Discord answered ${status} at ${where}; it is probably having an outage.`,
    );
  const detail = error instanceof Error ? error.message : String(error);
  return new PlatformStartError("refused", `Discord would not start the bot: ${detail}`);
}
