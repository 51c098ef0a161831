/**
 * Calendars (RFC 5545) for one mob and for a community's feed, built with
 * ical-generator. Times are UTC (DTSTART…Z), so no VTIMEZONE is needed; the UID
 * is stable per mob and SEQUENCE rises with each change, so calendar apps
 * update the event they already have instead of adding a second one.
 */
import ical, { ICalCalendarMethod, type ICalEventData, ICalEventStatus } from "ical-generator";
import type { CommunityPageView, MobPageView, MobSummaryView, WebLocale } from "../ports/web.js";
import { money } from "./format.js";
import { communityPageUrl, mobPageUrl } from "./links.js";
import { webStrings } from "./strings/index.js";

const PROD_ID = { company: "Cashmob", product: "Cashmob", language: "EN" };

type IcsMob = Pick<
  MobSummaryView,
  | "publicId"
  | "state"
  | "shop"
  | "meetingPoint"
  | "startsAt"
  | "endsAt"
  | "pledgeMinor"
  | "currency"
  | "cancelReason"
  | "sequence"
  | "updatedAt"
>;

/** `mob-<public id>@<host>`: the same for every download and feed, for the mob's whole life. */
export const mobUid = (publicId: string, host: string) => `mob-${publicId}@${host}`;

/** What a calendar entry says; a secret shop is named nowhere, its address neither. */
export function eventText(mob: IcsMob, locale: WebLocale, base: string) {
  const s = webStrings(locale);
  const title = s.eventSummary(mob.shop?.name ?? s.secretShop);
  const location = mob.meetingPoint ?? mob.shop?.address ?? "";
  const lines = [
    `${s.label(s.pledge)}${s.pledgeEach(money(mob.pledgeMinor, mob.currency, locale))}`,
    mob.meetingPoint ? `${s.label(s.meetingPoint)}${mob.meetingPoint}` : null,
    mob.shop?.address ? `${s.label(s.shop)}${mob.shop.name}, ${mob.shop.address}` : null,
    mob.shop === null ? s.secretShopNote : null,
    mob.state === "cancelled"
      ? `${s.cancelled}${mob.cancelReason ? ` ${s.label(s.cancelReason)}${mob.cancelReason}` : ""}`
      : null,
    mobPageUrl(base, mob.publicId),
  ];
  return {
    title,
    location,
    details: lines.filter((l): l is string => l !== null).join("\n"),
  };
}

function event(mob: IcsMob, locale: WebLocale, base: string, host: string): ICalEventData {
  const text = eventText(mob, locale, base);
  return {
    id: mobUid(mob.publicId, host),
    sequence: mob.sequence,
    // The last change, not the download time: the file is the same until the mob changes.
    stamp: new Date(mob.updatedAt),
    lastModified: new Date(mob.updatedAt),
    start: new Date(mob.startsAt),
    end: new Date(mob.endsAt),
    summary: text.title,
    description: text.details,
    location: text.location || null,
    url: mobPageUrl(base, mob.publicId),
    status: mob.state === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  };
}

/** One mob as a calendar file. */
export function mobIcs(view: MobPageView, locale: WebLocale, base: string): string {
  const host = new URL(base).host;
  return ical({
    prodId: PROD_ID,
    method: ICalCalendarMethod.PUBLISH,
    name: view.community.name,
    events: [event(view, locale, base, host)],
  }).toString();
}

/** A community's feed: every public mob, upcoming and past, cancelled ones marked so. */
export function communityIcs(view: CommunityPageView, locale: WebLocale, base: string): string {
  const host = new URL(base).host;
  return ical({
    prodId: PROD_ID,
    name: view.name,
    url: communityPageUrl(base, view.publicId),
    timezone: null,
    ttl: 60 * 60,
    events: [...view.upcoming, ...view.past].map((mob) => event(mob, locale, base, host)),
  }).toString();
}
