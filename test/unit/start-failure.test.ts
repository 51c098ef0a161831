import { DiscordjsErrorCodes } from "discord.js";
import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { discordStartFailure } from "../../bots/discord/start-failure.js";
import { networkErrorCode } from "../../bots/shared/network.js";
import { telegramStartFailure } from "../../bots/telegram/start-failure.js";

/** What a platform's start-up failure means: stop (refused) or retry (unreachable), in one sentence. */
const refusedConnection = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
  code: "ECONNREFUSED",
});
const dnsFailure = new TypeError("fetch failed", {
  cause: Object.assign(new Error("getaddrinfo ENOTFOUND discord.com"), { code: "ENOTFOUND" }),
});
const telegramError = (code: number, description: string) =>
  new GrammyError(
    `Call to 'getMe' failed! (${code}: ${description})`,
    { ok: false, error_code: code, description },
    "getMe",
    {},
  );

describe("networkErrorCode", () => {
  it.each<[string, unknown, string | null]>([
    ["a refused connection", refusedConnection, "ECONNREFUSED"],
    ["DNS behind fetch's cause", dnsFailure, "ENOTFOUND"],
    [
      "grammY's HttpError around it",
      new HttpError("Network request failed", refusedConnection),
      "ECONNREFUSED",
    ],
    ["a timeout", Object.assign(new Error("aborted"), { name: "AbortError" }), "timeout"],
    [
      "undici's socket error",
      Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
      "UND_ERR_SOCKET",
    ],
    ["an API error", new Error("Unauthorized"), null],
  ])("%s", (_, error, code) => {
    expect(networkErrorCode(error)).toBe(code);
  });
});

describe("Discord's start-up failures", () => {
  const api = "https://discord.com/api";
  it.each<[string, unknown, "refused" | "unreachable", string]>([
    [
      "a wrong token",
      // What discord.js throws (its constructor is private): a DiscordjsError coded TokenInvalid.
      Object.assign(new Error("An invalid token was provided."), {
        code: DiscordjsErrorCodes.TokenInvalid,
      }),
      "refused",
      "Discord refused the bot token (401 Unauthorized): check DISCORD_TOKEN.",
    ],
    [
      "DNS",
      dnsFailure,
      "unreachable",
      "Discord could not be reached at https://discord.com (ENOTFOUND): check the network, or DISCORD_API_URL.",
    ],
    [
      "a refused connection",
      refusedConnection,
      "unreachable",
      "Discord could not be reached at https://discord.com (ECONNREFUSED): check the network, or DISCORD_API_URL.",
    ],
  ])("%s", (_, error, kind, sentence) => {
    const failure = discordStartFailure(error, api);
    expect([failure.kind, failure.message]).toEqual([kind, sentence]);
  });
});

describe("Telegram's start-up failures", () => {
  const root = "https://api.telegram.org";
  it.each<[string, unknown, "refused" | "unreachable", string]>([
    [
      "a revoked token",
      telegramError(401, "Unauthorized"),
      "refused",
      "Telegram refused the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN.",
    ],
    [
      "a token that is not one",
      telegramError(404, "Not Found"),
      "refused",
      "Telegram refused the bot token (404 Not Found): check TELEGRAM_BOT_TOKEN.",
    ],
    [
      "another poller",
      telegramError(409, "Conflict: terminated by other getUpdates request"),
      "refused",
      "another program is polling Telegram with this bot token (409 Conflict); only one bot may run per token.",
    ],
    [
      "an outage",
      telegramError(502, "Bad Gateway"),
      "unreachable",
      "Telegram answered 502 at https://api.telegram.org; it is probably having an outage.",
    ],
    [
      "DNS",
      new HttpError("Network request for 'getMe' failed!", dnsFailure),
      "unreachable",
      "Telegram could not be reached at https://api.telegram.org (ENOTFOUND): check the network, or TELEGRAM_API_ROOT.",
    ],
  ])("%s", (_, error, kind, sentence) => {
    const failure = telegramStartFailure(error, root);
    expect([failure.kind, failure.message]).toEqual([kind, sentence]);
  });
});
