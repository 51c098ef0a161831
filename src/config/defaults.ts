import { IANAZone } from "luxon";
import { MAX_MOB_DURATION_MS, MIN_MOB_DURATION_MS, parseDurationMs } from "../domain/duration.js";
import { currencyDigits } from "../domain/money.js";
import { ConfigError, duration, type Env, value } from "./variables.js";

/** What a new community and its mobs start with: zone, language, currency, timings. */

export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];

export function defaultTimezone(env: Env): string {
  const zone = value(env, "DEFAULT_TIMEZONE") ?? "UTC";
  if (!IANAZone.isValidZone(zone)) {
    throw new ConfigError(
      `DEFAULT_TIMEZONE must be an IANA time zone like Europe/Paris (got "${zone}").`,
    );
  }
  return zone;
}

export function defaultLocale(env: Env): Locale {
  const locale = (value(env, "DEFAULT_LOCALE") ?? "en").toLowerCase();
  if (!(LOCALES as readonly string[]).includes(locale)) {
    throw new ConfigError(`DEFAULT_LOCALE must be one of ${LOCALES.join(", ")} (got "${locale}").`);
  }
  return locale as Locale;
}

export function defaultCurrency(env: Env): string {
  const currency = (value(env, "DEFAULT_CURRENCY") ?? "EUR").toUpperCase();
  if (currencyDigits(currency) === null) {
    throw new ConfigError(
      `DEFAULT_CURRENCY must be an ISO 4217 code like EUR or USD (got "${currency}").`,
    );
  }
  return currency;
}

/** The reminders before a mob, longest first, each once. */
export function reminderOffsets(env: Env): readonly number[] {
  const offsetsText = value(env, "REMINDER_OFFSETS") ?? "24h,2h";
  const offsets = offsetsText.split(",").map((part) => parseDurationMs(part));
  if (offsets.some((ms) => ms === null || ms <= 0)) {
    throw new ConfigError(
      `REMINDER_OFFSETS must be a comma list of durations like 24h,2h (got "${offsetsText}").`,
    );
  }
  return Object.freeze([...new Set(offsets as number[])].sort((a, b) => b - a));
}

/** The default mob length obeys the same bounds as a length typed in /newmob. */
export function mobDuration(env: Env): number {
  const ms = duration(env, "MOB_DURATION", "2h");
  if (ms < MIN_MOB_DURATION_MS || ms > MAX_MOB_DURATION_MS) {
    throw new ConfigError(
      `MOB_DURATION must be between 15m and 2d (got "${value(env, "MOB_DURATION")}").`,
    );
  }
  return ms;
}
