import type { WebLocale } from "../ports/web.js";
import {
  formatInstantCached,
  formatMoneyCached,
  formatPercent,
  formatTimes,
} from "../render/intl.js";

/** `Saturday 5 December 2026, 18:00–20:00 (Europe/Paris)`, in the community's zone. */
export function formatSpan(
  startsAt: number,
  endsAt: number,
  zone: string,
  locale: WebLocale,
): string {
  const startDay = formatInstantCached(startsAt, zone, locale, "yyyy-MM-dd");
  const endDay = formatInstantCached(endsAt, zone, locale, "yyyy-MM-dd");
  const endText = formatInstantCached(
    endsAt,
    zone,
    locale,
    startDay === endDay ? "HH:mm" : "cccc d LLLL, HH:mm",
  );
  return `${formatInstantCached(startsAt, zone, locale, "cccc d LLLL yyyy, HH:mm")}–${endText} (${zone})`;
}

/** `Sat 5 Dec 2026, 18:00`: lists, where space is short. */
export function formatShort(at: number, zone: string, locale: WebLocale): string {
  return formatInstantCached(at, zone, locale, "ccc d LLL yyyy, HH:mm");
}

export const money = (minor: number, currency: string, locale: WebLocale): string =>
  formatMoneyCached(minor, currency, locale);

export const percent = (ratio: number, locale: WebLocale): string => formatPercent(ratio, locale);

export const times = (ratio: number, locale: WebLocale): string => formatTimes(ratio, locale);
