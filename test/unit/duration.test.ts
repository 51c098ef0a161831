import { describe, expect, it } from "vitest";
import {
  formatDuration,
  MAX_MOB_DURATION_MS,
  MIN_MOB_DURATION_MS,
  parseDurationMs,
  parseMobDuration,
} from "../../src/domain/duration.js";

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("parseDurationMs reads durations as people write them", () => {
  it.each([
    ["90s", 90 * S],
    ["15m", 15 * M],
    ["2h", 2 * H],
    ["1d", D],
    ["1h30m", 90 * M],
    ["1h 30m", 90 * M],
    ["1.5h", 90 * M],
    ["  2h  ", 2 * H],
    ["2H", 2 * H],
    ["1d2h3m4s", D + 2 * H + 3 * M + 4 * S],
    ["0s", 0],
  ])("%j is %d ms", (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each([
    [""],
    ["   "],
    ["abc"],
    ["2"],
    ["2x"],
    ["h"],
    ["-1h"],
    ["1e3h"],
    ["2h junk"],
    ["NaN"],
    ["Infinity"],
    ["1h,30m"],
  ])("%j is not a duration", (text) => {
    expect(parseDurationMs(text)).toBeNull();
  });

  it("a duration too large to count in milliseconds is not a duration", () => {
    expect(parseDurationMs(`${"9".repeat(400)}d`)).toBeNull();
  });
});

describe("formatDuration writes durations back, largest units first", () => {
  it.each([
    [90 * M, "1h30m"],
    [2 * H, "2h"],
    [D + H + M + S, "1d1h1m1s"],
    [45 * S, "45s"],
    [0, "0s"],
    [-5 * S, "0s"],
    [1_499, "1s"],
  ])("%d ms is %j", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([["90s"], ["15m"], ["1h30m"], ["2d"], ["1d2h3m4s"]])(
    "%j survives a round trip through parse and format",
    (text) => {
      const ms = parseDurationMs(text);
      expect(ms).not.toBeNull();
      expect(parseDurationMs(formatDuration(ms ?? 0))).toBe(ms);
    },
  );
});

describe("parseMobDuration accepts a mob length from 15 minutes to 2 days", () => {
  it.each([
    ["15m", MIN_MOB_DURATION_MS],
    ["2h", 2 * H],
    ["2d", MAX_MOB_DURATION_MS],
    ["48h", MAX_MOB_DURATION_MS],
  ])("%j is accepted", (text, ms) => {
    expect(parseMobDuration(text)).toEqual({ ok: true, value: ms });
  });

  it.each([["14m"], ["899s"], ["2d1s"], ["3d"], ["0s"], ["soon"], [""]])(
    "%j is refused as DURATION_INVALID",
    (text) => {
      expect(parseMobDuration(text)).toEqual({
        ok: false,
        code: "DURATION_INVALID",
        field: "duration",
      });
    },
  );
});
