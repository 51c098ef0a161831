import type { Ordinal, SeriesRule, WallTime, Weekday } from "../domain/series-rule.js";
import { supportedLocale } from "./index.js";

const DAYS = {
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  fr: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
} as const;

/** French weekday names are all masculine, so `premier`, not `première`. */
const ORDINALS: Record<"en" | "fr", Record<Ordinal, string>> = {
  en: { 1: "first", 2: "second", 3: "third", 4: "fourth", last: "last" },
  fr: { 1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", last: "dernier" },
};

const day = (weekday: Weekday, lang: "en" | "fr") => DAYS[lang][weekday - 1];
const two = (n: number) => String(n).padStart(2, "0");

/** `18:00` in English; `18h`, `18h05` in French. */
function time({ hour, minute }: WallTime, lang: "en" | "fr"): string {
  if (lang === "en") return `${two(hour)}:${two(minute)}`;
  return minute === 0 ? `${hour}h` : `${hour}h${two(minute)}`;
}

/**
 * A series rule as people read it in a `/series` list:
 * `every 2 weeks on Saturday at 18:00`, `every month on the last Friday at 18:30`;
 * `toutes les 2 semaines le samedi à 18h`, `chaque mois le premier samedi à 15h`.
 * The text parses back to the same rule with `parseSeriesRule`, in both languages.
 */
export function formatSeriesRule(rule: SeriesRule, locale: string): string {
  const lang = supportedLocale(locale) ?? "en";
  const at = time(rule.time, lang);
  const weekday = day(rule.weekday, lang);
  if (rule.kind === "monthly") {
    const nth = ORDINALS[lang][rule.ordinal];
    return lang === "en"
      ? `every month on the ${nth} ${weekday} at ${at}`
      : `chaque mois le ${nth} ${weekday} à ${at}`;
  }
  if (lang === "en") {
    const every = rule.weeks === 1 ? "every week" : `every ${rule.weeks} weeks`;
    return `${every} on ${weekday} at ${at}`;
  }
  const every = rule.weeks === 1 ? "chaque semaine" : `toutes les ${rule.weeks} semaines`;
  return `${every} le ${weekday} à ${at}`;
}
