import type { Mob } from "../domain/mob.js";
import type { Tx } from "../ports/unit-of-work.js";
import { markTallied } from "./mob-views.js";
import { eventSyncRows, requestCtaEdits } from "./timeline.js";
import { traits, type UseCaseDeps } from "./use-case-kit.js";

/**
 * What follows once a mob's notice went out to every chat: the dispatcher
 * calls these from its unit of work; the rules stay here, with the use cases.
 */

/**
 * The reveal went out: from now on the shop is public, so every chat's
 * call-to-action and the native events show it (the edits coalesced per
 * message, as count changes are).
 */
export async function afterReveal(
  tx: Tx,
  deps: Pick<UseCaseDeps, "capabilities">,
  mob: Mob,
  now: number,
): Promise<void> {
  const chats = await tx.chatsOf(mob.communityId);
  const t = traits(deps);
  await requestCtaEdits(tx, mob, chats, now, t);
  await tx.enqueue(eventSyncRows(mob, chats, now, t), now);
}

/** The tally went out to every chat: the mob is tallied (spends no longer change). */
export const afterTally = (tx: Tx, mob: Mob, now: number): Promise<void> =>
  markTallied(tx, mob, now);
