import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { type FakePostgres, startFakePostgres } from "../fakes/postgres-wire.js";
import { outputOf } from "../support/child-output.js";
import { tempDirEachTest } from "../support/each-test.js";
import { freePort } from "../support/ports.js";
import { describePostgres, freshDatabase } from "../support/postgres.js";
import { cleanCwd, MAIN_ARGS, waitUntil } from "./bot-process.js";

const PASSWORD = "Tr0ub4dor-s3cret";

const dir = tempDirEachTest("cashmob-pg-start-");
const fakes: FakePostgres[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

/** The bot as `npm start` runs it, on the console, reading `lines` from its stdin (kept open until `end`). */
function console_(env: Record<string, string>) {
  const { DISCORD_TOKEN: _d, TELEGRAM_BOT_TOKEN: _t, DATABASE_URL: _u, ...base } = process.env;
  const child = spawn(process.execPath, [...MAIN_ARGS], {
    cwd: cleanCwd(),
    env: {
      ...base,
      HTTP_PORT: "off",
      DATABASE_PATH: join(dir(), "bot.db"),
      LOG_FILE: join(dir(), "cashmob.log"),
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: "pipe",
  });
  const output = outputOf(child);
  const exited = new Promise<number | null>((done) => child.on("close", done));
  return {
    child,
    output,
    exited,
    say: (line: string) => child.stdin.write(`${line}\n`),
    end: () => child.stdin.end(),
    /** What the bot wrote to its log file, "" when it wrote none. */
    log: () =>
      existsSync(join(dir(), "cashmob.log"))
        ? readFileSync(join(dir(), "cashmob.log"), "utf8")
        : "",
  };
}

async function rows<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describePostgres("DATABASE_URL runs the bot on PostgreSQL", () => {
  it("a mob created, joined and listed on the console lands in PostgreSQL; /healthz names the engine; no SQLite file, lock or backup", async () => {
    const db = await freshDatabase();
    const port = await freePort();
    const bot = console_({ DATABASE_URL: db.url, HTTP_PORT: String(port) });
    bot.say("/newmob Cave | in 2d");
    bot.say("/as alice");
    bot.say("/join 1");
    bot.say("/mobs");
    await waitUntil(
      () => bot.output.stdout.includes("Upcoming cash mobs"),
      30_000,
      "the bot to answer /mobs",
    );
    expect(bot.output.stdout).toContain("Mob #1 is announced.");
    expect(bot.output.stdout).toContain("You're in! See you at Cave.");
    expect(bot.output.stdout).toMatch(/#1 Cave · .* · 1 going · 0 maybe/);

    // The mob's page, from the process as people reach it (run from a folder with no tsconfig:
    // the pages' JSX must not depend on it).
    const [mob] = await rows<{ public_id: string }>(
      db.url,
      "SELECT public_id FROM mobs WHERE id = 1",
    );
    const page = await fetch(`http://127.0.0.1:${port}/m/${mob?.public_id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("1 going · 0 maybe");

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: "ok",
      database: "ok",
      engine: "postgres",
      platforms: {},
    });

    bot.end();
    expect(await bot.exited).toBe(0);
    expect(bot.output.stderr).toBe("");
    // The call-to-action went out through the outbox to the console's channel (a console is
    // its own process's platform: no replica's sender lease stands in its way).
    expect(bot.output.stdout).toMatch(/── #local ──\nCash mob: Cave\n/);
    // The rows are PostgreSQL's: the mob, its shop and alice going.
    expect(
      await rows(
        db.url,
        `SELECT s.name AS shop, m.status, p.status AS rsvp, mem.display_name AS who
           FROM mobs m JOIN shops s ON s.id = m.shop_id
           JOIN participants p ON p.mob_id = m.id JOIN members mem ON mem.id = p.member_id`,
      ),
    ).toEqual([{ shop: "Cave", status: "announced", rsvp: "going", who: "alice" }]);
    // SQLite's file, its lock and its backups stay untouched.
    for (const name of ["bot.db", "bot.db.lock", "backups"])
      expect(existsSync(join(dir(), name))).toBe(false);
    const started = bot.log();
    expect(started).toContain(`"engine":"postgres","database":"127.0.0.1:5432/${db.name}"`);
    expect(started).toContain(`using PostgreSQL at 127.0.0.1:5432/${db.name}`);
  }, 60_000);
});

describePostgres("several bots (replicas) on one PostgreSQL database", () => {
  it("a second bot starts beside the first and sees its mobs; a killed one leaves the others running", async () => {
    const db = await freshDatabase();
    const first = console_({ DATABASE_URL: db.url });
    await waitUntil(() => first.log().includes("cashmob started"), 30_000, "the first bot");
    first.say("/newmob Cave | in 2d");
    await waitUntil(() => first.output.stdout.includes("Mob #1"), 30_000, "the first's mob");

    const second = console_({ DATABASE_URL: db.url, LOG_FILE: join(dir(), "second.log") });
    const secondLog = () => readFileSync(join(dir(), "second.log"), "utf8");
    await waitUntil(
      () => existsSync(join(dir(), "second.log")) && secondLog().includes("cashmob started"),
      30_000,
      "the second bot beside the first",
    );
    expect(second.output.stderr).toBe("");
    second.say("/mobs");
    await waitUntil(() => second.output.stdout.includes("#1 Cave"), 30_000, "its /mobs");
    // Each says its own name among the replicas, on every line.
    const replicaOf = (log: string) => /"replica":"([^"]+)"/.exec(log)?.[1];
    expect(replicaOf(secondLog())).toBeDefined();
    expect(replicaOf(secondLog())).not.toBe(replicaOf(first.log()));

    second.child.kill("SIGKILL");
    await second.exited;
    first.say("/mobs");
    first.end();
    expect(await first.exited).toBe(0);
    expect(first.output.stdout).toContain("#1 Cave");
  }, 120_000);
});

describe("a PostgreSQL the bot cannot use stops start-up with one sentence naming the host, never the password", () => {
  /** Starts the bot on `url`, with commands waiting, and checks everything it wrote for the password. */
  async function refused(url: string): Promise<string> {
    const bot = console_({ DATABASE_URL: url });
    bot.say("/newmob Cave | in 2d");
    bot.end();
    expect(await bot.exited).toBe(1);
    for (const text of [bot.output.stdout, bot.output.stderr, bot.log()]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(encodeURIComponent(PASSWORD));
    }
    expect(bot.output.stdout).not.toContain("Mob #1");
    const lines = bot.output.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    return lines[0] ?? "";
  }

  it("a wrong password (the server asked for it and got it)", async () => {
    const fake = await startFakePostgres("wrong-password");
    fakes.push(fake);
    const sentence = await refused(`postgres://cashmob:${PASSWORD}@127.0.0.1:${fake.port}/cashmob`);
    expect(fake.passwordsReceived).toEqual([PASSWORD]);
    expect(sentence).toBe(
      `cashmob: PostgreSQL at 127.0.0.1:${fake.port}/cashmob refused the password for user "cashmob".`,
    );
  }, 30_000);

  it("nothing listening on the port", async () => {
    const port = await freePort();
    const sentence = await refused(`postgres://cashmob:${PASSWORD}@127.0.0.1:${port}/cashmob`);
    expect(sentence).toBe(
      `cashmob: PostgreSQL at 127.0.0.1:${port}/cashmob refused the connection: is the server running and listening on that address and port?`,
    );
  }, 30_000);

  it.each([
    [
      "an unknown sslmode",
      `postgresql://cashmob:${PASSWORD}@localhost:5432/cashmob?sslmode=sometimes`,
      "cashmob: DATABASE_URL for host localhost: sslmode must be one of disable, prefer, require, verify-ca, verify-full.",
    ],
    [
      "another database's scheme",
      `mysql://cashmob:${PASSWORD}@127.0.0.1/cashmob`,
      "cashmob: DATABASE_URL for host 127.0.0.1 must start with postgres:// or postgresql:// (it starts with mysql://).",
    ],
    [
      "a port out of range",
      `postgres://cashmob:${PASSWORD}@127.0.0.1:99999/cashmob`,
      "cashmob: DATABASE_URL for host 127.0.0.1 is not a valid URL (expected postgres://user:password@host:5432/database).",
    ],
  ])(
    "a bad URL: %s",
    async (_what, url, expected) => {
      expect(await refused(url)).toBe(expected);
    },
    30_000,
  );
});
