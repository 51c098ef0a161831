import {
  defaultCurrency,
  defaultLocale,
  defaultTimezone,
  type Locale,
  mobDuration,
  reminderOffsets,
} from "./defaults.js";
import { discord, discordGuildId, discordPublicKey, telegram } from "./platforms.js";
import { database, type LogLevel, logFile, logLevel, waitFlag, waitForLock } from "./runtime.js";
import { bounded, duration, type Env, value } from "./variables.js";
import { http, linkSecret, metrics, publicUrl } from "./web.js";

/** Everything the bot reads from its environment, checked once at start-up. */
export interface Config {
  readonly discord: {
    readonly token: string;
    readonly guildId: string | null;
    readonly apiUrl: string;
    /** DISCORD_PUBLIC_KEY (hex): interactions also come over HTTP, at POST /discord/interactions. */
    readonly publicKey: string | null;
  } | null;
  readonly telegram: {
    readonly token: string;
    readonly apiRoot: string;
    /**
     * Webhook mode (`TELEGRAM_WEBHOOK_URL`): Telegram posts updates to the web side's
     * `POST /telegram/webhook` on any replica; null: long polling. `secret` null: the one
     * kept in the database.
     */
    readonly webhook: { readonly url: string; readonly secret: string | null } | null;
  } | null;
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
  /**
   * Replicas on one PostgreSQL: how long a claimed post (`OUTBOX_LEASE`) and a platform's
   * sending or Telegram's polling (`SENDER_LEASE`) stay with a replica that stopped renewing
   * them: how soon another takes over after a crash.
   */
  readonly leases: { readonly outboxMs: number; readonly senderMs: number };
  readonly logLevel: LogLevel;
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

/**
 * Reads and validates the environment and the command line (`args`, without
 * node and the script); throws ConfigError naming the bad variable or argument.
 * Each group of settings is read in its file: defaults.ts, platforms.ts, runtime.ts, web.ts.
 */
export function loadConfig(env: Env, args: readonly string[] = []): Config {
  const flag = waitFlag(args);
  const discordToken = value(env, "DISCORD_TOKEN");
  const telegramToken = value(env, "TELEGRAM_BOT_TOKEN");
  const guildId = discordGuildId(env);
  const zone = defaultTimezone(env);
  const locale = defaultLocale(env);
  const currency = defaultCurrency(env);
  const offsets = reminderOffsets(env);
  const level = logLevel(env);
  const web = http(env);
  const discordKey = discordPublicKey(env, discordToken, web);
  const databasePath = value(env, "DATABASE_PATH") ?? "./data/cashmob.db";
  return Object.freeze({
    discord: discord(env, discordToken, guildId, discordKey),
    telegram: telegram(env, telegramToken, web),
    databasePath,
    database: database(env),
    defaultTimezone: zone,
    defaultLocale: locale,
    defaultCurrency: currency,
    reminderOffsetsMs: offsets,
    mobDurationMs: mobDuration(env),
    revealBeforeMs: duration(env, "REVEAL_BEFORE", "1h"),
    tallyDelayMs: duration(env, "TALLY_DELAY", "12h"),
    leases: {
      outboxMs: bounded(env, "OUTBOX_LEASE", "30s", 3_000, 600_000),
      senderMs: bounded(env, "SENDER_LEASE", "10s", 2_000, 300_000),
    },
    logLevel: level,
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
