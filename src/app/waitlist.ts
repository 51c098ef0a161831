import { outboxKey } from "../domain/codecs/outbox-key.js";
import { type Mob, stateAt, type Waiting } from "../domain/mob.js";
import type { NewOutboxRow } from "../domain/outbox.js";
import type { Tx } from "../ports/unit-of-work.js";
import { MAX_CAPACITY } from "./mob-create.js";

/**
 * A full mob's waitlist. Every function here runs on a mob its caller holds locked
 * (`onMob({ locked: true }, …)`), so on PostgreSQL concurrent presses take their turn: no more
 * than `capacity` people ever go, and places are given in the order people came.
 */

/** No place is left for one more person going. */
export async function isFull(tx: Tx, mob: Mob): Promise<boolean> {
  return mob.capacity !== null && (await tx.counts(mob.id)).going >= mob.capacity;
}

/**
 * Puts the member on the mob's waitlist (a maybe stops being one: they wait to go) and
 * returns their place, 1 being next.
 */
export async function joinWaitlist(
  tx: Tx,
  mob: Mob,
  waiting: Waiting,
  wasParticipant: boolean,
  now: number,
): Promise<number> {
  await tx.addWaiting(mob.id, waiting, now);
  if (wasParticipant) await tx.removeParticipant(mob.id, waiting.memberId);
  return (await tx.waitingPlace(mob.id, waiting.memberId)) ?? 1;
}

/**
 * Gives the places free (someone left, the capacity was raised or lifted) to the first
 * waiting, in order: each now goes, with the pledge and chat they waited with, and hears it
 * privately on their own platform (or by a mention in the chat they joined from when no DM
 * reaches them). The caller refreshes the counts. Returns who was promoted.
 */
export async function promoteWaiting(tx: Tx, mob: Mob, now: number): Promise<number[]> {
  const state = stateAt(mob, now);
  if (state !== "announced" && state !== "live") return [];
  const free =
    mob.capacity === null ? MAX_CAPACITY : mob.capacity - (await tx.counts(mob.id)).going;
  if (free <= 0) return [];
  const promoted = await tx.firstWaiting(mob.id, free);
  if (promoted.length === 0) return [];
  for (const w of promoted) {
    await tx.removeWaiting(mob.id, w.memberId);
    await tx.setRsvp(mob.id, w.memberId, "going", now, w.pledgeMinor, w.chatId);
  }
  const parent = outboxKey.row("mob", mob.id, "promoted", String(now));
  const rows: NewOutboxRow[] = promoted.map((w) => ({
    key: outboxKey.dm(parent, w.memberId),
    communityId: mob.communityId,
    subject: "mob",
    subjectId: mob.id,
    kind: "promoted",
    target: "dm",
    memberId: w.memberId,
    dueAt: now,
  }));
  await tx.enqueue(rows, now);
  return promoted.map((w) => w.memberId);
}
