import type { Context } from "hono";
import type { WebLocale } from "../ports/web.js";
import { pickLocale, visitorLocale } from "./strings/index.js";

/** Public ids are URL-safe and long enough to be unguessable; anything else is not looked up. */
export const PUBLIC_ID = /^[A-Za-z0-9_-]{6,64}$/;

/** PUBLIC_URL, or this request's own origin when it is unset. */
export function baseUrl(c: Context, publicUrl: string | null): string {
  return publicUrl ?? new URL(c.req.url).origin;
}

/** The page's language from the community's and the visitor's Accept-Language. */
export function localeFor(c: Context, community: WebLocale): WebLocale {
  return pickLocale(c.req.header("accept-language"), community);
}

/** For pages with no community to go by (a broken link): the visitor's language, else English. */
export function visitorLocaleOf(c: Context): WebLocale {
  return visitorLocale(c.req.header("accept-language"));
}
