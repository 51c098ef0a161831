import { describe, expect, it } from "vitest";
import { HOUR } from "../fakes/core-harness.js";
import { discordCore } from "../fakes/discord-core.js";
import { ALICE, BOB, buttonIds, CAROL, ORG, readable } from "../fakes/discord-harness.js";
import { EPHEMERAL, type InteractionRecord, type StoredMessage } from "../fakes/discord-model.js";
import { type FakeDiscord, PERMISSIONS, type SlashOptions } from "../fakes/discord-server.js";

const setup = () => discordCore();

const organizer = { user: ORG, permissions: PERMISSIONS.manageEvents };
const run = (server: FakeDiscord, options: SlashOptions): Promise<InteractionRecord> =>
  server.answered(server.slash(options));
const said = (record: InteractionRecord) => (record.original ? readable(record.original) : "");
const votePost = (server: FakeDiscord): StoredMessage | undefined =>
  server.channelMessages().find((m) => String(m.embeds[0]?.title ?? "").startsWith("Vote:"));

describe("Discord: choosing the shop", () => {
  it("members nominate with /mob nominate, vote with the post's buttons (one vote each, movable), and the post shows the counts", async () => {
    const { server, h } = await setup();
    const first = await run(server, {
      user: ALICE,
      subcommand: "nominate",
      options: { shop: "Librairie du Parc", address: "3 rue des Lilas", why: "best in town" },
    });
    expect(said(first)).toContain(
      "Librairie du Parc is nominated (#1); others second it by nominating it too.",
    );
    // A new nomination is for everyone to see (so others can second it).
    expect(first.original?.flags ?? 0).not.toBe(EPHEMERAL);
    const second = await run(server, {
      user: BOB,
      subcommand: "nominate",
      options: { shop: "LIBRAIRIE du parc" },
    });
    expect(said(second)).toContain("Seconded! Librairie du Parc now has 1 second.");
    expect(second.original?.flags).toBe(EPHEMERAL);
    await run(server, { user: CAROL, subcommand: "nominate", options: { shop: "Fromagerie" } });
    const queue = await run(server, { user: CAROL, subcommand: "nominations" });
    expect(said(queue)).toContain("#1 Librairie du Parc · 1 second · nominated by alice");
    expect(said(queue)).toContain("independent and locally owned");

    const refused = await run(server, {
      user: ALICE,
      subcommand: "vote",
      options: { when: "2026-12-12 18:00" },
    });
    expect(refused.original?.flags).toBe(EPHEMERAL);
    expect(said(refused)).toContain("Only organizers can do that");
    const opened = await run(server, {
      ...organizer,
      subcommand: "vote",
      options: { when: "2026-12-12 18:00", closes: "2026-12-03 20:00" },
    });
    expect(said(opened)).toContain("Vote #1 is open until Thu 3 Dec 2026, 20:00 (UTC)");
    await h.drain();
    const post = votePost(server);
    if (!post) throw new Error("no vote post");
    expect(buttonIds(post)).toEqual(["vote:1:1", "vote:1:2"]);
    expect(post.allowed_mentions).toEqual({ parse: [], users: [] });

    const voted = await server.answered(
      server.press({ user: ALICE, messageId: post.id, customId: "vote:1:1" }),
    );
    expect(voted.original?.flags).toBe(EPHEMERAL);
    expect(said(voted)).toContain("You voted for Librairie du Parc.");
    await server.answered(server.press({ user: BOB, messageId: post.id, customId: "vote:1:1" }));
    const moved = await server.answered(
      server.press({ user: ALICE, messageId: post.id, customId: "vote:1:2" }),
    );
    expect(said(moved)).toContain("You moved your vote to Fromagerie (from Librairie du Parc).");
    await h.advance(5_000, 1_000);
    const now = readable(votePost(server) as StoredMessage);
    expect(now).toContain("1. Librairie du Parc: 1 vote");
    expect(now).toContain("2. Fromagerie: 1 vote");
    expect(now).toContain("2 members voted.");
    // Still one post: it was edited, not posted again.
    expect(server.channelMessages().filter((m) => readable(m).startsWith("Vote:"))).toHaveLength(1);

    // The organizer closes it: the result in the channel, the buttons gone, a draft made.
    const closed = await run(server, { ...organizer, subcommand: "closevote", options: { id: 1 } });
    expect(said(closed)).toContain("Vote #1 is closed");
    await h.advance(5_000, 1_000);
    expect(buttonIds(votePost(server) as StoredMessage)).toEqual([]);
    const result = server.channelMessages().find((m) => readable(m).startsWith("The vote chose"));
    expect(result && readable(result)).toContain("The vote chose Librairie du Parc!");
    expect((await h.store.getMob(1))?.status).toBe("draft");
  });

  it("/mob settings gate:on holds /mob confirm until /mob merchant records the yes", async () => {
    const { server, h } = await setup();
    const settings = await run(server, {
      ...organizer,
      subcommand: "settings",
      options: { gate: "on" },
    });
    expect(said(settings)).toContain("merchant gate: on");
    await server.answered(
      server.slash({
        ...organizer,
        subcommand: "create",
        options: { shop: "Cave", when: "2026-12-05 18:00", draft: true },
      }),
    );
    const held = await run(server, { ...organizer, subcommand: "confirm", options: { id: 1 } });
    expect(held.original?.flags).toBe(EPHEMERAL);
    expect(said(held)).toContain(
      "The merchant of mob #1 has not agreed yet (not asked) and this community announces a mob only once they have; record their yes with /mob merchant id:1 status:agreed.",
    );
    const recorded = await run(server, {
      ...organizer,
      subcommand: "merchant",
      options: { id: 1, status: "agreed", note: "40 people max", publish: true },
    });
    expect(said(recorded)).toContain("Mob #1: the merchant's answer is recorded (agreed).");
    expect(said(recorded)).toContain("/mob confirm id:1");
    expect(await h.store.getMob(1)).toMatchObject({
      takingsPublic: true,
      merchant: { status: "agreed", note: "40 people max" },
    });
    const confirmed = await run(server, {
      ...organizer,
      subcommand: "confirm",
      options: { id: 1 },
    });
    expect(said(confirmed)).toContain("The merchant agreed: mob #1 is announced.");
    await h.advance(HOUR, HOUR);
    expect(server.channelMessages().some((m) => readable(m).startsWith("Cash mob: Cave"))).toBe(
      true,
    );
  });
});

describe("Discord: /series, a second command beside /mob", () => {
  it("is registered (accepted by the fake, which checks Discord's spec) with list, new, skip and stop; /mob keeps its 25", async () => {
    const { server } = await setup();
    const [mob, series] = server.commands();
    expect(((mob?.options ?? []) as unknown[]).length).toBe(25);
    expect(series?.name).toBe("series");
    expect(((series?.options ?? []) as { name: string }[]).map((o) => o.name)).toEqual([
      "list",
      "new",
      "skip",
      "stop",
    ]);
  });

  it("an organizer starts, lists and stops a series; a member is refused, privately", async () => {
    const { server, h } = await setup();
    const created = await run(server, {
      command: "series",
      ...organizer,
      subcommand: "new",
      options: { rule: "monthly first saturday 15:00", capacity: 12, vote: "3d" },
    });
    expect(created.original?.flags).toBe(EPHEMERAL);
    expect(said(created)).toContain(
      "Series #1 is on: every month on the first Saturday at 15:00. Next: Sat 5 Dec 2026, 15:00 (UTC)",
    );
    expect(await h.store.getSeries(1)).toMatchObject({ capacity: 12, voteLeadMs: 72 * HOUR });

    const refused = await run(server, {
      command: "series",
      user: ALICE,
      subcommand: "stop",
      options: { id: 1 },
    });
    expect(said(refused)).toMatch(/organizer/i);
    const list = await run(server, {
      command: "series",
      user: ALICE,
      subcommand: "list",
    });
    expect(said(list)).toContain("#1 every month on the first Saturday at 15:00");
    const stopped = await run(server, {
      command: "series",
      ...organizer,
      subcommand: "stop",
      options: { id: 1 },
    });
    expect(said(stopped)).toContain("Series #1 is stopped");
    expect(
      said(
        await run(server, {
          command: "series",
          user: ALICE,
          subcommand: "list",
        }),
      ),
    ).toContain("No series yet; /series new starts one.");
  });
});
