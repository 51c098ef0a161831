import { supportedLocale } from "../domain/locale.js";
import { endsAt } from "../domain/mob.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { MerchantProposalView } from "../ports/web.js";
import { merchantAnswerView } from "./merchant.js";

/** What a merchant's private link shows: the mob proposed to their shop, and their answer. */
export async function merchantProposalIn(
  tx: Tx,
  mobId: number,
  now: number,
): Promise<MerchantProposalView | null> {
  const mob = await tx.getMob(mobId);
  const community = mob ? await tx.getCommunity(mob.communityId) : null;
  if (!mob || !community) return null;
  const counts = await tx.counts(mob.id);
  const cancelled = mob.status === "cancelled";
  const crowd = counts.going + counts.maybe;
  const past = await tx.pastTotals(community.id, now);
  return {
    mobId: mob.id,
    shop: { name: mob.shopName, address: mob.address },
    communityName: community.name,
    locale: supportedLocale(community.locale) ?? "en",
    timezone: community.timezone,
    startsAt: mob.startsAt,
    endsAt: endsAt(mob),
    expectedCrowd: crowd > 0 ? crowd : null,
    usualTurnout: past.mobs > 0 ? Math.round(past.mobbers / past.mobs) : null,
    pledgeMinor: mob.pledgeMinor,
    currency: mob.currency,
    cancelled,
    answer: merchantAnswerView(mob),
    canAnswer: !cancelled && now < mob.startsAt,
  };
}
