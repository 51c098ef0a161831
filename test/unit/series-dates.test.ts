import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { nextOccurrence } from "../../src/domain/series-dates.js";
import { parseSeriesRule, type SeriesRule } from "../../src/domain/series-rule.js";
import { seriesRules } from "../support/series-rules.js";

const rule = (text: string): SeriesRule => {
  const parsed = parseSeriesRule(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.code}`);
  return parsed.value;
};
/** An instant written as a local time with its offset, e.g. `2027-03-28T03:30+02:00`. */
const at = (iso: string) => {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new Error(iso);
  return dt.toMillis();
};
/** How the community sees an instant: its local time and offset. */
const local = (ms: number, zone: string) =>
  DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mmZZ");

/** The next `count` occurrences after `after`, each asked for after the previous one. */
function occurrences(text: string, zone: string, after: string, count: number, anchor?: string) {
  const found: string[] = [];
  let last = at(after);
  for (let i = 0; i < count; i++) {
    last = nextOccurrence(rule(text), last, zone, anchor === undefined ? undefined : at(anchor));
    found.push(local(last, zone));
  }
  return found;
}

describe("weekly occurrences keep their wall-clock time across DST changes", () => {
  it.each([
    [
      "Paris, spring forward (Sun 28 Mar 2027)",
      "every week sunday 18:00",
      "Europe/Paris",
      "2027-03-20T00:00+01:00",
      ["2027-03-21T18:00+01:00", "2027-03-28T18:00+02:00", "2027-04-04T18:00+02:00"],
    ],
    [
      "Paris, fall back (Sun 31 Oct 2027)",
      "every week sunday 18:00",
      "Europe/Paris",
      "2027-10-23T00:00+02:00",
      ["2027-10-24T18:00+02:00", "2027-10-31T18:00+01:00", "2027-11-07T18:00+01:00"],
    ],
    [
      "Paris, Saturdays either side of the spring change",
      "every week saturday 18:00",
      "Europe/Paris",
      "2027-03-20T00:00+01:00",
      ["2027-03-20T18:00+01:00", "2027-03-27T18:00+01:00", "2027-04-03T18:00+02:00"],
    ],
    [
      "New York, spring forward (Sun 14 Mar 2027)",
      "every week sunday 18:00",
      "America/New_York",
      "2027-03-06T00:00-05:00",
      ["2027-03-07T18:00-05:00", "2027-03-14T18:00-04:00", "2027-03-21T18:00-04:00"],
    ],
    [
      "New York, fall back (Sun 7 Nov 2027)",
      "every week sunday 18:00",
      "America/New_York",
      "2027-10-30T00:00-04:00",
      ["2027-10-31T18:00-04:00", "2027-11-07T18:00-05:00", "2027-11-14T18:00-05:00"],
    ],
  ])("%s", (_name, text, zone, after, expected) => {
    expect(occurrences(text, zone, after, 3)).toEqual(expected);
  });
});

describe("a time the clocks skip or repeat is resolved as calendars (RFC 5545) do", () => {
  it.each([
    [
      "02:30 does not exist in Paris on 28 Mar 2027: 03:30 that day, 02:30 again after",
      "every week sunday 02:30",
      "Europe/Paris",
      "2027-03-20T00:00+01:00",
      ["2027-03-21T02:30+01:00", "2027-03-28T03:30+02:00", "2027-04-04T02:30+02:00"],
    ],
    [
      "02:30 happens twice in Paris on 31 Oct 2027: the first, and only once",
      "every week sunday 02:30",
      "Europe/Paris",
      "2027-10-23T00:00+02:00",
      ["2027-10-24T02:30+02:00", "2027-10-31T02:30+02:00", "2027-11-07T02:30+01:00"],
    ],
    [
      "02:30 does not exist in New York on 14 Mar 2027: 03:30 that day",
      "every week sunday 02:30",
      "America/New_York",
      "2027-03-06T00:00-05:00",
      ["2027-03-07T02:30-05:00", "2027-03-14T03:30-04:00", "2027-03-21T02:30-04:00"],
    ],
    [
      "01:30 happens twice in New York on 7 Nov 2027: the first, and only once",
      "every week sunday 01:30",
      "America/New_York",
      "2027-10-30T00:00-04:00",
      ["2027-10-31T01:30-04:00", "2027-11-07T01:30-04:00", "2027-11-14T01:30-05:00"],
    ],
    [
      "monthly too: the last Sunday of March 2027 at 02:30 in Paris is 03:30",
      "monthly last sunday 02:30",
      "Europe/Paris",
      "2027-02-01T00:00+01:00",
      ["2027-02-28T02:30+01:00", "2027-03-28T03:30+02:00", "2027-04-25T02:30+02:00"],
    ],
  ])("%s", (_name, text, zone, after, expected) => {
    expect(occurrences(text, zone, after, 3)).toEqual(expected);
  });
});

describe("monthly occurrences", () => {
  it.each([
    [
      "last Saturday: the 5th in January 2027, the 4th in February 2027",
      "monthly last saturday 15:00",
      "2027-01-01T00:00+01:00",
      ["2027-01-30T15:00+01:00", "2027-02-27T15:00+01:00", "2027-03-27T15:00+01:00"],
    ],
    [
      "fourth Saturday is not the last in a 5-Saturday month",
      "monthly fourth saturday 15:00",
      "2027-01-01T00:00+01:00",
      ["2027-01-23T15:00+01:00", "2027-02-27T15:00+01:00", "2027-03-27T15:00+01:00"],
    ],
    [
      "first Saturday across the year boundary",
      "monthly first saturday 15:00",
      "2026-12-05T15:00+01:00",
      ["2027-01-02T15:00+01:00", "2027-02-06T15:00+01:00", "2027-03-06T15:00+01:00"],
    ],
    [
      "last Tuesday of leap February 2028 is the 29th",
      "monthly last tuesday 19:00",
      "2028-02-01T00:00+01:00",
      ["2028-02-29T19:00+01:00", "2028-03-28T19:00+02:00", "2028-04-25T19:00+02:00"],
    ],
    [
      "fourth Tuesday of leap February 2028 is the 22nd",
      "monthly fourth tuesday 19:00",
      "2028-02-01T00:00+01:00",
      ["2028-02-22T19:00+01:00", "2028-03-28T19:00+02:00", "2028-04-25T19:00+02:00"],
    ],
    [
      "last Sunday of February 2027 (not a leap year) is the 28th",
      "monthly last sunday 11:00",
      "2027-02-01T00:00+01:00",
      ["2027-02-28T11:00+01:00", "2027-03-28T11:00+02:00", "2027-04-25T11:00+02:00"],
    ],
    [
      "this month's occurrence when it is still ahead",
      "monthly second friday 18:00",
      "2027-01-08T17:59+01:00",
      ["2027-01-08T18:00+01:00", "2027-02-12T18:00+01:00", "2027-03-12T18:00+01:00"],
    ],
  ])("%s", (_name, text, after, expected) => {
    expect(occurrences(text, "Europe/Paris", after, 3)).toEqual(expected);
  });
});

describe("every N weeks counts from the series' first occurrence", () => {
  const anchor = "2026-12-05T18:00+01:00"; // a Saturday
  it.each([
    [1, ["2026-12-12T18:00+01:00", "2026-12-19T18:00+01:00", "2026-12-26T18:00+01:00"]],
    [2, ["2026-12-19T18:00+01:00", "2027-01-02T18:00+01:00", "2027-01-16T18:00+01:00"]],
    [3, ["2026-12-26T18:00+01:00", "2027-01-16T18:00+01:00", "2027-02-06T18:00+01:00"]],
  ])("every %i weeks from Sat 5 Dec 2026, across the new year", (weeks, expected) => {
    expect(
      occurrences(`every ${weeks} weeks saturday 18:00`, "Europe/Paris", anchor, 3, anchor),
    ).toEqual(expected);
  });

  it("asked again at any moment (a restart, a skip), the cadence does not shift", () => {
    const text = "every 2 weeks saturday 18:00";
    const zone = "Europe/Paris";
    for (const after of [
      "2026-12-06T09:00+01:00",
      "2026-12-12T18:00+01:00",
      "2026-12-19T17:59+01:00",
    ]) {
      expect(local(nextOccurrence(rule(text), at(after), zone, at(anchor)), zone)).toBe(
        "2026-12-19T18:00+01:00",
      );
    }
    expect(
      local(nextOccurrence(rule(text), at("2026-12-19T18:00+01:00"), zone, at(anchor)), zone),
    ).toBe("2027-01-02T18:00+01:00");
  });

  it("without an anchor the first occurrence is simply the next such weekday", () => {
    const first = nextOccurrence(
      rule("every 3 weeks saturday 18:00"),
      at("2026-12-01T12:00+01:00"),
      "Europe/Paris",
    );
    expect(local(first, "Europe/Paris")).toBe("2026-12-05T18:00+01:00");
  });

  it("never gives an occurrence before the anchor", () => {
    const next = nextOccurrence(
      rule("every 2 weeks saturday 18:00"),
      at("2026-11-01T00:00+01:00"),
      "Europe/Paris",
      at(anchor),
    );
    expect(local(next, "Europe/Paris")).toBe("2026-12-05T18:00+01:00");
  });

  it("is strictly after the instant given, never the same occurrence twice", () => {
    const start = at("2026-12-05T18:00+01:00");
    expect(nextOccurrence(rule("every week saturday 18:00"), start - 1, "Europe/Paris")).toBe(
      start,
    );
    expect(nextOccurrence(rule("every week saturday 18:00"), start, "Europe/Paris")).toBe(
      at("2026-12-12T18:00+01:00"),
    );
  });
});

describe("properties over zones, rules and years", () => {
  const zones = fc.constantFrom(
    "Europe/Paris",
    "America/New_York",
    "Australia/Sydney",
    "America/Santiago",
    "Asia/Tokyo",
    "UTC",
  );
  const rules = seriesRules({ maxWeeks: 5, minute: fc.constantFrom(0, 15, 30, 45) });
  const start = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2031, 0, 1) });

  it("a restart at any moment between two occurrences finds the same next one", () => {
    fc.assert(
      fc.property(
        rules,
        zones,
        start,
        fc.integer({ min: 0, max: 11 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (r, zone, from, k, t) => {
          const anchor = nextOccurrence(r, from, zone);
          const chain = [anchor];
          for (let i = 0; i < 12; i++)
            chain.push(nextOccurrence(r, chain[i] as number, zone, anchor));
          const a = chain[k] as number;
          const b = chain[k + 1] as number;
          expect(b).toBeGreaterThan(a);
          const between = a + Math.floor((b - a - 1) * t);
          expect(nextOccurrence(r, between, zone, anchor)).toBe(b);
        },
      ),
    );
  });

  it("each occurrence is on the rule's weekday, at its time unless the clocks skip it, at its cadence", () => {
    fc.assert(
      fc.property(rules, zones, start, (r, zone, from) => {
        const anchor = nextOccurrence(r, from, zone);
        let previous = DateTime.fromMillis(anchor, { zone });
        for (let i = 0; i < 8; i++) {
          const next = DateTime.fromMillis(nextOccurrence(r, previous.toMillis(), zone, anchor), {
            zone,
          });
          expect(next.weekday).toBe(r.weekday);
          const wanted = DateTime.fromObject(
            {
              year: next.year,
              month: next.month,
              day: next.day,
              hour: r.time.hour,
              minute: r.time.minute,
            },
            { zone },
          );
          const exists = wanted.hour === r.time.hour && wanted.minute === r.time.minute;
          if (exists) expect([next.hour, next.minute]).toEqual([r.time.hour, r.time.minute]);
          const days = Math.round(
            DateTime.utc(next.year, next.month, next.day).diff(
              DateTime.utc(previous.year, previous.month, previous.day),
              "days",
            ).days,
          );
          if (r.kind === "weekly") expect(days).toBe(7 * r.weeks);
          else {
            const months = next.year * 12 + next.month - (previous.year * 12 + previous.month);
            expect(months).toBe(1);
            if (r.ordinal === "last") expect(next.plus({ days: 7 }).month).not.toBe(next.month);
            else expect(Math.ceil(next.day / 7)).toBe(r.ordinal);
          }
          previous = next;
        }
      }),
    );
  });
});
