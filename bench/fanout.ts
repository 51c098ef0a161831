import { createDiscordAdapter } from "../bots/discord/adapter.js";
import { createTelegramAdapter } from "../bots/telegram/adapter.js";
import { silentLogger } from "../src/ports/logger.js";
import { FakeDiscord } from "../test/fakes/discord-server.js";
import { FakeTelegram, TELEGRAM_LIMITS } from "../test/fakes/telegram-server.js";
import { fileCore, type Measure, member, organizer, round, until } from "./common.js";

const TARGET_RATIO = 1.15;

/**
 * A reminder falls due for one mob with `n` participants, all reachable by DM:
 * the real core and scheduler loop, the real adapter, the fake platform with
 * its published rate limits on. Measures from the due time to the last DM.
 */
export async function fanoutTelegram(n: number): Promise<Measure[]> {
  const server = await new FakeTelegram({ rateLimits: TELEGRAM_LIMITS }).start();
  const group = -1001;
  server.addGroup(group, "Bench group", [1]);
  const adapter = createTelegramAdapter({
    token: server.token,
    apiRoot: server.apiRoot,
    logger: silentLogger,
  });
  const c = fileCore();
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
    const reminderDue = c.store.rowsForMob(1).find((r) => r.kind === "reminder")?.dueAt;
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
    const failed = c.store.rowsForMob(1).filter((r) => r.state === "failed").length;
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
    c.close();
  }
}

export async function fanoutDiscord(n: number): Promise<Measure[]> {
  const server = await new FakeDiscord({
    rateLimits: { globalPerSecond: 50, perRoute: { limit: 5, windowMs: 5_000 } },
  }).start();
  const adapter = createDiscordAdapter({
    token: server.token,
    apiUrl: server.apiUrl,
    guildId: server.guild.id,
    logger: silentLogger,
  });
  const c = fileCore();
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
    const reminderDue = c.store.rowsForMob(1).find((r) => r.kind === "reminder")?.dueAt;
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
    const failed = c.store.rowsForMob(1).filter((r) => r.state === "failed").length;
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
    c.close();
  }
}
