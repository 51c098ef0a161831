import { type Mob, type MobState, stateAt } from "../domain/mob.js";
import type { PlatformName } from "../domain/platform-name.js";
import type { Tx } from "../ports/unit-of-work.js";
import { shopShown, type UseCaseDeps } from "./use-case-kit.js";

/** A mob an adapter may offer to pick (Discord's autocomplete); `shop` is null while secret. */
export interface OpenMob {
  readonly mob: Mob;
  readonly state: MobState;
  readonly shop: string | null;
}

/**
 * The open mobs of the community a chat (or its server) belongs to, at most 25;
 * drafts only for organizers (the merchant may not have said yes), as on /mobs.
 */
export async function openMobsOf(
  tx: Tx,
  deps: Pick<UseCaseDeps, "settings">,
  where: { platform: PlatformName; spaceId: string; chatId: string; isOrganizer: boolean },
  now: number,
): Promise<OpenMob[]> {
  const community =
    (await tx.findChat(where.platform, where.chatId))?.communityId ??
    (await tx.communityOfSpace(where.platform, where.spaceId));
  if (community === null) return [];
  const drafts =
    where.isOrganizer || (await tx.getCommunity(community))?.organizerRule === "anyone";
  return (await tx.listOpenMobs(community, now, drafts, 25)).map((mob) => ({
    mob,
    state: stateAt(mob, now),
    shop: shopShown(deps, mob, now) ? mob.shopName : null,
  }));
}
