/**
 * Replicas as operators run them: several `npm start` processes on one PostgreSQL database,
 * behind a round-robin load balancer that the fake Telegram (webhook) and the fake Discord
 * (HTTP interactions) post to, each with its own web port. Each replica reaches the fakes
 * through a tap of its own (a one-upstream proxy), so every request is known by sender, and
 * may reach PostgreSQL through a relay the test can cut.
 */
import pg from "pg";
import { createCore } from "../../src/core.js";
import { silentLogger } from "../../src/ports/logger.js";
import { openStore } from "../../src/storage/open-store.js";
import { OUTBOX_CHANNEL } from "../../src/storage/postgres/listen.js";
import { FakeClock } from "../fakes/clock.js";
import { testSettings } from "../fakes/core-harness.js";
import { FakeDiscord } from "../fakes/discord-server.js";
import { RoundRobinProxy } from "../fakes/round-robin-proxy.js";
import { TcpCut } from "../fakes/tcp-cut.js";
import { FakeTelegram, TELEGRAM_LIMITS } from "../fakes/telegram-server.js";
import { freePort } from "../support/ports.js";
import { freshDatabase } from "../support/postgres.js";
import { type BotProcess, startBot, waitUntil } from "./bot-process.js";
import { discordMembers, GROUP } from "./fan-out.js";
import { seedLinkedMob } from "./seed.js";

export interface Replica {
  readonly bot: BotProcess;
  readonly port: number;
  /** Its name among the replicas (its /livez, its leases). */
  id: string;
  /** Its requests to the fake Telegram's Bot API and to the fake Discord's REST API. */
  readonly telegramTap: RoundRobinProxy;
  readonly discordTap: RoundRobinProxy;
  /** Its way to PostgreSQL (cut() partitions it from the database). */
  readonly database: TcpCut;
}

export interface Cluster {
  readonly url: string;
  readonly front: RoundRobinProxy;
  readonly telegram: FakeTelegram;
  readonly discord: FakeDiscord;
  readonly replicas: Replica[];
  /** Seeded members who opened a private chat with the bot (Telegram) and Discord members. */
  readonly telegramUsers: number[];
  readonly discordUsers: string[];
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

const POSTGRES_PORT = 5432;

/**
 * A linked community (GROUP on Telegram, the guild's channel on Discord) with one mob starting
 * in 25 h, `perPlatform` members joined on each platform (written through the real core), and
 * `count` replicas running on it, all ready, with the call-to-action posted on both platforms.
 */
export async function startCluster(count: number, perPlatform: number): Promise<Cluster> {
  const db = await freshDatabase();
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const front = await new RoundRobinProxy(ports).start();
  const telegram = await new FakeTelegram({
    rateLimits: TELEGRAM_LIMITS,
    webhookTarget: `${front.url}/telegram/webhook`,
  }).start();
  telegram.addUser(1, "olga");
  telegram.addGroup(GROUP, "Mobbers", [1]);
  // Discord's published limits: 50 requests a second, 5 per 5 s on one channel's messages.
  const discord = await new FakeDiscord({
    rateLimits: { globalPerSecond: 50, perRoute: { limit: 5, windowMs: 5_000 } },
  }).start();
  const telegramUsers = Array.from({ length: perPlatform }, (_, i) => 20_000 + i);
  for (const id of telegramUsers) {
    telegram.addUser(id, `t${id}`);
    telegram.started.add(id);
  }
  const discordUsers = discordMembers(discord, perPlatform, "d");
  await seed(db.url, discord, discordUsers, telegramUsers);

  const replicas: Replica[] = [];
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const cluster: Cluster = {
    url: db.url,
    front,
    telegram,
    discord,
    replicas,
    telegramUsers,
    discordUsers,
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await pool.query(sql, params)).rows as T[],
    async stop() {
      for (const r of replicas) {
        if (r.bot.child.exitCode === null && r.bot.child.signalCode === null)
          r.bot.child.kill("SIGKILL");
        await r.bot.exited;
        await r.telegramTap.stop();
        await r.discordTap.stop();
        await r.database.stop();
      }
      await pool.end();
      await front.stop();
      await telegram.stop();
      await discord.stop();
    },
  };
  try {
    for (const port of ports) replicas.push(await startReplica(cluster, port));
    for (const r of replicas) r.id = await replicaId(r);
    await waitUntil(
      () => replicas.every((r) => r.bot.output.stdout.includes("discord adapter ready")),
      60_000,
      "every replica's Discord adapter",
    );
    await waitUntil(
      () => replicas.every((r) => r.bot.output.stdout.includes("telegram adapter ready")),
      60_000,
      "every replica's Telegram adapter",
    );
    discord.useHttpInteractions(`${front.url}/discord/interactions`);
    await waitUntil(
      () => telegramCta(telegram) !== undefined && discordCta(discord) !== undefined,
      30_000,
      "the call-to-action on both platforms",
    );
  } catch (error) {
    for (const r of replicas) console.error(r.bot.output.stdout.slice(-3000), r.bot.output.stderr);
    await cluster.stop();
    throw error;
  }
  return cluster;
}

/** The replicas' leases (OUTBOX_LEASE, SENDER_LEASE). */
export const OUTBOX_LEASE_MS = 6_000;
export const SENDER_LEASE_MS = 4_000;

async function startReplica(cluster: Cluster, port: number): Promise<Replica> {
  const telegramTap = await new RoundRobinProxy([portOf(cluster.telegram.apiRoot)]).start();
  const discordTap = await new RoundRobinProxy([portOf(cluster.discord.apiUrl)]).start();
  const database = await new TcpCut(POSTGRES_PORT).start();
  const url = new URL(cluster.url);
  url.port = String(database.port);
  const bot = startBot({
    DATABASE_URL: url.toString(),
    HTTP_PORT: String(port),
    TELEGRAM_BOT_TOKEN: cluster.telegram.token,
    TELEGRAM_API_ROOT: telegramTap.url,
    TELEGRAM_WEBHOOK_URL: `${cluster.front.url}/telegram/webhook`,
    DISCORD_TOKEN: cluster.discord.token,
    DISCORD_API_URL: `${discordTap.url}/api`,
    DISCORD_GUILD_ID: cluster.discord.guild.id,
    DISCORD_PUBLIC_KEY: cluster.discord.http.publicKey,
    LOG_LEVEL: "info",
    // Shorter than the defaults (30 s, 10 s), so a kill's takeover fits the test's time.
    OUTBOX_LEASE: `${OUTBOX_LEASE_MS / 1000}s`,
    SENDER_LEASE: `${SENDER_LEASE_MS / 1000}s`,
  });
  return { bot, port, id: "", telegramTap, discordTap, database };
}

const portOf = (url: string) => Number(new URL(url).port);

/** The replica's name, as its /livez says it. */
async function replicaId(r: Replica): Promise<string> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${r.port}/livez`);
      const body = (await res.json()) as { replica?: string };
      if (body.replica) return body.replica;
    } catch {
      // Not listening yet.
    }
    if (r.bot.child.exitCode !== null || Date.now() > until)
      throw new Error(`replica on port ${r.port} never answered /livez: ${r.bot.output.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The call-to-action in the Telegram group, once posted. */
export const telegramCta = (telegram: FakeTelegram) =>
  telegram
    .chatMessages(GROUP)
    .find((m) =>
      m.reply_markup?.inline_keyboard?.some((row) =>
        row.some((b) => b.callback_data === "mob:1:join"),
      ),
    );

/** The call-to-action in the Discord channel, once posted. */
export const discordCta = (discord: FakeDiscord) =>
  discord
    .channelMessages()
    .find((m) => JSON.stringify(m.components).includes('"custom_id":"mob:1:join"'));

/** Brings the mob's first reminder (24 h before) forward to now and wakes the replicas. */
export async function reminderDueNow(cluster: Cluster): Promise<void> {
  const moved = await cluster.query(
    `UPDATE outbox SET due_at = $1 WHERE id = (
       SELECT id FROM outbox WHERE kind = 'reminder' AND target = 'community' AND state = 'pending'
       ORDER BY due_at LIMIT 1) RETURNING id`,
    [Date.now()],
  );
  if (moved.length !== 1) throw new Error("no reminder row to bring forward");
  await cluster.query(`NOTIFY ${OUTBOX_CHANNEL}`);
}

/** Who holds `sender:<platform>` now (null: no one). */
export async function senderOf(cluster: Cluster, platform: string): Promise<string | null> {
  const rows = await cluster.query<{ holder: string; until: string }>(
    "SELECT holder, until FROM leases WHERE name = $1",
    [`sender:${platform}`],
  );
  const lease = rows[0];
  return lease && Number(lease.until) > Date.now() ? lease.holder : null;
}

/** The rows a replica holds claimed (in flight), with their destination `<platform>:<user id>`. */
export async function claimedBy(
  cluster: Cluster,
  replica: string,
): Promise<{ id: number; kind: string; to: string | null }[]> {
  return cluster.query(
    `SELECT o.id, o.kind, m.platform || ':' || m.user_id AS "to"
       FROM outbox o LEFT JOIN members m ON m.id = o.member_id
      WHERE o.state = 'sending' AND o.lease_holder = $1`,
    [replica],
  );
}

/**
 * A Telegram group and the Discord channel linked into one community, one mob starting in
 * 25 h, members joined on both platforms: written through the real core, as commands make it.
 */
async function seed(
  url: string,
  discord: FakeDiscord,
  discordUsers: readonly string[],
  telegramUsers: readonly number[],
): Promise<void> {
  const store = await openStore({ databaseUrl: url, databasePath: ":memory:" });
  const core = createCore({
    uow: store.uow,
    clock: new FakeClock(Date.now()),
    logger: silentLogger,
    settings: testSettings,
  });
  try {
    const place = {
      id: discord.guild.id,
      name: discord.guild.name,
      channelId: discord.guild.channels[0]?.id ?? "",
    };
    await seedLinkedMob(
      core,
      { telegramGroup: GROUP, discord: place },
      "in 25h",
      discordUsers,
      telegramUsers,
    );
  } finally {
    await store.close();
  }
}

/** The fakes' 429 answers so far. */
export const tooManyRequests = (cluster: Cluster) => ({
  telegram: cluster.telegram.rateLimited,
  discord: cluster.discord.requests.filter((r) => r.status === 429).length,
});

/** How many reminder messages each destination (`telegram:<id>`, `discord:<id>`) holds. */
export function remindersHeld(
  cluster: Cluster,
  moreDiscordUsers: readonly string[] = [],
): Map<string, number> {
  const reminders = (texts: readonly string[]) =>
    texts.filter((t) => t.startsWith("Reminder")).length;
  return new Map([
    ...cluster.telegramUsers.map(
      (id) => [`telegram:${id}`, reminders(cluster.telegram.dms(id).map((m) => m.text))] as const,
    ),
    ...[...cluster.discordUsers, ...moreDiscordUsers].map(
      (id) =>
        [
          `discord:${id}`,
          reminders(
            cluster.discord
              .dmMessages(id)
              .map((m) => String((m.embeds[0] as { title?: unknown } | undefined)?.title ?? "")),
          ),
        ] as const,
    ),
  ]);
}

/** What a failing run needs to be understood: the outbox by state, and each replica's warnings. */
export async function diagnose(cluster: Cluster): Promise<string> {
  const rows = await cluster.query<{ state: string; platform: string | null; n: string }>(
    "SELECT state, platform, count(*) AS n FROM outbox GROUP BY state, platform ORDER BY 1, 2",
  );
  const leases = await cluster.query("SELECT * FROM leases");
  const due = await cluster.query(
    `SELECT id, kind, target, platform, state, attempts, last_error, due_at - $1 AS due_in
       FROM outbox WHERE state IN ('pending', 'sending') AND due_at <= $1 + 600000 LIMIT 10`,
    [Date.now()],
  );
  const logs = cluster.replicas.map((r) => {
    const lines = `${r.bot.output.stdout}\n${r.bot.output.stderr}`
      .split("\n")
      .filter((l) => /"level":(40|50|60)|sends to the platform|Error/.test(l));
    return `replica ${r.id} (port ${r.port}, exit ${r.bot.child.exitCode ?? r.bot.child.signalCode}):\n${lines.slice(-15).join("\n")}`;
  });
  return `outbox ${JSON.stringify(rows)}\ndue ${JSON.stringify(due)}\nleases ${JSON.stringify(leases)}\n${logs.join("\n")}`;
}

/** Every 429 a fake answered, as `<replica> <path> at <ms after since> <body>`. */
export function limitedRequests(cluster: Cluster, since: number): string[] {
  const fromFakes = cluster.discord.requests
    .filter((q) => q.status === 429)
    .map((q) => `discord saw ${q.method} ${q.path}`);
  const fromTaps = cluster.replicas.flatMap((r) =>
    [...r.telegramTap.requests, ...r.discordTap.requests]
      .filter((q) => q.status === 429)
      .map(
        (q) =>
          `${r.id} ${q.method} ${q.path.replace(/bot[^/]+/, "bot…")} at ${q.startedAt - since} ms ${q.refusedBody?.slice(0, 100)}`,
      ),
  );
  return [...fromFakes, ...fromTaps];
}
