import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Command } from "../../src/ports/inbound.js";
import { groupActor, type Harness, HOUR, organizer, say } from "../fakes/core-harness.js";
import { recordingHarness, restartsOn } from "../fakes/core-scene.js";
import type { RecordingPlatform } from "../fakes/recording-platform.js";
import { tempDirEachTest } from "../support/each-test.js";

/** T0 is Tuesday 1 December 2026, 12:00 UTC; the community's zone is UTC. */
const DAY = 24 * HOUR;
const SAT_5 = Date.UTC(2026, 11, 5, 18, 0);
const SAT_12 = Date.UTC(2026, 11, 12, 18, 0);
const SAT_19 = Date.UTC(2026, 11, 19, 18, 0);

const dir = tempDirEachTest("cashmob-series-");
let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

const series = (rest: Omit<Extract<Command, { action: "new" }>, "type" | "action">): Command => ({
  type: "series",
  action: "new",
  ...rest,
});

/** A harness with one recording platform, closed after the test. */
function boot() {
  const booted = recordingHarness();
  h = booted.h;
  return { ...booted, clock: booted.h.clock };
}

const kinds = (p: RecordingPlatform, kind: string) => p.sent.filter((s) => s.notice.kind === kind);
const votesFor = async (h: Harness) =>
  (await h.query("SELECT mob_at FROM votes ORDER BY id")).map((r) => Number(r.mob_at));

describe("a series of mobs", () => {
  it("answers with its number and next date, and its vote opens by itself that long before", async () => {
    const { h, platform, clock } = boot();
    await say(h.core, groupActor("ann"), { type: "nominate", shop: "Librairie du Parc" });
    expect(
      await say(
        h.core,
        organizer(),
        series({ rule: "every week saturday 18:00", pledge: "20", capacity: "12", vote: "3d" }),
      ),
    ).toBe(
      "Series #1 is on: every week on Saturday at 18:00. Next: Sat 5 Dec 2026, 18:00 (UTC); its vote among the queued shops opens Wed 2 Dec 2026, 18:00 (UTC).",
    );
    await h.advance(SAT_5 - 3 * DAY - 60_000 - clock.now(), HOUR);
    expect(kinds(platform, "vote")).toHaveLength(0);
    await h.advance(2 * 60_000);
    expect(kinds(platform, "vote").map((s) => s.notice.title)).toEqual([
      "Vote: where do we mob on Sat 5 Dec 2026, 18:00 (UTC)?",
    ]);
    expect(await votesFor(h)).toEqual([SAT_5]);
  });

  it("the vote's winner becomes the occurrence's draft, with the series' pledge and capacity, and the next occurrence is planned", async () => {
    const { h, platform, clock } = boot();
    await say(h.core, groupActor("ann"), { type: "nominate", shop: "Librairie du Parc" });
    await say(h.core, groupActor("bob"), { type: "nominate", shop: "Fromagerie" });
    await say(
      h.core,
      organizer(),
      series({ rule: "every week sat 18h", pledge: "20", capacity: "12", vote: "3d" }),
    );
    await h.advance(SAT_5 - 3 * DAY - clock.now());
    await say(h.core, groupActor("ann"), { type: "action", actionId: "vote:1:2" });
    // The vote closes 48 h after it opened, a day before the mob.
    await h.advance(2 * DAY, HOUR);
    expect(kinds(platform, "vote_result").map((s) => s.notice.title)).toEqual([
      "The vote chose Fromagerie!",
    ]);
    expect(await h.store.getMob(1)).toMatchObject({
      shopName: "Fromagerie",
      status: "draft",
      startsAt: SAT_5,
      pledgeMinor: 2000,
      capacity: 12,
    });
    expect((await h.store.getSeries(1))?.nextAt).toBe(SAT_12);
    // The organizer confirms it as any draft; the series goes on to the next Saturday's vote.
    expect(await say(h.core, organizer(), { type: "confirm", id: "1" })).toMatch(/announced/i);
    await h.advance(SAT_12 - 3 * DAY - clock.now(), HOUR);
    expect(await votesFor(h)).toEqual([SAT_5, SAT_12]);
    expect(await say(h.core, groupActor("ann"), { type: "series", action: "list" })).toBe(
      "Series (1)",
    );
  });

  it("with an empty queue the creator is told privately, and the series moves on to the next date", async () => {
    const { h, platform, clock } = boot();
    await say(h.core, organizer(), series({ rule: "every week saturday 18:00", vote: "3d" }));
    await h.advance(SAT_5 - 3 * DAY - clock.now() + HOUR, HOUR);
    const told = kinds(platform, "series_no_shop");
    expect(told.map((s) => `${s.via} ${s.to} ${s.notice.title}`)).toEqual([
      "dm org No shop yet for the mob of Sat 5 Dec 2026, 18:00 (UTC)",
    ]);
    expect(await votesFor(h)).toEqual([]);
    expect((await h.store.getSeries(1))?.nextAt).toBe(SAT_12);
    // Shops nominated since get the next Saturday's vote.
    await say(h.core, groupActor("ann"), { type: "nominate", shop: "Cave" });
    await h.advance(SAT_12 - 3 * DAY - clock.now(), HOUR);
    expect(await votesFor(h)).toEqual([SAT_12]);
    expect(kinds(platform, "series_no_shop")).toHaveLength(1);
  });

  it("skip skips the next occurrence (closing its open vote, shops kept), stop ends the series", async () => {
    const { h, clock } = boot();
    await say(h.core, groupActor("ann"), { type: "nominate", shop: "Cave" });
    await say(h.core, organizer(), series({ rule: "every week saturday 18:00", vote: "3d" }));
    await h.advance(SAT_5 - 3 * DAY - clock.now());
    expect(await votesFor(h)).toEqual([SAT_5]);
    expect(await say(h.core, organizer(), { type: "series", action: "skip", id: "1" })).toBe(
      "Series #1: the mob of Sat 5 Dec 2026, 18:00 (UTC) is skipped; the next one is Sat 12 Dec 2026, 18:00 (UTC).",
    );
    expect(await h.store.getVote(1)).toMatchObject({ status: "closed", mobId: null });
    expect((await h.store.getNomination(1))?.status).toBe("queued");
    await h.advance(SAT_12 - 3 * DAY - clock.now(), HOUR);
    expect(await votesFor(h)).toEqual([SAT_5, SAT_12]);
    expect(await h.count("mobs")).toBe(0);

    expect(await say(h.core, organizer(), { type: "series", action: "stop", id: "#1" })).toBe(
      "Series #1 is stopped; mobs already made stay as they are.",
    );
    expect((await h.store.getVote(2))?.status).toBe("closed");
    await h.advance(SAT_19 - clock.now(), 6 * HOUR);
    expect(await votesFor(h)).toEqual([SAT_5, SAT_12]);
    expect(await h.count("mobs")).toBe(0);
    expect(await say(h.core, organizer(), { type: "series", action: "list" })).toBe(
      "No series yet; /series <rule> starts one.",
    );
    expect(await say(h.core, organizer(), { type: "series", action: "stop", id: "1" })).toBe(
      "Series #1 is already stopped.",
    );
  });

  it("cancelling one occurrence's mob leaves the series alone", async () => {
    const { h, clock } = boot();
    for (const shop of ["Cave", "Fromagerie"])
      await say(h.core, groupActor("ann"), { type: "nominate", shop });
    await say(h.core, organizer(), series({ rule: "every week saturday 18:00", vote: "3d" }));
    await h.advance(SAT_5 - 3 * DAY - clock.now());
    await say(h.core, groupActor("ann"), { type: "action", actionId: "vote:1:1" });
    await h.advance(2 * DAY, HOUR);
    await say(h.core, organizer(), { type: "cancel", id: "1" });
    await h.advance(SAT_12 - 3 * DAY - clock.now(), HOUR);
    expect(await votesFor(h)).toEqual([SAT_5, SAT_12]);
    expect((await h.store.getSeries(1))?.status).toBe("active");
  });

  it.each([
    [
      series({ rule: "every week satday 18:00" }),
      "Say which day of the week, like saturday or sat: every week saturday 18:00.",
    ],
    [
      series({ rule: "monthly fifth saturday 15:00" }),
      "Say which one of the month: first, second, third, fourth or last, like monthly last friday 18:00.",
    ],
    [
      series({ rule: "every week saturday 18:00", vote: "30m" }),
      "The vote opens between 2h and 60d before each mob; write it like vote=7d or vote=3d12h.",
    ],
    [
      series({ rule: "every week saturday 18:00", capacity: "lots" }),
      "The capacity must be a whole number from 1 to 10000.",
    ],
    [
      { type: "series", action: "skip", id: "9" } as Command,
      "There is no series #9 here; /series lists them.",
    ],
    [
      { type: "series", action: "stop", id: "x" } as Command,
      "The series number is a whole number, like 3.",
    ],
  ])("bad input gets one sentence and changes nothing (%#)", async (command, sentence) => {
    const { h } = boot();
    const before = await h.snapshot(["series", "outbox", "votes"]);
    expect(await say(h.core, organizer(), command)).toBe(sentence);
    expect(await h.snapshot(["series", "outbox", "votes"])).toEqual(before);
  });

  it("only organizers start, skip or stop a series", async () => {
    const { h } = boot();
    await say(h.core, organizer(), series({ rule: "monthly first saturday 15:00" }));
    for (const command of [
      series({ rule: "every week saturday 18:00" }),
      { type: "series", action: "skip", id: "1" } as Command,
      { type: "series", action: "stop", id: "1" } as Command,
    ])
      expect(await say(h.core, groupActor("ann"), command)).toMatch(/organizer/i);
    expect((await h.store.getSeries(1))?.nextAt).toBe(Date.UTC(2026, 11, 5, 15, 0));
  });
});

describe("a series across restarts", () => {
  it("neither skips nor doubles an occurrence when the bot restarts, crashes mid-step, or is down", async () => {
    const life = restartsOn(join(dir(), "bot.db"));
    const { clock, platform } = life;
    /** A new process on the file, closed after the test if still open. */
    const reboot = () => {
      h = life.boot();
      return h;
    };
    let bot = reboot();
    for (const shop of ["A", "B", "C", "D", "E", "F"])
      await say(bot.core, groupActor("ann"), { type: "nominate", shop });
    await say(bot.core, organizer(), series({ rule: "every week saturday 18:00", vote: "3d" }));
    const vote = async (n: number) => {
      await say(bot.core, groupActor("ann"), { type: "action", actionId: `vote:${n}:${n}` });
    };

    // First life: up to the first vote's opening, then the process stops.
    await bot.advance(SAT_5 - 3 * DAY - clock.now());
    await vote(1);
    bot.close();

    // Second life: the first vote closes; the second occurrence's step is claimed and the
    // process dies before its unit ran.
    bot = reboot();
    await bot.advance(SAT_12 - 3 * DAY - clock.now() - 60_000, HOUR);
    clock.set(SAT_12 - 3 * DAY);
    const dying = { holder: "the process that dies", until: clock.now() + 30_000 };
    expect(
      (await bot.store.claimDue(clock.now(), 100, new Map(), dying)).map((r) => r.kind),
    ).toEqual(["series_open"]);
    bot.close();

    // Third life: the step runs once; then the bot is down over the third vote's opening.
    // (On PostgreSQL the dead process's claim is taken over once its 30 s lease ends.)
    bot = reboot();
    await bot.advance(31_000, 1_000);
    await vote(2);
    await bot.advance(2 * DAY, HOUR);
    bot.close();
    clock.set(SAT_19 - 3 * DAY + 6 * HOUR);
    bot = reboot();
    await bot.drain();
    await vote(3);
    await bot.advance(SAT_19 - clock.now() + DAY, HOUR);

    expect(await votesFor(bot)).toEqual([SAT_5, SAT_12, SAT_19]);
    const mobs = await bot.query("SELECT starts_at FROM mobs ORDER BY id");
    expect(mobs.map((m) => Number(m.starts_at))).toEqual([SAT_5, SAT_12, SAT_19]);
    expect(kinds(platform, "vote_result")).toHaveLength(3);
    expect((await bot.store.getSeries(1))?.nextAt).toBe(Date.UTC(2026, 11, 26, 18, 0));
  });
});
