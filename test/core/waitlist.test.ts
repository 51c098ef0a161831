/**
 * A full mob's waitlist: a Join waits in line and is told its place, the counts show who
 * waits, and a place freed (a leave, a going turned maybe, a capacity raised or lifted) goes
 * to the first waiting, who hears it privately, or by a mention where they joined.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Actor, Command } from "../../src/ports/inbound.js";
import {
  groupActor,
  type Harness,
  MINUTE,
  makeHarness,
  organizer,
  say,
} from "../fakes/core-harness.js";
import { noticeText, RecordingPlatform } from "../fakes/recording-platform.js";

let h: Harness;
let p: RecordingPlatform;
afterEach(() => h.close());

function setup(): void {
  p = new RecordingPlatform({ now: () => h.clock.now() }, "console");
  h = makeHarness({ platforms: [p] });
}

const join: Command = { type: "join", id: "1" };
const maybe: Command = { type: "join", id: "1", maybe: true };
const leave: Command = { type: "leave", id: "1" };
const place = (n: number) =>
  `The mob at Cave is full: you are number ${n} on the waitlist. I'll let you know when a place opens up for you.`;

async function mobFor(capacity: string, going: readonly string[], waiting: readonly string[]) {
  await say(h.core, organizer(), {
    type: "create",
    shop: "Cave",
    when: "2026-12-05 18:00",
    capacity,
  });
  for (const name of going) expect(await say(h.core, groupActor(name), join)).toMatch(/You're in/);
  for (const [i, name] of waiting.entries())
    expect(await say(h.core, groupActor(name), join)).toBe(place(i + 1));
  await h.advance(MINUTE);
  p.clear();
}

/** The counts line of the mob as `/mob 1` shows it. */
async function countsLine(): Promise<string> {
  const info = await h.core.handler.handle(groupActor("x"), { type: "info", id: "1" });
  return (
    noticeText(info.notice)
      .split("\n")
      .find((l) => l.includes(" going")) ?? ""
  );
}

/** The counts line of the call-to-action as last edited. */
const ctaCounts = () =>
  noticeText(p.sent.filter((s) => s.via === "edit").at(-1)?.notice ?? p.sent[0]!.notice)
    .split("\n")
    .find((l) => l.includes(" going"));

const dms = () => p.sent.filter((s) => s.via === "dm").map((s) => `${s.to}: ${s.notice.title}`);

describe("a Join on a full mob", () => {
  it("puts the member on the waitlist with their place, in their language, and counts them", async () => {
    setup();
    await mobFor("2", ["ann", "bob"], ["cat", "dan"]);
    const french: Actor = groupActor("eve", {
      user: { id: "eve", displayName: "Eve", locale: "fr" },
    });
    expect(await say(h.core, french, join)).toBe(
      "Le mob chez Cave est complet\u00a0: vous êtes n°\u00a03 sur la liste d'attente. Je vous préviens dès qu'une place se libère pour vous.",
    );
    expect(await say(h.core, groupActor("cat"), join)).toBe(
      "You're already on the waitlist: number 1.",
    );
    expect(await countsLine()).toBe("2 going of 2 · 0 maybe · 3 waiting");
    await h.advance(MINUTE);
    expect(ctaCounts()).toBe("2 going of 2 · 0 maybe · 3 waiting");
    const list = await h.core.handler.handle(groupActor("x"), { type: "list" });
    expect(noticeText(list.notice)).toContain("· 2 going of 2 · 0 maybe · 3 waiting");
    // Nobody waiting: the counts say nothing of a waitlist.
    expect(dms()).toEqual([]);
  });

  it("a maybe still answers as a maybe, and a waiting member who says maybe leaves the line", async () => {
    setup();
    await mobFor("1", ["ann"], ["bob", "cat"]);
    expect(await say(h.core, groupActor("dan"), maybe)).toBe("Marked as maybe for Cave.");
    expect(await say(h.core, groupActor("bob"), maybe)).toBe("Marked as maybe for Cave.");
    expect(await say(h.core, groupActor("cat"), join)).toBe(
      "You're already on the waitlist: number 1.",
    );
    expect(await countsLine()).toBe("1 going of 1 · 2 maybe · 1 waiting");
  });

  it("a maybe who presses Join on a full mob waits, and stops being a maybe", async () => {
    setup();
    await mobFor("1", ["ann"], []);
    await say(h.core, groupActor("bob"), maybe);
    expect(await say(h.core, groupActor("bob"), join)).toBe(place(1));
    expect(await countsLine()).toBe("1 going of 1 · 0 maybe · 1 waiting");
  });
});

describe("a place freed goes to the first waiting", () => {
  it("on a leave: the first waiting goes, hears it by DM, and the counts follow everywhere", async () => {
    setup();
    await mobFor("1", ["ann"], ["bob", "cat"]);
    expect(await say(h.core, groupActor("ann"), leave)).toBe("You left the mob at Cave.");
    await h.advance(MINUTE);
    expect(dms()).toEqual(["bob: A place opened up: you're going to Cave!"]);
    const dm = p.sent.find((s) => s.via === "dm");
    expect(dm?.notice.kind).toBe("promoted");
    expect(dm?.notice.actions.flat().map((a) => a.id)).toEqual(["mob:1:leave"]);
    expect(ctaCounts()).toBe("1 going of 1 · 0 maybe · 1 waiting");
    expect(await say(h.core, groupActor("bob"), join)).toBe("You're already going.");
    expect(await say(h.core, groupActor("cat"), join)).toBe(
      "You're already on the waitlist: number 1.",
    );
  });

  it("on a going member turning maybe", async () => {
    setup();
    await mobFor("1", ["ann"], ["bob"]);
    expect(await say(h.core, groupActor("ann"), maybe)).toBe("Marked as maybe for Cave.");
    await h.advance(MINUTE);
    expect(dms()).toEqual(["bob: A place opened up: you're going to Cave!"]);
    expect(await countsLine()).toBe("1 going of 1 · 1 maybe");
  });

  it("with no DM possible, the member is mentioned in the chat they joined from", async () => {
    setup();
    p.noDm.add("bob");
    await mobFor("1", ["ann"], ["bob"]);
    await say(h.core, groupActor("ann"), leave);
    await h.advance(MINUTE);
    const mention = p.sent.find((s) => s.notice.kind === "unreachable_mentions");
    expect(mention?.to).toBe("chan1");
    expect(noticeText(mention!.notice)).toContain("I couldn't DM you, so here it is: @bob");
    expect(mention?.notice.title).toBe("A place opened up: you're going to Cave!");
  });

  it("on a capacity raised (as many as it opens, in order) or lifted (everyone)", async () => {
    setup();
    await mobFor("1", ["ann"], ["bob", "cat", "dan"]);
    expect(await say(h.core, organizer(), { type: "edit", id: "1", capacity: "3" })).toBe(
      "Mob #1 is updated.",
    );
    await h.advance(MINUTE);
    expect(dms().sort()).toEqual([
      "bob: A place opened up: you're going to Cave!",
      "cat: A place opened up: you're going to Cave!",
    ]);
    expect(await countsLine()).toBe("3 going of 3 · 0 maybe · 1 waiting");
    p.clear();
    await say(h.core, organizer(), { type: "edit", id: "1", capacity: "none" });
    await h.advance(MINUTE);
    expect(dms()).toEqual(["dan: A place opened up: you're going to Cave!"]);
    expect(await countsLine()).toBe("4 going · 0 maybe");
  });

  it("a capacity lowered promotes nobody and sends nobody away", async () => {
    setup();
    await mobFor("2", ["ann", "bob"], ["cat"]);
    await say(h.core, organizer(), { type: "edit", id: "1", capacity: "1" });
    await say(h.core, groupActor("ann"), leave);
    await h.advance(MINUTE);
    expect(dms()).toEqual([]);
    expect(await countsLine()).toBe("1 going of 1 · 0 maybe · 1 waiting");
  });
});

describe("leaving the waitlist", () => {
  it("takes the member out of the line, the next move up, and a second leave changes nothing", async () => {
    setup();
    await mobFor("1", ["ann"], ["bob", "cat"]);
    expect(await say(h.core, groupActor("bob"), leave)).toBe("You left the waitlist for Cave.");
    expect(await say(h.core, groupActor("cat"), join)).toBe(
      "You're already on the waitlist: number 1.",
    );
    expect(await say(h.core, groupActor("bob"), leave)).toBe(
      "You weren't in this mob; nothing changed.",
    );
    await say(h.core, groupActor("ann"), leave);
    await h.advance(MINUTE);
    expect(dms()).toEqual(["cat: A place opened up: you're going to Cave!"]);
  });
});

describe("presses at once", () => {
  const tally = (titles: readonly string[]) => {
    const counts: Record<string, number> = {};
    for (const t of titles) counts[t] = (counts[t] ?? 0) + 1;
    return counts;
  };

  it("20 joins on a mob for 5: 5 go, 15 wait numbered 1 to 15, and places go in that order", async () => {
    setup();
    await mobFor("5", [], []);
    const names = Array.from({ length: 20 }, (_, i) => `m${i}`);
    const titles = await Promise.all(names.map((n) => say(h.core, groupActor(n), join)));
    expect(tally(titles)).toEqual({
      "You're in! See you at Cave.": 5,
      ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [place(i + 1), 1])),
    });
    expect(await countsLine()).toBe("5 going of 5 · 0 maybe · 15 waiting");
    const going = names.filter((_, i) => titles[i]?.startsWith("You're in"));
    // Three of those going leave at once, while five more press Join: still 5 going.
    const late = ["x1", "x2", "x3", "x4", "x5"];
    await Promise.all([
      ...going.slice(0, 3).map((n) => say(h.core, groupActor(n), leave)),
      ...late.map((n) => say(h.core, groupActor(n), join)),
    ]);
    const counts = await h.store.counts(1);
    expect(counts).toEqual({ going: 5, maybe: 0, waiting: 17 });
    await h.advance(MINUTE);
    // The promoted are those told 1, 2 and 3, whatever the order the presses landed in.
    const promoted = dms().map((d) => d.split(":")[0] ?? "");
    expect(promoted.map((n) => titles[names.indexOf(n)]).sort()).toEqual(
      [place(1), place(2), place(3)].sort(),
    );
  });
});
