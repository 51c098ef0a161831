import { afterEach, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../bots/telegram/adapter.js";
import { silentLogger } from "../../src/ports/logger.js";
import type { MemberAddress } from "../../src/ports/platform.js";
import { platformContract, sampleNotice } from "../contract/platform-contract.js";
import { groupActor, HOUR, makeHarness } from "../fakes/core-harness.js";
import { until } from "../fakes/telegram-harness.js";
import { asRead, FakeTelegram, TELEGRAM_LIMITS } from "../fakes/telegram-server.js";

const GROUP = -100777;
let server: FakeTelegram | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function fake(options: ConstructorParameters<typeof FakeTelegram>[0] = {}) {
  server = await new FakeTelegram(options).start();
  server.addGroup(GROUP, "Mobbers");
  return server;
}

/** The group, as the core addresses it. */
const channel = {
  platform: "telegram" as const,
  communityId: String(GROUP),
  channelId: String(GROUP),
};

/** The adapter's platform without Telegram's pacing: these tests look at single requests. */
const unthrottled = (s: FakeTelegram) =>
  createTelegramAdapter({
    token: s.token,
    apiRoot: s.apiRoot,
    logger: silentLogger,
    throttle: false,
  }).platform;

const member = (id: number): MemberAddress => ({
  platform: "telegram",
  userId: String(id),
  displayName: `m${id}`,
});

platformContract("telegram", async () => {
  const s = await new FakeTelegram().start();
  s.addGroup(GROUP, "Mobbers");
  s.addUser(11, "Reachable", "en", "reachable_member");
  s.started.add(11);
  s.addUser(12, "Never started");
  const adapter = createTelegramAdapter({
    token: s.token,
    apiRoot: s.apiRoot,
    logger: silentLogger,
    throttle: false,
  });
  return {
    platform: adapter.platform,
    channel: { platform: "telegram", communityId: String(GROUP), channelId: String(GROUP) },
    reachable: member(11),
    unreachable: member(12),
    channelTexts: async () => s.chatMessages(GROUP).map((m) => asRead(m.text)),
    dmTexts: async (userId) => s.dms(Number(userId)).map((m) => asRead(m.text)),
    pinged: async () => s.chatMessages(GROUP).flatMap((m) => s.pinged(m)),
    // Telegram links an @username typed in plain text and pings its owner; a link to
    // tg://user?id= pings too, were it markup.
    namesReachable: `<a href="tg://user?id=11">Reachable</a> @reachable_member`,
    close: () => s.stop(),
  };
});

describe("Telegram platform: failures in the core's taxonomy", () => {
  it("a user who never started the bot, one who blocked it, and an unknown chat", async () => {
    const s = await fake();
    s.addUser(21, "Stranger");
    s.addUser(22, "Blocker");
    s.started.add(22);
    s.block(22);
    const platform = unthrottled(s);
    const key = { idempotencyKey: "k" };
    expect(await platform.sendDirect?.(member(21), sampleNotice("Hi"), key)).toMatchObject({
      ok: false,
      failure: "no_dm_channel",
    });
    expect(await platform.sendDirect?.(member(22), sampleNotice("Hi"), key)).toMatchObject({
      ok: false,
      failure: "no_dm_channel",
    });
    const nowhere = { platform: "telegram" as const, communityId: "-100999", channelId: "-100999" };
    expect(await platform.publish(nowhere, sampleNotice("Hi"), key)).toMatchObject({
      ok: false,
      failure: "not_found",
    });
  });

  it("a 429 becomes rate_limited with Telegram's retry_after", async () => {
    const s = await fake({ rateLimits: { ...TELEGRAM_LIMITS, groupPerMinute: 1 } });
    const platform = unthrottled(s);
    expect((await platform.publish(channel, sampleNotice("one"), { idempotencyKey: "1" })).ok).toBe(
      true,
    );
    const second = await platform.publish(channel, sampleNotice("two"), { idempotencyKey: "2" });
    expect(second).toMatchObject({ ok: false, failure: "rate_limited" });
    expect(
      second.ok === false && second.failure === "rate_limited" && second.retryAfterMs,
    ).toBeGreaterThanOrEqual(1_000);
  });

  it("an edit that changes nothing is a success, and an edit of a vanished message is not_found", async () => {
    const s = await fake();
    const platform = unthrottled(s);
    const sent = await platform.publish(channel, sampleNotice("same"), { idempotencyKey: "1" });
    if (!sent.ok || !platform.edit) throw new Error("publish failed");
    expect(await platform.edit(sent.ref, sampleNotice("same"))).toEqual({
      ok: true,
      ref: sent.ref,
    });
    expect(await platform.edit(`${GROUP}:999999`, sampleNotice("x"))).toMatchObject({
      ok: false,
      failure: "not_found",
    });
  });

  it("a 10 kB shop name is cut at a line boundary, never inside a tag, and still sent", async () => {
    const s = await fake();
    const platform = unthrottled(s);
    const long = sampleNotice("Long", {
      lines: Array.from({ length: 200 }, () => [{ kind: "bold" as const, text: "<&>".repeat(20) }]),
    });
    expect((await platform.publish(channel, long, { idempotencyKey: "1" })).ok).toBe(true);
    const text = s.chatMessages(GROUP)[0]?.text ?? "";
    expect([...text].length).toBeLessThanOrEqual(4096);
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("Telegram platform: sends called off while they wait for their turn", () => {
  it("those still queued in the pacing never reach Telegram and say so; those sent are delivered and say so", async () => {
    const s = await fake();
    const ids = Array.from({ length: 30 }, (_, i) => 30_000 + i);
    for (const id of ids) {
      s.addUser(id, `m${id}`);
      s.started.add(id);
    }
    const { platform } = createTelegramAdapter({
      token: s.token,
      apiRoot: s.apiRoot,
      logger: silentLogger,
    });
    // Paced one every 36 ms, 30 DMs take a second; the turn ends once five have arrived.
    const turn = new AbortController();
    const results = ids.map((id) =>
      platform.sendDirect?.(member(id), sampleNotice(`Hi ${id}`), {
        idempotencyKey: String(id),
        signal: turn.signal,
      }),
    );
    const delivered = () => ids.filter((id) => s.dms(id).length > 0);
    await until(() => delivered().length >= 5, "five DMs delivered");
    turn.abort();
    const answers = await Promise.all(results);
    const sent = ids.filter((_, i) => answers[i]?.ok);
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.length).toBeLessThan(ids.length);
    // Every answer is the truth: delivered exactly when it says sent, and a queued one never later.
    expect(delivered()).toEqual(sent);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(delivered()).toEqual(sent);
  });
});

describe("Telegram platform: the bot's mention of a member", () => {
  it("without a numeric id, the member's name is plain text: an @name could be someone else's", async () => {
    const s = await fake();
    s.addUser(11, "Reachable", "en", "reachable_member");
    const platform = unthrottled(s);
    const bySomeOtherId: MemberAddress = {
      platform: "telegram",
      userId: "legacy-7",
      displayName: "reachable_member",
    };
    const notice = sampleNotice("Reminder", {
      kind: "unreachable_mentions",
      lines: [
        [
          { kind: "text", text: "Not reachable privately: " },
          { kind: "mention", member: bySomeOtherId },
        ],
      ],
      actions: [],
    });
    expect((await platform.publish(channel, notice, { idempotencyKey: "1" })).ok).toBe(true);
    const [sent] = s.chatMessages(GROUP);
    expect(sent?.text.split("\n")[1]).toBe("Not reachable privately: reachable_member");
    expect(sent ? s.pinged(sent) : ["nothing sent"]).toEqual([]);
  });
});

describe("Telegram: a reminder fan-out under Telegram's rate limits", () => {
  it("200 participants each get the reminder exactly once, with the limits switched on", async () => {
    const s = await fake({ rateLimits: TELEGRAM_LIMITS });
    const adapter = createTelegramAdapter({
      token: s.token,
      apiRoot: s.apiRoot,
      logger: silentLogger,
    });
    const h = makeHarness({ platforms: [adapter.platform] });
    try {
      const where = { id: String(GROUP), name: "Mobbers", channelId: String(GROUP) };
      await h.core.handler.handle(
        groupActor("1", { community: where, isOrganizer: true }, "telegram"),
        {
          type: "create",
          shop: "Cave",
          when: "2026-12-05 18:00",
        },
      );
      const ids = Array.from({ length: 200 }, (_, i) => 10_000 + i);
      for (const id of ids) {
        s.addUser(id, `m${id}`);
        s.started.add(id);
        await h.core.handler.handle(
          { ...groupActor(String(id), { community: undefined, inPrivateChat: true }, "telegram") },
          { type: "start", payload: "mob_1" },
        );
      }
      h.clock.set(Date.UTC(2026, 11, 4, 18, 0));
      // The scheduler drains at this instant until every DM is recorded, retrying 429s after retry_after.
      while (ids.some((id) => s.dms(id).length === 0)) {
        await h.drain();
        const next = await h.store.nextDueAt();
        if (next !== null && next > h.clock.now() && next - h.clock.now() < HOUR) {
          await new Promise((r) => setTimeout(r, Math.min(2_000, next - h.clock.now())));
          h.clock.set(next);
        }
      }
      expect(ids.map((id) => s.dms(id).length).every((n) => n === 1)).toBe(true);
      // Any 429 was retried after its retry_after: nothing was given up.
      expect((await h.store.rowsFor("mob", 1)).filter((r) => r.state === "failed")).toEqual([]);
    } finally {
      h.close();
    }
  }, 60_000);
});
