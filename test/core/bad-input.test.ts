import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Command } from "../../src/ports/inbound.js";
import { groupActor, HOUR, organizer, say } from "../fakes/core-harness.js";
import { type Harness, recordingHarness, timeline } from "../fakes/core-scene.js";
import type { RecordingPlatform } from "../fakes/recording-platform.js";

let h: Harness;
let platform: RecordingPlatform;

/** Every row of every table, to prove a refused command wrote nothing. */
function snapshot(): Promise<string> {
  return h.snapshot(["communities", "members", "shops", "mobs", "participants", "outbox"]);
}

beforeEach(async () => {
  ({ h, platform } = recordingHarness());
  await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
  await say(h.core, groupActor("alice"), { type: "join", id: "1" });
  // Members who act below must exist already, so "changes nothing" is exact.
  await say(h.core, groupActor("bob"), { type: "list" });
  await h.drain();
});
afterEach(() => h.close());

const create = (over: Partial<Extract<Command, { type: "create" }>>): Command => ({
  type: "create",
  shop: "Librairie",
  when: "2026-12-10 18:00",
  ...over,
});

const cases: [string, "org" | "bob" | "alice", Command, string][] = [
  [
    "an unknown mob id",
    "bob",
    { type: "join", id: "99" },
    "There is no mob #99 here; /mobs lists this community's mobs.",
  ],
  [
    "an id that is not a number",
    "bob",
    { type: "info", id: "abc" },
    "A mob id is a number, like 12; /mobs lists them.",
  ],
  [
    "a date in the past",
    "org",
    create({ when: "2020-01-01 10:00" }),
    "That time is already past; pick a time in the future.",
  ],
  [
    "an unparseable date",
    "org",
    create({ when: "next friday-ish" }),
    "I can't read that date; write it like 2026-12-05 18:00 (your community's time zone), tomorrow 18:00, or in 2h.",
  ],
  [
    "a date too far ahead",
    "org",
    create({ when: "2030-01-01 10:00" }),
    "That is more than a year away; announce mobs at most a year ahead.",
  ],
  ["a negative pledge", "org", create({ pledge: "-5" }), "The pledge must be more than zero."],
  ["a zero pledge", "org", create({ pledge: "0" }), "The pledge must be more than zero."],
  [
    "an absurd pledge",
    "org",
    create({ pledge: "999999" }),
    "The pledge looks too large; the most accepted is 10000.",
  ],
  [
    "a pledge that is not a number",
    "org",
    create({ pledge: "NaN" }),
    "I can't read the pledge; write a number like 15 or 12.50.",
  ],
  [
    "a shop name too long",
    "org",
    create({ shop: "x".repeat(101) }),
    "The shop name is too long (101 characters); keep it under 100.",
  ],
  [
    "an empty shop name",
    "org",
    create({ shop: "\u200b\u200b" }),
    "The shop name is empty; please write something.",
  ],
  [
    "an unknown currency",
    "org",
    create({ currency: "XYZ" }),
    "That is not a currency code I know; use an ISO 4217 code, such as EUR, USD, GBP, CHF or JPY.",
  ],
  [
    "a bad duration",
    "org",
    create({ duration: "5m" }),
    "The duration must be between 15m and 2d, written like 90m or 2h.",
  ],
  [
    "a bad capacity",
    "org",
    create({ capacity: "-3" }),
    "The capacity must be a whole number from 1 to 10000.",
  ],
  [
    "a non-organizer creating",
    "bob",
    create({}),
    "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
  ],
  [
    "a non-organizer cancelling",
    "bob",
    { type: "cancel", id: "1" },
    "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
  ],
  [
    "a non-organizer editing",
    "bob",
    { type: "edit", id: "1", when: "2026-12-06 18:00" },
    "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
  ],
  [
    "confirming an announced mob",
    "org",
    { type: "confirm", id: "1" },
    "Mob #1 is already announced; only a draft can be confirmed.",
  ],
  [
    "a spend before the start",
    "alice",
    { type: "spent", id: "1", amount: "15" },
    "Mob #1 has not started yet; report what you spent after it begins.",
  ],
  [
    "a negative spend",
    "alice",
    { type: "spent", id: "1", amount: "-15" },
    "The amount must be more than zero.",
  ],
  [
    "a check-in a day early",
    "alice",
    { type: "checkin", id: "1", code: "ABCDEF" },
    "Check-in for mob #1 is open from one hour before the start until the tally.",
  ],
  [
    "an edit with nothing to change",
    "org",
    { type: "edit", id: "1" },
    "Nothing to change: give at least one field to edit.",
  ],
  [
    "an unknown button",
    "bob",
    { type: "action", actionId: "mob:1:explode" },
    "That button is no longer valid.",
  ],
  [
    "a too long cancel reason",
    "org",
    { type: "cancel", id: "1", reason: "r".repeat(301) },
    "The reason is too long (301 characters); keep it under 300.",
  ],
  [
    "an invalid time zone",
    "org",
    { type: "settings", timezone: "Mars/Olympus" },
    "The time zone must be an IANA name like Europe/Paris or America/New_York.",
  ],
];

describe("bad input gets one clear sentence and changes nothing", () => {
  it.each(cases)("%s", async (_name, who, command, sentence) => {
    const before = await snapshot();
    const actor = who === "org" ? organizer() : groupActor(who);
    const reply = await h.core.handler.handle(actor, command);
    expect(reply.notice.title).toBe(sentence);
    expect(reply.notice.tone).toBe("error");
    expect(reply.audience).toBe("personal");
    expect(await snapshot()).toBe(before);
  });

  it("a wrong check-in code during the mob is refused and changes nothing", async () => {
    h.clock.set(Date.UTC(2026, 11, 5, 18, 30));
    const before = await snapshot();
    expect(
      await say(h.core, groupActor("alice"), { type: "checkin", id: "1", code: "WRONG1" }),
    ).toBe("That check-in code is not right; ask the organizer at the meeting point.");
    expect(await snapshot()).toBe(before);
  });

  it("a time in the spring-forward gap is refused naming the zone", async () => {
    await say(h.core, organizer(), { type: "settings", timezone: "Europe/Paris" });
    h.clock.set(Date.UTC(2027, 2, 20, 12, 0));
    const before = await snapshot();
    expect(await say(h.core, organizer(), create({ when: "2027-03-28 02:30" }))).toBe(
      "That time does not exist in Europe/Paris (the clocks jump forward then); pick another time.",
    );
    expect(await snapshot()).toBe(before);
  });

  it("answers in French for a French-speaking member", async () => {
    const reply = await h.core.handler.handle(
      groupActor("zoé", { user: { id: "zoé", displayName: "Zoé", locale: "fr-FR" } }),
      { type: "join", id: "42" },
    );
    expect(reply.notice.title).toBe(
      "Il n'y a pas de mob n°42 ici\u00a0; /mobs liste les mobs de la communauté.",
    );
  });

  it("a member of another community cannot act on this community's mob by guessing its id", async () => {
    const stranger = groupActor("mallory", {
      community: { id: "g2", name: "Elsewhere", channelId: "c2" },
      isOrganizer: true,
    });
    await say(h.core, stranger, { type: "list" });
    const before = await snapshot();
    for (const command of [
      { type: "join", id: "1" },
      { type: "cancel", id: "1" },
      { type: "info", id: "1" },
      { type: "tally", id: "1" },
    ] as Command[]) {
      expect(await say(h.core, stranger, command)).toBe(
        "There is no mob #1 here; /mobs lists this community's mobs.",
      );
    }
    expect(await snapshot()).toBe(before);
  });

  it("a bug inside a use case is answered with an apology, never a stack trace", async () => {
    // Hidden, not dropped: on PostgreSQL the file's later tests use the same database.
    await h.query("ALTER TABLE participants RENAME TO participants_hidden");
    const reply = await h.core.handler
      .handle(groupActor("bob"), { type: "join", id: "1" })
      .finally(() => h.query("ALTER TABLE participants_hidden RENAME TO participants"));
    expect(reply.notice.title).toBe(
      "Sorry, something went wrong on my side; nothing was changed. Please try again.",
    );
    expect(reply.notice.lines).toEqual([]);
  });
});

describe("organizer actions reshape the timeline", () => {
  it("moving a mob withdraws the old reminders, plans new ones and tells participants", async () => {
    platform.clear();
    expect(
      await say(h.core, organizer(), { type: "edit", id: "1", when: "2026-12-08 18:00" }),
    ).toBe("Mob #1 is updated.");
    await h.advance(Date.UTC(2026, 11, 9, 12) - h.clock.now());
    expect(timeline(platform.sent.filter((s) => s.via !== "edit"))).toEqual([
      "12-01T12:00 channel chan1 rescheduled",
      "12-01T12:00 dm alice rescheduled",
      "12-07T18:00 channel chan1 reminder",
      "12-07T18:00 dm alice reminder",
      "12-08T16:00 channel chan1 reminder",
      "12-08T16:00 dm alice reminder",
      "12-08T18:00 channel chan1 start",
      "12-08T20:00 channel chan1 spend_question",
      "12-08T20:00 dm alice spend_question",
      "12-09T08:00 channel chan1 tally",
    ]);
  });

  it("cancelling withdraws every pending post and tells participants once", async () => {
    platform.clear();
    expect(
      await say(h.core, organizer(), { type: "cancel", id: "1", reason: "Shop closed for works" }),
    ).toBe("Mob #1 is cancelled; participants are told.");
    await h.advance(10 * 24 * HOUR);
    expect(platform.log().sort()).toEqual([
      "channel chan1 cancelled",
      "dm alice cancelled",
      "edit chan1:1 call_to_action",
    ]);
    // The call-to-action loses its buttons and says it is cancelled.
    const edit = platform.sent.find((s) => s.via === "edit");
    expect(edit?.notice.actions).toEqual([]);
    expect(edit?.notice.title).toBe("Cancelled: cash mob at Cave");
    expect(await say(h.core, groupActor("bob"), { type: "join", id: "1" })).toBe(
      "Mob #1 is not open: it is cancelled.",
    );
  });

  it("a draft posts nothing until the merchant's approval is recorded", async () => {
    platform.clear();
    expect(await say(h.core, organizer(), create({ draft: "yes" }))).toBe(
      "Mob #2 is saved as a draft; once the merchant agrees, /confirm 2 announces it.",
    );
    await h.drain();
    expect(platform.log()).toEqual([]);
    expect(await say(h.core, groupActor("bob"), { type: "join", id: "2" })).toBe(
      "Mob #2 is not open: it is a draft.",
    );
    expect(await say(h.core, organizer(), { type: "confirm", id: "2" })).toBe(
      "The merchant agreed: mob #2 is announced.",
    );
    await h.drain();
    expect(platform.log()).toEqual(["channel chan1 call_to_action"]);
  });

  it("a full mob puts another going on its waitlist, and still accepts a maybe", async () => {
    await say(h.core, organizer(), create({ capacity: "1" }));
    expect(await say(h.core, groupActor("alice"), { type: "join", id: "2" })).toBe(
      "You're in! See you at Librairie.",
    );
    expect(await say(h.core, groupActor("bob"), { type: "join", id: "2" })).toBe(
      "The mob at Librairie is full: you are number 1 on the waitlist. I'll let you know when a place opens up for you.",
    );
    expect(await say(h.core, groupActor("bob"), { type: "join", id: "2", maybe: true })).toBe(
      "Marked as maybe for Librairie.",
    );
  });

  it("pressing Join twice changes nothing the second time", async () => {
    const before = await snapshot();
    expect(await say(h.core, groupActor("alice"), { type: "action", actionId: "mob:1:join" })).toBe(
      "You're already going.",
    );
    expect(await snapshot()).toBe(before);
  });
});

describe("sentences name commands as people type them on their platform", () => {
  it("Discord members are pointed to slash commands, Telegram members to typed ones", async () => {
    const discord = groupActor("d1", {}, "discord");
    const telegram = groupActor("t1", {}, "telegram");
    expect(await say(h.core, discord, { type: "join", id: "9" })).toBe(
      "There is no mob #9 here; /mob list lists this community's mobs.",
    );
    expect(await say(h.core, telegram, { type: "join", id: "9" })).toBe(
      "There is no mob #9 here; /mobs lists this community's mobs.",
    );
    expect(await say(h.core, organizer("o", "discord"), create({ draft: "yes" }))).toBe(
      "Mob #2 is saved as a draft; once the merchant agrees, /mob confirm id:2 announces it.",
    );
  });
});
