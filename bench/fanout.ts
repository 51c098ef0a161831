import { createDiscordAdapter } from "../bots/discord/adapter.js";
import { createTelegramAdapter } from "../bots/telegram/adapter.js";
import { silentLogger } from "../src/ports/logger.js";
import { FakeDiscord } from "../test/fakes/discord-server.js";
import { FakeTelegram, TELEGRAM_LIMITS } from "../test/fakes/telegram-server.js";
import { fileCore, type Measure, member, organizer, round, until } from "./common.js";
import type { EngineName } from "./engine.js";

const TARGET_RATIO = 1.15;

/**
 * A reminder falls due for one mob with `n` participants, all reachable by DM:
 * the real core and scheduler loop, the real adapter, the fake platform with
 * its published rate limits on. Measures from the due time to the last DM.
 */
export async function fanoutTelegram(engine: EngineName, n: number): Promise<Measure[]> {
  const c = await fileCore(engine);
  const server = await new FakeTelegram({ rateLimits: TELEGRAM_LIMITS }).start();
  const group = -1001;
  server.addGroup(group, "Bench group", [1]);
  const adapter = createTelegramAdapter({
    token: server.token,
    apiRoot: server.apiRoot,
    logger: silentLogger,
  });
  try {
    c.core.attach(adapter.platform);
    const community = { id: String(group), name: "Bench group", channelId: String(group) };
    await c.core.handler.handle(organizer("telegram", community), {
      type: "create",
      shop: "Cave",
      when: "in 24h3s",
    });
    const ids = Array.from({ length: n }, (_, i) => 100_000 + i);
    for (const id of ids) {
      server.addUser(id, `m${id}`);
      server.started.add(id);
      await c.core.handler.handle(member("telegram", String(id)), {
        type: "start",
        payload: "mob_1",
      });
    }
    const reminderDue = (await c.store.rowsFor("mob", 1)).find((r) => r.kind === "reminder")?.dueAt;
    if (reminderDue === undefined) throw new Error("no reminder row");
    // Seeding may outlast the 3 s lead: then the clock starts with the scheduler, not before.
    const from = Math.max(reminderDue, Date.now());
    c.core.scheduler.start();
    await until(
      () => ids.every((id) => server.dms(id).length >= 1),
      30 * 60_000,
      "every Telegram DM",
    );
    const seconds = (Date.now() - from) / 1000;
    await c.core.scheduler.stop();
    const ceiling = (n + 1) / TELEGRAM_LIMITS.globalPerSecond;
    const ratio = seconds / ceiling;
    const perUser = ids.map((id) => server.dms(id).length);
    const failed = (await c.store.rowsFor("mob", 1)).filter((r) => r.state === "failed").length;
    return [
      {
        scenario: "fanout-telegram",
        metric: `${n} DMs, wall time vs ceiling ${round(ceiling)} s`,
        value: round(ratio, 3),
        unit: "× ceiling",
        target: `≤ ${TARGET_RATIO}`,
        pass: ratio <= TARGET_RATIO,
        note: `${round(seconds)} s`,
      },
      {
        scenario: "fanout-telegram",
        metric: "DMs delivered exactly once",
        value: perUser.filter((k) => k === 1).length,
        unit: `of ${n}`,
        target: `= ${n}`,
        pass: perUser.every((k) => k === 1),
      },
      {
        scenario: "fanout-telegram",
        metric: "429s answered / rows given up",
        value: failed,
        unit: "failed",
        target: "= 0",
        pass: failed === 0,
        note: `${server.rateLimited} × 429 retried`,
      },
    ];
  } finally {
    await adapter.stop();
    await server.stop();
    await c.close();
  }
}

export async function fanoutDiscord(engine: EngineName, n: number): Promise<Measure[]> {
  const c = await fileCore(engine);
  const server = await new FakeDiscord({
    rateLimits: { globalPerSecond: 50, perRoute: { limit: 5, windowMs: 5_000 } },
  }).start();
  const adapter = createDiscordAdapter({
    token: server.token,
    apiUrl: server.apiUrl,
    guildId: server.guild.id,
    logger: silentLogger,
  });
  try {
    c.core.attach(adapter.platform);
    const community = {
      id: server.guild.id,
      name: server.guild.name,
      channelId: server.guild.channels[0]?.id ?? "",
    };
    await c.core.handler.handle(organizer("discord", community), {
      type: "create",
      shop: "Cave",
      when: "in 24h3s",
    });
    const ids = Array.from({ length: n }, (_, i) => String(300000000000000000n + BigInt(i)));
    for (const id of ids) {
      server.addUser(id, `m${id}`);
      await c.core.handler.handle(member("discord", id, community), { type: "join", id: "1" });
    }
    const reminderDue = (await c.store.rowsFor("mob", 1)).find((r) => r.kind === "reminder")?.dueAt;
    if (reminderDue === undefined) throw new Error("no reminder row");
    // Seeding may outlast the 3 s lead: then the clock starts with the scheduler, not before.
    const from = Math.max(reminderDue, Date.now());
    // The call-to-action and its edits go out first, as in real life.
    c.core.scheduler.start();
    await until(
      () => ids.every((id) => server.dmMessages(id).length >= 1),
      30 * 60_000,
      "every Discord DM",
    );
    const seconds = (Date.now() - from) / 1000;
    await c.core.scheduler.stop();
    // Each new member costs two requests (open the DM channel, send), plus the channel post.
    const ceiling = (2 * n + 1) / 50;
    const ratio = seconds / ceiling;
    const perUser = ids.map((id) => server.dmMessages(id).length);
    const failed = (await c.store.rowsFor("mob", 1)).filter((r) => r.state === "failed").length;
    const limited = server.requests.filter((r) => r.status === 429).length;
    return [
      {
        scenario: "fanout-discord",
        metric: `${n} DMs, wall time vs ceiling ${round(ceiling)} s`,
        value: round(ratio, 3),
        unit: "× ceiling",
        target: `≤ ${TARGET_RATIO}`,
        pass: ratio <= TARGET_RATIO,
        note: `${round(seconds)} s`,
      },
      {
        scenario: "fanout-discord",
        metric: "DMs delivered exactly once",
        value: perUser.filter((k) => k === 1).length,
        unit: `of ${n}`,
        target: `= ${n}`,
        pass: perUser.every((k) => k === 1),
      },
      {
        scenario: "fanout-discord",
        metric: "429s answered / rows given up",
        value: failed,
        unit: "failed",
        target: "= 0",
        pass: failed === 0,
        note: `${limited} × 429 retried`,
      },
    ];
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
  const tg = await new FakeTelegram({ rateLimits: TELEGRAM_LIMITS }).start();
  const dc = await new FakeDiscord({
    rateLimits: { globalPerSecond: 50, perRoute: { limit: 5, windowMs: 5_000 } },
  }).start();
  const group = -1001;
  tg.addGroup(group, "Bench group", [1]);
  const telegram = createTelegramAdapter({
    token: tg.token,
    apiRoot: tg.apiRoot,
    logger: silentLogger,
  });
  const discord = createDiscordAdapter({
    token: dc.token,
    apiUrl: dc.apiUrl,
    guildId: dc.guild.id,
    logger: silentLogger,
  });
  try {
    c.core.attach(telegram.platform);
    c.core.attach(discord.platform);
    const inGroup = { id: String(group), name: "Bench group", channelId: String(group) };
    const inChannel = {
      id: dc.guild.id,
      name: dc.guild.name,
      channelId: dc.guild.channels[0]?.id ?? "",
    };
    const asked = await c.core.handler.handle(organizer("telegram", inGroup), { type: "link" });
    const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
    await c.core.handler.handle(organizer("discord", inChannel), { type: "link", code });
    await c.core.handler.handle(organizer("telegram", inGroup), {
      type: "create",
      shop: "Cave",
      when: "in 24h3s",
    });
    const tIds = Array.from({ length: half }, (_, i) => 100_000 + i);
    for (const id of tIds) {
      tg.addUser(id, `m${id}`);
      tg.started.add(id);
      await c.core.handler.handle(member("telegram", String(id)), {
        type: "start",
        payload: "mob_1",
      });
    }
    const dIds = Array.from({ length: n - half }, (_, i) =>
      String(300000000000000000n + BigInt(i)),
    );
    for (const id of dIds) {
      dc.addUser(id, `m${id}`);
      await c.core.handler.handle(member("discord", id, inChannel), { type: "join", id: "1" });
    }
    const reminderDue = (await c.store.rowsFor("mob", 1)).find((r) => r.kind === "reminder")?.dueAt;
    if (reminderDue === undefined) throw new Error("no reminder row");
    const from = Math.max(reminderDue, Date.now());
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
  const server = await new FakeDiscord({
    rateLimits: { globalPerSecond: 50, perRoute: { limit: 5, windowMs: 5_000 } },
  }).start();
  const adapter = createDiscordAdapter({
    token: server.token,
    apiUrl: server.apiUrl,
    guildId: server.guild.id,
    logger: silentLogger,
  });
  try {
    c.core.attach(adapter.platform);
    const community = {
      id: server.guild.id,
      name: server.guild.name,
      channelId: server.guild.channels[0]?.id ?? "",
    };
    const ids = Array.from({ length: n }, (_, i) => String(300000000000000000n + BigInt(i)));
    for (const id of ids) server.addUser(id, `m${id}`);
    await c.core.handler.handle(organizer("discord", community), {
      type: "create",
      shop: "Cave",
      when: `in ${Math.ceil(startsInMs / 1000)}s`,
    });
    for (const id of ids)
      await c.core.handler.handle(member("discord", id, community), { type: "join", id: "1" });
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
