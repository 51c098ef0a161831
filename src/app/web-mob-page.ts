import type { Chat } from "../domain/community.js";
import { computeTally, endsAt, type Mob, stateAt } from "../domain/mob.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { JoinLink, MobPageView } from "../ports/web.js";
import { mobPhotoViews } from "./web-photos.js";
import { changedAt, communityRef, publicState, revealed, sequence } from "./web-public.js";
import type { WebViewDeps } from "./web-views.js";

/** A mob's public page: read in one unit, its join links asked after it. */
export async function buildMobPage(
  deps: WebViewDeps,
  publicId: string,
  now: number,
): Promise<MobPageView | null> {
  const { settings } = deps;
  const read = await deps.uow.run(async (tx) => {
    const mob = await tx.getMobByPublicId(publicId);
    const state = mob ? publicState(stateAt(mob, now)) : null;
    const community = mob ? await tx.getCommunity(mob.communityId) : null;
    if (!mob || !state || !community) return null;
    const counts = await tx.pledged(mob.id);
    // The whole tally only once there is one to show; the counts come from one aggregate read.
    const tally = state === "tallied" ? computeTally(mob, await tx.participants(mob.id)) : null;
    const joinable = state === "announced" || state === "live" ? await joinTargets(tx, mob) : [];
    const photos = await mobPhotoViews(tx, mob.id);
    return { mob, state, community, counts, tally, joinable, photos };
  });
  if (!read) return null;
  const { mob, state, community, counts, tally, photos } = read;
  // After the unit: a join link may ask the platform (the bot's Telegram username).
  const join = await joinLinks(deps, mob, read.joinable);
  const shown = revealed(mob, now, settings);
  return {
    publicId: mob.publicId,
    mobId: mob.id,
    community: communityRef(community),
    state,
    shop: shown ? { name: mob.shopName, address: mob.address } : null,
    meetingPoint: mob.meetingPoint,
    // A bar a block from a secret shop would give it away: revealed with it.
    party: shown ? mob.party : null,
    startsAt: mob.startsAt,
    endsAt: endsAt(mob),
    pledgeMinor: mob.pledgeMinor,
    currency: mob.currency,
    goalMinor: mob.goalMinor,
    going: counts.going,
    maybe: counts.maybe,
    waiting: counts.waiting,
    capacity: mob.capacity,
    pledgedMinor: counts.pledgedMinor,
    join,
    tally: tally
      ? {
          mobbers: tally.mobbers,
          totalMinor: tally.totalMinor,
          averageMinor: tally.averageMinor,
          goalRatio: tally.goalRatio,
          // The merchant's usual takings are theirs to publish.
          vsUsualDay: mob.takingsPublic ? tally.takingsRatio : null,
        }
      : null,
    photos,
    cancelReason: mob.status === "cancelled" ? mob.cancelReason : null,
    sequence: sequence(mob, now, settings),
    updatedAt: changedAt(mob, now, settings),
  };
}

/** The Telegram and Discord chats a mob's call-to-action went to, with its message there. */
async function joinTargets(
  tx: Tx,
  mob: Mob,
): Promise<{ readonly chat: Chat; readonly ref: string | null }[]> {
  const targets: { chat: Chat; ref: string | null }[] = [];
  for (const chat of await tx.chatsOf(mob.communityId)) {
    if (chat.platform !== "telegram" && chat.platform !== "discord") continue;
    const ref = await tx.sentRef({
      subject: "mob",
      subjectId: mob.id,
      kind: "call_to_action",
      chatId: chat.id,
    });
    targets.push({ chat, ref });
  }
  return targets;
}

async function joinLinks(
  deps: WebViewDeps,
  mob: Mob,
  targets: readonly { readonly chat: Chat; readonly ref: string | null }[],
): Promise<JoinLink[]> {
  const links: JoinLink[] = [];
  for (const { chat, ref } of targets) {
    if (chat.platform !== "telegram" && chat.platform !== "discord") continue;
    const url = await deps.joinLink(chat, mob, ref);
    if (url) links.push({ platform: chat.platform, chatName: chat.name, url });
  }
  return links;
}
