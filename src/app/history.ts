import { fail, ok } from "../domain/errors.js";
import type { Tx } from "../ports/unit-of-work.js";
import { builder } from "../presenters/kit.js";
import type { Context } from "./context.js";
import type { Outcome, UseCaseDeps } from "./use-case-kit.js";

/** How many past mobs `/history` lists; the totals count them all. */
export const HISTORY_ITEMS = 20;

/**
 * `/history`: the shops this community has mobbed (ended or tallied, never
 * cancelled), latest first, with date, mobbers and total, and its running
 * totals; the same numbers as the community's web page.
 */
export async function showHistory(tx: Tx, _deps: UseCaseDeps, ctx: Context): Promise<Outcome> {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  const mobs = await tx.pastMobs(community.id, ctx.now, HISTORY_ITEMS);
  const totals = await tx.pastTotals(community.id, ctx.now);
  return ok({ audience: "channel", notice: builder(ctx, community).history(mobs, totals) });
}
