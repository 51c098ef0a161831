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

export function telegram(
  env: Env,
  token: string | undefined,
  web: Config["http"],
): Config["telegram"] {
  if (!token) return null;
  return Object.freeze({
    token,
    apiRoot: url(env, "TELEGRAM_API_ROOT", "https://api.telegram.org"),
    webhook: telegramWebhook(env, web),
  });
}

/** Hosts a webhook may be plain http on: this machine only (tests, a local Bot API server). */
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Telegram's rule for `secret_token`: 1 to 256 of these characters. */
export const TELEGRAM_SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Webhook mode: `TELEGRAM_WEBHOOK_URL` (Telegram posts updates there, no long polling) and
 * `TELEGRAM_WEBHOOK_SECRET` (null: generated once and kept in the database). Null: polling.
 */
function telegramWebhook(
  env: Env,
  web: Config["http"],
): NonNullable<Config["telegram"]>["webhook"] {
  const text = value(env, "TELEGRAM_WEBHOOK_URL");
  if (text === undefined) return null;
  const parsed = URL.canParse(text) ? new URL(text) : null;
  if (parsed !== null && (parsed.username !== "" || parsed.password !== "")) {
    throw new ConfigError(
      "TELEGRAM_WEBHOOK_URL must be an address without a user name or password.",
    );
  }
  const fine =
    parsed !== null &&
    parsed.hash === "" &&
    (parsed.protocol === "https:" ||
      (parsed.protocol === "http:" && LOCAL_HOSTS.has(parsed.hostname)));
  if (!fine) {
    throw new ConfigError(
      `TELEGRAM_WEBHOOK_URL must be an https address Telegram can reach, like https://mobs.example.org/telegram/webhook (http only for 127.0.0.1 or localhost; got "${text}").`,
    );
  }
  if (web === null) {
    throw new ConfigError(
      "TELEGRAM_WEBHOOK_URL needs the web server, which takes Telegram's updates at POST /telegram/webhook: set HTTP_PORT to a port, not off.",
    );
  }
  const secret = value(env, "TELEGRAM_WEBHOOK_SECRET") ?? null;
  if (secret !== null && !TELEGRAM_SECRET_TOKEN.test(secret)) {
    // The value is a secret: say how long it is, never what it is.
    throw new ConfigError(
      `TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters among A-Z, a-z, 0-9, _ and - (Telegram's rule; got ${secret.length} characters); try openssl rand -hex 32.`,
    );
  }
  return Object.freeze({ url: text, secret });
}
