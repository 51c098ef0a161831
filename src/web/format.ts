import { DateTime } from "luxon";
import { formatMoney } from "../domain/money.js";
import type { WebLocale } from "../ports/web.js";

/** `Saturday 5 December 2026, 18:00–20:00 (Europe/Paris)`, in the community's zone. */
export function formatSpan(
  startsAt: number,
  endsAt: number,
  zone: string,
  locale: WebLocale,
): string {
  const start = DateTime.fromMillis(startsAt, { zone }).setLocale(locale);
  const end = DateTime.fromMillis(endsAt, { zone }).setLocale(locale);
  const sameDay = start.hasSame(end, "day");
  const endText = sameDay ? end.toFormat("HH:mm") : end.toFormat("cccc d LLLL, HH:mm");
  return `${start.toFormat("cccc d LLLL yyyy, HH:mm")}–${endText} (${zone})`;
}

/** `Sat 5 Dec 2026, 18:00`: lists and the card, where space is short. */
export function formatShort(at: number, zone: string, locale: WebLocale): string {
  return DateTime.fromMillis(at, { zone }).setLocale(locale).toFormat("ccc d LLL yyyy, HH:mm");
}

export function money(minor: number, currency: string, locale: WebLocale): string {
  return formatMoney(minor, currency, locale);
}

/** 1.24 → `124%` / `124 %`. */
export function percent(ratio: number, locale: WebLocale): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(
    ratio,
  );
}

/** 1.8 → `×1.8` / `×1,8`. */
export function times(ratio: number, locale: WebLocale): string {
  return `×${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ratio)}`;
}
