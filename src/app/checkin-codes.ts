import type { Community } from "../domain/community.js";
import type { Mob } from "../domain/mob.js";
import type { Tx } from "../ports/unit-of-work.js";
import { type Context, canOrganize } from "./context.js";

/** The upcoming mobs of `community` whose check-in codes the actor may hear. */
export interface OrganizerCodes {
  readonly community: Community;
  readonly mobs: readonly Mob[];
}

/** How many upcoming mobs' codes one private message lists at most. */
const MAX_CODES = 25;

/**
 * The check-in codes of a community's upcoming mobs that the actor organizes
 * (created, or organizer there as the adapter tells through `isOrganizer`),
 * for their private chat; null outside a private chat, for an
 * unknown community, or when they organize none. Codes never go to a group.
 */
export async function organizerCodes(
  tx: Tx,
  ctx: Context,
  chatId: string,
): Promise<OrganizerCodes | null> {
  if (!ctx.actor.inPrivateChat) return null;
  const platform = ctx.actor.platform;
  const id =
    (await tx.findChat(platform, chatId))?.communityId ??
    (await tx.communityOfSpace(platform, chatId));
  const community = id === null ? null : await tx.getCommunity(id);
  if (!community) return null;
  const mobs = (await tx.listOpenMobs(community.id, ctx.now, true, MAX_CODES)).filter((mob) =>
    canOrganize(ctx, community, mob),
  );
  if (mobs.length === 0) return null;
  return { community, mobs };
}
