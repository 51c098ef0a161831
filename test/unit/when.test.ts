import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { MAX_AHEAD_MS, parseWhen } from "../../src/domain/when.js";

/** Sun 2026-12-01 12:00 UTC. */
const NOW = Date.UTC(2026, 11, 1, 12, 0);
const utc = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" }).toMillis();

describe("parseWhen reads a start time in the community's zone", () => {
  it.each([
    ["2026-12-05 18:00", "UTC", "2026-12-05T18:00"],
    ["2026-12-05T18:00", "UTC", "2026-12-05T18:00"],
    ["2026-12-05 18:00", "Europe/Paris", "2026-12-05T17:00"],
    ["2026-12-05 18:00", "America/New_York", "2026-12-05T23:00"],
    ["2026-12-05 18:00", "Asia/Tokyo", "2026-12-05T09:00"],
    ["2026-12-5 9:05", "UTC", "2026-12-05T09:05"],
    ["05/12/2026 18:00", "Europe/Paris", "2026-12-05T17:00"],
    ["05/12/2026 18h", "Europe/Paris", "2026-12-05T17:00"],
    ["2026-12-05 18h30", "Europe/Paris", "2026-12-05T17:30"],
    ["2026-12-05 à 18h", "Europe/Paris", "2026-12-05T17:00"],
    ["2026-12-05 at 18:00", "UTC", "2026-12-05T18:00"],
    ["tomorrow 18:00", "UTC", "2026-12-02T18:00"],
    ["Tomorrow 18:00", "UTC", "2026-12-02T18:00"],
    ["demain 18h", "Europe/Paris", "2026-12-02T17:00"],
    ["today 20:00", "UTC", "2026-12-01T20:00"],
    ["aujourd'hui 20h", "UTC", "2026-12-01T20:00"],
    ["in 90m", "UTC", "2026-12-01T13:30"],
    ["dans 2h", "Europe/Paris", "2026-12-01T14:00"],
    ["+2h", "UTC", "2026-12-01T14:00"],
    ["in 1d", "Asia/Tokyo", "2026-12-02T12:00"],
  ])("%j in %s is %s UTC", (text, zone, expected) => {
    expect(parseWhen(text, zone, NOW)).toEqual({ ok: true, value: utc(expected) });
  });

  it("'tomorrow' is the next day in the community's zone, not in UTC", () => {
    // 23:30 UTC on Dec 1 is already Dec 2 in Tokyo: tomorrow there is Dec 3.
    const lateUtc = Date.UTC(2026, 11, 1, 23, 30);
    expect(parseWhen("tomorrow 10:00", "Asia/Tokyo", lateUtc)).toEqual({
      ok: true,
      value: utc("2026-12-03T01:00"),
    });
  });

  it.each([
    ["2026-11-30 18:00", "a date in the past"],
    ["2026-12-01 12:00", "exactly now"],
    ["today 08:00", "earlier today"],
    ["in 0s", "zero from now"],
    ["01/01/2000 10:00", "long ago"],
  ])("%j (%s) is refused as DATE_IN_PAST", (text) => {
    expect(parseWhen(text, "UTC", NOW)).toEqual({
      ok: false,
      code: "DATE_IN_PAST",
      field: "when",
    });
  });

  it.each([["2028-01-01 10:00"], ["in 367d"], ["9999-12-31 23:59"]])(
    "%j, more than a year ahead, is refused as DATE_TOO_FAR",
    (text) => {
      expect(parseWhen(text, "UTC", NOW)).toEqual({
        ok: false,
        code: "DATE_TOO_FAR",
        field: "when",
      });
    },
  );

  it("just under a year ahead is still accepted", () => {
    const result = parseWhen(`in ${MAX_AHEAD_MS / 3_600_000}h`, "UTC", NOW);
    expect(result).toEqual({ ok: true, value: NOW + MAX_AHEAD_MS });
  });

  it.each([
    ["garbage"],
    [""],
    ["2026-12-05"],
    ["18:00"],
    ["next friday"],
    ["2026-12-05 25:00"],
    ["2026-12-05 18:60"],
    ["2026-02-30 10:00"],
    ["2026-13-01 10:00"],
    ["32/12/2026 10:00"],
    ["in soon"],
    ["+"],
    ["2026-12-05 18:00 extra"],
    ["1796490000000"],
  ])("%j is refused as DATE_UNPARSEABLE", (text) => {
    expect(parseWhen(text, "UTC", NOW)).toEqual({
      ok: false,
      code: "DATE_UNPARSEABLE",
      field: "when",
    });
  });
});

describe("daylight saving time", () => {
  const march = Date.UTC(2027, 2, 1, 12, 0);
  const october = Date.UTC(2027, 9, 1, 12, 0);

  it.each([
    ["2027-03-28 02:30", "Europe/Paris"],
    ["2027-03-28 02:00", "Europe/Paris"],
    ["28/03/2027 02h59", "Europe/Paris"],
    ["2027-03-14 02:30", "America/New_York"],
  ])("%j does not exist in %s (clocks jump forward) and is refused", (text, zone) => {
    expect(parseWhen(text, zone, march)).toMatchObject({
      ok: false,
      code: "DATE_NONEXISTENT",
      field: "when",
    });
  });

  it.each([
    ["2027-03-28 01:59", "Europe/Paris", "2027-03-28T00:59"],
    ["2027-03-28 03:00", "Europe/Paris", "2027-03-28T01:00"],
    ["2027-03-14 03:00", "America/New_York", "2027-03-14T07:00"],
  ])("%j, either side of the gap in %s, is %s UTC", (text, zone, expected) => {
    expect(parseWhen(text, zone, march)).toEqual({ ok: true, value: utc(expected) });
  });

  it.each([
    ["2027-10-31 02:30", "Europe/Paris", ["2027-10-31T00:30", "2027-10-31T01:30"]],
    ["2027-11-07 01:30", "America/New_York", ["2027-11-07T05:30", "2027-11-07T06:30"]],
  ])(
    "%j, which happens twice in %s, resolves to one of its two instants",
    (text, zone, instants) => {
      const result = parseWhen(text, zone, october);
      expect(result.ok).toBe(true);
      const value = result.ok ? result.value : Number.NaN;
      expect(instants.map(utc)).toContain(value);
      const [day, time] = text.split(" ");
      expect(DateTime.fromMillis(value, { zone }).toFormat("yyyy-MM-dd HH:mm")).toBe(
        `${day} ${time}`,
      );
    },
  );
});
