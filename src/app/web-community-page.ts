import { computeTally, endsAt, type Mob, stateAt } from "../domain/mob.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { CommunityPageView, MobSummaryView, PublicMobState } from "../ports/web.js";
import type { CoreSettings } from "./settings.js";
import { changedAt, communityRef, publicState, revealed, sequence } from "./web-public.js";

const PAST_ON_PAGE = 50;
const UPCOMING_ON_PAGE = 50;

/** A community's public page: its upcoming and past mobs, and its totals, read through `tx`. */
export async function communityPageIn(
  tx: Tx,
  settings: CoreSettings,
  publicId: string,
  now: number,
): Promise<CommunityPageView | null> {
  const community = await tx.getCommunityByPublicId(publicId);
  if (!community) return null;
  const upcoming: MobSummaryView[] = [];
  for (const mob of await tx.listOpenMobs(community.id, now, false, UPCOMING_ON_PAGE))
    upcoming.push(
      await summary(tx, settings, mob, publicState(stateAt(mob, now)) ?? "announced", now),
    );
  const past: MobSummaryView[] = [];
  for (const mob of await tx.listPastMobs(community.id, now, PAST_ON_PAGE))
    past.push(await summary(tx, settings, mob, publicState(stateAt(mob, now)) ?? "ended", now));
  // Over every past mob, not only those listed: the numbers /history says. Spent in the
  // community's currency (a mob priced in another counts for mobs and mobbers only).
  const totals = await tx.pastTotals(community.id, now);
  return {
    ...communityRef(community),
    upcoming,
    past,
    totals: {
      mobs: totals.mobs,
      mobbers: totals.mobbers,
      totalMinor: totals.spent.find((s) => s.currency === community.currency)?.totalMinor ?? 0,
      currency: community.currency,
    },
  };
}

async function summary(
  tx: Tx,
  settings: CoreSettings,
  mob: Mob,
  state: PublicMobState,
  now: number,
): Promise<MobSummaryView> {
  const tally =
    state === "tallied" || state === "ended"
      ? computeTally(mob, await tx.participants(mob.id))
      : null;
  return {
    publicId: mob.publicId,
    state,
    shop: revealed(mob, now, settings) ? { name: mob.shopName, address: mob.address } : null,
    meetingPoint: mob.meetingPoint,
    startsAt: mob.startsAt,
    endsAt: endsAt(mob),
    pledgeMinor: mob.pledgeMinor,
    currency: mob.currency,
    going: (await tx.counts(mob.id)).going,
    tally: tally ? { mobbers: tally.mobbers, totalMinor: tally.totalMinor } : null,
    cancelReason: mob.status === "cancelled" ? mob.cancelReason : null,
    sequence: sequence(mob, now, settings),
    updatedAt: changedAt(mob, now, settings),
  };
}
