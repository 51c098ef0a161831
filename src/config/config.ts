import { dirname, join } from "node:path";
import { IANAZone } from "luxon";
import { MAX_MOB_DURATION_MS, MIN_MOB_DURATION_MS, parseDurationMs } from "../domain/duration.js";
import { currencyDigits } from "../domain/money.js";
import { describeTarget, parseDatabaseUrl } from "./database-url.js";

export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Everything the bot reads from its environment, checked once at start-up. */
export interface Config {
  readonly discord: {
    readonly token: string;
    readonly guildId: string | null;
    readonly apiUrl: string;
  } | null;
  readonly telegram: { readonly token: string; readonly apiRoot: string } | null;
  /** SQLite's file; the console's log goes beside it. Unused for data with `database.url`. */
  readonly databasePath: string;
  /**
   * The engine: PostgreSQL when DATABASE_URL is set (checked here, never shown: it may
   * carry a password; `where` is host:port/database), else SQLite at `databasePath`.
   */
  readonly database:
    | { readonly engine: "postgres"; readonly url: string; readonly where: string }
    | { readonly engine: "sqlite" };
  readonly defaultTimezone: string;
  readonly defaultLocale: Locale;
  readonly defaultCurrency: string;
  readonly reminderOffsetsMs: readonly number[];
  readonly mobDurationMs: number;
  readonly revealBeforeMs: number;
  readonly tallyDelayMs: number;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /**
   * The file logs are appended to; null: the standard stream (stdout with a
   * platform on, stderr on the console). `LOG_FILE`, `-` for the stream; unset,
   * the console logs to `cashmob.log` beside the database, off the terminal.
   */
  readonly logFile: string | null;
  /**
   * When another bot holds the database: null refuses at once; otherwise wait
   * for it to stop, giving up after `timeoutMs` (null: as long as it takes).
   */
  readonly waitForLock: { readonly timeoutMs: number | null } | null;
  /** The web server's address; null when `HTTP_PORT=off`. */
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** Connections one remote address may hold at once (0: no cap). */
    readonly maxConnectionsPerClient: number;
  } | null;
  /**
   * Who may read `/metrics`: with `token`, only `Authorization: Bearer <token>`;
   * with `listener`, it is served there and not on HTTP_PORT.
   */
  readonly metrics: {
    readonly token: string | null;
    readonly listener: { readonly host: string; readonly port: number } | null;
  };
  /** Where people reach the web side, without a trailing slash; null when unset. */
  readonly publicUrl: string | null;
  /** Signs merchant links; null: the core generates one and keeps it in the database. */
  readonly linkSecret: string | null;
}

/** The shortest METRICS_TOKEN accepted: 16 characters, about 95 bits when random. */
export const METRICS_TOKEN_MIN_LENGTH = 16;

/** The shortest LINK_SECRET accepted: 32 characters, about 190 bits when random. */
export const LINK_SECRET_MIN_LENGTH = 32;

/** A bad variable, named, with what is accepted. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === "" ? undefined : v;
}

function duration(env: Env, name: string, fallback: string): number {
  const text = value(env, name) ?? fallback;
  const ms = parseDurationMs(text);
  if (ms === null || ms <= 0) {
    throw new ConfigError(`${name} must be a duration like 90s, 15m, 2h or 1d (got "${text}").`);
  }
  return ms;
}

/** The default mob length obeys the same bounds as a length typed in /newmob. */
function mobDuration(env: Env): number {
  const ms = duration(env, "MOB_DURATION", "2h");
  if (ms < MIN_MOB_DURATION_MS || ms > MAX_MOB_DURATION_MS) {
    throw new ConfigError(
      `MOB_DURATION must be between 15m and 2d (got "${value(env, "MOB_DURATION")}").`,
    );
  }
  return ms;
}

function url(env: Env, name: string, fallback: string): string {
  const text = value(env, name) ?? fallback;
  try {
    const u = new URL(text);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL (got "${text}").`);
  }
  return text.replace(/\/+$/, "");
}

const WAIT_HINT = "1 (wait as long as it takes), 0 (refuse at once) or a duration like 5m";

/** `WAIT_FOR_LOCK=1|0|<duration>` or `--wait-for-lock[=<duration>]`. */
function waitForLock(setting: string | undefined, name: string): Config["waitForLock"] {
  if (setting === undefined) return null;
  const text = setting.trim().toLowerCase();
  if (["", "0", "false", "no", "off"].includes(text)) return null;
  if (["1", "true", "yes", "on"].includes(text)) return Object.freeze({ timeoutMs: null });
  const ms = parseDurationMs(text);
  if (ms === null || ms <= 0)
    throw new ConfigError(`${name} must be ${WAIT_HINT} (got "${setting}").`);
  return Object.freeze({ timeoutMs: ms });
}

/** The command line: `--wait-for-lock[=<duration>]` is the only argument, and wins over the variable. */
function waitFlag(args: readonly string[]): { given: boolean; value: Config["waitForLock"] } {
  let result: { given: boolean; value: Config["waitForLock"] } = { given: false, value: null };
  for (const arg of args) {
    const m = /^--wait-for-lock(?:=(.*))?$/.exec(arg);
    if (!m) {
      throw new ConfigError(
        `unknown argument "${arg}": the only one accepted is --wait-for-lock[=<duration>].`,
      );
    }
    result = { given: true, value: waitForLock(m[1] ?? "1", "--wait-for-lock") };
  }
  return result;
}

/** A port variable: null when `off` (or unset with no fallback). */
function portOf(env: Env, name: string, fallback: string | null): number | null {
  const text = value(env, name) ?? fallback;
  if (text === null || text.toLowerCase() === "off") return null;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65_535)) {
    throw new ConfigError(`${name} must be a port from 1 to 65535, or off (got "${text}").`);
  }
  return port;
}

function hostOf(env: Env, name: string): string {
  const host = value(env, name) ?? "127.0.0.1";
  if (/[\s/]/.test(host)) {
    throw new ConfigError(
      `${name} must be an address to listen on, like 127.0.0.1 or 0.0.0.0 (got "${host}").`,
    );
  }
  return host;
}

function http(env: Env): Config["http"] {
  const port = portOf(env, "HTTP_PORT", "8080");
  if (port === null) return null;
  const host = hostOf(env, "HTTP_HOST");
  const capText = value(env, "HTTP_MAX_CONNECTIONS_PER_CLIENT") ?? "20";
  if (!/^\d{1,6}$/.test(capText)) {
    throw new ConfigError(
      `HTTP_MAX_CONNECTIONS_PER_CLIENT must be a whole number, 0 for no cap (got "${capText}").`,
    );
  }
  return Object.freeze({ host, port, maxConnectionsPerClient: Number(capText) });
}

function metrics(env: Env, web: Config["http"]): Config["metrics"] {
  const token = value(env, "METRICS_TOKEN") ?? null;
  if (token !== null && (token.length < METRICS_TOKEN_MIN_LENGTH || /\s/.test(token))) {
    // The value is a secret: say how long it is, never what it is.
    throw new ConfigError(
      `METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters without spaces (got ${token.length}); try openssl rand -hex 24.`,
    );
  }
  const port = portOf(env, "METRICS_PORT", null);
  const host = hostOf(env, "METRICS_HOST");
  if (port !== null && web !== null && port === web.port) {
    throw new ConfigError(`METRICS_PORT must differ from HTTP_PORT (both ${port}).`);
  }
  const listener = port === null ? null : Object.freeze({ host, port });
  return Object.freeze({ token, listener });
}

function publicUrl(env: Env): string | null {
  const text = value(env, "PUBLIC_URL");
  if (text === undefined) return null;
  const parsed = URL.canParse(text) ? new URL(text) : null;
  if (parsed !== null && (parsed.username !== "" || parsed.password !== "")) {
    // Never quote it back: the password would end up in the logs.
    throw new ConfigError("PUBLIC_URL must be an address without a user name or password.");
  }
  const bad =
    parsed === null ||
    (parsed.protocol !== "http:" && parsed.protocol !== "https:") ||
    parsed.search !== "" ||
    parsed.hash !== "";
  if (bad) {
    throw new ConfigError(
      `PUBLIC_URL must be an absolute http(s) address like https://mobs.example.org, without query (got "${text}").`,
    );
  }
  return text.replace(/\/+$/, "");
}

function linkSecret(env: Env): string | null {
  const text = value(env, "LINK_SECRET");
  if (text === undefined) return null;
  if (text.length < LINK_SECRET_MIN_LENGTH) {
    // The value is a secret: say how long it is, never what it is.
    throw new ConfigError(
      `LINK_SECRET must be at least ${LINK_SECRET_MIN_LENGTH} characters (got ${text.length}); try openssl rand -base64 32.`,
    );
  }
  return text;
}

function database(env: Env): Config["database"] {
  const url = value(env, "DATABASE_URL");
  if (url === undefined) return Object.freeze({ engine: "sqlite" });
  try {
    const where = describeTarget(parseDatabaseUrl(url));
    return Object.freeze({ engine: "postgres", url, where });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}.`);
  }
}

/** `LOG_FILE`: a path, `-` for the standard stream; by default a file only on the console. */
function logFile(env: Env, consoleMode: boolean, databasePath: string): string | null {
  const text = value(env, "LOG_FILE");
  if (text === "-") return null;
  if (text !== undefined) return text;
  if (!consoleMode) return null;
  const folder = databasePath === ":memory:" ? "./data" : dirname(databasePath);
  return join(folder, "cashmob.log");
}

/**
 * Reads and validates the environment and the command line (`args`, without
 * node and the script); throws ConfigError naming the bad variable or argument.
 */
export function loadConfig(env: Env, args: readonly string[] = []): Config {
  const flag = waitFlag(args);
  const discordToken = value(env, "DISCORD_TOKEN");
  const telegramToken = value(env, "TELEGRAM_BOT_TOKEN");
  const guildId = value(env, "DISCORD_GUILD_ID") ?? null;
  if (guildId !== null && !/^\d{15,21}$/.test(guildId)) {
    throw new ConfigError("DISCORD_GUILD_ID must be a Discord server id (digits only).");
  }
  const zone = value(env, "DEFAULT_TIMEZONE") ?? "UTC";
  if (!IANAZone.isValidZone(zone)) {
    throw new ConfigError(
      `DEFAULT_TIMEZONE must be an IANA time zone like Europe/Paris (got "${zone}").`,
    );
  }
  const locale = (value(env, "DEFAULT_LOCALE") ?? "en").toLowerCase();
  if (!(LOCALES as readonly string[]).includes(locale)) {
    throw new ConfigError(`DEFAULT_LOCALE must be one of ${LOCALES.join(", ")} (got "${locale}").`);
  }
  const currency = (value(env, "DEFAULT_CURRENCY") ?? "EUR").toUpperCase();
  if (currencyDigits(currency) === null) {
    throw new ConfigError(
      `DEFAULT_CURRENCY must be an ISO 4217 code like EUR or USD (got "${currency}").`,
    );
  }
  const offsetsText = value(env, "REMINDER_OFFSETS") ?? "24h,2h";
  const offsets = offsetsText.split(",").map((part) => parseDurationMs(part));
  if (offsets.some((ms) => ms === null || ms <= 0)) {
    throw new ConfigError(
      `REMINDER_OFFSETS must be a comma list of durations like 24h,2h (got "${offsetsText}").`,
    );
  }
  const logLevel = (value(env, "LOG_LEVEL") ?? "info").toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got "${logLevel}").`);
  }
  const web = http(env);
  const databasePath = value(env, "DATABASE_PATH") ?? "./data/cashmob.db";
  return Object.freeze({
    discord: discordToken
      ? Object.freeze({
          token: discordToken,
          guildId,
          apiUrl: url(env, "DISCORD_API_URL", "https://discord.com/api"),
        })
      : null,
    telegram: telegramToken
      ? Object.freeze({
          token: telegramToken,
          apiRoot: url(env, "TELEGRAM_API_ROOT", "https://api.telegram.org"),
        })
      : null,
    databasePath,
    database: database(env),
    defaultTimezone: zone,
    defaultLocale: locale as Locale,
    defaultCurrency: currency,
    reminderOffsetsMs: Object.freeze([...new Set(offsets as number[])].sort((a, b) => b - a)),
    mobDurationMs: mobDuration(env),
    revealBeforeMs: duration(env, "REVEAL_BEFORE", "1h"),
    tallyDelayMs: duration(env, "TALLY_DELAY", "12h"),
    logLevel: logLevel as Config["logLevel"],
    logFile: logFile(env, !discordToken && !telegramToken, databasePath),
    waitForLock: flag.given
      ? flag.value
      : waitForLock(value(env, "WAIT_FOR_LOCK"), "WAIT_FOR_LOCK"),
    http: web,
    metrics: metrics(env, web),
    publicUrl: publicUrl(env),
    linkSecret: linkSecret(env),
  });
}
