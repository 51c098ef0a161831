import { fail, ok, type Result } from "./errors.js";

/** Amounts are integers in the currency's minor unit (cents), never floats. */
export type Minor = number;

/** Upper bounds past which an amount is a typo, not generosity. */
export const AMOUNT_LIMITS = {
  /** One person's pledge or spend, in major units. */
  perPerson: 10_000,
  /** A mob's goal or a shop's usual daily takings, in major units. */
  perMob: 10_000_000,
} as const;

const fractionDigitsCache = new Map<string, number>();

/** How many decimals the currency has (EUR 2, JPY 0), or null if it is no ISO 4217 code. */
export function currencyDigits(code: string): number | null {
  const upper = code.toUpperCase();
  const cached = fractionDigitsCache.get(upper);
  if (cached !== undefined) return cached;
  if (!/^[A-Z]{3}$/.test(upper)) return null;
  if (!Intl.supportedValuesOf("currency").includes(upper)) return null;
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency: upper }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  fractionDigitsCache.set(upper, digits);
  return digits;
}

export function parseCurrency(text: string): Result<string> {
  const upper = text.trim().toUpperCase();
  return currencyDigits(upper) === null ? fail("CURRENCY_INVALID", "currency") : ok(upper);
}

const SYMBOLS = /[€$£¥₹₽₩₪₺₫₴₦]/g;

/**
 * Parses a typed amount (`15`, `15.50`, `15,50`, `€15`, `15 EUR`, `1 000`) into
 * minor units of `currency`. Rejects zero, negatives, NaN, and more than `maxMajor`.
 */
export function parseAmount(
  text: string,
  currency: string,
  field: string,
  maxMajor: number = AMOUNT_LIMITS.perPerson,
): Result<Minor> {
  const digits = currencyDigits(currency) ?? 2;
  // A currency symbol, or the mob's own code, may stand around the number; another code may not
  // (15 USD on a EUR mob is not 15 EUR).
  const ownCode = /^[A-Za-z]{3}$/.test(currency) ? new RegExp(`\\b${currency}\\b`, "gi") : /$^/;
  const stripped = text
    .trim()
    .replace(SYMBOLS, "")
    .replace(ownCode, "")
    .replace(/[\s\u00a0\u202f']/g, "");
  if (/^[-−]/.test(stripped)) return fail("AMOUNT_NOT_POSITIVE", field);
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(stripped);
  if (!m) return fail("AMOUNT_INVALID", field);
  const whole = m[1] ?? "0";
  const frac = m[2] ?? "";
  if (frac.length > digits) return fail("AMOUNT_INVALID", field);
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(minor)) return fail("AMOUNT_TOO_LARGE", field, { max: maxMajor });
  if (minor <= 0) return fail("AMOUNT_NOT_POSITIVE", field);
  if (minor > maxMajor * 10 ** digits) return fail("AMOUNT_TOO_LARGE", field, { max: maxMajor });
  return ok(minor);
}

/** Formats minor units for people, in their locale (`15,00 €`, `€15.00`). */
export function formatMoney(minor: Minor, currency: string, locale: string): string {
  const digits = currencyDigits(currency) ?? 2;
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(
    minor / 10 ** digits,
  );
}

/** Quick-pick amounts offered with the spend question, around the pledge. */
export function quickAmounts(pledge: Minor, currency: string): Minor[] {
  const unit = 10 ** (currencyDigits(currency) ?? 2);
  const round = (v: number) => Math.max(unit, Math.round(v / unit) * unit);
  return [...new Set([round(pledge), round(pledge * 1.5), round(pledge * 2), round(pledge * 3)])];
}
