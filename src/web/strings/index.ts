import type { WebLocale } from "../../ports/web.js";
import type { WebStrings } from "./catalog.js";
import { en } from "./en.js";
import { fr } from "./fr.js";

export type { LinkProblem, MerchantFormError, WebStrings } from "./catalog.js";

const CATALOGS: Readonly<Record<WebLocale, WebStrings>> = { en, fr };

export function webStrings(locale: WebLocale): WebStrings {
  return CATALOGS[locale];
}

/** `fr-CA` → `fr`; anything else unsupported → null. */
function supported(tag: string): WebLocale | null {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return base === "en" || base === "fr" ? base : null;
}

/** The visitor's supported languages, most wanted first (q=0 means "not this one"). */
function ranked(acceptLanguage: string | undefined): WebLocale[] {
  if (!acceptLanguage) return [];
  return acceptLanguage
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag = "", ...params] = part.split(";");
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { locale: supported(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r): r is typeof r & { locale: WebLocale } => r.locale !== null && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((r) => r.locale);
}

/**
 * The page's language: the community's own when the visitor's browser accepts
 * it at all (people share a mob with their neighbours, who read the group's
 * language), else the visitor's best supported language, else the community's.
 */
export function pickLocale(acceptLanguage: string | undefined, community: WebLocale): WebLocale {
  const wanted = ranked(acceptLanguage);
  return wanted.length === 0 || wanted.includes(community) ? community : (wanted[0] ?? community);
}

/** With no community to go by: the visitor's best supported language, else English. */
export function visitorLocale(acceptLanguage: string | undefined): WebLocale {
  return ranked(acceptLanguage)[0] ?? "en";
}
