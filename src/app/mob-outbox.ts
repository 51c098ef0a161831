import type { Mob } from "../domain/mob.js";
import type { Tx } from "../ports/unit-of-work.js";
import { announceRows, eventSyncRows, requestCtaEdits } from "./timeline.js";
import { traits, type UseCaseDeps } from "./use-case-kit.js";

/** Every chat's call-to-action shows the counts as they are now (coalesced per message). */
export async function refreshCounts(
  tx: Tx,
  deps: UseCaseDeps,
  mob: Mob,
  now: number,
  immediate = false,
): Promise<void> {
  const t = traits(deps);
  await requestCtaEdits(tx, mob, await tx.chatsOf(mob.communityId), now, {
    ...t,
    editIntervalMs: immediate ? () => 0 : t.editIntervalMs,
  });
}

/** Queues the call-to-action in every chat, the timeline and the native events. */
export async function announce(tx: Tx, deps: UseCaseDeps, mob: Mob, now: number): Promise<void> {
  const chats = await tx.chatsOf(mob.communityId);
  await tx.enqueue(announceRows(mob, deps.settings, now, chats, traits(deps)), now);
}

/** The native events (Discord) show the mob as it is now. */
export async function syncEvents(tx: Tx, deps: UseCaseDeps, mob: Mob, now: number): Promise<void> {
  const chats = await tx.chatsOf(mob.communityId);
  await tx.enqueue(eventSyncRows(mob, chats, now, traits(deps)), now);
}
