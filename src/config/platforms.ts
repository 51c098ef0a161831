import type { Config } from "./config.js";
import { ConfigError, type Env, url, value } from "./variables.js";

/** The chat platforms: each is on when its token is set. */

export function discordGuildId(env: Env): string | null {
  const guildId = value(env, "DISCORD_GUILD_ID") ?? null;
  if (guildId !== null && !/^\d{15,21}$/.test(guildId)) {
    throw new ConfigError("DISCORD_GUILD_ID must be a Discord server id (digits only).");
  }
  return guildId;
}

/**
 * `DISCORD_PUBLIC_KEY`: the application's Ed25519 public key (the developer portal's
 * "Public Key", 64 hex characters), lower-cased; null when unset. Set, the web server takes
 * interactions at POST /discord/interactions, so it needs the Discord token and the web server.
 */
export function discordPublicKey(
  env: Env,
  token: string | undefined,
  web: Config["http"],
): string | null {
  const key = value(env, "DISCORD_PUBLIC_KEY");
  if (key === undefined) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(key)) {
    // Public, so quoting its length is fine; the value itself could be a pasted token.
    throw new ConfigError(
      `DISCORD_PUBLIC_KEY must be the application's public key from the Discord developer portal, 64 hex characters (got ${key.length} characters).`,
    );
  }
  if (!token) {
    throw new ConfigError(
      "DISCORD_PUBLIC_KEY must go with DISCORD_TOKEN: the bot answers interactions through Discord's API.",
    );
  }
  if (web === null) {
    throw new ConfigError(
      "DISCORD_PUBLIC_KEY must have the web server on to take interactions at POST /discord/interactions, but HTTP_PORT is off.",
    );
  }
  return key.toLowerCase();
}

export function discord(
  env: Env,
  token: string | undefined,
  guildId: string | null,
  publicKey: string | null = null,
): Config["discord"] {
  if (!token) return null;
  return Object.freeze({
    token,
    guildId,
    apiUrl: url(env, "DISCORD_API_URL", "https://discord.com/api"),
    publicKey,
  });
}

export function telegram(env: Env, token: string | undefined): Config["telegram"] {
  if (!token) return null;
  return Object.freeze({
    token,
    apiRoot: url(env, "TELEGRAM_API_ROOT", "https://api.telegram.org"),
  });
}
