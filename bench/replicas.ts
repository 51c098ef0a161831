/**
 * Replicas on one PostgreSQL, as operators run them: `npm start` processes (src/main.ts) on
 * one database, the fake Telegram and Discord on 127.0.0.1 with their published rate limits.
 * For one replica and for three: a mixed fan-out (the senders hold leases, so three replicas
 * must keep the platforms' budgets as one does), then Join presses posted straight to each
 * replica's Telegram webhook, round-robin, and the CPU each press cost.
 */
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import pg from "pg";
import { clientConfig, parseDatabaseUrl } from "../src/storage/postgres/connect.js";
import { FakeDiscord } from "../test/fakes/discord-server.js";
import { FakeTelegram, TELEGRAM_LIMITS } from "../test/fakes/telegram-server.js";
import { freePort } from "../test/support/ports.js";
import { coreAt, type Measure, member, organizer, round, telegramGroup, until } from "./common.js";
import { freshPlace, type OwnedPlace } from "./engine.js";
import { discordIds } from "./fanout.js";
import { pgCeiling } from "./pg-ceiling.js";
import { cpuOf, cpuSample, cpuSince, type Replica, startReplica } from "./replica-process.js";

const GROUP = -1001;
/** The fake Discord's guild (the same in every instance, so one seeded database serves all). */
const GUILD = new FakeDiscord().guild;
const CHANNEL = GUILD.channels[0]?.id ?? "";
const DISCORD_LIMITS = { globalPerSecond: 50, perRoute: { limit: 5, windowMs: 5_000 } };
const SECRET = randomBytes(24).toString("base64url");

export interface ReplicasOptions {
  /** DMs the reminder owes, half on each platform. */
  readonly dms: number;
  /** How long presses are measured for, per replica count (after a one-second warm-up). */
  readonly pressMs: number;
  /** Presses in flight at once, over all replicas. */
  readonly concurrency: number;
  /** How long pgbench runs. */
  readonly pgbenchSeconds: number;
}

export async function replicas(options: ReplicasOptions): Promise<Measure[]> {
  const half = Math.floor(options.dms / 2);
  const tIds = Array.from({ length: half }, (_, i) => 100_000 + i);
  const dIds = discordIds(options.dms - half);
  const seeded = await seed(tIds, dIds);
  try {
    const one = await run(seeded, 1, tIds, dIds, options);
    const three = await run(seeded, 3, tIds, dIds, options);
    const ceiling = await pgCeiling(options.pgbenchSeconds);
    return report(options, one, three, ceiling);
  } finally {
    await seeded.dispose();
  }
}

/**
 * One community in a Telegram group and a Discord channel, one mob two days away, everyone
 * in it reachable by DM; written once through the real core, then copied per run.
 */
async function seed(tIds: readonly number[], dIds: readonly string[]): Promise<OwnedPlace> {
  const place = await freshPlace("postgres");
  const c = await coreAt(place);
  try {
    const inGroup = telegramGroup(GROUP, "Bench group");
    const inChannel = { id: GUILD.id, name: GUILD.name, channelId: CHANNEL };
    const asked = await c.core.handler.handle(organizer("telegram", inGroup), { type: "link" });
    const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
    await c.core.handler.handle(organizer("discord", inChannel), { type: "link", code });
    await c.core.handler.handle(organizer("telegram", inGroup), {
      type: "create",
      shop: "Cave",
      when: "in 2d",
    });
    for (const id of tIds)
      await c.core.handler.handle(member("telegram", String(id)), {
        type: "start",
        payload: "mob_1",
      });
    for (const id of dIds)
      await c.core.handler.handle(member("discord", id, inChannel), { type: "join", id: "1" });
  } finally {
    await c.close();
  }
  return place;
}

interface RunResult {
  readonly replicas: number;
  readonly fanoutSeconds: number;
  readonly ceilingSeconds: number;
  readonly telegramSeconds: number;
  readonly discordSeconds: number;
  readonly once: number;
  readonly tooMany: number;
  readonly tooManyTelegram: number;
  readonly tooManyDiscord: number;
  readonly presses: number;
  readonly refused: number;
  readonly pressSeconds: number;
  readonly botCpuMs: number;
  readonly pgCpuMs: number;
  readonly benchCpuMs: number;
  readonly answered: number;
}

async function run(
  seeded: OwnedPlace,
  count: number,
  tIds: readonly number[],
  dIds: readonly string[],
  options: ReplicasOptions,
): Promise<RunResult> {
  const place = await freshPlace("postgres", seeded.name);
  const tg = await new FakeTelegram({ rateLimits: TELEGRAM_LIMITS }).start();
  const dc = await new FakeDiscord({ rateLimits: DISCORD_LIMITS, guild: GUILD }).start();
  tg.addGroup(GROUP, "Bench group", [1]);
  for (const id of tIds) {
    tg.addUser(id, `m${id}`);
    tg.started.add(id);
  }
  for (const id of dIds) dc.addUser(id, `m${id}`);
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const bots: Replica[] = [];
  try {
    for (const port of ports)
      bots.push(
        startReplica({
          DATABASE_URL: place.databaseUrl ?? "",
          TELEGRAM_BOT_TOKEN: tg.token,
          TELEGRAM_API_ROOT: tg.apiRoot,
          TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${ports[0]}/telegram/webhook`,
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          DISCORD_TOKEN: dc.token,
          DISCORD_API_URL: dc.apiUrl,
          DISCORD_GUILD_ID: GUILD.id,
          HTTP_PORT: String(port),
        }),
      );
    await Promise.all(bots.map((b) => b.started));
    // The call-to-action (and its first edit) go out first, as in real life.
    await until(
      () => tg.chatMessages(GROUP).length > 0 && dc.channelMessages(CHANNEL).length > 0,
      60_000,
      "the call-to-action on both platforms",
    );
    await new Promise((r) => setTimeout(r, 2_000));
    const tBefore = tg.rateLimited;
    const dBefore = dc.requests.filter((r) => r.status === 429).length;
    const from = await dueNow(place);
    let tDone = 0;
    let dDone = 0;
    await until(
      () => {
        if (!tDone && tIds.every((id) => tg.dms(id).length >= 1)) tDone = Date.now();
        if (!dDone && dIds.every((id) => dc.dmMessages(id).length >= 1)) dDone = Date.now();
        return tDone > 0 && dDone > 0;
      },
      10 * 60_000,
      "every DM on both platforms",
    );
    const tCeiling = (tIds.length + 1) / TELEGRAM_LIMITS.globalPerSecond;
    const dCeiling = (2 * dIds.length + 1) / DISCORD_LIMITS.globalPerSecond;
    const once =
      tIds.filter((id) => tg.dms(id).length === 1).length +
      dIds.filter((id) => dc.dmMessages(id).length === 1).length;
    const tooManyTelegram = tg.rateLimited - tBefore;
    const tooManyDiscord = dc.requests.filter((r) => r.status === 429).length - dBefore;
    const cta = tg.chatMessages(GROUP)[0];
    if (!cta) throw new Error("no call-to-action in the Telegram group");
    const pressed = await press(place, bots, ports, cta, options);
    return {
      replicas: count,
      fanoutSeconds: (Math.max(tDone, dDone) - from) / 1000,
      ceilingSeconds: Math.max(tCeiling, dCeiling),
      telegramSeconds: (tDone - from) / 1000,
      discordSeconds: (dDone - from) / 1000,
      once,
      tooMany: tooManyTelegram + tooManyDiscord,
      tooManyTelegram,
      tooManyDiscord,
      ...pressed,
      answered: tg.callbackAnswers.length,
    };
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await tg.stop();
    await dc.stop();
    await place.dispose();
  }
}

/** Moves the mob's first reminder to now and wakes the replicas as a new row would; returns now. */
async function dueNow(place: OwnedPlace): Promise<number> {
  const client = new pg.Client(clientConfig(parseDatabaseUrl(place.databaseUrl ?? "")));
  await client.connect();
  try {
    const now = Date.now();
    const moved = await client.query(
      `UPDATE outbox SET due_at = $1 WHERE kind = 'reminder' AND state = 'pending'
         AND due_at = (SELECT min(due_at) FROM outbox WHERE kind = 'reminder' AND state = 'pending')`,
      [now],
    );
    if (!moved.rowCount) throw new Error("no reminder row to move");
    await client.query("SELECT pg_notify('cashmob_outbox', '')");
    return now;
  } finally {
    await client.end();
  }
}

/** The PostgreSQL server processes serving `place`'s database right now. */
async function backends(place: OwnedPlace): Promise<number[]> {
  const client = new pg.Client(clientConfig(parseDatabaseUrl(place.databaseUrl ?? "")));
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/**
 * Join presses by distinct users on the call-to-action, each a webhook POST to the next
 * replica in turn, `concurrency` in flight: counted over `pressMs` after a second's warm-up,
 * with the CPU the replicas, their database backends and this process spent meanwhile.
 */
async function press(
  place: OwnedPlace,
  bots: readonly Replica[],
  ports: readonly number[],
  cta: { message_id: number; date: number; text?: string },
  options: ReplicasOptions,
) {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const chat = { id: GROUP, type: "supergroup", title: "Bench group" };
  let next = 0;
  let handled = 0;
  let refused = 0;
  let stopAt = Number.POSITIVE_INFINITY;
  const post = (port: number, body: string) =>
    new Promise<number>((resolve) => {
      const req = request(
        {
          agent,
          host: "127.0.0.1",
          port,
          path: "/telegram/webhook",
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(body),
            "X-Telegram-Bot-Api-Secret-Token": SECRET,
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", () => resolve(0));
      req.end(body);
    });
  const worker = async () => {
    while (Date.now() < stopAt) {
      const n = next++;
      const user = 5_000_000 + n;
      const body = JSON.stringify({
        update_id: 1_000_000 + n,
        callback_query: {
          id: String(9_000_000 + n),
          from: { id: user, is_bot: false, first_name: `p${user}` },
          chat_instance: String(GROUP),
          data: "mob:1:join",
          message: { message_id: cta.message_id, chat, date: cta.date, text: cta.text ?? "" },
        },
      });
      const status = await post(ports[n % ports.length] ?? 0, body);
      if (status === 200) handled++;
      else refused++;
    }
  };
  const workers = Array.from({ length: options.concurrency }, () => worker());
  await new Promise((r) => setTimeout(r, 1_000));
  const pids = bots.map((b) => b.child.pid ?? 0);
  const pgPids = await backends(place);
  const botCpu = cpuOf(pids);
  const pgCpu = cpuSample(pgPids);
  const benchCpu = process.cpuUsage();
  const h0 = handled;
  const started = performance.now();
  stopAt = Date.now() + options.pressMs;
  await Promise.all(workers);
  const pressSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(benchCpu);
  const result = {
    presses: handled - h0,
    refused,
    pressSeconds,
    botCpuMs: cpuOf(pids) - botCpu,
    // Backends that opened during the window count from zero; one that closed is not counted.
    pgCpuMs: cpuSince(pgCpu, await backends(place)),
    benchCpuMs: (used.user + used.system) / 1000,
  };
  agent.destroy();
  return result;
}

function report(
  options: ReplicasOptions,
  one: RunResult,
  three: RunResult,
  ceiling: Awaited<ReturnType<typeof pgCeiling>>,
): Measure[] {
  const scenario = "replicas";
  const ratio = (r: RunResult) => r.fanoutSeconds / r.ceilingSeconds;
  const relative = ratio(three) / ratio(one);
  const rows: Measure[] = [];
  for (const r of [one, three]) {
    const label = r.replicas === 1 ? "1 replica" : `${r.replicas} replicas`;
    rows.push(
      {
        scenario,
        metric: `${label}: ${options.dms} DMs, half per platform, vs the slower ceiling ${round(r.ceilingSeconds)} s`,
        value: round(ratio(r), 3),
        unit: "× ceiling",
        target: "≤ 1.05",
        pass: ratio(r) <= 1.05,
        note: `Telegram ${round(r.telegramSeconds)} s, Discord ${round(r.discordSeconds)} s`,
      },
      {
        scenario,
        metric: `${label}: DMs exactly once / 429s`,
        value: r.once,
        unit: `of ${options.dms}`,
        target: `= ${options.dms}, 0 × 429`,
        pass: r.once === options.dms && r.tooMany === 0,
        note: `${r.tooManyTelegram} × 429 from Telegram, ${r.tooManyDiscord} from Discord (each waited out and sent)`,
      },
    );
  }
  rows.push({
    scenario,
    metric: "fan-out: 3 replicas' time/ceiling ÷ 1 replica's",
    value: round(relative, 3),
    unit: "×",
    target: "≤ 1.05",
    pass: relative <= 1.05,
  });
  for (const r of [one, three]) {
    const label = r.replicas === 1 ? "1 replica" : `${r.replicas} replicas`;
    const perSecond = r.presses / r.pressSeconds;
    const cpu = (r.botCpuMs + r.pgCpuMs) / r.presses;
    rows.push(
      {
        scenario,
        metric: `${label}: Join presses handled (webhook POST → 200)`,
        value: round(perSecond, 0),
        unit: "/s",
        note: `${r.presses} in ${round(r.pressSeconds)} s, ${options.concurrency} in flight round-robin, ${r.refused} not 200; ${r.answered} callback answers at the fake`,
      },
      {
        scenario,
        metric: `${label}: CPU per press, bots + PostgreSQL backends`,
        value: round(cpu, 2),
        unit: "ms",
        note: `bots ${round(r.botCpuMs / r.presses, 2)} ms, PostgreSQL ${round(r.pgCpuMs / r.presses, 2)} ms; the load generator ${round(r.benchCpuMs / r.presses, 2)} ms more`,
      },
    );
  }
  const best = Math.max(one.presses / one.pressSeconds, three.presses / three.pressSeconds);
  rows.push(
    {
      scenario,
      metric: `PostgreSQL ceiling: pgbench, one press's ${ceiling.statements} statements per transaction`,
      value: round(ceiling.tps, 0),
      unit: "tps",
      note: `${ceiling.clients} clients, ${ceiling.seconds} s, all on one mob's row; PostgreSQL ${round(ceiling.pgCpuMs / ceiling.transactions, 2)} ms CPU per transaction`,
    },
    {
      scenario,
      metric: "presses/s (the better run) ÷ pgbench tps",
      value: round(best / ceiling.tps, 2),
      unit: "",
    },
  );
  return rows;
}
