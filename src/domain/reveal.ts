import type { Mob } from "./mob.js";

/** When a secret mob's shop becomes public: `revealBeforeMs` (REVEAL_BEFORE) before its start. */
export const revealAt = (mob: Pick<Mob, "startsAt">, revealBeforeMs: number): number =>
  mob.startsAt - Math.max(0, revealBeforeMs);

/**
 * Is the mob's shop (its name, address and after-party) public at `now`? The
 * one rule every view follows, chat and web alike: a shop never secret always
 * is; a secret one is from its reveal time on, so the reveal post, the edited
 * call-to-action, `/mobs`, `/mob`, the page and the calendars all turn at the
 * same instant. A cancelled secret mob keeps its secret: the shop hosts nothing.
 */
export function isShopRevealed(
  mob: Pick<Mob, "secret" | "status" | "startsAt">,
  now: number,
  revealBeforeMs: number,
): boolean {
  if (!mob.secret) return true;
  return mob.status !== "cancelled" && now >= revealAt(mob, revealBeforeMs);
}
