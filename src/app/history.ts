import type { Community } from "../domain/community.js";
import { ok } from "../domain/errors.js";
import type { PastMob, PastTotals } from "../domain/history.js";
import { inCommunity } from "./use-case-kit.js";

/** The community's past mobs (latest first) and its running totals. */
export interface HistoryShown {
  readonly kind: "history";
  readonly community: Community;
  readonly mobs: readonly PastMob[];
  readonly totals: PastTotals;
}

/** How many past mobs `/history` lists; the totals count them all. */
export const HISTORY_ITEMS = 20;

/**
 * `/history`: the shops this community has mobbed (ended or tallied, never
 * cancelled), latest first, with date, mobbers and total, and its running
 * totals; the same numbers as the community's web page.
 */
export const showHistory = inCommunity<[], HistoryShown>({}, async (tx, _deps, ctx, community) => {
  const mobs = await tx.pastMobs(community.id, ctx.now, HISTORY_ITEMS);
  const totals = await tx.pastTotals(community.id, ctx.now);
  return ok({ kind: "history", community, mobs, totals });
});
