import { type ParsedText, USAGE } from "./parse-usage.js";

/** `/settings [timezone <zone>] [language en|fr] [currency <code>] [organizers …] [gate on|off]`. */
export function parseSettings(words: readonly string[]): ParsedText {
  const settings: {
    timezone?: string;
    locale?: string;
    currency?: string;
    organizers?: string;
    gate?: string;
  } = {};
  for (let i = 0; i < words.length; i += 2) {
    const key = words[i]?.toLowerCase();
    const value = words[i + 1];
    if (value === undefined) return { ok: false, code: "USAGE", usage: USAGE.settings };
    if (key === "timezone" || key === "tz" || key === "fuseau") settings.timezone = value;
    else if (key === "language" || key === "locale" || key === "langue") settings.locale = value;
    else if (key === "currency" || key === "devise") settings.currency = value;
    else if (key === "organizers" || key === "organisateurs") settings.organizers = value;
    else if (key === "gate" || key === "merchant_gate") settings.gate = value;
    else return { ok: false, code: "USAGE", usage: USAGE.settings };
  }
  return { ok: true, command: { type: "settings", ...settings } };
}
