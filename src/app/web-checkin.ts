/**
 * The check-in page's view (`/m/<public id>/in?code=…`, what a scanned QR opens
 * for people not on Telegram): built so that a wrong code learns nothing of
 * the mob, and a secret shop stays null until its reveal, as on every page.
 */
import { supportedLocale } from "../domain/locale.js";
import { CHECKIN_OPENS_BEFORE_MS, checkinOpen, endsAt, stateAt } from "../domain/mob.js";
import { isShopRevealed } from "../domain/reveal.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { CheckinPageView } from "../ports/web.js";
import type { CoreSettings } from "./settings.js";

/** The view for `code` at the mob `publicId`; null when the mob is unknown or a draft. */
export async function checkinPageView(
  tx: Tx,
  settings: CoreSettings,
  publicId: string,
  code: string,
  now: number,
): Promise<CheckinPageView | null> {
  const mob = await tx.getMobByPublicId(publicId);
  const community = mob ? await tx.getCommunity(mob.communityId) : null;
  if (!mob || !community) return null;
  const state = stateAt(mob, now);
  if (state === "draft") return null;
  const locale = supportedLocale(community.locale) ?? "en";
  // The same reading as /checkin: any case, spaces around ignored.
  if (code.trim().toUpperCase() !== mob.checkinCode) return { kind: "wrong_code", locale };
  return {
    kind: "right_code",
    community: {
      publicId: community.publicId,
      name: community.name,
      timezone: community.timezone,
      locale,
    },
    mobId: mob.id,
    code: mob.checkinCode,
    shop: isShopRevealed(mob, now, settings.revealBeforeMs)
      ? { name: mob.shopName, address: mob.address }
      : null,
    startsAt: mob.startsAt,
    endsAt: endsAt(mob),
    checkin: state === "cancelled" ? "cancelled" : checkinOpen(mob, now, settings.tallyDelayMs),
    opensAt: mob.startsAt - CHECKIN_OPENS_BEFORE_MS,
  };
}
