import { describe, expect, it, onTestFinished } from "vitest";
import type { ChannelAddress, Notice } from "../../src/ports/platform.js";
import { sampleNotice } from "../contract/platform-contract.js";
import { ALICE, BOB, buttonIds, DAVE, discordRig, readable } from "../fakes/discord-harness.js";
import type { FakeDiscordOptions } from "../fakes/discord-server.js";

/** A fake Discord and its adapter, closed when the test finishes, and the guild's first channel. */
async function setup(
  options: FakeDiscordOptions = {},
  adapter: Parameters<typeof discordRig>[1] = {},
) {
  const rig = await discordRig(options, adapter);
  onTestFinished(() => rig.close());
  const channel: ChannelAddress = {
    platform: "discord",
    communityId: rig.server.guild.id,
    channelId: rig.server.guild.channels[0]?.id ?? "",
  };
  return { server: rig.server, adapter: rig.adapter, platform: rig.adapter.platform, channel };
}

const key = (n: number | string) => ({ idempotencyKey: `mob:7:reminder:${n}` });

function withMention(userId: string, title = "Reminder"): Notice {
  return sampleNotice(title, {
    kind: "unreachable_mentions",
    lines: [[{ kind: "mention", member: { platform: "discord", userId, displayName: "x" } }]],
    actions: [],
  });
}

describe("Discord rendering", () => {
  it("posts a call-to-action as an embed with Join, Maybe and Leave buttons that pings nobody", async () => {
    const { server, platform, channel } = await setup();
    const sent = await platform.publish(channel, sampleNotice("Cash mob: Cave"), key(1));
    expect(sent.ok).toBe(true);
    const [m] = server.channelMessages();
    expect(m?.embeds[0]?.title).toBe("Cash mob: Cave");
    const unix = Date.UTC(2026, 11, 5, 18) / 1000;
    expect(m?.embeds[0]?.description).toContain(`<t:${unix}:F> (<t:${unix}:R>)`);
    expect(m?.embeds[0]?.description).toContain(
      "[3 rue des Lilas](https://www.openstreetmap.org/search?query=3%20rue%20des%20Lilas)",
    );
    expect(buttonIds(m!)).toEqual(["mob:7:join", "mob:7:maybe", "mob:7:leave"]);
    expect(m?.content).toBe("");
    expect(m?.allowed_mentions).toEqual({ parse: [], users: [] });
  });

  it("escapes Discord markdown in user text so names cannot forge mentions, timestamps or links", async () => {
    const { server, platform, channel } = await setup();
    const hostile = "@everyone <@&123> <t:0:R> **b** [x](https://evil.example) # h";
    await platform.publish(
      channel,
      sampleNotice(hostile, { lines: [[{ kind: "text", text: hostile }]] }),
      key(2),
    );
    const [m] = server.channelMessages();
    for (const text of [m?.embeds[0]?.title, m?.embeds[0]?.description]) {
      expect(text).not.toMatch(/(?<!\\)<[@t]/);
      expect(text).not.toMatch(/(?<!\\)@everyone/);
      expect(text).not.toMatch(/(?<!\\)\*\*b/);
    }
    expect(readable(m!)).toBe(`${hostile}\n${hostile}`);
    expect(m?.allowed_mentions).toEqual({ parse: [], users: [] });
  });

  it("pings exactly the members a notice mentions, in the message content", async () => {
    const { server, platform, channel } = await setup();
    await platform.publish(channel, withMention(ALICE), key(3));
    const [m] = server.channelMessages();
    expect(m?.content).toBe(`<@${ALICE}>`);
    expect(m?.allowed_mentions).toEqual({ parse: [], users: [ALICE] });
  });

  it("splits a row of more than five buttons into rows of five", async () => {
    const { server, platform, channel } = await setup();
    const actions = [
      Array.from({ length: 7 }, (_, i) => ({
        id: `mob:7:spent:${i}00`,
        label: `${i}`,
        style: "secondary" as const,
      })),
    ];
    await platform.publish(channel, sampleNotice("How much?", { actions }), key(4));
    const [m] = server.channelMessages();
    expect(m?.components.map((r) => (r.components as unknown[]).length)).toEqual([5, 2]);
  });
});

describe("Discord delivery", () => {
  it("does not post twice when the same outbox row is retried (nonce with enforce_nonce)", async () => {
    const { server, platform, channel } = await setup();
    const first = await platform.publish(channel, sampleNotice("Tomorrow!"), key("dup"));
    const again = await platform.publish(channel, sampleNotice("Tomorrow!"), key("dup"));
    const other = await platform.publish(channel, sampleNotice("Tomorrow!"), key("other"));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(server.channelMessages()).toHaveLength(2);
    expect(String(server.channelMessages()[0]?.nonce).length).toBeLessThanOrEqual(25);
  });

  it("edits the referenced message's embed and buttons in place", async () => {
    const { server, platform, channel } = await setup();
    const sent = await platform.publish(channel, sampleNotice("0 going"), key(5));
    if (!sent.ok) throw new Error("publish failed");
    const edited = await platform.edit!(sent.ref, sampleNotice("2 going", { actions: [] }));
    expect(edited).toEqual(sent);
    const [m] = server.channelMessages();
    expect(server.channelMessages()).toHaveLength(1);
    expect(m?.embeds[0]?.title).toBe("2 going");
    expect(m?.components).toEqual([]);
    expect(m?.edits).toBe(1);
  });

  it("opens each member's DM channel once, however many DMs follow", async () => {
    const { server, platform } = await setup();
    const alice = { platform: "discord" as const, userId: ALICE, displayName: "alice" };
    for (let i = 0; i < 3; i++)
      expect((await platform.sendDirect!(alice, sampleNotice(`DM ${i}`), key(`dm${i}`))).ok).toBe(
        true,
      );
    expect(server.requests.filter((r) => r.path === "/users/@me/channels")).toHaveLength(1);
    expect(server.dmMessages(ALICE).map((m) => m.embeds[0]?.title)).toEqual([
      "DM 0",
      "DM 1",
      "DM 2",
    ]);
  });

  it("reports a member with closed DMs as having no DM channel (50007), without throwing", async () => {
    const { server, platform } = await setup();
    const dave = { platform: "discord" as const, userId: DAVE, displayName: "dave" };
    const result = await platform.sendDirect!(dave, sampleNotice("Reminder"), key(6));
    expect(result).toMatchObject({ ok: false, failure: "no_dm_channel" });
    expect(server.dmMessages(DAVE)).toEqual([]);
  });

  it("translates Discord failures into the core's taxonomy", async () => {
    const { server, platform, channel } = await setup();
    server.state.forbiddenChannels.add(channel.channelId);
    expect(await platform.publish(channel, sampleNotice("x"), key("f1"))).toMatchObject({
      failure: "forbidden",
    });
    server.state.forbiddenChannels.clear();

    const gone = { ...channel, channelId: "999999999999999999" };
    expect(await platform.publish(gone, sampleNotice("x"), key("f2"))).toMatchObject({
      failure: "not_found",
    });
    expect(
      await platform.edit!(`${channel.channelId}/123456789012345678`, sampleNotice("x")),
    ).toMatchObject({
      failure: "not_found",
    });
    expect(await platform.edit!("not-a-ref", sampleNotice("x"))).toMatchObject({
      failure: "not_found",
    });

    // discord.js retries a 5xx three times before giving up.
    server.failNext(/^POST \/channels/, 4, 502);
    expect(await platform.publish(channel, sampleNotice("x"), key("f3"))).toMatchObject({
      failure: "transient",
    });

    server.failNext(/^POST \/channels/, 1, 400, { code: 50035, message: "Invalid Form Body" });
    expect(await platform.publish(channel, sampleNotice("x"), key("f4"))).toMatchObject({
      failure: "fatal",
    });

    // A transient blip is retried by discord.js and the post lands once.
    server.failNext(/^POST \/channels/, 1, 503);
    expect(await platform.publish(channel, sampleNotice("after blip"), key("f5"))).toMatchObject({
      ok: true,
    });
    expect(server.channelMessages().map((m) => m.embeds[0]?.title)).toEqual(["after blip"]);
  });

  it("answers rate_limited with the wait when Discord asks for a long pause, instead of holding the queue", async () => {
    const { server, platform, channel } = await setup({}, { maxQueueWaitMs: 1_000 });
    server.failNext(/^POST \/channels/, 1, 429, {
      message: "You are being rate limited.",
      retry_after: 30,
      global: false,
    });
    const result = await platform.publish(channel, sampleNotice("x"), key("rl"));
    expect(result).toMatchObject({ ok: false, failure: "rate_limited" });
    if (!result.ok && result.failure === "rate_limited")
      expect(result.retryAfterMs).toBeGreaterThan(1_000);
  });

  it("reports an unreachable Discord as transient", async () => {
    const { server, platform, channel } = await setup();
    await server.stop();
    expect(await platform.publish(channel, sampleNotice("x"), key("down"))).toMatchObject({
      failure: "transient",
    });
  });

  it("gets every post through, once each and in order, when Discord's global limit answers 429s", async () => {
    // The global cap is lower than the 50 a second discord.js assumes, so only 429s can teach it;
    // the channel's bucket is paced from its headers, without a 429.
    const { server, platform, channel } = await setup({
      rateLimits: { globalPerSecond: 10, perRoute: { limit: 5, windowMs: 200 } },
    });
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        platform.publish(channel, sampleNotice(`post ${i}`), key(`rl${i}`)),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.channelMessages().map((m) => m.embeds[0]?.title)).toEqual(
      Array.from({ length: 25 }, (_, i) => `post ${i}`),
    );
    const posts = server.requests.filter((r) => r.method === "POST");
    expect(posts.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(posts.filter((r) => r.status === 200)).toHaveLength(25);
  });
});

describe("Discord scheduled events", () => {
  const spec = {
    mobId: 7,
    name: "Cash mob: Cave",
    description: "Cash mob #7 in Bookworms",
    location: "3 rue des Lilas",
    startsAt: Date.UTC(2026, 11, 5, 18),
    endsAt: Date.UTC(2026, 11, 5, 20),
    status: "scheduled" as const,
  };

  it("creates an external event, updates it in place, then cancels it", async () => {
    const { server, platform, channel } = await setup({ now: () => Date.UTC(2026, 11, 1) });
    const created = await platform.syncEvent!(channel, spec, null);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const [event] = server.events();
    expect(event).toMatchObject({
      id: created.ref,
      guild_id: server.guild.id,
      name: "Cash mob: Cave",
      entity_type: 3,
      privacy_level: 2,
      status: 1,
      entity_metadata: { location: "3 rue des Lilas" },
      scheduled_start_time: "2026-12-05T18:00:00.000Z",
      scheduled_end_time: "2026-12-05T20:00:00.000Z",
    });
    const moved = {
      ...spec,
      startsAt: Date.UTC(2026, 11, 6, 18),
      endsAt: Date.UTC(2026, 11, 6, 20),
    };
    expect(await platform.syncEvent!(channel, moved, created.ref)).toEqual(created);
    expect(server.events()[0]?.scheduled_start_time).toBe("2026-12-06T18:00:00.000Z");
    expect(
      await platform.syncEvent!(channel, { ...moved, status: "cancelled" }, created.ref),
    ).toEqual(created);
    expect(server.events()).toHaveLength(1);
    expect(server.events()[0]?.status).toBe(4);
  });

  it("puts back an event someone deleted by hand", async () => {
    const { server, platform, channel } = await setup({ now: () => Date.UTC(2026, 11, 1) });
    const created = await platform.syncEvent!(channel, spec, null);
    if (!created.ok) throw new Error("create failed");
    server.state.events.clear();
    const again = await platform.syncEvent!(channel, spec, created.ref);
    expect(again.ok && again.ref !== created.ref).toBe(true);
    expect(server.events()).toHaveLength(1);
  });

  it("creates nothing for a mob cancelled before its event existed", async () => {
    const { server, platform, channel } = await setup();
    expect((await platform.syncEvent!(channel, { ...spec, status: "cancelled" }, null)).ok).toBe(
      true,
    );
    expect(server.events()).toEqual([]);
  });
});

describe("Discord fan-out", () => {
  it("delivers a 300-DM fan-out once each, opening one DM channel per member", async () => {
    const { server, platform } = await setup({}, { globalRequestsPerSecond: 1_000 });
    const members = Array.from({ length: 300 }, (_, i) => {
      const id = String(200000000000000000n + BigInt(i));
      server.addUser(id, `m${i}`);
      return { platform: "discord" as const, userId: id, displayName: `m${i}` };
    });
    const results = await Promise.all(
      members.map((m) => platform.sendDirect!(m, sampleNotice("Tomorrow"), key(`fan:${m.userId}`))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(members.every((m) => server.dmMessages(m.userId).length === 1)).toBe(true);
    expect(server.requests.filter((r) => r.path === "/users/@me/channels")).toHaveLength(300);
  });

  it("keeps BOB's DMs separate from ALICE's", async () => {
    const { server, platform } = await setup();
    await platform.sendDirect!(
      { platform: "discord", userId: BOB, displayName: "bob" },
      sampleNotice("for bob"),
      key("b"),
    );
    expect(server.dmMessages(ALICE)).toEqual([]);
    expect(server.dmMessages(BOB).map(readable)).toEqual([expect.stringContaining("for bob")]);
  });
});

describe("Discord escaping", () => {
  it("shows any user text verbatim once Discord's markdown is applied", async () => {
    const fc = await import("fast-check");
    const { renderMessage } = await import("../../bots/discord/render.js");
    fc.assert(
      fc.property(
        fc
          .string({ unit: "grapheme-ascii", maxLength: 60 })
          .filter((t) => t.trim() !== "" && !/[\r\n]/.test(t)),
        (text) => {
          const notice = sampleNotice(text, {
            lines: [
              [
                { kind: "bold", text },
                { kind: "text", text },
              ],
            ],
          });
          const body = renderMessage(notice);
          const m = { content: body.content, embeds: body.embeds } as Parameters<
            typeof readable
          >[0];
          return readable(m) === `${text}\n${text}${text}`;
        },
      ),
    );
  });
});

describe("Discord delivery when a response is lost", () => {
  it("posts once when Discord stored the message, the answer never arrived and the row is retried", async () => {
    const { server, platform, channel } = await setup();
    server.loseResponses(/^POST \/channels\/\d+\/messages$/);
    const lost = await platform.publish(channel, sampleNotice("Tomorrow!"), key("lost"));
    expect(lost).toMatchObject({ ok: false, failure: "transient" });
    const retried = await platform.publish(channel, sampleNotice("Tomorrow!"), key("lost"));
    const stored = server.channelMessages();
    expect(stored).toHaveLength(1);
    expect(retried).toEqual({ ok: true, ref: `${channel.channelId}/${stored[0]?.id}` });
  });
});

describe("Discord adapter shutdown", () => {
  it("still delivers outbox sends after the adapter stopped answering interactions", async () => {
    const { server, adapter, platform, channel } = await setup();
    await adapter.start({
      handle: () => Promise.reject(new Error("unused")),
      openMobs: async () => [],
    });
    await server.waitFor(() => server.gateway.connected === 1);
    await adapter.stop();
    await server.waitFor(() => server.gateway.connected === 0);
    expect(await platform.publish(channel, sampleNotice("last words"), key("late"))).toMatchObject({
      ok: true,
    });
    expect(server.channelMessages().map((m) => m.embeds[0]?.title)).toEqual(["last words"]);
  });
});
