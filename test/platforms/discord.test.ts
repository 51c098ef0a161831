import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAdapter, type DiscordAdapter } from "../../bots/discord/adapter.js";
import { silentLogger } from "../../src/ports/logger.js";
import { FakeClock } from "../fakes/clock.js";
import { type Harness, HOUR, MINUTE, makeHarness, T0 } from "../fakes/core-harness.js";
import { discordCore } from "../fakes/discord-core.js";
import {
  ALICE,
  BOB,
  buttonIds,
  DAVE,
  type DiscordRig,
  discordRig,
  ORG,
  readable,
} from "../fakes/discord-harness.js";
import { EPHEMERAL, type InteractionRecord, type StoredMessage } from "../fakes/discord-model.js";
import { type FakeDiscord, PERMISSIONS, type SlashOptions } from "../fakes/discord-server.js";
import { scanQr } from "../fakes/qr-scan.js";

// The mob starts 2026-12-05 18:00 UTC, four days after the harness's T0.
const START = Date.UTC(2026, 11, 5, 18);

let rig: DiscordRig | undefined;
let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await rig?.close();
  h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  rig = h = dir = undefined;
});

/** A real core (engine under test, fake clock) wired to the real adapter and a fake Discord. */
const setup = (publicUrl: string | null = null) =>
  discordCore({ harness: { settings: { publicUrl } } });

/** Runs a slash command and waits for its answer (and `followups` follow-ups). */
async function run(
  server: FakeDiscord,
  options: SlashOptions,
  followups = 0,
): Promise<InteractionRecord> {
  return server.answered(server.slash(options), followups);
}

const organizer = { user: ORG, permissions: PERMISSIONS.manageEvents };

function said(record: InteractionRecord): string {
  return record.original ? readable(record.original) : "";
}

async function createMob(
  server: FakeDiscord,
  extra: Record<string, string | number | boolean> = {},
  followups = extra.draft ? 0 : 1,
) {
  return run(
    server,
    {
      ...organizer,
      subcommand: "create",
      options: {
        shop: "Librairie du Parc",
        when: "2026-12-05 18:00",
        pledge: 15,
        address: "3 rue des Lilas",
        ...extra,
      },
    },
    followups,
  );
}

function cta(server: FakeDiscord): StoredMessage {
  const m = server
    .channelMessages()
    .find((x) => x.embeds[0]?.title === "Cash mob: Librairie du Parc");
  if (!m) throw new Error("no call-to-action in the channel");
  return m;
}

describe("Discord with the real core", () => {
  it("registers /mob with every subcommand and option of the contract, described in English and French", async () => {
    const { server } = await setup();
    const [mob] = server.commands();
    const subs = mob?.options as {
      name: string;
      description: string;
      description_localizations: { fr: string };
      options: { name: string; description: string; description_localizations: { fr: string } }[];
    }[];
    expect(subs.map((s) => s.name)).toEqual([
      "create",
      "edit",
      "list",
      "info",
      "join",
      "leave",
      "confirm",
      "cancel",
      "spent",
      "checkin",
      "tally",
      "photo",
      "thanks",
      "history",
      "export",
      "settings",
      "link",
      "unlink",
      "nominate",
      "nominations",
      "dropshop",
      "vote",
      "closevote",
      "merchant",
      "merchantlink",
    ]);
    expect(subs.find((s) => s.name === "create")?.options.map((o) => o.name)).toEqual([
      "shop",
      "when",
      "pledge",
      "currency",
      "address",
      "meeting_point",
      "party",
      "secret",
      "capacity",
      "duration",
      "goal",
      "takings",
      "draft",
    ]);
    for (const s of subs) {
      for (const o of [s, ...s.options]) {
        expect(o.description.length).toBeLessThanOrEqual(100);
        expect(o.description_localizations.fr.length).toBeGreaterThan(0);
        expect(o.description_localizations.fr.length).toBeLessThanOrEqual(100);
      }
    }
    expect(server.commands("global")).toEqual([]);
  });

  it("with PUBLIC_URL and no Telegram bot, the code's QR comes in the ephemeral answer, scanning to the check-in page", async () => {
    const { server, h } = await setup("https://mobs.example.org");
    const created = await createMob(server, {});
    const secret = created.followups[0] as StoredMessage;
    expect(secret.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(secret.attachments.map((a) => a.filename)).toEqual(["checkin-1.png"]);
    // Shown in the embed (Discord resolves `attachment://checkin-1.png` to the file's URL).
    expect(JSON.stringify(secret.embeds[0])).toMatch(/"image":\{"url":"[^"]+checkin-1\.png"/);
    const mob = await h.store.getMob(1);
    expect(scanQr(secret.attachments[0]?.data ?? new Uint8Array())).toBe(
      `https://mobs.example.org/m/${mob?.publicId}/in?code=${mob?.checkinCode}`,
    );
    await h.drain();
    expect(server.channelMessages().some((m) => m.attachments.length > 0)).toBe(false);
  });

  it("an organizer creates a mob: an ephemeral confirmation, the check-in code privately, then the call-to-action and a scheduled event", async () => {
    const { server, h } = await setup();
    const created = await createMob(server, {
      meeting_point: "the fountain",
      goal: 300,
      capacity: 40,
      duration: "3h",
    });
    expect(created.original?.flags).toBe(EPHEMERAL);
    expect(said(created)).toContain("Mob #1 is announced.");
    expect(created.followups[0]?.flags).toBe(EPHEMERAL);
    expect(readable(created.followups[0]!)).toMatch(/Check-in code for mob #1[\s\S]*[A-Z2-9]{6}/);

    // No Telegram bot and no PUBLIC_URL: nothing for a QR to link to.
    expect(created.followups[0]?.attachments).toEqual([]);

    await h.drain();
    const post = cta(server);
    expect(buttonIds(post)).toEqual(
      expect.arrayContaining(["mob:1:join", "mob:1:maybe", "mob:1:leave"]),
    );
    expect(readable(post)).toContain("the fountain");
    expect(post.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(server.events()).toHaveLength(1);
    expect(server.events()[0]).toMatchObject({
      name: "Cash mob: Librairie du Parc",
      entity_type: 3,
      status: 1,
      entity_metadata: { location: "3 rue des Lilas" },
      scheduled_start_time: "2026-12-05T18:00:00.000Z",
      scheduled_end_time: "2026-12-05T21:00:00.000Z",
    });
  });

  it("refuses an organizer action from a member without Manage Events, ephemerally, and changes nothing", async () => {
    const { server, h } = await setup();
    const refused = await run(server, {
      user: ALICE,
      subcommand: "create",
      options: { shop: "Cave", when: "2026-12-05 18:00" },
    });
    expect(refused.original?.flags).toBe(EPHEMERAL);
    expect(said(refused)).toContain("Only organizers can do that");
    await h.drain();
    expect(server.channelMessages()).toEqual([]);
    expect(server.events()).toEqual([]);
  });

  it("answers bad input with one clear ephemeral sentence and posts nothing", async () => {
    const { server, h } = await setup();
    const past = await createMob(server, { when: "2020-01-01 10:00" }, 0);
    expect(said(past)).toContain("That time is already past");
    const negative = await createMob(server, { pledge: -5 }, 0);
    expect(said(negative)).toMatch(/pledge must be more than zero/i);
    const unknown = await run(server, { user: ALICE, subcommand: "join", options: { id: 99 } });
    expect(said(unknown)).toContain("There is no mob #99 here");
    for (const r of [past, negative, unknown]) expect(r.original?.flags).toBe(EPHEMERAL);
    await h.drain();
    expect(server.channelMessages()).toEqual([]);
  });

  it("members join with the call-to-action's buttons and the post's counts are edited", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    const post = cta(server);
    const joined = await server.answered(
      server.press({ user: ALICE, messageId: post.id, customId: "mob:1:join" }),
    );
    expect(joined.original?.flags).toBe(EPHEMERAL);
    expect(said(joined)).toContain("You're in! See you at Librairie du Parc.");
    await server.answered(server.press({ user: BOB, messageId: post.id, customId: "mob:1:maybe" }));
    await h.advance(5_000, 1_000);
    expect(readable(cta(server))).toContain("1 going · 1 maybe");
    expect(
      server.channelMessages().filter((m) => m.embeds[0]?.title === post.embeds[0]?.title),
    ).toHaveLength(1);
  });

  it("DMs reminders to participants and mentions the one whose DMs are closed in the channel", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    for (const user of [ALICE, DAVE])
      await run(server, { user, subcommand: "join", options: { id: 1 } });
    // A minute past the reminder: the mentions wait a second when the reminder is still going.
    await h.advance(START - 24 * HOUR + MINUTE - h.clock.now());
    expect(server.dmMessages(ALICE).map(readable)).toEqual([
      expect.stringContaining("Reminder: cash mob at Librairie du Parc"),
    ]);
    expect(server.dmMessages(DAVE)).toEqual([]);
    const mention = server.channelMessages().find((m) => m.content.includes(`<@${DAVE}>`));
    expect(mention?.allowed_mentions).toEqual({ parse: [], users: [DAVE] });
    expect(server.channelMessages().every((m) => !m.content.includes(ALICE))).toBe(true);
  });

  it("the second reminder needs one request per member: the DM channel opened for the first is remembered", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    await run(server, { user: ALICE, subcommand: "join", options: { id: 1 } });
    const opens = () =>
      server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/users/@me/channels"))
        .length;
    await h.advance(START - 24 * HOUR - h.clock.now());
    expect(server.dmMessages(ALICE)).toHaveLength(1);
    expect(opens()).toBe(1);
    // A fresh adapter (as after a restart) has no memory of its own; the core's remembers.
    h.core.attach(
      createDiscordAdapter({
        token: server.token,
        apiUrl: server.apiUrl,
        guildId: server.guild.id,
        logger: silentLogger,
      }).platform,
    );
    await h.advance(START - 2 * HOUR - h.clock.now());
    expect(server.dmMessages(ALICE)).toHaveLength(2);
    expect(opens()).toBe(1);
  });

  it("moves the scheduled event when the mob is rescheduled and cancels it when the mob is cancelled", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    const edited = await run(server, {
      ...organizer,
      subcommand: "edit",
      options: { id: 1, when: "2026-12-06 19:00" },
    });
    expect(said(edited)).toContain("Mob #1 is updated.");
    await h.drain();
    expect(server.events()).toHaveLength(1);
    expect(server.events()[0]?.scheduled_start_time).toBe("2026-12-06T19:00:00.000Z");

    const cancelled = await run(server, {
      ...organizer,
      subcommand: "cancel",
      options: { id: 1, reason: "shop closed" },
    });
    expect(said(cancelled)).toContain("Mob #1 is cancelled");
    await h.drain();
    expect(server.events()).toHaveLength(1);
    expect(server.events()[0]?.status).toBe(4);
    expect(server.channelMessages().map(readable).join("\n")).toContain(
      "Cancelled: cash mob at Librairie du Parc",
    );
  });

  it("adds up spends reported by button and by /mob spent in the tally", async () => {
    const { server, h } = await setup();
    await createMob(server);
    await h.drain();
    for (const user of [ALICE, BOB])
      await run(server, { user, subcommand: "join", options: { id: 1 } });
    await h.advance(START + 2 * HOUR + 60_000 - h.clock.now());
    const question = server
      .dmMessages(ALICE)
      .find((m) => buttonIds(m).some((id) => id.startsWith("mob:1:spent:")));
    if (!question) throw new Error("no spend question DM");
    const amount = buttonIds(question).find((id) => id.startsWith("mob:1:spent:")) ?? "";
    const pressed = await server.answered(
      server.press({ user: ALICE, messageId: question.id, customId: amount }),
    );
    expect(said(pressed)).toContain("recorded");
    const typed = await run(server, {
      user: BOB,
      subcommand: "spent",
      options: { id: 1, amount: 22.5 },
    });
    expect(said(typed)).toContain("22.50");

    const tally = await run(server, { user: BOB, subcommand: "tally", options: { id: 1 } });
    expect(tally.original?.flags).toBe(0);
    expect(said(tally)).toContain("Tally: cash mob at Librairie du Parc");
    const minor = Number(amount.split(":").at(-1));
    const total = ((minor + 2250) / 100).toFixed(2);
    expect(said(tally)).toContain(total);

    await h.advance(13 * HOUR);
    const posted = server
      .channelMessages()
      .filter((m) => m.embeds[0]?.title === "Tally: cash mob at Librairie du Parc");
    expect(posted).toHaveLength(1);
    expect(readable(posted[0]!)).toContain(total);
  });
});

describe("Discord across a restart", () => {
  it("loses nothing and sends nothing twice when the bot restarts mid-scenario", async () => {
    dir = mkdtempSync(join(tmpdir(), "cashmob-discord-"));
    const path = join(dir, "cashmob.db");
    const clock = new FakeClock(T0);
    rig = await discordRig({ now: () => clock.now() }, { now: () => clock.now() });
    const server = rig.server;
    h = makeHarness({ clock, path, platforms: [rig.adapter.platform] });
    await rig.adapter.start(h.core.handler);
    await createMob(server);
    await h.drain();
    await server.answered(
      server.press({ user: ALICE, messageId: cta(server).id, customId: "mob:1:join" }),
    );

    // Crash: the process dies with the count edit still queued; a new process starts on the same database.
    await rig.adapter.stop();
    h.close();
    const second: DiscordAdapter = createDiscordAdapter({
      token: server.token,
      apiUrl: server.apiUrl,
      guildId: server.guild.id,
      logger: silentLogger,
      now: () => clock.now(),
    });
    rig = {
      server,
      adapter: second,
      close: async () => {
        await second.stop();
        await server.stop();
      },
    };
    h = makeHarness({ clock, path, platforms: [second.platform] });
    await second.start(h.core.handler);

    await server.answered(
      server.press({ user: BOB, messageId: cta(server).id, customId: "mob:1:join" }),
    );
    // Discord stores the first reminder but its answer is lost: the outbox retries with the same nonce.
    server.loseResponses(/^POST \/channels\/\d+\/messages$/, 1);
    await h.advance(START - 2 * HOUR - clock.now() + 60_000);
    expect(server.requests.filter((r) => r.status === 0)).toHaveLength(1);

    const titles = server.channelMessages().map((m) => m.embeds[0]?.title);
    expect(titles.filter((t) => t === "Cash mob: Librairie du Parc")).toHaveLength(1);
    expect(titles.filter((t) => t === "Reminder: cash mob at Librairie du Parc")).toHaveLength(2);
    expect(readable(cta(server))).toContain("2 going");
    for (const user of [ALICE, BOB]) expect(server.dmMessages(user)).toHaveLength(2);
    expect(server.events()).toHaveLength(1);
  });
});
