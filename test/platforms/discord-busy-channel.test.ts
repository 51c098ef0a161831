import { describe, expect, it } from "vitest";
import { sampleNotice } from "../contract/platform-contract.js";
import { discordCore } from "../fakes/discord-core.js";
import { ALICE, BOB, buttonIds, ORG, readable } from "../fakes/discord-harness.js";
import { PERMISSIONS } from "../fakes/discord-server.js";

const BUSY = "810000000000000001";
const QUIET = "810000000000000002";
/** Posts queued in the busy channel: its bucket here takes 5 a second (Discord: 5 per 5 s), so these need about 6 s. */
const POSTS = 30;

describe("Discord: one busy channel delays no one else (Discord's limits on)", () => {
  it("a press and a command in another channel are acknowledged at once while a channel's posts wait for its bucket; every post arrives", async () => {
    const { server, adapter, h } = await discordCore({
      server: {
        guild: {
          id: "800000000000000001",
          name: "Bookworms",
          channels: [
            { id: BUSY, name: "general" },
            { id: QUIET, name: "lille-south" },
          ],
        },
        rateLimits: { globalPerSecond: 50, perRoute: { limit: 5, windowMs: 1_000 } },
      },
    });
    const created = server.slash({
      user: ORG,
      permissions: PERMISSIONS.manageEvents,
      channelId: QUIET,
      subcommand: "create",
      options: { shop: "Cave", when: "2026-12-05 18:00" },
    });
    await server.answered(created, 1);
    await h.drain();
    const cta = server.channelMessages(QUIET).find((m) => buttonIds(m).includes("mob:1:join"));
    if (!cta) throw new Error("no call-to-action in the quiet channel");

    // The busy channel: a pile of posts, most of them held in discord.js's queue for its bucket.
    const channel = { platform: "discord" as const, communityId: server.guild.id, channelId: BUSY };
    const posts = Array.from({ length: POSTS }, (_, i) =>
      adapter.platform.publish(channel, sampleNotice(`post ${i}`), {
        idempotencyKey: `busy-${i}`,
      }),
    );
    await server.waitFor(() => server.channelMessages(BUSY).length >= 5);

    const press = server.press({ user: ALICE, messageId: cta.id, customId: "mob:1:join" });
    const list = server.slash({ user: BOB, channelId: QUIET, subcommand: "list" });
    await server.answered(press);
    await server.answered(list);
    const busyWhenAnswered = server.channelMessages(BUSY).length;

    expect(readable(press.original!)).toMatch(/^You're in!/);
    expect(readable(list.original!)).toMatch(/^Upcoming cash mobs/);
    // Answered (not merely deferred), well within Discord's 3 s, while the busy channel still waited.
    expect(press.callbacks.map((c) => c.type)).toEqual([4]);
    expect(list.callbacks.map((c) => c.type)).toEqual([4]);
    expect((press.callbacks[0]?.at ?? Infinity) - press.createdAt).toBeLessThan(1_000);
    expect((list.callbacks[0]?.at ?? Infinity) - list.createdAt).toBeLessThan(1_000);
    expect(busyWhenAnswered).toBeLessThan(POSTS);

    const results = await Promise.all(posts);
    expect(results.every((r) => r?.ok)).toBe(true);
    expect(server.channelMessages(BUSY).map((m) => m.embeds[0]?.title)).toEqual(
      Array.from({ length: POSTS }, (_, i) => `post ${i}`),
    );
  }, 90_000);
});
