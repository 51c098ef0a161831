import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { parseTextCommand } from "../../src/app/parse-command.js";
import { en } from "../../src/i18n/en.js";
import type { Actor, Command } from "../../src/ports/inbound.js";
import { groupActor, organizer, reply, say } from "../fakes/core-harness.js";
import { type Harness, recordingHarness } from "../fakes/core-scene.js";

/**
 * Hostile input through the real core: whatever people type, the bot answers
 * one sentence, never crashes, and a refusal writes nothing.
 */

const RUNS = 200;

// C0/C1 controls, bidi marks, overrides and isolates, zero-width characters: what cleanText removes.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/;

const TRICKY = [
  "",
  " ",
  "@everyone",
  "@here",
  "<@&123>",
  "<@123456789012345678>",
  "<#123>",
  "<b>bold</b>",
  "<script>alert(1)</script>",
  "&amp;&lt;",
  "**md** _x_ `code` ||spoiler||",
  "[link](https://evil.example)",
  "\u202eevil\u202c",
  "\u2066isolated\u2069",
  "\u200b",
  "\u200b\u200c\u200d\ufeff",
  "\u0000\u0007\u001b[31m",
  "مكتبة الحي",
  "🍷".repeat(101),
  "👨‍👩‍👧‍👦",
  "x".repeat(10_240),
  "é".repeat(5_000),
  "NaN",
  "Infinity",
  "-Infinity",
  "-5",
  "−5",
  "0",
  "-0",
  "1e308",
  "1e9",
  "9".repeat(40),
  "0.000000001",
  "15,555",
  "1 000 000",
  "__proto__",
  "constructor",
  "%s%s%n",
  "$" + "{process.exit()}",
  "'; DROP TABLE mobs; --",
  "null",
  "undefined",
  "1900-01-01 10:00",
  "0001-01-01 00:00",
  "9999-12-31 23:59",
  "2027-03-28 02:30",
  "2027-03-14 02:30",
  "2027-10-31 02:30",
  "in 99999999999999999999d",
  "in -1h",
  "+0s",
  "tomorrow 25:99",
  "31/02/2027 10:00",
];

const hostileText = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc
    .tuple(fc.constantFrom(...TRICKY), fc.string({ unit: "binary", maxLength: 20 }))
    .map(([a, b]) => `${a}${b}`),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.string({ unit: "binary", minLength: 9_000, maxLength: 10_240 }),
);

const hostileId = fc.oneof(
  fc.constantFrom("1", "2", "01", "#1", " 1 ", "0", "-1", "1.0", "1e0", "999999999", "99999999999"),
  hostileText,
);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops keys whose value is undefined (commands have optional, not undefined, fields). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const createCommand = fc
  .record({
    shop: hostileText,
    when: fc.oneof(hostileText, fc.constantFrom("2026-12-10 18:00", "in 2h", "demain 18h")),
    pledge: maybe(hostileText),
    currency: maybe(fc.oneof(hostileText, fc.constantFrom("USD", "JPY", "eur"))),
    address: maybe(hostileText),
    meetingPoint: maybe(hostileText),
    secret: maybe(hostileText),
    capacity: maybe(hostileText),
    duration: maybe(hostileText),
    goal: maybe(hostileText),
    takings: maybe(hostileText),
    draft: maybe(hostileText),
  })
  .map((r): Command => ({ type: "create", ...defined(r) }));

const command: fc.Arbitrary<Command> = fc.oneof(
  createCommand,
  fc
    .record({
      id: hostileId,
      when: maybe(hostileText),
      pledge: maybe(hostileText),
      address: maybe(hostileText),
      meetingPoint: maybe(hostileText),
      capacity: maybe(hostileText),
      duration: maybe(hostileText),
      goal: maybe(hostileText),
      takings: maybe(hostileText),
    })
    .map((r): Command => ({ type: "edit", ...defined(r) })),
  fc.constant<Command>({ type: "list" }),
  hostileId.map((id): Command => ({ type: "info", id })),
  fc
    .record({ id: hostileId, maybe: maybe(fc.boolean()), pledge: maybe(hostileText) })
    .map((r): Command => ({ type: "join", ...defined(r) })),
  hostileId.map((id): Command => ({ type: "leave", id })),
  hostileId.map((id): Command => ({ type: "confirm", id })),
  fc
    .record({ id: hostileId, reason: maybe(hostileText) })
    .map((r): Command => ({ type: "cancel", ...defined(r) })),
  fc.record({ id: hostileId, amount: hostileText }).map((r): Command => ({ type: "spent", ...r })),
  fc.record({ id: hostileId, code: hostileText }).map((r): Command => ({ type: "checkin", ...r })),
  hostileId.map((id): Command => ({ type: "tally", id })),
  fc
    .record({
      timezone: maybe(fc.oneof(hostileText, fc.constantFrom("Europe/Paris", "Etc/GMT+14"))),
      locale: maybe(hostileText),
      currency: maybe(hostileText),
      organizers: maybe(hostileText),
    })
    .map((r): Command => ({ type: "settings", ...defined(r) })),
  fc
    .oneof(hostileText, fc.constantFrom("mob_1", "mob_0", "mob_99999999999", "mob_-1"))
    .map((payload): Command => ({ type: "start", payload })),
  fc
    .oneof(
      hostileText,
      fc.constantFrom("mob:1:join", "mob:1:spent:0", "mob:1:spent:999999999999", "mob:0:leave"),
      fc
        .tuple(fc.nat(), fc.constantFrom("join", "maybe", "leave", "spent"), fc.bigInt())
        .map(([id, what, n]) => `mob:${id}:${what}:${n}`),
    )
    .map((actionId): Command => ({ type: "action", actionId })),
);

/** Every table's rows: equal snapshots mean a command wrote nothing. */
function snapshot(h: Harness): Promise<string> {
  return h.snapshot();
}

const bugApology = en.t.bug;
const g2 = { id: "g2", name: "Elsewhere", channelId: "c2" };
const g3 = { id: "g3", name: "Paris", channelId: "c3" };

let h: Harness;
afterEach(() => h?.close());

/** Mob #1 in g1 with alice going; members and communities exist, so a refusal must write nothing. */
async function setup(): Promise<Record<string, Actor>> {
  ({ h } = recordingHarness());
  const actors = {
    org: organizer(),
    alice: groupActor("alice"),
    mallory: groupActor("mallory", { community: g2, isOrganizer: true }),
    parisOrg: groupActor("pierre", { community: g3, isOrganizer: true }),
    dm: groupActor("alice", { community: undefined, inPrivateChat: true }),
  };
  expect(
    await say(h.core, actors.org, {
      type: "create",
      shop: "Cave",
      when: "2026-12-05 18:00",
      capacity: "10",
    }),
  ).toBe("Mob #1 is announced.");
  await say(h.core, actors.alice, { type: "join", id: "1" });
  await say(h.core, actors.mallory, { type: "list" });
  await say(h.core, actors.parisOrg, { type: "settings", timezone: "Europe/Paris" });
  await say(h.core, actors.dm, { type: "help" });
  await h.drain();
  return actors;
}

/** Checks the reply to one command; returns whether it was a refusal. */
function expectOneSentence(title: string, refused: boolean): void {
  expect(title.trim()).not.toBe("");
  expect(title).not.toContain("\n");
  expect(title).not.toBe(bugApology);
  if (refused) {
    // Error sentences never echo user text, so any of these is our own bug.
    expect(title).not.toMatch(/undefined|NaN|\[object|Infinity/);
    expect([...title].length).toBeLessThan(300);
  }
}

describe("hostile input through the real core", () => {
  it("any command from anyone gets one sentence back, and a refusal changes nothing", async () => {
    const actors = await setup();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("org", "alice", "mallory", "parisOrg", "dm"),
        command,
        async (who, cmd) => {
          const before = await snapshot(h);
          const answer = await reply(h.core, actors[who] as Actor, cmd);
          const refused = answer.notice.tone === "error";
          expectOneSentence(answer.notice.title, refused);
          if (refused) {
            expect(answer.audience).toBe("personal");
            expect(answer.secret).toBeUndefined();
            expect(await snapshot(h)).toBe(before);
          }
        },
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it("any typed line that parses as a command is handled without a crash", async () => {
    const actors = await setup();
    const line = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            "/newmob",
            "/mob",
            "/mobs",
            "/join",
            "/join@cashmob_bot",
            "/maybe",
            "/leave",
            "/confirm",
            "/cancelmob",
            "/editmob",
            "/spent",
            "/checkin",
            "/tally",
            "/settings",
            "/start",
            "/help",
          ),
          fc.array(hostileText, { maxLength: 6 }),
          fc.constantFrom(" ", " | ", "|", "\n"),
        )
        .map(([name, parts, sep]) => `${name} ${parts.join(sep)}`),
      fc.string({ unit: "binary", maxLength: 200 }).map((s) => `/${s}`),
      hostileText,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("org", "alice", "mallory"), line, async (who, text) => {
        const parsed = parseTextCommand(text);
        if (parsed === null || !parsed.ok) return;
        const before = await snapshot(h);
        const answer = await reply(h.core, actors[who] as Actor, parsed.command);
        const refused = answer.notice.tone === "error";
        expectOneSentence(answer.notice.title, refused);
        if (refused) expect(await snapshot(h)).toBe(before);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("an accepted shop name is stored cleaned: no control or bidi characters, at most 100 characters", async () => {
    const actors = await setup();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, fc.boolean(), async (shop, secret) => {
        const answer = await reply(h.core, actors.org as Actor, {
          type: "create",
          shop,
          when: "2026-12-10 18:00",
          ...(secret ? { secret: "yes" } : {}),
        });
        const id = /^Mob #(\d+) is announced\.$/.exec(answer.notice.title)?.[1];
        if (answer.notice.tone === "error") {
          expect(id).toBeUndefined();
          return;
        }
        accepted++;
        const mob = await h.store.getMob(Number(id));
        expect(mob).not.toBeNull();
        const name = mob?.shopName ?? "";
        expect(name).not.toMatch(UNSAFE);
        expect(name).toBe(name.trim());
        expect(name).not.toMatch(/\s{2}/);
        expect([...name].length).toBeGreaterThan(0);
        expect([...name].length).toBeLessThanOrEqual(100);
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it("a member of another community cannot see, join, cancel or spend on a mob by guessing its id", async () => {
    const actors = await setup();
    h.clock.set(Date.UTC(2026, 11, 5, 18, 30)); // mob #1 is live: spending and check-in are open
    const mallory = actors.mallory as Actor;
    const guess = fc.constantFrom("1", "01", "#1", " 1 ", "001");
    const attempt = fc.oneof(
      guess.map((id): Command => ({ type: "info", id })),
      guess.map((id): Command => ({ type: "join", id })),
      guess.map((id): Command => ({ type: "join", id, maybe: true })),
      guess.map((id): Command => ({ type: "leave", id })),
      guess.map((id): Command => ({ type: "confirm", id })),
      guess.map((id): Command => ({ type: "tally", id })),
      fc.tuple(guess, maybe(hostileText)).map(([id, reason]): Command => {
        return reason === undefined ? { type: "cancel", id } : { type: "cancel", id, reason };
      }),
      fc
        .tuple(guess, fc.constantFrom("15", "20,50", "€10"))
        .map(([id, amount]): Command => ({ type: "spent", id, amount })),
      fc
        .tuple(guess, fc.string({ maxLength: 8 }))
        .map(([id, code]): Command => ({ type: "checkin", id, code })),
      guess.map((id): Command => ({ type: "edit", id, when: "2026-12-20 18:00" })),
      fc
        .constantFrom("join", "maybe", "leave", "spent:1500")
        .map((what): Command => ({ type: "action", actionId: `mob:1:${what}` })),
    );
    await fc.assert(
      fc.asyncProperty(attempt, async (cmd) => {
        const before = await snapshot(h);
        expect(await say(h.core, mallory, cmd)).toBe(
          "There is no mob #1 here; /mobs lists this community's mobs.",
        );
        expect(await snapshot(h)).toBe(before);
      }),
      { numRuns: RUNS },
    );
    expect(await h.core.handler.openMobs("console", "g2")).toEqual([]);
  });

  it("dates far in the past or future, and times lost to daylight saving, are refused with one sentence", async () => {
    const actors = await setup();
    const when = fc.oneof(
      fc
        .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
        .filter((d) => Math.abs(d.getTime() - h.clock.now()) > 400 * 86_400_000)
        .map((d) => d.toISOString().slice(0, 16).replace("T", " ")),
      fc.constantFrom("2027-03-28 02:00", "2027-03-28 02:30", "2027-03-28 02:59"),
    );
    const sentences = new Set<string>();
    await fc.assert(
      fc.asyncProperty(when, async (text) => {
        const before = await snapshot(h);
        const answer = await reply(h.core, actors.parisOrg as Actor, {
          type: "create",
          shop: "Boulangerie",
          when: text,
        });
        expect(answer.notice.tone).toBe("error");
        expectOneSentence(answer.notice.title, true);
        sentences.add(answer.notice.title);
        expect(await snapshot(h)).toBe(before);
      }),
      { numRuns: RUNS },
    );
    expect([...sentences].every((s) => s.startsWith("That ") || s.startsWith("I can't"))).toBe(
      true,
    );
  });
});
