import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { ConfigError } from "../../src/config/variables.js";

const H = 3_600_000;

/** Runs loadConfig and returns the ConfigError it threw, or fails the test. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("with nothing set, uses the documented defaults and turns no platform on", () => {
    const config = loadConfig({});
    expect(config).toEqual({
      discord: null,
      telegram: null,
      databasePath: "./data/cashmob.db",
      database: { engine: "sqlite" },
      defaultTimezone: "UTC",
      defaultLocale: "en",
      defaultCurrency: "EUR",
      reminderOffsetsMs: [24 * H, 2 * H],
      mobDurationMs: 2 * H,
      revealBeforeMs: H,
      tallyDelayMs: 12 * H,
      leases: { outboxMs: 30_000, senderMs: 10_000 },
      logLevel: "info",
      logFile: "data/cashmob.log",
      waitForLock: null,
      http: { host: "127.0.0.1", port: 8080, maxConnectionsPerClient: 20 },
      metrics: { token: null, listener: null },
      publicUrl: null,
      linkSecret: null,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("logs go to a file beside the database on the console, to the standard stream with a platform, or where LOG_FILE says", () => {
    expect(loadConfig({ DATABASE_PATH: "/srv/mobs/bot.db" }).logFile).toBe("/srv/mobs/cashmob.log");
    expect(loadConfig({ DATABASE_PATH: ":memory:" }).logFile).toBe("data/cashmob.log");
    expect(loadConfig({ LOG_FILE: "-" }).logFile).toBeNull();
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "123:abc" }).logFile).toBeNull();
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "123:abc", LOG_FILE: "/var/log/c.log" }).logFile).toBe(
      "/var/log/c.log",
    );
  });

  it("blank variables count as unset", () => {
    expect(loadConfig({ DEFAULT_TIMEZONE: "  ", DISCORD_TOKEN: "" })).toMatchObject({
      defaultTimezone: "UTC",
      discord: null,
    });
  });

  it("a Discord token turns the Discord adapter on, with its defaults", () => {
    const config = loadConfig({ DISCORD_TOKEN: "discord-secret-token" });
    expect(config.discord).toEqual({
      token: "discord-secret-token",
      guildId: null,
      apiUrl: "https://discord.com/api",
      publicKey: null,
    });
    expect(config.telegram).toBeNull();
  });

  it("a Telegram token turns the Telegram adapter on, with its defaults", () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: "123:abc" });
    expect(config.telegram).toEqual({
      token: "123:abc",
      apiRoot: "https://api.telegram.org",
      webhook: null,
    });
    expect(config.discord).toBeNull();
  });

  it("a Telegram webhook URL turns long polling off; its secret may be given or is kept in the database", () => {
    const url = "https://mobs.example.org/telegram/webhook";
    expect(
      loadConfig({ TELEGRAM_BOT_TOKEN: "t", TELEGRAM_WEBHOOK_URL: url }).telegram?.webhook,
    ).toEqual({ url, secret: null });
    expect(
      loadConfig({
        TELEGRAM_BOT_TOKEN: "t",
        TELEGRAM_WEBHOOK_URL: url,
        TELEGRAM_WEBHOOK_SECRET: "Abc_123-xyz",
      }).telegram?.webhook,
    ).toEqual({ url, secret: "Abc_123-xyz" });
    // Plain http only on this machine (tests, a local Bot API server).
    const local = "http://127.0.0.1:8080/telegram/webhook";
    expect(
      loadConfig({ TELEGRAM_BOT_TOKEN: "t", TELEGRAM_WEBHOOK_URL: local }).telegram?.webhook?.url,
    ).toBe(local);
  });

  it("a Telegram webhook without the web server stops start-up with one sentence", () => {
    const error = configError({
      TELEGRAM_BOT_TOKEN: "t",
      TELEGRAM_WEBHOOK_URL: "https://mobs.example.org/telegram/webhook",
      HTTP_PORT: "off",
    });
    expect(error.message).toBe(
      "TELEGRAM_WEBHOOK_URL needs the web server, which takes Telegram's updates at POST /telegram/webhook: set HTTP_PORT to a port, not off.",
    );
  });

  it("a bad TELEGRAM_WEBHOOK_SECRET is never quoted back", () => {
    const secret = "secret with spaces";
    const error = configError({
      TELEGRAM_BOT_TOKEN: "t",
      TELEGRAM_WEBHOOK_URL: "https://mobs.example.org/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: secret,
    });
    expect(error.message).not.toContain(secret);
    expect(error.message).toContain("18 characters");
  });

  it("reads every documented variable", () => {
    const config = loadConfig({
      DISCORD_TOKEN: "d-token",
      DISCORD_GUILD_ID: "123456789012345678",
      DISCORD_API_URL: "http://localhost:8080/api/",
      DISCORD_PUBLIC_KEY: "9F3A2B1C0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A",
      TELEGRAM_BOT_TOKEN: "t-token",
      TELEGRAM_API_ROOT: "http://localhost:8081",
      DATABASE_PATH: "/var/lib/cashmob/db.sqlite",
      DATABASE_URL: "postgresql://cashmob:pw@db.internal:6543/mobs?sslmode=require",
      DEFAULT_TIMEZONE: "Europe/Paris",
      DEFAULT_LOCALE: "fr",
      DEFAULT_CURRENCY: "chf",
      REMINDER_OFFSETS: "2h, 24h, 2h, 15m",
      MOB_DURATION: "90m",
      REVEAL_BEFORE: "30m",
      TALLY_DELAY: "1d",
      OUTBOX_LEASE: "1m",
      SENDER_LEASE: "5s",
      LOG_LEVEL: "DEBUG",
      WAIT_FOR_LOCK: "10m",
      HTTP_PORT: "3000",
      HTTP_HOST: "0.0.0.0",
      HTTP_MAX_CONNECTIONS_PER_CLIENT: "200",
      METRICS_TOKEN: "scrape-me-0123456789",
      METRICS_PORT: "9464",
      METRICS_HOST: "10.0.0.5",
      PUBLIC_URL: "https://mobs.example.org/cashmob/",
      LINK_SECRET: "0123456789abcdef0123456789abcdef",
      LOG_FILE: "/var/log/cashmob.log",
    });
    expect(config).toEqual({
      discord: {
        token: "d-token",
        guildId: "123456789012345678",
        apiUrl: "http://localhost:8080/api",
        publicKey: "9f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a",
      },
      telegram: { token: "t-token", apiRoot: "http://localhost:8081", webhook: null },
      databasePath: "/var/lib/cashmob/db.sqlite",
      database: {
        engine: "postgres",
        url: "postgresql://cashmob:pw@db.internal:6543/mobs?sslmode=require",
        where: "db.internal:6543/mobs",
      },
      defaultTimezone: "Europe/Paris",
      defaultLocale: "fr",
      defaultCurrency: "CHF",
      reminderOffsetsMs: [24 * H, 2 * H, 15 * 60_000],
      mobDurationMs: 90 * 60_000,
      revealBeforeMs: 30 * 60_000,
      tallyDelayMs: 24 * H,
      leases: { outboxMs: 60_000, senderMs: 5_000 },
      logLevel: "debug",
      logFile: "/var/log/cashmob.log",
      waitForLock: { timeoutMs: 10 * 60_000 },
      http: { host: "0.0.0.0", port: 3000, maxConnectionsPerClient: 200 },
      metrics: { token: "scrape-me-0123456789", listener: { host: "10.0.0.5", port: 9464 } },
      publicUrl: "https://mobs.example.org/cashmob",
      linkSecret: "0123456789abcdef0123456789abcdef",
    });
  });

  it.each<[string, Record<string, string>]>([
    ["DISCORD_GUILD_ID", { DISCORD_GUILD_ID: "my-server" }],
    ["DISCORD_GUILD_ID", { DISCORD_GUILD_ID: "123" }],
    ["DISCORD_API_URL", { DISCORD_TOKEN: "d", DISCORD_API_URL: "not a url" }],
    ["DISCORD_PUBLIC_KEY", { DISCORD_TOKEN: "d", DISCORD_PUBLIC_KEY: "0123abcd" }],
    ["DISCORD_PUBLIC_KEY", { DISCORD_TOKEN: "d", DISCORD_PUBLIC_KEY: "z".repeat(64) }],
    ["DISCORD_PUBLIC_KEY", { DISCORD_PUBLIC_KEY: "a".repeat(64) }],
    [
      "DISCORD_PUBLIC_KEY",
      { DISCORD_TOKEN: "d", DISCORD_PUBLIC_KEY: "a".repeat(64), HTTP_PORT: "off" },
    ],
    ["DISCORD_API_URL", { DISCORD_TOKEN: "d", DISCORD_API_URL: "ftp://example.com" }],
    ["TELEGRAM_API_ROOT", { TELEGRAM_BOT_TOKEN: "t", TELEGRAM_API_ROOT: "api.telegram.org" }],
    ["DEFAULT_TIMEZONE", { DEFAULT_TIMEZONE: "Paris" }],
    ["DEFAULT_TIMEZONE", { DEFAULT_TIMEZONE: "Mars/Olympus_Mons" }],
    ["DEFAULT_LOCALE", { DEFAULT_LOCALE: "de" }],
    ["OUTBOX_LEASE", { OUTBOX_LEASE: "1s" }],
    ["SENDER_LEASE", { SENDER_LEASE: "1h" }],
    ["SENDER_LEASE", { SENDER_LEASE: "soon" }],
    ["DEFAULT_CURRENCY", { DEFAULT_CURRENCY: "euro" }],
    ["DEFAULT_CURRENCY", { DEFAULT_CURRENCY: "XYZ" }],
    ["REMINDER_OFFSETS", { REMINDER_OFFSETS: "24h,soon" }],
    ["REMINDER_OFFSETS", { REMINDER_OFFSETS: "24h,,2h" }],
    ["REMINDER_OFFSETS", { REMINDER_OFFSETS: "0s" }],
    ["MOB_DURATION", { MOB_DURATION: "two hours" }],
    ["MOB_DURATION", { MOB_DURATION: "0h" }],
    ["REVEAL_BEFORE", { REVEAL_BEFORE: "-1h" }],
    ["TALLY_DELAY", { TALLY_DELAY: "12" }],
    ["LOG_LEVEL", { LOG_LEVEL: "verbose" }],
    ["WAIT_FOR_LOCK", { WAIT_FOR_LOCK: "-5m" }],
    ["HTTP_PORT", { HTTP_PORT: "0" }],
    ["HTTP_PORT", { HTTP_PORT: "65536" }],
    ["HTTP_PORT", { HTTP_PORT: "80a" }],
    ["HTTP_PORT", { HTTP_PORT: "-1" }],
    ["HTTP_HOST", { HTTP_HOST: "http://0.0.0.0" }],
    ["HTTP_MAX_CONNECTIONS_PER_CLIENT", { HTTP_MAX_CONNECTIONS_PER_CLIENT: "-1" }],
    ["HTTP_MAX_CONNECTIONS_PER_CLIENT", { HTTP_MAX_CONNECTIONS_PER_CLIENT: "lots" }],
    ["METRICS_TOKEN", { METRICS_TOKEN: "short" }],
    ["METRICS_TOKEN", { METRICS_TOKEN: "has a space in the middle" }],
    ["METRICS_PORT", { METRICS_PORT: "99999" }],
    ["METRICS_PORT", { METRICS_PORT: "8080" }],
    ["METRICS_HOST", { METRICS_PORT: "9464", METRICS_HOST: "a b" }],
    ["PUBLIC_URL", { PUBLIC_URL: "mobs.example.org" }],
    ["PUBLIC_URL", { PUBLIC_URL: "ftp://mobs.example.org" }],
    ["PUBLIC_URL", { PUBLIC_URL: "https://mobs.example.org/?ref=1" }],
    ["LINK_SECRET", { LINK_SECRET: "too-short" }],
    ["TELEGRAM_WEBHOOK_URL", { TELEGRAM_BOT_TOKEN: "t", TELEGRAM_WEBHOOK_URL: "mobs.example.org" }],
    [
      "TELEGRAM_WEBHOOK_URL",
      { TELEGRAM_BOT_TOKEN: "t", TELEGRAM_WEBHOOK_URL: "http://mobs.example.org/telegram/webhook" },
    ],
    [
      "TELEGRAM_WEBHOOK_URL",
      { TELEGRAM_BOT_TOKEN: "t", TELEGRAM_WEBHOOK_URL: "https://u:p@mobs.example.org/" },
    ],
    [
      "TELEGRAM_WEBHOOK_SECRET",
      {
        TELEGRAM_BOT_TOKEN: "t",
        TELEGRAM_WEBHOOK_URL: "https://mobs.example.org/telegram/webhook",
        TELEGRAM_WEBHOOK_SECRET: "has spaces and $igns",
      },
    ],
    [
      "TELEGRAM_WEBHOOK_SECRET",
      {
        TELEGRAM_BOT_TOKEN: "t",
        TELEGRAM_WEBHOOK_URL: "https://mobs.example.org/telegram/webhook",
        TELEGRAM_WEBHOOK_SECRET: "a".repeat(257),
      },
    ],
  ])("a bad %s stops start-up with a message naming it", (name, env) => {
    const error = configError(env);
    expect(error.message.startsWith(`${name} must`)).toBe(true);
    expect(error.message).not.toContain("\n");
  });

  it("a bad value is quoted back so the operator sees what was read", () => {
    expect(configError({ DEFAULT_TIMEZONE: "Europe/Pariss" }).message).toContain('"Europe/Pariss"');
  });

  it("DATABASE_URL picks PostgreSQL; unset or blank it is SQLite at DATABASE_PATH", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://cashmob@localhost" }).database).toEqual({
      engine: "postgres",
      url: "postgres://cashmob@localhost",
      where: "localhost:5432/cashmob",
    });
    expect(loadConfig({ DATABASE_URL: "  ", DATABASE_PATH: "/srv/c.db" })).toMatchObject({
      database: { engine: "sqlite" },
      databasePath: "/srv/c.db",
    });
  });

  it.each<[string, string]>([
    [
      "mysql://cashmob:PASSWORD@127.0.0.1/cashmob",
      "DATABASE_URL for host 127.0.0.1 must start with postgres:// or postgresql:// (it starts with mysql://).",
    ],
    [
      "postgres://cashmob:PASSWORD@127.0.0.1:99999/cashmob",
      "DATABASE_URL for host 127.0.0.1 is not a valid URL (expected postgres://user:password@host:5432/database).",
    ],
    [
      "postgres://cashmob:PASS/WORD@db.internal/cashmob",
      "DATABASE_URL for host cashmob is not a valid URL (expected postgres://user:password@host:5432/database).",
    ],
    [
      "postgres://cashmob:PASSWORD@localhost/cashmob?sslmode=maybe",
      "DATABASE_URL for host localhost: sslmode must be one of disable, prefer, require, verify-ca, verify-full.",
    ],
    [
      "postgres://cashmob:PASSWORD%zz@localhost/cashmob",
      "DATABASE_URL for host localhost: the password has a bad %-escape (expected postgres://user:password@host:5432/database).",
    ],
  ])(
    "a bad DATABASE_URL (%s) stops with one sentence naming the host, never the password",
    (url, sentence) => {
      const error = configError({ DATABASE_URL: url });
      expect(error.message).toBe(sentence);
      expect(error.message).not.toMatch(/PASS/);
    },
  );

  it("a bad variable's message never echoes a token", () => {
    const error = configError({
      DISCORD_TOKEN: "super-secret-discord-token",
      DISCORD_API_URL: "nope",
    });
    expect(error.message).not.toContain("super-secret-discord-token");
  });
});

describe("loadConfig for the web side", () => {
  it("HTTP_PORT=off turns the web server off, in any case", () => {
    expect(loadConfig({ HTTP_PORT: "off" }).http).toBeNull();
    expect(loadConfig({ HTTP_PORT: "OFF", HTTP_HOST: "0.0.0.0" }).http).toBeNull();
  });

  it("accepts both ends of the port range", () => {
    expect(loadConfig({ HTTP_PORT: "1" }).http?.port).toBe(1);
    expect(loadConfig({ HTTP_PORT: "65535" }).http?.port).toBe(65_535);
  });

  it("/metrics: its own port is off unless set, HTTP_MAX_CONNECTIONS_PER_CLIENT=0 lifts the cap", () => {
    expect(loadConfig({ METRICS_PORT: "off" }).metrics).toEqual({ token: null, listener: null });
    expect(loadConfig({ METRICS_PORT: "9464" }).metrics.listener).toEqual({
      host: "127.0.0.1",
      port: 9464,
    });
    expect(loadConfig({ HTTP_MAX_CONNECTIONS_PER_CLIENT: "0" }).http?.maxConnectionsPerClient).toBe(
      0,
    );
  });

  it("a short METRICS_TOKEN is refused without the token in the message", () => {
    const error = configError({ METRICS_TOKEN: "hunter2-pw" });
    expect(error.message).not.toContain("hunter2");
    expect(error.message).toContain("16");
  });

  it("a short LINK_SECRET is refused without the secret in the message", () => {
    const error = configError({ LINK_SECRET: "hunter2-hunter2" });
    expect(error.message).not.toContain("hunter2");
    expect(error.message).toContain("32");
  });

  it("a PUBLIC_URL carrying credentials is refused without echoing the password", () => {
    const error = configError({ PUBLIC_URL: "https://user:s3cr3t-pw@mobs.example.org" });
    expect(error.message.startsWith("PUBLIC_URL must")).toBe(true);
    expect(error.message).not.toContain("s3cr3t-pw");
  });
});

describe("loadConfig applies the domain's own limits", () => {
  it("refuses a default mob length the /newmob command would refuse", () => {
    expect(() => loadConfig({ MOB_DURATION: "5m" })).toThrow(
      /^MOB_DURATION must be between 15m and 2d/,
    );
  });

  it("reads the default language case-insensitively", () => {
    expect(loadConfig({ DEFAULT_LOCALE: "FR" }).defaultLocale).toBe("fr");
  });
});

describe("waiting for another bot to release the database", () => {
  it.each([
    [{}, [], null],
    [{ WAIT_FOR_LOCK: "1" }, [], { timeoutMs: null }],
    [{ WAIT_FOR_LOCK: "yes" }, [], { timeoutMs: null }],
    [{ WAIT_FOR_LOCK: "5m" }, [], { timeoutMs: 300_000 }],
    [{ WAIT_FOR_LOCK: "0" }, [], null],
    [{ WAIT_FOR_LOCK: "off" }, [], null],
    [{}, ["--wait-for-lock"], { timeoutMs: null }],
    [{}, ["--wait-for-lock=90s"], { timeoutMs: 90_000 }],
    [{ WAIT_FOR_LOCK: "5m" }, ["--wait-for-lock"], { timeoutMs: null }],
    [{ WAIT_FOR_LOCK: "1" }, ["--wait-for-lock=0"], null],
  ])("%j with arguments %j waits %j", (env, args, expected) => {
    expect(loadConfig(env, args).waitForLock).toEqual(expected);
  });

  it("a bad WAIT_FOR_LOCK says what is accepted", () => {
    expect(configError({ WAIT_FOR_LOCK: "soon" }).message).toBe(
      'WAIT_FOR_LOCK must be 1 (wait as long as it takes), 0 (refuse at once) or a duration like 5m (got "soon").',
    );
  });

  it("an unknown command-line argument is refused rather than ignored", () => {
    expect(() => loadConfig({}, ["--wait-for-locks"])).toThrow(
      'unknown argument "--wait-for-locks": the only one accepted is --wait-for-lock[=<duration>].',
    );
    expect(() => loadConfig({}, ["--wait-for-lock=later"])).toThrow(
      '--wait-for-lock must be 1 (wait as long as it takes), 0 (refuse at once) or a duration like 5m (got "later").',
    );
  });
});
