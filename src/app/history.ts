import { fail, ok } from "../domain/errors.js";
import type { Context } from "./context.js";
import { builder, type Outcome, type UseCaseDeps } from "./use-cases.js";

/** How many past mobs `/history` lists; the totals count them all. */
export const HISTORY_ITEMS = 20;

/**
 * `/history`: the shops this community has mobbed (ended or tallied, never
 * cancelled), latest first, with date, mobbers and total, and its running
 * totals; the same numbers as the community's web page.
 */
export function showHistory(deps: UseCaseDeps, ctx: Context): Outcome {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  const mobs = deps.store.pastMobs(community.id, ctx.now, HISTORY_ITEMS);
  const totals = deps.store.pastTotals(community.id, ctx.now);
  return ok({ audience: "channel", notice: builder(ctx, community).history(mobs, totals) });
}
