import { describe, expect, it } from "vitest";
import { computeTally, type Participant, stateAt } from "../../src/domain/mob.js";
import { planTimeline, stillWorthSending, type TimelineSettings } from "../../src/domain/plan.js";

const M = 60_000;
const H = 60 * M;
const START = Date.UTC(2026, 11, 5, 18, 0);
const settings: TimelineSettings = {
  reminderOffsetsMs: [24 * H, 2 * H],
  revealBeforeMs: H,
  tallyDelayMs: 12 * H,
};
const mob = { id: 7, startsAt: START, durationMs: 2 * H, secret: false };

/** `kind@offset-from-start` lines: the timeline at a glance. */
const shape = (plan: ReturnType<typeof planTimeline>) =>
  plan.map((p) => `${p.kind}@${(p.dueAt - START) / H}h${p.includeMaybe ? "+maybe" : ""}`);

describe("planTimeline: the posts a mob is owed", () => {
  it("a mob announced days ahead gets both reminders, the start, the spend question and the tally", () => {
    expect(shape(planTimeline(mob, settings, START - 4 * 24 * H))).toEqual([
      "reminder@-24h+maybe",
      "reminder@-2h",
      "start@0h",
      "spend_question@2h",
      "tally@14h",
    ]);
  });

  it("a mob announced three hours ahead skips the reminder that is already past", () => {
    expect(shape(planTimeline(mob, settings, START - 3 * H))).toEqual([
      "reminder@-2h",
      "start@0h",
      "spend_question@2h",
      "tally@14h",
    ]);
  });

  it("a secret mob is revealed an hour before; announced later, it is revealed at once", () => {
    const secret = { ...mob, secret: true };
    expect(shape(planTimeline(secret, settings, START - 48 * H))).toContain("reveal@-1h");
    const late = planTimeline(secret, settings, START - 30 * M);
    expect(late.find((p) => p.kind === "reveal")?.dueAt).toBe(START - 30 * M);
  });

  it("reminder offsets are de-duplicated and sorted largest first, whatever the config order", () => {
    const plan = planTimeline(
      mob,
      { ...settings, reminderOffsetsMs: [2 * H, 24 * H, 2 * H] },
      START - 48 * H,
    );
    expect(shape(plan).filter((s) => s.startsWith("reminder"))).toEqual([
      "reminder@-24h+maybe",
      "reminder@-2h",
    ]);
  });

  it("keys are stable for the same mob and start, and change when the start moves", () => {
    const a = planTimeline(mob, settings, START - 48 * H).map((p) => p.key);
    const b = planTimeline(mob, settings, START - 30 * H).map((p) => p.key);
    expect(b.every((k) => a.includes(k))).toBe(true);
    expect(new Set(a).size).toBe(a.length);
    const moved = planTimeline({ ...mob, startsAt: START + H }, settings, START - 48 * H);
    expect(moved.some((p) => a.includes(p.key))).toBe(false);
  });
});

describe("stillWorthSending: after downtime, which late posts still help", () => {
  const at = (offset: number) => START + offset;
  it.each([
    ["reminder", at(-H), true],
    ["reminder", at(0), false],
    ["reminder", at(M), false],
    ["call_to_action", at(H), true],
    ["reveal", at(H), true],
    ["start", at(119 * M), true],
    ["start", at(2 * H), false],
    ["rescheduled", at(3 * H), false],
    ["spend_question", at(13 * H), true],
    ["spend_question", at(14 * H), false],
    ["tally", at(100 * H), true],
    ["cancelled", at(100 * H), true],
  ])("a %s at start%+d ms: %s", (kind, now, worth) => {
    expect(stillWorthSending(kind, mob, settings.tallyDelayMs, now)).toBe(worth);
  });
});

describe("stateAt: live and ended follow from the clock", () => {
  const announced = { status: "announced" as const, startsAt: START, durationMs: 2 * H };
  it.each([
    [announced, START - 1, "announced"],
    [announced, START, "live"],
    [announced, START + 2 * H - 1, "live"],
    [announced, START + 2 * H, "ended"],
    [{ ...announced, status: "draft" as const }, START + H, "draft"],
    [{ ...announced, status: "cancelled" as const }, START + H, "cancelled"],
    [{ ...announced, status: "tallied" as const }, START - H, "tallied"],
  ])("%j at %d is %s", (m, now, state) => {
    expect(stateAt(m, now)).toBe(state);
  });
});

describe("computeTally", () => {
  const p = (
    status: Participant["status"],
    spentMinor: number | null,
    checkedInAt: number | null = null,
    pledgeMinor: number | null = null,
  ): Participant => ({ memberId: 1, status, pledgeMinor, spentMinor, checkedInAt, chatId: null });
  const noGoal = { goalMinor: null, takingsMinor: null, pledgeMinor: 1_500 };

  it("with nobody reporting, the tally is empty and has no average", () => {
    expect(computeTally(noGoal, [p("going", null)])).toEqual({
      mobbers: 0,
      reporters: 0,
      checkedIn: 0,
      totalMinor: 0,
      averageMinor: null,
      goalRatio: null,
      takingsRatio: null,
      going: 1,
      pledgedMinor: 1_500,
    });
  });

  it("counts spenders and check-ins as mobbers, averages over spenders, sums the going pledges, and compares to goal and takings", () => {
    const tally = computeTally({ goalMinor: 10_000, takingsMinor: 5_000, pledgeMinor: 1_500 }, [
      p("going", 2_000, null, 2_500),
      p("going", 2_550),
      p("going", null, START),
      p("maybe", null),
      p("maybe", 1_000, START),
    ]);
    expect(tally).toEqual({
      mobbers: 4,
      reporters: 3,
      checkedIn: 2,
      totalMinor: 5_550,
      averageMinor: 1_850,
      goalRatio: 0.555,
      takingsRatio: 1.11,
      going: 3,
      pledgedMinor: 2_500 + 1_500 + 1_500,
    });
  });

  it("the average is rounded to a whole minor unit", () => {
    const tally = computeTally(noGoal, [p("going", 1), p("going", 1), p("going", 2)]);
    expect(tally.averageMinor).toBe(1);
    expect(Number.isInteger(tally.averageMinor)).toBe(true);
  });
});
