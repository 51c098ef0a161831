import type { Actor } from "../src/ports/inbound.js";
import { TELEGRAM_LIMITS } from "../test/fakes/telegram-server.js";
import {
  type BenchCore,
  createMob,
  discordBench,
  fileCore,
  type Measure,
  member,
  organizer,
  round,
  telegramBench,
  telegramGroup,
  until,
} from "./common.js";
import type { EngineName } from "./engine.js";

const TARGET_RATIO = 1.15;
const GROUP = -1001;

/** `n` Discord user ids, from one far above any the fake hands out. */
export const discordIds = (n: number) =>
  Array.from({ length: n }, (_, i) => String(300000000000000000n + BigInt(i)));

/** Each Telegram user opens a private chat with the bot through the mob's deep link. */
export async function startAll(
  c: BenchCore,
  server: Awaited<ReturnType<typeof telegramBench>>["server"],
  ids: readonly number[],
): Promise<void> {
  for (const id of ids) {
    server.addUser(id, `m${id}`);
    server.started.add(id);
    await c.core.handler.handle(member("telegram", String(id)), {
      type: "start",
      payload: "mob_1",
    });
  }
}

/** Each Discord user joins mob 1 in the community's channel. */
export async function joinAll(
  c: BenchCore,
  server: Awaited<ReturnType<typeof discordBench>>["server"],
  ids: readonly string[],
  community: NonNullable<Actor["community"]>,
): Promise<void> {
  for (const id of ids) {
    server.addUser(id, `m${id}`);
    await c.core.handler.handle(member("discord", id, community), { type: "join", id: "1" });
  }
}

/**
 * When the clock starts: the first reminder's due time, or now when seeding outlasted
 * the 3 s lead (then the clock starts with the scheduler, not before).
 */
async function reminderFrom(c: BenchCore): Promise<number> {
  const due = (await c.store.rowsFor("mob", 1)).find((r) => r.kind === "reminder")?.dueAt;
  if (due === undefined) throw new Error("no reminder row");
  return Math.max(due, Date.now());
}

/**
 * Starts the scheduler, waits for every DM the reminder owes, and measures a one-platform
 * fan-out: time against the ceiling, each DM exactly once, no row given up.
 */
async function measureFanout(
  c: BenchCore,
  scenario: string,
  run: {
    n: number;
    ceiling: number;
    /** How many DMs each participant has received. */
    received: (() => number)[];
    retried: () => number;
    what: string;
  },
): Promise<Measure[]> {
  const { n, ceiling } = run;
  const from = await reminderFrom(c);
  // The call-to-action and its edits go out first, as in real life.
  c.core.scheduler.start();
  await until(() => run.received.every((dms) => dms() >= 1), 30 * 60_000, run.what);
  const seconds = (Date.now() - from) / 1000;
  await c.core.scheduler.stop();
  const perUser = run.received.map((dms) => dms());
  const ratio = seconds / ceiling;
  const failed = (await c.store.rowsFor("mob", 1)).filter((r) => r.state === "failed").length;
  return [
    {
      scenario,
      metric: `${n} DMs, wall time vs ceiling ${round(ceiling)} s`,
      value: round(ratio, 3),
      unit: "× ceiling",
      target: `≤ ${TARGET_RATIO}`,
      pass: ratio <= TARGET_RATIO,
      note: `${round(seconds)} s`,
    },
    {
      scenario,
      metric: "DMs delivered exactly once",
      value: perUser.filter((k) => k === 1).length,
      unit: `of ${n}`,
      target: `= ${n}`,
      pass: perUser.every((k) => k === 1),
    },
    {
      scenario,
      metric: "429s answered / rows given up",
      value: failed,
      unit: "failed",
      target: "= 0",
      pass: failed === 0,
      note: `${run.retried()} × 429 retried`,
    },
  ];
}

/**
 * A reminder falls due for one mob with `n` participants, all reachable by DM:
 * the real core and scheduler loop, the real adapter, the fake platform with
 * its published rate limits on. Measures from the due time to the last DM.
 */
export async function fanoutTelegram(engine: EngineName, n: number): Promise<Measure[]> {
  const c = await fileCore(engine);
  const { server, adapter } = await telegramBench({ rateLimits: TELEGRAM_LIMITS });
  server.addGroup(GROUP, "Bench group", [1]);
  try {
    c.core.attach(adapter.platform);
    await createMob(c, organizer("telegram", telegramGroup(GROUP, "Bench group")), "in 24h3s");
    const ids = Array.from({ length: n }, (_, i) => 100_000 + i);
    await startAll(c, server, ids);
    return await measureFanout(c, "fanout-telegram", {
      n,
      ceiling: (n + 1) / TELEGRAM_LIMITS.globalPerSecond,
      received: ids.map((id) => () => server.dms(id).length),
      retried: () => server.rateLimited,
      what: "every Telegram DM",
    });
  } finally {
    await adapter.stop();
    await server.stop();
    await c.close();
  }
}

export async function fanoutDiscord(engine: EngineName, n: number): Promise<Measure[]> {
  const c = await fileCore(engine);
  const { server, adapter, community } = await discordBench();
  try {
    c.core.attach(adapter.platform);
    await createMob(c, organizer("discord", community), "in 24h3s");
    const ids = discordIds(n);
    await joinAll(c, server, ids, community);
    return await measureFanout(c, "fanout-discord", {
      n,
      // Each new member costs two requests (open the DM channel, send), plus the channel post.
      ceiling: (2 * n + 1) / 50,
      received: ids.map((id) => () => server.dmMessages(id).length),
      retried: () => server.requests.filter((r) => r.status === 429).length,
      what: "every Discord DM",
    });
  } finally {
    await adapter.stop();
    await server.stop();
    await c.close();
  }
}

/**
 * One community in a Telegram group and a Discord channel; `n` participants,
 * half on each platform, all reachable by DM. The platforms send in parallel,
 * so the ceiling is the slower platform's, not the sum.
 */
export async function fanoutMixed(engine: EngineName, n: number): Promise<Measure[]> {
  const half = Math.floor(n / 2);
  const c = await fileCore(engine);
  const { server: tg, adapter: telegram } = await telegramBench({ rateLimits: TELEGRAM_LIMITS });
  const { server: dc, adapter: discord, community: inChannel } = await discordBench();
  tg.addGroup(GROUP, "Bench group", [1]);
  try {
    c.core.attach(telegram.platform);
    c.core.attach(discord.platform);
    const inGroup = telegramGroup(GROUP, "Bench group");
    const asked = await c.core.handler.handle(organizer("telegram", inGroup), { type: "link" });
    const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
    await c.core.handler.handle(organizer("discord", inChannel), { type: "link", code });
    await createMob(c, organizer("telegram", inGroup), "in 24h3s");
    const tIds = Array.from({ length: half }, (_, i) => 100_000 + i);
    await startAll(c, tg, tIds);
    const dIds = discordIds(n - half);
    await joinAll(c, dc, dIds, inChannel);
    const from = await reminderFrom(c);
    c.core.scheduler.start();
    let tDone = 0;
    let dDone = 0;
    await until(
      () => {
        if (!tDone && tIds.every((id) => tg.dms(id).length >= 1)) tDone = Date.now();
        if (!dDone && dIds.every((id) => dc.dmMessages(id).length >= 1)) dDone = Date.now();
        return tDone > 0 && dDone > 0;
      },
      30 * 60_000,
      "every DM on both platforms",
    );
    const seconds = (Math.max(tDone, dDone) - from) / 1000;
    await c.core.scheduler.stop();
    const tCeiling = (tIds.length + 1) / TELEGRAM_LIMITS.globalPerSecond;
    const dCeiling = (2 * dIds.length + 1) / 50;
    const ceiling = Math.max(tCeiling, dCeiling);
    const ratio = seconds / ceiling;
    const once =
      tIds.filter((id) => tg.dms(id).length === 1).length +
      dIds.filter((id) => dc.dmMessages(id).length === 1).length;
    return [
      {
        scenario: "fanout-mixed",
        metric: `${n} DMs, half per platform, vs the slower ceiling ${round(ceiling)} s`,
        value: round(ratio, 3),
        unit: "× ceiling",
        target: "≤ 1.05",
        pass: ratio <= 1.05,
        note: `Telegram ${round((tDone - from) / 1000)} s of ${round(tCeiling)}, Discord ${round((dDone - from) / 1000)} s of ${round(dCeiling)}`,
      },
      {
        scenario: "fanout-mixed",
        metric: "DMs delivered exactly once",
        value: once,
        unit: `of ${n}`,
        target: `= ${n}`,
        pass: once === n,
      },
    ];
  } finally {
    await telegram.stop();
    await discord.stop();
    await tg.stop();
    await dc.stop();
    await c.close();
  }
}

/**
 * The second reminder of a mob on Discord: the DM channels opened for the
 * first are remembered, so each DM is one request (ceiling n / 50 s).
 */
export async function fanoutDiscordSecond(engine: EngineName, n: number): Promise<Measure[]> {
  // The first reminder 5 s after creation; the second once the first has surely finished.
  const firstFanoutMs = ((2 * n + 1) / 50) * 1.5 * 1000 + 20_000;
  const startsInMs = 5_000 + firstFanoutMs + 600_000;
  const c = await fileCore(engine, { reminderOffsetsMs: [startsInMs - 5_000, 600_000] });
  const { server, adapter, community } = await discordBench();
  try {
    c.core.attach(adapter.platform);
    await createMob(c, organizer("discord", community), `in ${Math.ceil(startsInMs / 1000)}s`);
    const ids = discordIds(n);
    await joinAll(c, server, ids, community);
    c.core.scheduler.start();
    await until(
      () => ids.every((id) => server.dmMessages(id).length >= 1),
      30 * 60_000,
      "the first reminder's DMs",
    );
    const opened = server.requests.filter((r) => r.path.endsWith("/users/@me/channels")).length;
    const second = (await c.store.rowsFor("mob", 1)).find(
      (r) => r.kind === "reminder" && r.target === "community" && r.state === "pending",
    );
    if (!second) throw new Error("no second reminder row");
    const before = server.requests.length;
    const from = Math.max(second.dueAt, Date.now());
    await until(
      () => ids.every((id) => server.dmMessages(id).length >= 2),
      30 * 60_000,
      "the second reminder's DMs",
    );
    const seconds = (Date.now() - from) / 1000;
    await c.core.scheduler.stop();
    const reopened = server.requests
      .slice(before)
      .filter((r) => r.path.endsWith("/users/@me/channels")).length;
    // One request per DM now, plus the reminder in the channel.
    const ceiling = (n + 1) / 50;
    const ratio = seconds / ceiling;
    const twice = ids.filter((id) => server.dmMessages(id).length === 2).length;
    return [
      {
        scenario: "fanout-discord-second",
        metric: `second reminder, ${n} DMs vs ceiling ${round(ceiling)} s`,
        value: round(ratio, 3),
        unit: "× ceiling",
        target: "≤ 1.05",
        pass: ratio <= 1.05,
        note: `${round(seconds)} s; DM channels opened: ${opened} for the first, ${reopened} for the second`,
      },
      {
        scenario: "fanout-discord-second",
        metric: "each member got both reminders exactly once",
        value: twice,
        unit: `of ${n}`,
        target: `= ${n}`,
        pass: twice === n && reopened === 0,
      },
    ];
  } finally {
    await adapter.stop();
    await server.stop();
    await c.close();
  }
}
