import { type StartPayload, telegramStartLink } from "./codecs/deep-link.js";

/**
 * Every URL the web side hands out, built in one place. `base` is PUBLIC_URL
 * (or, when unset, the request's own origin), without a trailing slash.
 * Chat notices use these too, so the page and its calendar are linked alike.
 */

export const mobPageUrl = (base: string, publicId: string) =>
  `${base}/m/${encodeURIComponent(publicId)}`;

export const mobIcsUrl = (base: string, publicId: string) =>
  `${base}/m/${encodeURIComponent(publicId)}.ics`;

/** `version` (the card's ETag) changes the URL whenever the picture changes, so link previews that cache images by URL refresh. */
export const mobCardUrl = (base: string, publicId: string, version?: string) =>
  `${base}/m/${encodeURIComponent(publicId)}/card.png${version ? `?v=${encodeURIComponent(version)}` : ""}`;

/** A photo of the mob's album (its number in the album). */
export const mobPhotoUrl = (base: string, publicId: string, number: number) =>
  `${base}/m/${encodeURIComponent(publicId)}/photos/${number}`;

/** The page a scanned check-in code opens for people not on Telegram. */
export const mobCheckinUrl = (base: string, publicId: string, code: string) =>
  `${base}/m/${encodeURIComponent(publicId)}/in?code=${encodeURIComponent(code)}`;

/** A Telegram deep link that opens a private chat with the bot and sends `/start <payload>`. */
export const telegramStartUrl = (botUsername: string, payload: StartPayload) =>
  telegramStartLink(botUsername, payload);

/**
 * The links a mob's check-in QR can carry: the Telegram deep link (when the
 * bot's username is known) and the web page (when PUBLIC_URL is set).
 */
export function checkinUrls(mob: {
  readonly id: number;
  readonly publicId: string;
  readonly checkinCode: string;
  readonly botUsername: string | null;
  readonly publicUrl: string | null;
}): { readonly telegram: string | null; readonly web: string | null } {
  const payload = { kind: "checkin", mobId: mob.id, code: mob.checkinCode } as const;
  return {
    telegram: mob.botUsername ? telegramStartUrl(mob.botUsername, payload) : null,
    web: mob.publicUrl ? mobCheckinUrl(mob.publicUrl, mob.publicId, mob.checkinCode) : null,
  };
}

export const communityPageUrl = (base: string, publicId: string) =>
  `${base}/c/${encodeURIComponent(publicId)}`;

export const communityIcsUrl = (base: string, publicId: string) =>
  `${base}/c/${encodeURIComponent(publicId)}.ics`;

/** The same feed as `webcal://`, which calendar apps open as a subscription. */
export const communityWebcalUrl = (base: string, publicId: string) =>
  communityIcsUrl(base, publicId).replace(/^https?:/, "webcal:");

export const merchantPath = (token: string) => `/merchant/${token}`;

/** A map search for a free-text place (OpenStreetMap: no account, no tracking script). */
export const mapUrl = (place: string) =>
  `https://www.openstreetmap.org/search?query=${encodeURIComponent(place)}`;

/** Google Calendar's "add event" template link. */
export function googleCalendarUrl(event: {
  readonly title: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly details: string;
  readonly location: string;
  readonly timezone: string;
}): string {
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${utcStamp(event.startsAt)}/${utcStamp(event.endsAt)}`,
    details: event.details,
    location: event.location,
    ctz: event.timezone,
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/** `20261205T170000Z`. */
function utcStamp(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}
