import type { StartPayload } from "../domain/codecs/deep-link.js";
import type { Mob } from "../domain/mob.js";
import { mobCheckinUrl } from "../domain/web-links.js";
import { catalog } from "../i18n/index.js";
import type { Notice } from "../ports/platform.js";
import { qrPng } from "../render/qr.js";

/** What a check-in QR may point to: the bot's deep link, else the web page. */
export interface CheckinLinks {
  /** The attached platform's link opening a private chat with the bot (Telegram), when known. */
  readonly startLink?: ((payload: StartPayload) => string | null) | undefined;
  /** PUBLIC_URL, where the check-in page is served. */
  readonly publicUrl?: string | null | undefined;
}

type CheckinMob = Pick<Mob, "id" | "publicId" | "checkinCode">;

/**
 * What a mob's check-in QR encodes: the Telegram deep link
 * (`https://t.me/<bot>?start=in_<id>_<code>`, which checks the scanner in),
 * else the web page for people not on Telegram (when PUBLIC_URL is set), else nothing.
 */
export function checkinQrUrl(links: CheckinLinks, mob: CheckinMob): string | null {
  const payload = { kind: "checkin", mobId: mob.id, code: mob.checkinCode } as const;
  const telegram = links.startLink?.(payload) ?? null;
  if (telegram) return telegram;
  return links.publicUrl ? mobCheckinUrl(links.publicUrl, mob.publicId, mob.checkinCode) : null;
}

/**
 * `notice` (one that gives the organizer `mob`'s check-in code, privately)
 * with the code's QR as its picture and a line saying what it does; unchanged
 * when there is nothing to link to. Only ever for a notice meant for one
 * organizer's eyes (a reply's `secret`): the QR carries the code.
 */
export function withCheckinQr(notice: Notice, links: CheckinLinks, mob: CheckinMob): Notice {
  const url = checkinQrUrl(links, mob);
  if (!url) return notice;
  const c = catalog(notice.locale).t;
  return {
    ...notice,
    lines: [...notice.lines, [{ kind: "text", text: c.checkinQrLine(mob.id) }]],
    image: {
      bytes: qrPng(url),
      filename: `checkin-${mob.id}.png`,
      mime: "image/png",
      alt: c.checkinQrAlt(mob.id),
    },
  };
}
