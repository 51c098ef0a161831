import { DateTime } from "luxon";
import type { DomainError } from "../domain/errors.js";
import { supportedLocale } from "../domain/locale.js";
import type { Catalog } from "./catalog.js";
import { en } from "./en.js";
import { fr } from "./fr.js";
import { commandSyntax } from "./syntax.js";

const CATALOGS: Record<string, Catalog> = { en, fr };

export { supportedLocale };

export function catalog(locale: string): Catalog {
  return CATALOGS[supportedLocale(locale) ?? "en"] ?? en;
}

/** One clear sentence for an expected failure, naming commands as typed on `platform`. */
export function errorSentence(error: DomainError, locale: string, platform?: string): string {
  const c = catalog(locale);
  const field = error.field ? (c.fields[error.field] ?? error.field) : "";
  const syntax = commandSyntax(platform);
  return c.errors[error.code](field, {
    list: syntax.list,
    help: syntax.help,
    link: syntax.link(),
    nominate: syntax.nominate,
    nominations: syntax.nominations,
    ...error.params,
    ...worded(error, c, syntax, locale),
  });
}

/**
 * Use cases return data (a mob's state, an instant and its zone, a mob id); the
 * words those parameters need in the sentence (a state's name, a formatted
 * instant, a command as typed on the platform) are made here.
 */
function worded(
  error: DomainError,
  c: Catalog,
  syntax: ReturnType<typeof commandSyntax>,
  locale: string,
): Record<string, string> {
  const p = error.params ?? {};
  const id = Number(p.id);
  switch (error.code) {
    case "MOB_NOT_OPEN":
    case "MOB_FINISHED":
      return typeof p.state === "string" ? { state: c.t.stateNames[p.state] ?? p.state } : {};
    case "PHOTO_MISSING":
      return p.how === undefined ? { how: syntax.photo(id, locale) } : {};
    case "VOTE_ALREADY_OPEN":
      return p.closes === undefined
        ? {
            closes: formatInstant(Number(p.closesAt), String(p.zone), locale),
            command: syntax.closevote(id),
          }
        : {};
    case "MERCHANT_NOT_AGREED":
      return p.command === undefined ? { command: syntax.merchant(id, "agreed") } : {};
    default:
      return {};
  }
}

/** `Sat 5 Dec 2026, 18:00 (Europe/Paris)` in the community's zone and language. */
export function formatInstant(at: number, zone: string, locale: string): string {
  const dt = DateTime.fromMillis(at, { zone }).setLocale(supportedLocale(locale) ?? "en");
  return `${dt.toFormat("ccc d LLL yyyy, HH:mm")} (${zone})`;
}

/** `5 Dec 2026` / `5 déc. 2026`: a day in the community's zone. */
export function formatDay(at: number, zone: string, locale: string): string {
  return DateTime.fromMillis(at, { zone })
    .setLocale(supportedLocale(locale) ?? "en")
    .toFormat("d LLL yyyy");
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * `in 24 hours` / `dans 24 heures`, relative to now, rounded as people round:
 * a reminder due 24 h before that goes a minute late still says 24 hours (a
 * truncating clock said "23 hours"). Minutes under 50 minutes, hours under
 * two days, then days.
 */
export function formatRelative(at: number, now: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(supportedLocale(locale) ?? "en", {
    numeric: "always",
  });
  const ms = at - now;
  const away = Math.abs(ms);
  const sign = ms < 0 ? -1 : 1;
  if (away < 50 * MINUTE_MS)
    return format.format(sign * Math.max(1, Math.round(away / MINUTE_MS)), "minute");
  if (away < 48 * HOUR_MS) return format.format(sign * Math.round(away / HOUR_MS), "hour");
  return format.format(sign * Math.round(away / (24 * HOUR_MS)), "day");
}
