/** A series: a mob that comes back by a rule, with a new shop each time (chosen by a vote). */
import { parseDurationMs } from "./duration.js";
import { fail, ok, type Result } from "./errors.js";
import { nextOccurrence } from "./series-dates.js";
import type { SeriesRule } from "./series-rule.js";
import { VOTE_CLOSES_BEFORE_MOB_MS } from "./vote.js";

export type SeriesStatus = "active" | "stopped";

/** What each occurrence's mob gets, as /newmob takes it (the shop comes from the vote). */
export interface SeriesTemplate {
  readonly pledgeMinor: number;
  readonly currency: string;
  readonly meetingPoint: string | null;
  readonly party: string | null;
  readonly capacity: number | null;
  readonly durationMs: number;
  readonly goalMinor: number | null;
}

export interface NewSeries extends SeriesTemplate {
  readonly communityId: number;
  readonly rule: SeriesRule;
  readonly anchorAt: number;
  readonly nextAt: number;
  readonly voteLeadMs: number;
  readonly createdBy: number;
}

export interface Series extends NewSeries {
  readonly id: number;
  readonly status: SeriesStatus;
  readonly createdAt: number;
  readonly stoppedAt: number | null;
}

const HOUR_MS = 3_600_000;
/** Unless told (`vote=`), an occurrence's vote opens this long before it. */
export const SERIES_DEFAULT_VOTE_LEAD_MS = 7 * 24 * HOUR_MS;
/** A vote needs an hour at least, and closes an hour before the mob at the latest. */
const MIN_VOTE_MS = HOUR_MS;
export const SERIES_MIN_VOTE_LEAD_MS = VOTE_CLOSES_BEFORE_MOB_MS + MIN_VOTE_MS;
export const SERIES_MAX_VOTE_LEAD_MS = 60 * 24 * HOUR_MS;

/** `vote=` as typed: a duration from 2h to 60d (`7d`, `3d12h`); absent is a week. */
export function parseVoteLead(text: string | undefined): Result<number> {
  if (text === undefined || text.trim() === "") return ok(SERIES_DEFAULT_VOTE_LEAD_MS);
  const ms = parseDurationMs(text);
  if (ms === null || ms < SERIES_MIN_VOTE_LEAD_MS || ms > SERIES_MAX_VOTE_LEAD_MS)
    return fail("SERIES_VOTE_LEAD_INVALID", "voteLead");
  return ok(ms);
}

/**
 * The first occurrence at or after `now` that still leaves time for a vote
 * (an hour of voting that closes an hour before the mob).
 */
export function firstOccurrence(rule: SeriesRule, now: number, zone: string): number {
  return nextOccurrence(rule, now + SERIES_MIN_VOTE_LEAD_MS, zone);
}

/**
 * The occurrence after `at` (the one just held, skipped or missed), on the
 * series' cadence, and late enough for its vote when the bot was down.
 */
export function occurrenceAfter(series: Series, at: number, now: number, zone: string): number {
  const after = Math.max(at, now + SERIES_MIN_VOTE_LEAD_MS);
  return nextOccurrence(series.rule, after, zone, series.anchorAt);
}

/** When an occurrence's vote opens: `voteLeadMs` before it, and never before `now`. */
export const voteOpensAt = (series: Pick<Series, "voteLeadMs">, at: number, now: number) =>
  Math.max(now, at - series.voteLeadMs);

/** The rule as stored (JSON), and back; a stored rule that no longer reads is a bug. */
export const encodeSeriesRule = (rule: SeriesRule): string => JSON.stringify(rule);

export function decodeSeriesRule(text: string): SeriesRule {
  const r = JSON.parse(text) as SeriesRule;
  if (r.kind !== "weekly" && r.kind !== "monthly") throw new Error(`unknown series rule ${text}`);
  return r;
}
