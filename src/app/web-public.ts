import type { Community } from "../domain/community.js";
import { supportedLocale } from "../domain/locale.js";
import type { Mob, MobState } from "../domain/mob.js";
import { isShopRevealed, revealAt } from "../domain/reveal.js";
import type { CommunityRef, PublicMobState } from "../ports/web.js";
import type { CoreSettings } from "./settings.js";

/** What every public web view shows of a mob and its community, by the same rules. */

/** The public's view of a mob's state; drafts are never public. */
export const publicState = (state: MobState): PublicMobState | null =>
  state === "draft" ? null : state;

/** The shop is public from its reveal time (or was never secret): the rule every chat view follows. */
export function revealed(mob: Mob, now: number, settings: CoreSettings): boolean {
  return isShopRevealed(mob, now, settings.revealBeforeMs);
}

/**
 * The mob's last change as the public saw it: the reveal is one (the shop's
 * name and address appear), so calendars that hold the event take the new one.
 */
export function changedAt(mob: Mob, now: number, settings: CoreSettings): number {
  if (!mob.secret || !revealed(mob, now, settings)) return mob.updatedAt;
  return Math.max(mob.updatedAt, revealAt(mob, settings.revealBeforeMs));
}

/** Rises with each change of the mob (seconds since it was created at its last change). */
export function sequence(mob: Mob, now: number, settings: CoreSettings): number {
  return Math.max(0, Math.floor((changedAt(mob, now, settings) - mob.createdAt) / 1000));
}

export function communityRef(community: Community): CommunityRef {
  return {
    publicId: community.publicId,
    name: community.name,
    timezone: community.timezone,
    locale: supportedLocale(community.locale) ?? "en",
  };
}
