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

export function discord(
  env: Env,
  token: string | undefined,
  guildId: string | null,
): Config["discord"] {
  if (!token) return null;
  return Object.freeze({
    token,
    guildId,
    apiUrl: url(env, "DISCORD_API_URL", "https://discord.com/api"),
  });
}

export function telegram(env: Env, token: string | undefined): Config["telegram"] {
  if (!token) return null;
  return Object.freeze({
    token,
    apiRoot: url(env, "TELEGRAM_API_ROOT", "https://api.telegram.org"),
  });
}
