import { describe, expect, it } from "vitest";
import { compareWithUsualDay } from "../../src/domain/mob.js";
import { formatRelative } from "../../src/i18n/index.js";

const START = Date.UTC(2026, 11, 5, 18, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("how long until the start, rounded as people round", () => {
  it.each([
    [24 * HOUR, "en", "in 24 hours"],
    // The 24-hour reminder, sent a few seconds or minutes late, still says 24 hours.
    [24 * HOUR - 30_000, "en", "in 24 hours"],
    [24 * HOUR - 4 * MINUTE, "en", "in 24 hours"],
    [24 * HOUR - 4 * MINUTE, "fr", "dans 24 heures"],
    [2 * HOUR - 2 * MINUTE, "en", "in 2 hours"],
    // Sent much later (the bot was down): the truth, not the plan.
    [20 * HOUR + 10 * MINUTE, "en", "in 20 hours"],
    [45 * MINUTE, "en", "in 45 minutes"],
    [20_000, "en", "in 1 minute"],
    [3 * 24 * HOUR - HOUR, "en", "in 3 days"],
    [-2 * HOUR, "en", "2 hours ago"],
  ])("%d ms before the start reads %s: %s", (lead, locale, text) => {
    expect(formatRelative(START, START - lead, locale)).toBe(text);
  });
});

describe("the spends against a usual day", () => {
  it.each([
    [0.1, { kind: "share", percent: 10 }],
    [0.5, { kind: "share", percent: 50 }],
    [0.91, { kind: "share", percent: 91 }],
    [0.96, { kind: "multiple", times: 1 }],
    [1.84, { kind: "multiple", times: 1.8 }],
    [2, { kind: "multiple", times: 2 }],
  ])("%d is %o", (ratio, compared) => {
    expect(compareWithUsualDay(ratio)).toEqual(compared);
  });
});
