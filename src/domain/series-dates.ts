import { DateTime } from "luxon";
import type { Ordinal, SeriesRule, WallTime, Weekday } from "./series-rule.js";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A calendar day, as a luxon DateTime at midnight UTC: pure date arithmetic, no DST in it. */
type Day = DateTime;

/** A day on the calendar, whatever the zone. */
export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const dayOf = (at: number, zone: string): Day => {
  const local = DateTime.fromMillis(at, { zone });
  if (!local.isValid) throw new Error(`unknown time zone: ${zone}`);
  return DateTime.utc(local.year, local.month, local.day);
};

const offsetMs = (at: number, zone: string) => DateTime.fromMillis(at, { zone }).offset * MINUTE_MS;

/**
 * The instant a wall-clock time on a day happens in `zone`, resolved as
 * RFC 5545 (iCalendar, 3.3.5) and Temporal's "compatible" do, so a calendar
 * given the same rule agrees with the bot. Unlike a one-off date (`parseWhen`
 * refuses a skipped time), a series cannot refuse: its time exists on most days.
 * - a time the clocks skip (02:30 on a spring-forward night in Paris or New
 *   York) is read with the offset before the jump, so it moves later by the
 *   jump: 02:30 becomes 03:30 that day, and the following week is 02:30 again;
 * - a time that happens twice (01:30 on a fall-back night in New York) is the
 *   first of the two.
 */
export function wallTimeInstant(day: CalendarDay, time: WallTime, zone: string): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day, time.hour, time.minute);
  const before = offsetMs(wall - DAY_MS, zone);
  const after = offsetMs(wall + DAY_MS, zone);
  const matches = [wall - before, wall - after].filter((at) => at + offsetMs(at, zone) === wall);
  return matches.length > 0 ? Math.min(...matches) : wall - before;
}

/** The `ordinal` `weekday` of a month (`last` is the fourth or the fifth). */
export function nthWeekday(year: number, month: number, ordinal: Ordinal, weekday: Weekday): Day {
  if (ordinal === "last") {
    const last = DateTime.utc(year, month, 1).endOf("month").startOf("day");
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = DateTime.utc(year, month, 1);
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + 7 * (ordinal - 1) });
}

/** The weekday of the rule nearest the anchor's day (±3 days), so a zone change never shifts a week. */
function cadenceStart(anchor: number, zone: string, weekday: Weekday): Day {
  const day = dayOf(anchor, zone);
  return day.plus({ days: ((weekday - day.weekday + 10) % 7) - 3 });
}

function nextWeekly(
  rule: Extract<SeriesRule, { kind: "weekly" }>,
  after: number,
  zone: string,
  anchor: number | undefined,
): number {
  const from = dayOf(after, zone);
  let day = from.plus({ days: (rule.weekday - from.weekday + 7) % 7 });
  let step = 7;
  if (anchor !== undefined) {
    step = 7 * rule.weeks;
    const start = cadenceStart(anchor, zone, rule.weekday);
    const behind = Math.round(day.diff(start, "days").days);
    day = start.plus({ days: Math.max(0, Math.ceil(behind / step)) * step });
  }
  for (;;) {
    const at = wallTimeInstant(day, rule.time, zone);
    if (at > after) return at;
    day = day.plus({ days: step });
  }
}

function nextMonthly(
  rule: Extract<SeriesRule, { kind: "monthly" }>,
  after: number,
  zone: string,
): number {
  const from = dayOf(after, zone);
  for (let month = from.startOf("month"); ; month = month.plus({ months: 1 })) {
    const day = nthWeekday(month.year, month.month, rule.ordinal, rule.weekday);
    const at = wallTimeInstant(day, rule.time, zone);
    if (at > after) return at;
  }
}

/**
 * When the series' next occurrence starts: the first instant strictly after
 * `after` that the rule gives in `zone`, at the rule's wall-clock time on
 * either side of a DST change (see `wallTimeInstant` for the times a change
 * skips or repeats; compare the result's local time with the rule's to tell).
 *
 * `every N weeks` counts its weeks from `anchor`, the series' first
 * occurrence: occurrences fall on the rule's weekday nearest the anchor's day
 * and every N weeks from there, never before it, so asking again after a
 * restart, a skip or a missed occurrence keeps the cadence. Without an anchor
 * (to find the first occurrence) it is the next such weekday, whatever N.
 * Monthly rules ignore the anchor. Pure: `after` is the only "now".
 */
export function nextOccurrence(
  rule: SeriesRule,
  after: number,
  zone: string,
  anchor?: number,
): number {
  return rule.kind === "weekly"
    ? nextWeekly(rule, after, zone, anchor)
    : nextMonthly(rule, after, zone);
}
