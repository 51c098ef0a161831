import { describe, expect, it } from "vitest";
import { HOUR } from "../fakes/core-harness.js";
import { ALICE, BOB, buttons, CAROL, GROUP, ORG, until } from "../fakes/telegram-harness.js";
import { telegramScene, toastFor } from "../fakes/telegram-talk.js";

const START = Date.UTC(2026, 11, 5, 18, 0);
const { rig, start, group, say, said } = telegramScene();

async function press(
  from: number,
  messageIndex: number,
  data: string,
): Promise<string | undefined> {
  const message = group()[messageIndex];
  if (!message) throw new Error(`no message ${messageIndex}`);
  return toastFor(rig(), from, message, data);
}

async function createMob(
  text = "/newmob Librairie du Parc | 2026-12-05 18:00 | 15 | 3 rue des Lilas",
) {
  expect(await say(ORG, GROUP, text)).toBe("Mob #1 is announced.");
  await rig().h.drain();
  await until(() => group().some((m) => m.text.startsWith("Cash mob:")), "the call-to-action");
  return group().findIndex((m) => m.text.startsWith("Cash mob:"));
}

describe("Telegram: a group organizes a cash mob", () => {
  it("registers its commands in English and French", async () => {
    const { server } = await start();
    expect(server.commands.get("")?.map((c) => c.command)).toContain("newmob");
    expect(server.commands.get("fr")?.find((c) => c.command === "mobs")?.description).toBe(
      "Les prochains cash mobs",
    );
  });

  it("an admin creates a mob; the call-to-action has the details, the buttons and the deep link", async () => {
    await start();
    const cta = await createMob();
    const message = group()[cta];
    expect(message?.text).toBe(
      [
        "Cash mob: Librairie du Parc",
        "When: Sat 5 Dec 2026, 18:00 (UTC)",
        "Pledge: €15.00",
        "Address: 3 rue des Lilas",
        "0 going · 0 maybe",
      ].join("\n"),
    );
    expect(message?.links).toEqual([
      "https://www.openstreetmap.org/search?query=3%20rue%20des%20Lilas",
    ]);
    expect(buttons(message)).toEqual([
      "mob:1:join",
      "mob:1:maybe",
      "mob:1:leave",
      "https://t.me/cashmob_test_bot?start=mob_1",
    ]);
  });

  it("refuses organizer actions to members who are not group admins, and changes nothing", async () => {
    const { h } = await start();
    expect(await say(ALICE, GROUP, "/newmob Cave | 2026-12-05 18:00")).toBe(
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    );
    expect(await h.store.getMob(1)).toBeNull();
  });

  it("answers bad input with one sentence", async () => {
    await start();
    expect(await say(ORG, GROUP, "/newmob Cave | yesterday at noon")).toBe(
      "I can't read that date; write it like 2026-12-05 18:00 (your community's time zone), tomorrow 18:00, or in 2h.",
    );
    expect(await say(ALICE, GROUP, "/join abc")).toBe(
      "A mob id is a number, like 12; /mobs lists them.",
    );
    expect(await say(ALICE, GROUP, "/spent")).toBe("Usage: /spent <id> <amount>");
    expect(await say(CAROL, GROUP, "/join 9")).toBe(
      "Il n'y a pas de mob n°9 ici\u00a0; /mobs liste les mobs de la communauté.",
    );
  });

  it("stays quiet about other bots' commands and chatter in the group", async () => {
    const { server } = await start();
    server.type(ALICE, GROUP, "/poll@otherbot lunch?");
    server.type(ALICE, GROUP, "/weather");
    server.type(ALICE, GROUP, "hello everyone");
    expect(await say(ALICE, GROUP, "/mobs")).toMatch(/^Upcoming cash mobs/);
    expect(group()).toHaveLength(1);
  });

  it("joining by button answers privately, twice changes nothing, and the post shows the counts", async () => {
    const { h } = await start();
    const cta = await createMob();
    expect(await press(ALICE, cta, "mob:1:join")).toBe("You're in! See you at Librairie du Parc.");
    expect(await press(ALICE, cta, "mob:1:join")).toBe("You're already going.");
    expect(await press(BOB, cta, "mob:1:maybe")).toBe("Marked as maybe for Librairie du Parc.");
    await h.advance(10_000, 1_000);
    await until(
      () => group()[cta]?.text.includes("1 going · 1 maybe") ?? false,
      "the edited call-to-action",
    );
    expect(await h.store.counts(1)).toEqual({ going: 1, maybe: 1, waiting: 0 });
  });

  it("fifty presses in a second become a handful of edits, not fifty", async () => {
    const { server, h } = await start();
    const cta = await createMob();
    const message = group()[cta];
    if (!message) throw new Error("no call-to-action");
    for (let i = 0; i < 50; i++) server.press(5000 + i, message, "mob:1:join");
    await until(() => server.callbackAnswers.length === 50, "fifty answers");
    await h.advance(30_000, 1_000);
    await until(() => group()[cta]?.text.includes("50 going") ?? false, "the final count");
    expect(group()[cta]?.edits).toBeLessThanOrEqual(3);
  });

  it("shows user text verbatim: markup in a shop name neither breaks the message nor formats it", async () => {
    const { server, h } = await start();
    expect(await say(ORG, GROUP, '/newmob <b>Tom & "Jerry"</b> | 2026-12-05 18:00')).toBe(
      "Mob #1 is announced.",
    );
    await h.drain();
    const cta = () => group().find((m) => m.text.startsWith("Cash mob:"));
    await until(() => cta() !== undefined, "the call-to-action");
    expect(cta()?.text.split("\n")[0]).toBe('Cash mob: <b>Tom & "Jerry"</b>');
    expect(server.calls.filter((c) => c.status === 400)).toEqual([]);
  });
});

describe("Telegram: private chats and reminders", () => {
  it("the deep link joins the mob, opens the DM channel, and the organizer's check-in code goes there", async () => {
    const { server, h } = await start();
    server.startPrivate(ORG);
    await until(() => server.dms(ORG).length === 1, "the welcome");
    expect(server.dms(ORG)[0]?.text).toBe(
      "Hi! I'm Cashmob.\nI'll send you reminders for the mobs you join here.",
    );
    await createMob();
    await until(() => server.dms(ORG).length === 2, "the check-in code");
    expect(server.dms(ORG)[1]?.text).toMatch(
      /^Check-in code for mob #1\nGive this code to mobbers at the shop: [A-Z2-9]{6}\nMobbers may also scan the QR code to check in at mob #1\.$/,
    );
    server.startPrivate(ALICE, "mob_1");
    await until(() => server.dms(ALICE).length === 1, "the deep-link answer");
    expect(server.dms(ALICE)[0]?.text).toBe("You're in! See you at Librairie du Parc.");
    expect((await h.store.counts(1)).going).toBe(1);
  });

  it("reminders go by DM to those who started the bot, and the others are mentioned in the group", async () => {
    const { server, h } = await start();
    const cta = await createMob();
    server.startPrivate(ALICE, "mob_1");
    await press(BOB, cta, "mob:1:join");
    await until(async () => (await h.store.counts(1)).going === 2, "two going");
    await h.advance(START - 24 * HOUR - h.clock.now());
    await until(() => server.dms(ALICE).length === 2, "Alice's reminder");
    expect(server.dms(ALICE)[1]?.text).toMatch(
      /^Reminder: cash mob at Librairie du Parc\nStarts in 24 hours\./,
    );
    expect(server.dms(BOB)).toEqual([]);
    const reminder = group().find((m) => m.text.startsWith("Reminder:"));
    expect(reminder?.text).toContain("I couldn't reach these mobbers privately: Bob");
    expect(reminder?.html).toContain(`<a href="tg://user?id=${BOB}">Bob</a>`);
  });

  it("a member who blocked the bot is mentioned instead, and is not tried again", async () => {
    const { server, h } = await start();
    await createMob();
    server.startPrivate(ALICE, "mob_1");
    await until(() => server.dms(ALICE).length === 1, "the join");
    server.block(ALICE);
    await h.advance(START - 24 * HOUR - h.clock.now());
    const isFallback = (t: string) => t.includes("I couldn't DM you, so here it is: Alice");
    await until(() => group().some((m) => isFallback(m.text)), "the fallback mention");
    const fallback = group().find((m) => isFallback(m.text));
    expect(fallback?.text.split("\n")[0]).toBe("Reminder: cash mob at Librairie du Parc");
    expect(fallback?.html).toContain(`<a href="tg://user?id=${ALICE}">Alice</a>`);
    const dmCalls = () => server.calls.filter((c) => c.method === "sendMessage").length;
    const before = dmCalls();
    await h.advance(START - 2 * HOUR - h.clock.now());
    const reminders = () =>
      group().filter((m) => m.text.startsWith("Reminder:") && !isFallback(m.text));
    await until(() => reminders().length === 2, "the second reminder");
    // One post in the group, no attempt at Alice's private chat.
    expect(dmCalls() - before).toBe(1);
    expect(reminders()[1]?.text).toContain("I couldn't reach these mobbers privately: Alice");
  });

  it("spend reports by quick-amount buttons in DM, then the tally in the group", async () => {
    const { server, h } = await start();
    await createMob("/newmob Cave | 2026-12-05 18:00 | 15 | | goal=100");
    server.startPrivate(ALICE, "mob_1");
    server.startPrivate(CAROL, "mob_1");
    await until(async () => (await h.store.counts(1)).going === 2, "two going");
    await h.advance(START + 2 * HOUR - h.clock.now());
    await until(
      () => server.dms(ALICE).some((m) => m.text.startsWith("Thanks for mobbing")),
      "the question",
    );
    const question = server.dms(ALICE).find((m) => m.text.startsWith("Thanks for mobbing"));
    expect(buttons(question)).toEqual([
      "mob:1:spent:1500",
      "mob:1:spent:2300",
      "mob:1:spent:3000",
      "mob:1:spent:4500",
    ]);
    if (!question) throw new Error("no question");
    server.press(ALICE, question, "mob:1:spent:3000");
    await until(() => server.callbackAnswers.length === 1, "the answer");
    expect(server.callbackAnswers[0]?.text).toBe("Thanks! €30.00 recorded.");
    expect((await say(CAROL, CAROL, "/spent 1 12,50")).replace(/\s/g, " ")).toBe(
      "Merci ! 12,50 € enregistrés.",
    );
    await h.advance(12 * HOUR);
    await until(() => group().some((m) => m.text.startsWith("Tally:")), "the tally");
    expect(group().find((m) => m.text.startsWith("Tally:"))?.text).toBe(
      [
        "Tally: cash mob at Cave",
        "Going: 2",
        "Came: 2",
        "Spent: €42.50 by 2 people",
        "Average: €21.25",
        "Pledged: €30.00 · 142% delivered",
        "Goal: €100.00 · 43% of the goal",
      ].join("\n"),
    );
  });
});

describe("Telegram: restarts", () => {
  it("a graceful restart loses no update sent while the bot was away and handles none twice", async () => {
    const { server, h } = await start();
    const cta = await createMob();
    await rig().adapter.stop();
    const message = group()[cta];
    if (!message) throw new Error("no call-to-action");
    server.press(ALICE, message, "mob:1:join");
    server.type(BOB, GROUP, "/join 1");
    await rig().restart();
    await until(async () => (await h.store.counts(1)).going === 2, "both joins");
    await until(() => server.pendingUpdates === 0, "updates confirmed");
    expect(server.callbackAnswers.map((a) => a.text)).toEqual([
      "You're in! See you at Librairie du Parc.",
    ]);
    // Answers go out after the update is handled: the marker's answer comes after Bob's.
    const saidSince = await said(BOB, GROUP, cta + 1);
    expect(saidSince.filter((t) => t.startsWith("You're in!"))).toHaveLength(1);
  });

  it("updates Telegram hands out again after a crash are not handled twice", async () => {
    const { server, h } = await start();
    const first = server.type(ORG, GROUP, "/newmob Cave | 2026-12-05 18:00");
    server.type(ALICE, GROUP, "/join 1");
    // The answer, the invitation to fetch the check-in code privately, the join.
    await until(() => group().length === 3, "three answers");
    await rig().adapter.stop();
    // As if the bot had died before confirming: both updates come again.
    server.redeliverFrom(first);
    await rig().restart();
    await until(() => server.pendingUpdates === 0, "the redelivered updates to be confirmed");
    expect(await said(ALICE, GROUP, 0)).toEqual([
      "Mob #1 is announced.",
      "I can't send you the check-in code until you open a private chat with me: tap the button, then Start, and it comes there.",
      "You're in! See you at Cave.",
    ]);
    expect(await h.store.getMob(2)).toBeNull();
  });
});
