/**
 * Cached Intl formatters and luxon results. Building an Intl formatter costs
 * tens of microseconds and luxon's zone arithmetic about as much, which a page
 * served thousands of times a second cannot pay on every request.
 */
import { DateTime } from "luxon";
import { currencyDigits } from "../domain/money.js";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) {
    format = make();
    numberFormats.set(key, format);
  }
  return format;
}

/** Minor units for people, as domain/money's formatMoney, with the formatter kept. */
export function formatMoneyCached(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency) ?? 2;
  const format = numberFormat(
    `money|${locale}|${currency}`,
    () => new Intl.NumberFormat(locale, { style: "currency", currency }),
  );
  return format.format(minor / 10 ** digits);
}

export function formatCount(n: number, locale: string): string {
  return numberFormat(`count|${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

/** 1.24 → `124%` / `124 %`. */
export function formatPercent(ratio: number, locale: string): string {
  return numberFormat(
    `pct|${locale}`,
    () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }),
  ).format(ratio);
}

/** 1.84 → `×1.8` / `×1,8`. */
export function formatTimes(ratio: number, locale: string): string {
  const format = numberFormat(
    `x|${locale}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
  );
  return `×${format.format(ratio)}`;
}

const MAX_INSTANTS = 4_096;
const instants = new Map<string, string>();

/**
 * An instant in a zone and locale with a luxon format, remembered: mobs are
 * few and their times rarely change, pages are many. Bounded; the oldest go first.
 */
export function formatInstantCached(
  at: number,
  zone: string,
  locale: string,
  pattern: string,
): string {
  const key = `${at}|${zone}|${locale}|${pattern}`;
  let text = instants.get(key);
  if (text === undefined) {
    text = DateTime.fromMillis(at, { zone }).setLocale(locale).toFormat(pattern);
    if (instants.size >= MAX_INSTANTS) {
      const oldest = instants.keys().next().value;
      if (oldest !== undefined) instants.delete(oldest);
    }
    instants.set(key, text);
  }
  return text;
}
