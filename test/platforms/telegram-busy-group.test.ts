import { describe, expect, it } from "vitest";
import { ALICE, BOB, GROUP, ORG, type TelegramRig, until } from "../fakes/telegram-harness.js";
import { TELEGRAM_LIMITS } from "../fakes/telegram-server.js";
import { startTelegram } from "../fakes/telegram-talk.js";

/** Group A (the harness's group) gets the burst; group B goes on talking. */
const GROUP_A = GROUP;
const GROUP_B = -1005550001111;
/** Members of group A who never opened a private chat with the bot, and some who did. */
const STRANGERS = Array.from({ length: 24 }, (_, i) => 5_000 + i);
const FRIENDS = Array.from({ length: 6 }, (_, i) => 6_000 + i);
const ASKERS = Array.from({ length: 5 }, (_, i) => 7_000 + i);
/** Members asking `/mob 1`: each answer carries the mob's buttons, so none can be merged. */
const LOOKERS = Array.from({ length: 20 }, (_, i) => 8_000 + i);
const JOINED = "You're in! See you at Cave.";
const GROUP_WINDOW_MS = 15_000;

let rig: TelegramRig;

const inChat = (chat: number) => rig.server.chatMessages(chat);
/**
 * The strangers group A's answers tell they are in: one answer each, alone,
 * or named in a merged one ("user5007, user5008: You're in!…").
 */
function joinedInA(from: number): string[] {
  const names: string[] = [];
  for (const m of inChat(GROUP_A).slice(from)) {
    if (m.text === JOINED) names.push("(alone)");
    for (const line of m.text.split("\n\n")) {
      const named = /^(.+): You're in! See you at Cave\.$/.exec(line);
      if (named?.[1]) names.push(...named[1].split(", "));
    }
  }
  return names;
}

/** Resolves with the milliseconds it took `check` to hold. */
async function timed(check: () => boolean, what: string, timeoutMs = 10_000): Promise<number> {
  const start = performance.now();
  await until(check, what, timeoutMs);
  return performance.now() - start;
}

async function announce(chat: number): Promise<void> {
  rig.server.type(ORG, chat, "/newmob Cave | 2026-12-05 18:00");
  await until(() => inChat(chat).some((m) => m.text.startsWith("I can't send you")), "the invite");
}

describe("Telegram: one busy group freezes no one else (Telegram's limits on)", () => {
  it("a burst over group A's budget: group B's press, a private /start and group B's /mobs are answered at once, and every one of A's answers arrives, in its budget", async () => {
    // A group's 20 messages come in a 15 s window here, the bot's pacing and the fake's alike,
    // rather than Telegram's minute: the same race, a quarter of the wait.
    rig = await startTelegram({
      server: { rateLimits: { ...TELEGRAM_LIMITS, groupWindowMs: GROUP_WINDOW_MS } },
      throttle: true,
      groupWindowMs: GROUP_WINDOW_MS,
    });
    rig.server.addGroup(GROUP_B, "Lille south", [ORG]);
    await announce(GROUP_A);
    await announce(GROUP_B);
    await rig.h.drain();
    const ctaB = inChat(GROUP_B).find((m) => m.text.startsWith("Cash mob:"));
    if (!ctaB) throw new Error("no call-to-action in group B");
    for (const id of FRIENDS) rig.server.started.add(id);
    const before = inChat(GROUP_A).length;
    const cards = () =>
      inChat(GROUP_A)
        .slice(before)
        .filter((m) => m.text.startsWith("#1 Cash mob:"));
    const lists = () => inChat(GROUP_A).filter((m) => m.text.startsWith("Upcoming"));
    const allOfA = () => lists().length > 0 && cards().length === LOOKERS.length;

    // 55 commands in group A at once: 30 joins (each a personal answer), 20 /mob 1, 5 /mobs.
    for (const id of STRANGERS) rig.server.type(id, GROUP_A, "/join 1");
    for (const id of LOOKERS) rig.server.type(id, GROUP_A, "/mob 1");
    for (const id of ASKERS) rig.server.type(id, GROUP_A, "/mobs");
    for (const id of FRIENDS) rig.server.type(id, GROUP_A, "/join 1");
    await until(() => inChat(GROUP_A).length >= before + 5, "group A's first answers");

    // Meanwhile, elsewhere.
    const answers = rig.server.callbackAnswers.length;
    rig.server.press(ALICE, ctaB, "mob:2:join");
    const pressMs = await timed(() => rig.server.callbackAnswers.length > answers, "the press");
    const aDoneWhenPressed = allOfA();
    rig.server.startPrivate(BOB);
    const startMs = await timed(() => rig.server.dms(BOB).length > 0, "the welcome");
    const bBefore = inChat(GROUP_B).length;
    rig.server.type(ALICE, GROUP_B, "/mobs");
    const mobsMs = await timed(() => inChat(GROUP_B).length > bBefore, "group B's /mobs");
    const aDoneWhenAnswered = allOfA();

    expect(rig.server.callbackAnswers.at(-1)?.text).toBe("You're in! See you at Cave.");
    expect(rig.server.dms(BOB)[0]?.text).toMatch(/^Hi! I.m Cashmob/);
    expect(inChat(GROUP_B).at(-1)?.text).toMatch(/^Upcoming/);
    // The point: all of it while group A's answers still waited for its budget.
    expect(aDoneWhenPressed).toBe(false);
    expect(aDoneWhenAnswered).toBe(false);
    expect(pressMs).toBeLessThan(1_000);
    expect(startMs).toBeLessThan(3_000);
    expect(mobsMs).toBeLessThan(3_000);

    // Every answer in group A arrives, at the pace for a group (20 a window, one a second).
    await until(allOfA, "group A's answers", 60_000);
    const named = joinedInA(before);
    expect(named).toHaveLength(STRANGERS.length);
    // Once the group was busy, the joins that waited went out together, each person named once.
    const strangers = named.filter((n) => n !== "(alone)");
    expect(strangers.length).toBeGreaterThan(0);
    expect(new Set(strangers).size).toBe(strangers.length);
    expect(strangers.every((n) => STRANGERS.some((id) => n === `user${id}`))).toBe(true);
    expect(inChat(GROUP_A).length - before).toBeLessThan(STRANGERS.length + LOOKERS.length);
    // Members with a private chat were answered there, sparing the group.
    for (const id of FRIENDS)
      expect(rig.server.dms(id).map((m) => m.text)).toEqual(["You're in! See you at Cave."]);
    // The five /mobs waited together and went out as one message; each /mob 1 on its own.
    expect(lists()).toHaveLength(1);
    expect(cards()).toHaveLength(LOOKERS.length);
    expect(lists()[0]?.text).toMatch(/^Upcoming cash mobs\n#1 Cave/);
    expect((await rig.h.store.counts(1)).going).toBe(STRANGERS.length + FRIENDS.length);
    console.info(
      `press ${Math.round(pressMs)} ms, /start ${Math.round(startMs)} ms, group B /mobs ${Math.round(mobsMs)} ms; ` +
        `group A ${inChat(GROUP_A).length} messages; ${rig.server.rateLimited} × 429`,
    );
  }, 90_000);
});

describe("Telegram: a reply that meets a 429", () => {
  it("waits for the group's limit to lift and is delivered, not dropped", async () => {
    // The adapter's pacing off, so Telegram's limit (2 messages per 2 s here) answers 429s.
    rig = await startTelegram({
      server: {
        rateLimits: { ...TELEGRAM_LIMITS, groupPerMinute: 2, groupWindowMs: 2_000 },
      },
      throttle: false,
    });
    await announce(GROUP_A);
    await rig.h.drain();
    const before = inChat(GROUP_A).length;
    for (const id of LOOKERS.slice(0, 4)) rig.server.type(id, GROUP_A, "/mob 1");
    await until(() => inChat(GROUP_A).length === before + 4, "the four answers", 20_000);
    expect(
      inChat(GROUP_A)
        .slice(before)
        .every((m) => m.text.startsWith("#1 Cash mob: Cave")),
    ).toBe(true);
    expect(rig.server.rateLimited).toBeGreaterThan(0);
  });
});
