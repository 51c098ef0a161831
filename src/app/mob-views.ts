import type { Community } from "../domain/community.js";
import { fail, ok } from "../domain/errors.js";
import {
  computeTally,
  type Mob,
  type MobState,
  type RsvpCounts,
  stateAt,
  type Tally,
} from "../domain/mob.js";
import type { MobRepository, VoteRepository } from "../ports/repositories.js";
import { canOrganize } from "./context.js";
import { inCommunity, onMob, shopShown } from "./use-case-kit.js";

/** What the tally shows besides the spends. */
export interface TallyExtras {
  /** The vote that chose the shop: its ballots for it, and all of them. */
  readonly voted: { readonly forShop: number; readonly total: number } | null;
  /** The comparison with the usual takings (public only once the merchant agreed to it). */
  readonly showTakings: boolean;
}

/** `/tally`: the spends so far; `privately`: the organizer also hears the usual-day comparison. */
export interface TallyShown {
  readonly kind: "tally";
  readonly mob: Mob;
  readonly community: Community;
  readonly tally: Tally;
  readonly extras: TallyExtras;
  readonly revealed: boolean;
  readonly privately: boolean;
}

/** `/mob <id>`; `organizer` (what only organizers see) is null for members. */
export interface MobShown {
  readonly kind: "mob";
  readonly mob: Mob;
  readonly community: Community;
  readonly state: MobState;
  readonly counts: RsvpCounts;
  readonly revealed: boolean;
  readonly photos: number;
  readonly organizer: { readonly merchantRecorder: string | null } | null;
}

/** One line of `/mobs`. */
export interface ListedMob {
  readonly mob: Mob;
  readonly state: MobState;
  readonly counts: RsvpCounts;
  readonly revealed: boolean;
}

/** `/mobs`: the community's open mobs (drafts only for organizers). */
export interface MobsListed {
  readonly kind: "list";
  readonly community: Community;
  readonly rows: readonly ListedMob[];
}

/** `/tally <id>`: the spends so far, and the comparison with the usual takings where it may be seen. */
export const showTally = onMob<[], TallyShown>({}, async (tx, deps, ctx, { mob, community }) => {
  const tally = computeTally(mob, await tx.participants(mob.id));
  // Organizers see the comparison with the usual takings even while it is not public.
  const privately =
    canOrganize(ctx, community, mob) && !mob.takingsPublic && tally.takingsRatio !== null;
  return ok({
    kind: "tally",
    mob,
    community,
    tally,
    extras: await tallyExtras(tx, mob),
    revealed: shopShown(deps, mob, ctx.now),
    privately,
  });
});

/** The tally went out to every chat: the mob is tallied (spends no longer change). */
export async function markTallied(
  tx: Pick<MobRepository, "updateMob" | "lockMob">,
  mob: Mob,
  now: number,
): Promise<void> {
  if (mob.status !== "announced") return;
  // Held and read again: a cancel or an edit in a unit beside this one has the last word.
  if ((await tx.lockMob(mob.id))?.status === "announced")
    await tx.updateMob(mob.id, { status: "tallied" }, now);
}

/** What the tally shows besides spends: the vote that chose the shop, and the takings if published. */
export async function tallyExtras(
  tx: Pick<VoteRepository, "voteOfMob">,
  mob: Mob,
): Promise<TallyExtras> {
  const vote = await tx.voteOfMob(mob.id);
  return {
    voted: vote ? { forShop: vote.forShop, total: vote.total } : null,
    showTakings: mob.takingsPublic,
  };
}

/** `/mob <id>`: the mob's card (a draft only for its organizers). */
export const showMob = onMob<[], MobShown>({}, async (tx, deps, ctx, { mob, community }) => {
  const organizer = canOrganize(ctx, community, mob);
  const state = stateAt(mob, ctx.now);
  if (state === "draft" && !organizer) return fail("MOB_NOT_FOUND", "id", { id: mob.id });
  const counts = await tx.counts(mob.id);
  const photos = (await tx.photosOf(mob.id)).length;
  const recordedBy = mob.merchant.recordedBy;
  return ok({
    kind: "mob",
    mob,
    community,
    state,
    counts,
    revealed: shopShown(deps, mob, ctx.now),
    photos,
    organizer: organizer
      ? {
          merchantRecorder:
            recordedBy === null ? null : ((await tx.getMember(recordedBy))?.displayName ?? null),
        }
      : null,
  });
});

/** `/mobs`: this community's open mobs (drafts too, for organizers). */
export const listMobs = inCommunity<[], MobsListed>({}, async (tx, deps, ctx, community) => {
  const mobs = await tx.listOpenMobs(community.id, ctx.now, canOrganize(ctx, community), 20);
  const rows: ListedMob[] = [];
  for (const mob of mobs) {
    rows.push({
      mob,
      state: stateAt(mob, ctx.now),
      counts: await tx.counts(mob.id),
      revealed: shopShown(deps, mob, ctx.now),
    });
  }
  return ok({ kind: "list", community, rows });
});
