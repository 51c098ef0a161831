import { afterEach, describe, expect, it } from "vitest";
import { createTelegramAdapter, type TelegramAdapter } from "../../bots/telegram/adapter.js";
import { silentLogger } from "../../src/ports/logger.js";
import { FakeClock } from "../fakes/clock.js";
import { type Harness, HOUR, makeHarness, T0 } from "../fakes/core-harness.js";
import {
  ALICE as D_ALICE,
  DAVE as D_DAVE,
  ORG as D_ORG,
  type DiscordRig,
  discordRig,
  readable,
} from "../fakes/discord-harness.js";
import type { StoredMessage } from "../fakes/discord-model.js";
import { PERMISSIONS } from "../fakes/discord-server.js";
import { png } from "../fakes/images.js";
import { buttons, until } from "../fakes/telegram-harness.js";
import { FakeTelegram, type SentMessage } from "../fakes/telegram-server.js";

/**
 * One community in a Telegram group and a Discord channel: both real clients,
 * both fakes, one core. What a member does on one platform shows on the other.
 */
const START = Date.UTC(2026, 11, 5, 18, 0);
const GROUP = -1001234567890;
const T_ORG = 1001;
const T_BOB = 1003;
const T_CAROL = 1004;

let discord: DiscordRig | undefined;
let tg: FakeTelegram | undefined;
let tgAdapter: TelegramAdapter | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await tgAdapter?.stop();
  await tg?.stop();
  await discord?.close();
  h?.close();
  discord = tg = tgAdapter = h = undefined;
});

async function setup() {
  const clock = new FakeClock(T0);
  discord = await discordRig({ now: () => clock.now() }, { now: () => clock.now() });
  tg = await new FakeTelegram().start();
  tg.addUser(T_ORG, "Olga", "en");
  tg.addUser(T_BOB, "Bob", "en");
  tg.addUser(T_CAROL, "Carol", "en");
  tg.addGroup(GROUP, "Cash mobbers of Lille", [T_ORG]);
  tgAdapter = createTelegramAdapter({
    token: tg.token,
    apiRoot: tg.apiRoot,
    logger: silentLogger,
    pollTimeoutSeconds: 1,
    throttle: false,
  });
  h = makeHarness({ clock, platforms: [tgAdapter.platform, discord.adapter.platform] });
  await tgAdapter.start(h.core.handler);
  await discord.adapter.start(h.core.handler);
  return { server: discord.server, tg, h };
}

/** Types in Telegram and returns the bot's first answer in that chat. */
async function type(from: number, chat: number, text: string): Promise<string> {
  const fake = tg as FakeTelegram;
  const before = fake.chatMessages(chat).length;
  fake.type(from, chat, text);
  await until(() => fake.chatMessages(chat).length > before, `an answer to ${text}`);
  return fake.chatMessages(chat)[before]?.text ?? "";
}

const tgCta = (): SentMessage | undefined =>
  tg?.chatMessages(GROUP).find((m) => m.text.startsWith("Cash mob:"));
const discordCta = (): StoredMessage | undefined =>
  discord?.server
    .channelMessages()
    .find((m) => String(m.embeds[0]?.title ?? "").startsWith("Cash mob:"));
const organizer = { user: D_ORG, permissions: PERMISSIONS.manageEvents };

/** Links the Telegram group and the Discord channel: the code from Telegram, typed on Discord. */
async function link(): Promise<string> {
  const fake = tg as FakeTelegram;
  const { server } = discord as DiscordRig;
  fake.startPrivate(T_ORG);
  await until(() => fake.dms(T_ORG).length > 0, "the welcome");
  expect(await type(T_ORG, GROUP, "/link")).toBe("I've sent you a link code privately.");
  await until(() => fake.dms(T_ORG).some((m) => m.text.startsWith("Link code:")), "the code");
  const code = /Link code: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(fake.dms(T_ORG).at(-1)?.text ?? "")?.[1];
  expect(code).toBeDefined();
  // Nothing of the code in the group.
  expect(fake.chatMessages(GROUP).some((m) => m.text.includes(code ?? "?"))).toBe(false);
  const answer = await server.answered(
    server.slash({ ...organizer, subcommand: "link", options: { code: code ?? "" } }),
  );
  return answer.original ? readable(answer.original) : "";
}

describe("one community on Telegram and Discord", () => {
  it("a mob created on Telegram is announced on Discord too, counts merge, DMs go to each platform, and a cancel withdraws everywhere", async () => {
    const { server, tg, h } = await setup();
    const linked = await link();
    expect(linked).toContain("Linked! This chat is now part of Cash mobbers of Lille.");
    expect(linked).toMatch(/Chats: Telegram Cash mobbers of Lille, Discord .+/);

    // Created on Telegram.
    expect(
      await type(
        T_ORG,
        GROUP,
        "/newmob Librairie du Parc | 2026-12-05 18:00 | 15 | 3 rue des Lilas",
      ),
    ).toBe("Mob #1 is announced.");
    await h.drain();
    await until(() => !!tgCta() && !!discordCta(), "both calls-to-action");
    expect(readable(discordCta() as StoredMessage)).toContain("Cash mob: Librairie du Parc");
    expect(server.events()).toHaveLength(1);
    expect(server.events()[0]).toMatchObject({ name: "Cash mob: Librairie du Parc", status: 1 });

    // A join on Discord shows on the Telegram message, and one on Telegram on Discord.
    const dPost = discordCta() as StoredMessage;
    await server.answered(
      server.press({ user: D_ALICE, messageId: dPost.id, customId: "mob:1:join" }),
    );
    await h.advance(3_000, 500);
    await until(() => (tgCta()?.text ?? "").includes("1 going"), "the Telegram count");
    tg.startPrivate(T_BOB);
    await until(() => tg.dms(T_BOB).length > 0, "Bob's welcome");
    const before = tg.callbackAnswers.length;
    tg.press(T_BOB, tgCta() as SentMessage, "mob:1:join");
    await until(() => tg.callbackAnswers.length > before, "Bob's toast");
    await h.advance(3_000, 500);
    await until(
      () => readable(discordCta() as StoredMessage).includes("2 going"),
      "the Discord count",
    );
    // Telegram's message was edited at most once per 3 s, Discord's post is still one post.
    expect(tgCta()?.edits).toBeLessThanOrEqual(2);
    expect(
      server.channelMessages().filter((m) => m.embeds[0]?.title === dPost.embeds[0]?.title),
    ).toHaveLength(1);

    // Two who cannot get a DM: Dave (Discord, DMs closed) and Carol (Telegram, never started the bot).
    await server.answered(
      server.press({ user: D_DAVE, messageId: dPost.id, customId: "mob:1:join" }),
    );
    const beforeCarol = tg.callbackAnswers.length;
    tg.press(T_CAROL, tgCta() as SentMessage, "mob:1:join");
    await until(() => tg.callbackAnswers.length > beforeCarol, "Carol's toast");

    // The 24 h reminder: each member on their own platform.
    await h.advance(START - 24 * HOUR - h.clock.now() + 1_000, 60_000);
    await until(() => tg.dms(T_BOB).some((m) => m.text.startsWith("Reminder")), "Bob's DM");
    await until(
      () => server.dmMessages(D_ALICE).some((m) => readable(m).startsWith("Reminder")),
      "Alice's DM",
    );
    await until(
      () => server.channelMessages().some((m) => readable(m).includes("I couldn't DM you")),
      "Dave's mention",
    );
    const tgReminder = tg.chatMessages(GROUP).find((m) => m.text.startsWith("Reminder"));
    expect(tgReminder?.text).toContain("Carol");
    // Mentioned only in the chat where they joined.
    const tgAll = tg
      .chatMessages(GROUP)
      .map((m) => m.text)
      .join("\n");
    expect(tgAll).not.toContain("dave");
    const discordAll = server.channelMessages().map(readable).join("\n");
    expect(discordAll).not.toContain("Carol");
    expect(discordAll).toContain(`<@${D_DAVE}>`);
    expect(tg.dms(T_BOB).filter((m) => m.text.startsWith("Reminder"))).toHaveLength(1);

    // Cancelled from Discord: withdrawn everywhere.
    await server.answered(
      server.slash({ ...organizer, subcommand: "cancel", options: { id: 1, reason: "flood" } }),
    );
    await h.advance(5_000, 500);
    await until(
      () => tg.chatMessages(GROUP).some((m) => m.text.startsWith("Cancelled")),
      "Telegram",
    );
    await until(() => server.events()[0]?.status === 4, "the Discord event cancelled");
    await until(() => buttons(tgCta()).length === 0, "the Telegram buttons gone");
    await until(() => tg.dms(T_BOB).some((m) => m.text.startsWith("Cancelled")), "Bob told");
    await until(
      () => server.dmMessages(D_ALICE).some((m) => readable(m).startsWith("Cancelled")),
      "Alice told",
    );
    // Nothing else of the timeline goes out.
    await h.advance(START + 24 * HOUR - h.clock.now(), 10 * 60_000);
    expect(tg.chatMessages(GROUP).some((m) => m.text.startsWith("We're on"))).toBe(false);
    expect(server.channelMessages().some((m) => readable(m).startsWith("We're on"))).toBe(false);
  });

  it("the last place, pressed for at once on Telegram and Discord: one goes, one waits, and gets it by DM on their own platform when the other leaves", async () => {
    const { server, tg, h } = await setup();
    await link();
    expect(await type(T_ORG, GROUP, "/newmob Cave | 2026-12-05 18:00 | capacity=1")).toBe(
      "Mob #1 is announced.",
    );
    await h.drain();
    await until(() => !!tgCta() && !!discordCta(), "both calls-to-action");
    tg.startPrivate(T_BOB);
    await until(() => tg.dms(T_BOB).length > 0, "Bob's welcome");
    const dPost = discordCta() as StoredMessage;
    const before = tg.callbackAnswers.length;
    const alicePress = server.press({ user: D_ALICE, messageId: dPost.id, customId: "mob:1:join" });
    tg.press(T_BOB, tgCta() as SentMessage, "mob:1:join");
    const aliceAnswer = (await server.answered(alicePress)).original;
    await until(() => tg.callbackAnswers.length > before, "Bob's toast");
    const bobAnswer = tg.callbackAnswers[before]?.text ?? "";
    const going = "You're in! See you at Cave.";
    const waiting =
      "The mob at Cave is full: you are number 1 on the waitlist. I'll let you know when a place opens up for you.";
    expect([aliceAnswer ? readable(aliceAnswer) : "", bobAnswer].sort()).toEqual(
      [going, waiting].sort(),
    );
    await h.advance(5_000, 500);
    const counts = "1 going of 1 · 0 maybe · 1 waiting";
    await until(() => (tgCta()?.text ?? "").includes(counts), "the Telegram count");
    await until(
      () => readable(discordCta() as StoredMessage).includes(counts),
      "the Discord count",
    );

    // The one going leaves on their platform; the one waiting hears it on theirs.
    const promoted = "A place opened up: you're going to Cave!";
    if (bobAnswer === going) {
      tg.press(T_BOB, tgCta() as SentMessage, "mob:1:leave");
      await h.advance(5_000, 500);
      await until(
        () => server.dmMessages(D_ALICE).some((m) => readable(m).startsWith(promoted)),
        "Alice's DM",
      );
    } else {
      await server.answered(
        server.press({ user: D_ALICE, messageId: dPost.id, customId: "mob:1:leave" }),
      );
      await h.advance(5_000, 500);
      await until(() => tg.dms(T_BOB).some((m) => m.text.startsWith(promoted)), "Bob's DM");
    }
    const settled = (text: string) => text.includes("1 going of 1") && !text.includes("waiting");
    await until(() => settled(tgCta()?.text ?? ""), "the Telegram count");
    await until(() => settled(readable(discordCta() as StoredMessage)), "the Discord count");
  });

  it("/mobs, /mob and /settings show the same community in both chats, and the language stays per chat", async () => {
    const { server } = await setup();
    await link();
    expect(await type(T_ORG, GROUP, "/newmob Cave | 2026-12-05 18:00")).toBe(
      "Mob #1 is announced.",
    );
    const fromDiscord = await server.answered(server.slash({ user: D_ALICE, subcommand: "list" }));
    expect(readable(fromDiscord.original as StoredMessage)).toContain("#1 Cave");
    // Answered in the language just set.
    expect(await type(T_ORG, GROUP, "/settings language fr")).toContain("langue fr");
    const settings = await server.answered(server.slash({ user: D_ALICE, subcommand: "settings" }));
    const text = readable(settings.original as StoredMessage);
    expect(text).toContain("language en");
    expect(text).toMatch(/Chats: Telegram Cash mobbers of Lille, Discord/);
  });

  it("photos sent on either platform make one album; the tally card and the recap reach both chats", async () => {
    const { server, tg, h } = await setup();
    await link();
    expect(await type(T_ORG, GROUP, "/newmob Cave | 2026-12-05 18:00 | 15")).toBe(
      "Mob #1 is announced.",
    );
    tg.startPrivate(T_BOB);
    await until(() => tg.dms(T_BOB).length > 0, "Bob's welcome");
    expect(await type(T_BOB, GROUP, "/join 1")).toMatch(/^You're in!/);
    await server.answered(server.slash({ user: D_ALICE, subcommand: "join", options: { id: 1 } }));
    h.clock.set(START + 30 * 60_000);
    // On Telegram: a photo in private; on Discord: an attachment.
    tg.sendPhotoFrom(T_BOB, T_BOB, png(400, 300, 1), { caption: "/photo 1" });
    await until(() => tg.dms(T_BOB).some((m) => m.text.startsWith("Photo #")), "Bob's photo");
    const added = await server.answered(
      server.slash({
        user: D_ALICE,
        subcommand: "photo",
        options: { id: 1, image: server.upload(png(300, 400, 2), "me.png", "image/png") },
      }),
    );
    expect(readable(added.original as StoredMessage)).toBe(
      "Photo #2 is in mob #1's album (1 of your 5).",
    );
    await server.answered(
      server.slash({ user: D_ALICE, subcommand: "spent", options: { id: 1, amount: 30 } }),
    );

    await h.advance(START + 15 * HOUR - h.clock.now(), 30 * 60_000);
    await until(() => tg.chatMessages(GROUP).some((m) => m.mediaGroupId), "the Telegram album");
    await until(
      () => server.channelMessages().some((m) => m.attachments.length === 2),
      "the Discord album",
    );
    const tgTally = tg.chatMessages(GROUP).find((m) => m.text.startsWith("Tally:"));
    expect(tgTally?.photo?.filename).toBe("card.png");
    const dTally = server
      .channelMessages()
      .find((m) => m.embeds[0]?.title === "Tally: cash mob at Cave");
    expect(dTally?.attachments.map((a) => a.filename)).toEqual(["card.png"]);
    // The same picture on both: drawn once for the one language.
    expect(dTally?.attachments[0]?.data.equals(tgTally?.photo?.data ?? Buffer.alloc(0))).toBe(true);
    const tgAlbum = tg.chatMessages(GROUP).filter((m) => m.mediaGroupId);
    expect(tgAlbum.map((m) => m.photo?.data)).toEqual([png(400, 300, 1), png(300, 400, 2)]);
    const dAlbum = server.channelMessages().find((m) => m.attachments.length === 2);
    expect(dAlbum?.attachments.map((a) => a.data)).toEqual([png(400, 300, 1), png(300, 400, 2)]);
  });

  it("a vote is posted in both chats; presses from Telegram and Discord count once each, and both posts show the merged counts", async () => {
    const { server, tg, h } = await setup();
    await link();
    expect(await type(T_BOB, GROUP, "/nominate Épicerie Mado | 5 rue Basse")).toBe(
      "Épicerie Mado is nominated (#1); others second it by nominating it too.",
    );
    // The same shop from Discord, without the accent: a second, across platforms.
    const seconded = await server.answered(
      server.slash({ user: D_ALICE, subcommand: "nominate", options: { shop: "epicerie mado" } }),
    );
    expect(readable(seconded.original as StoredMessage)).toContain(
      "Seconded! Épicerie Mado now has 1 second.",
    );
    await type(T_CAROL, GROUP, "/nominate Cave Rouge");
    await server.answered(
      server.slash({ ...organizer, subcommand: "vote", options: { when: "2026-12-12 18:00" } }),
    );
    await h.drain();
    const tgVote = () => tg.chatMessages(GROUP).find((m) => m.text.startsWith("Vote:"));
    const dVote = () =>
      server.channelMessages().find((m) => String(m.embeds[0]?.title ?? "").startsWith("Vote:"));
    await until(() => !!tgVote() && !!dVote(), "both vote posts");
    expect(buttons(tgVote())).toEqual(["vote:1:1", "vote:1:2"]);

    tg.press(T_BOB, tgVote() as SentMessage, "vote:1:1");
    tg.press(T_CAROL, tgVote() as SentMessage, "vote:1:2");
    await until(() => tg.callbackAnswers.length >= 2, "two toasts");
    for (const user of [D_ALICE, D_DAVE])
      await server.answered(
        server.press({ user, messageId: (dVote() as StoredMessage).id, customId: "vote:1:1" }),
      );
    // Dave changes his mind on Discord.
    const moved = await server.answered(
      server.press({
        user: D_DAVE,
        messageId: (dVote() as StoredMessage).id,
        customId: "vote:1:2",
      }),
    );
    expect(readable(moved.original as StoredMessage)).toContain(
      "You moved your vote to Cave Rouge (from Épicerie Mado).",
    );
    await h.advance(10_000, 1_000);
    const counts = ["1. Épicerie Mado: 2 votes", "2. Cave Rouge: 2 votes", "4 members voted."];
    await until(() => counts.every((c) => (tgVote()?.text ?? "").includes(c)), "Telegram's counts");
    await until(
      () => counts.every((c) => readable(dVote() as StoredMessage).includes(c)),
      "Discord's counts",
    );
    expect(h.db.prepare("SELECT count(*) AS n FROM ballots").get()).toEqual({ n: 4 });

    // Closed at its time: the tie goes to the most seconded, announced in both chats.
    await h.advance(48 * HOUR, HOUR);
    await until(
      () => tg.chatMessages(GROUP).some((m) => m.text.startsWith("The vote chose Épicerie Mado!")),
      "the Telegram result",
    );
    await until(
      () =>
        server
          .channelMessages()
          .some((m) => readable(m).startsWith("The vote chose Épicerie Mado!")),
      "the Discord result",
    );
    expect(await h.store.getMob(1)).toMatchObject({ shopName: "Épicerie Mado", status: "draft" });
  });
});
