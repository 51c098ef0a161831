import { fail, ok, type Result } from "./errors.js";

/** ISO weekday, as luxon numbers them: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Which of the month's weekdays: the first to the fourth, or the last (the fourth or fifth). */
export type Ordinal = 1 | 2 | 3 | 4 | "last";

/** A wall-clock time in the community's zone, 24-hour. */
export interface WallTime {
  readonly hour: number;
  readonly minute: number;
}

/** When a series' occurrences start, in the community's zone. */
export type SeriesRule =
  | {
      readonly kind: "weekly";
      /** 1 = every week; 2 = every other week, aligned to the series' first occurrence. */
      readonly weeks: number;
      readonly weekday: Weekday;
      readonly time: WallTime;
    }
  | {
      readonly kind: "monthly";
      readonly ordinal: Ordinal;
      readonly weekday: Weekday;
      readonly time: WallTime;
    };

/** A series repeats at most this many weeks apart (a year). */
export const MAX_SERIES_WEEKS = 52;

// biome-ignore format: a table reads best as one
const WEEKDAYS: Record<string, Weekday> = {
  monday: 1, mon: 1, lundi: 1, lun: 1,
  tuesday: 2, tue: 2, tues: 2, mardi: 2, mar: 2,
  wednesday: 3, wed: 3, mercredi: 3, mer: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, jeudi: 4, jeu: 4,
  friday: 5, fri: 5, vendredi: 5, ven: 5,
  saturday: 6, sat: 6, samedi: 6, sam: 6,
  sunday: 7, sun: 7, dimanche: 7, dim: 7,
};

// biome-ignore format: a table reads best as one
const ORDINALS: Record<string, Ordinal> = {
  first: 1, "1st": 1, premier: 1, premiere: 1, "1er": 1, "1re": 1, "1ere": 1,
  second: 2, "2nd": 2, deuxieme: 2, seconde: 2, "2e": 2, "2eme": 2,
  third: 3, "3rd": 3, troisieme: 3, "3e": 3, "3eme": 3,
  fourth: 4, "4th": 4, quatrieme: 4, "4e": 4, "4eme": 4,
  last: "last", dernier: "last", derniere: "last",
};

/** Ordinal words a month cannot hold for a weekday: said so, not "unreadable". */
const TOO_FAR = /^(?:fifth|cinquieme|sixth|sixieme|\d+(?:st|nd|rd|th|e|eme|er|re|ere))$/;

// biome-ignore format: a table reads best as one
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5,
};

/** A table's entry for a typed word, never one of Object's own (`constructor`, `__proto__`). */
const lookup = <T>(table: Record<string, T>, word: string): T | undefined =>
  Object.hasOwn(table, word) ? table[word] : undefined;

const WEEK = new Set(["week", "weeks", "weekly", "semaine", "semaines", "hebdo", "hebdomadaire"]);
const MONTH = new Set(["month", "months", "monthly", "mois", "mensuel", "mensuelle"]);
/** Words that say "it repeats" without saying how often (`every saturday`, `tous les samedis`). */
const REPEAT = new Set(["every", "each", "chaque", "tous", "toutes"]);
/** Words that carry nothing here (`on the`, `at`, `le`, `à` once accents are gone, `of`, `du`). */
const FILLER = new Set("on at the of a le la les l de du des once per fois par".split(" "));

/** `18:00`, `18h`, `18h30`, `18`, `6pm`, `6:30pm`. */
const TIME = /^(\d{1,2})(?:h(\d{2})?|:(\d{2}))?(am|pm)?$/;

/** Case and accents away, `18 h 30` → `18h30`, and the idioms for "every other week". */
function normalize(text: string): string {
  return ` ${text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()} `
    .replace(/[’',;]|\.(?=\s)/g, " ")
    .replace(/(\d)\s*h\s*(\d\d)(?!\d)/g, "$1h$2")
    .replace(/(\d)\s+h(?=\s)/g, "$1h")
    .replace(/(\d)\s+(am|pm)(?=\s)/g, "$1$2")
    .replace(/\severy other week\s|\s(?:every )?fortnight(?:ly)?\s/g, " every 2 weeks ")
    .replace(
      /\sune semaine sur deux\s|\s(?:tous les )?(?:15|quinze) jours\s/g,
      " toutes les 2 semaines ",
    );
}

interface Slots {
  frequency?: "weekly" | "monthly";
  interval?: number;
  repeats: boolean;
  weekday?: Weekday;
  weekdayPlural: boolean;
  ordinal?: Ordinal;
  time?: WallTime;
  duplicate: boolean;
  badOrdinal: boolean;
  badTime: boolean;
  unknownWords: number;
}

function readTime(token: string): WallTime | "bad" | null {
  const m = TIME.exec(token);
  if (!m) return /^\d/.test(token) ? "bad" : null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? m[3] ?? "0");
  if (minute > 59) return "bad";
  if (m[4]) {
    if (hour < 1 || hour > 12) return "bad";
    hour = (hour % 12) + (m[4] === "pm" ? 12 : 0);
  }
  return hour > 23 ? "bad" : { hour, minute };
}

function weekdayOf(token: string): { day: Weekday; plural: boolean } | null {
  const day = lookup(WEEKDAYS, token);
  if (day !== undefined) return { day, plural: false };
  const singular = token.endsWith("s") ? lookup(WEEKDAYS, token.slice(0, -1)) : undefined;
  return singular !== undefined && token.length > 4 ? { day: singular, plural: true } : null;
}

function scan(tokens: readonly string[]): Slots {
  const s: Slots = {
    repeats: false,
    weekdayPlural: false,
    duplicate: false,
    badOrdinal: false,
    badTime: false,
    unknownWords: 0,
  };
  const set = <K extends "frequency" | "interval" | "weekday" | "ordinal" | "time">(
    key: K,
    value: NonNullable<Slots[K]>,
  ) => {
    if (s[key] !== undefined && s[key] !== value) s.duplicate = true;
    s[key] = value;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? "";
    const next = tokens[i + 1] ?? "";
    // `2.5 weeks` is a number of weeks, just not one we take.
    const count = /^\d+$/.test(token)
      ? Number(token)
      : /^\d/.test(token)
        ? 0
        : lookup(NUMBER_WORDS, token);
    const weekday = weekdayOf(token);
    const ordinal = lookup(ORDINALS, token);
    if (count !== undefined && (WEEK.has(next) || MONTH.has(next))) {
      set("interval", count);
    } else if (WEEK.has(token)) {
      set("frequency", "weekly");
    } else if (MONTH.has(token)) {
      set("frequency", "monthly");
    } else if (REPEAT.has(token)) {
      s.repeats = true;
    } else if (FILLER.has(token) || token === "un" || token === "une" || token === "one") {
      // nothing to read
    } else if (weekday) {
      set("weekday", weekday.day);
      s.weekdayPlural ||= weekday.plural;
    } else if (ordinal !== undefined) {
      set("ordinal", ordinal);
    } else if (TOO_FAR.test(token)) {
      s.badOrdinal = true;
    } else {
      const time = readTime(token);
      if (time === "bad") s.badTime = true;
      else if (time) set("time", time);
      else s.unknownWords++;
    }
  }
  return s;
}

/**
 * Parses a series rule, in English or French, case and accents aside:
 * `every 2 weeks saturday 18:00`, `every week sat 6pm`, `every saturday 18:00`,
 * `monthly first saturday 15:00`, `every month on the last friday at 18:30`,
 * `toutes les 2 semaines samedi 18h`, `chaque semaine jeudi 18h30`,
 * `tous les samedis à 18h`, `chaque mois premier samedi 15h`,
 * `le dernier vendredi du mois à 18h`. Words may come in any order.
 * Each kind of mistake has its own code, the first that applies in this order:
 * - `SERIES_RULE_UNPARSEABLE`: no rhythm (week, month, every…), or two of one thing;
 * - `SERIES_INTERVAL_INVALID`: weeks not a whole number from 1 to 52, or months other than 1;
 * - `SERIES_ORDINAL_INVALID`: a fifth (or later) weekday of the month;
 * - `SERIES_TIME_INVALID`: a time out of range or unreadable (`25:00`, `18h75`);
 * - `SERIES_WEEKDAY_INVALID`: no weekday, or a word that is none (`satday`);
 * - `SERIES_RULE_UNPARSEABLE`: any other unknown word, or first…last in a weekly rule;
 * - `SERIES_ORDINAL_INVALID`: a monthly rule without first…last;
 * - `SERIES_TIME_INVALID`: no time.
 */
export function parseSeriesRule(text: string): Result<SeriesRule> {
  const tokens = normalize(text).trim().split(/\s+/).filter(Boolean);
  const s = scan(tokens);
  const frequency =
    s.frequency ??
    (s.ordinal !== undefined ? "monthly" : s.repeats || s.weekdayPlural ? "weekly" : undefined);
  if (frequency === undefined || s.duplicate) return fail("SERIES_RULE_UNPARSEABLE", "rule");
  const interval = s.interval ?? 1;
  const maxInterval = frequency === "weekly" ? MAX_SERIES_WEEKS : 1;
  if (interval < 1 || interval > maxInterval) return fail("SERIES_INTERVAL_INVALID", "rule");
  if (s.badOrdinal) return fail("SERIES_ORDINAL_INVALID", "rule");
  if (s.badTime) return fail("SERIES_TIME_INVALID", "rule");
  if (s.weekday === undefined) return fail("SERIES_WEEKDAY_INVALID", "rule");
  if (s.unknownWords > 0) return fail("SERIES_RULE_UNPARSEABLE", "rule");
  if (frequency === "monthly" && s.ordinal === undefined) {
    return fail("SERIES_ORDINAL_INVALID", "rule");
  }
  if (frequency === "weekly" && s.ordinal !== undefined) {
    return fail("SERIES_RULE_UNPARSEABLE", "rule");
  }
  if (s.time === undefined) return fail("SERIES_TIME_INVALID", "rule");
  return ok(
    frequency === "weekly"
      ? { kind: "weekly", weeks: interval, weekday: s.weekday, time: s.time }
      : { kind: "monthly", ordinal: s.ordinal ?? 1, weekday: s.weekday, time: s.time },
  );
}
