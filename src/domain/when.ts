import { DateTime } from "luxon";
import { parseDurationMs } from "./duration.js";
import { fail, ok, type Result } from "./errors.js";

/** A mob is announced at most this far ahead. */
export const MAX_AHEAD_MS = 366 * 86_400_000;

const DAY_WORDS: Record<string, number> = {
  today: 0,
  "aujourd'hui": 0,
  tomorrow: 1,
  demain: 1,
};

/**
 * Parses when a mob starts, in the community's zone:
 * `2026-12-05 18:00`, `2026-12-05T18:00`, `05/12/2026 18:00`, `05/12/2026 18h`,
 * `tomorrow 18:00` / `demain 18h`, or a relative `in 90m` / `+2h`.
 * Rejects past instants, times that don't exist (DST gaps), and more than a year ahead.
 */
export function parseWhen(text: string, zone: string, now: number): Result<number> {
  const at = parseInstant(text.trim().toLowerCase(), zone, now);
  if (!at.ok) return at;
  if (at.value <= now) return fail("DATE_IN_PAST", "when");
  if (at.value - now > MAX_AHEAD_MS) return fail("DATE_TOO_FAR", "when");
  return at;
}

function parseInstant(input: string, zone: string, now: number): Result<number> {
  const relative = /^(?:in|dans|\+)\s*(.+)$/.exec(input);
  if (relative) {
    const ms = parseDurationMs(relative[1] ?? "");
    return ms === null ? fail("DATE_UNPARSEABLE", "when") : ok(now + ms);
  }
  let date: { year: number; month: number; day: number } | null = null;
  let rest = input;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:t|\s+|$)/.exec(input);
  const eu = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+|$)/.exec(input);
  const word = /^(today|tomorrow|demain|aujourd'hui)(?:\s+|$)/.exec(input);
  if (iso) {
    date = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
    rest = input.slice(iso[0].length);
  } else if (eu) {
    date = { year: Number(eu[3]), month: Number(eu[2]), day: Number(eu[1]) };
    rest = input.slice(eu[0].length);
  } else if (word) {
    const base = DateTime.fromMillis(now, { zone }).plus({ days: DAY_WORDS[word[1] ?? ""] ?? 0 });
    date = { year: base.year, month: base.month, day: base.day };
    rest = input.slice(word[0].length);
  }
  if (date === null) return fail("DATE_UNPARSEABLE", "when");
  const time = /^(?:à\s*|at\s*)?(\d{1,2})(?:[:h](\d{2})?)?$/.exec(rest.trim());
  if (!time) return fail("DATE_UNPARSEABLE", "when");
  const hour = Number(time[1]);
  const minute = Number(time[2] ?? "0");
  const wanted = { ...date, hour, minute };
  const dt = DateTime.fromObject(wanted, { zone });
  if (!dt.isValid) return fail("DATE_UNPARSEABLE", "when");
  // luxon moves a wall time that falls in a DST gap forward; such a time doesn't exist.
  if (dt.hour !== hour || dt.minute !== minute || dt.day !== date.day) {
    return fail("DATE_NONEXISTENT", "when", { zone });
  }
  return ok(dt.toMillis());
}
