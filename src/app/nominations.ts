import type { Community } from "../domain/community.js";
import { all, fail, ok } from "../domain/errors.js";
import {
  foldName,
  type MobbedShops,
  mobbedIndex,
  type Nomination,
  type QueuedNomination,
} from "../domain/nomination.js";
import { isShopRevealed } from "../domain/reveal.js";
import { LIMITS, parseLabel, parseOptionalLabel } from "../domain/text.js";
import type { Command } from "../ports/inbound.js";
import { ConcurrentChange } from "../ports/storage-errors.js";
import type { Tx } from "../ports/unit-of-work.js";
import { canOrganize, parseNumberId } from "./context.js";
import { inCommunity, type UseCaseDeps } from "./use-case-kit.js";

/**
 * What `/nominate` did with the shop `name`; `mobbedAt`: when members know the
 * community mobbed it (or will), for the note under the answer.
 */
export type Nominated = {
  readonly community: Community;
  readonly name: string;
  readonly mobbedAt: number | undefined;
} & (
  | { readonly kind: "own_nomination" }
  | { readonly kind: "already_seconded" }
  | { readonly kind: "seconded"; readonly seconds: number }
  | { readonly kind: "nominated"; readonly id: number }
);

/** `/nominations`: the first of the queue, how many wait in all, and when shops were mobbed. */
export interface QueueShown {
  readonly kind: "queue";
  readonly community: Community;
  readonly queue: readonly QueuedNomination[];
  readonly total: number;
  readonly mobbed: MobbedShops;
  /** Who asks: their own nominations say so. */
  readonly viewer: number;
}

/** An organizer found a nomination ineligible; it left the queue. */
export interface NominationDropped {
  readonly kind: "nomination_dropped";
  readonly community: Community;
  readonly nomination: Nomination;
}

import { requestVoteEdits } from "./vote.js";

/** The queue shows this many nominations; `/nominations` says how many more wait. */
const QUEUE_SHOWN = 15;

/**
 * When each shop was (or will be) mobbed, as members may know it: a secret
 * mob counts from its reveal on, so "a mob is planned there" never names it.
 */
async function mobbedSoFar(
  tx: Tx,
  deps: UseCaseDeps,
  community: Community,
  now: number,
): Promise<MobbedShops> {
  const known = (await tx.mobbedShops(community.id)).filter((s) =>
    isShopRevealed(
      { secret: s.secret, status: "announced", startsAt: s.lastAt },
      now,
      deps.settings.revealBeforeMs,
    ),
  );
  return mobbedIndex(known);
}

/**
 * `/nominate <shop> [| <address>] [| <why>]`: any member puts a shop forward.
 * The same shop again (any case, any accents) is a second, not a duplicate;
 * a shop the community already mobbed says so.
 */
export const nominate = inCommunity<[cmd: Extract<Command, { type: "nominate" }>], Nominated>(
  {},
  async (tx, deps, ctx, community, cmd) => {
    const input = all({
      shop: parseLabel(cmd.shop, "shop", LIMITS.shop),
      address: parseOptionalLabel(cmd.address, "address", LIMITS.address),
      why: parseOptionalLabel(cmd.why, "why", LIMITS.why),
    });
    if (!input.ok) return input;
    const { shop, address, why } = input.value;
    const key = foldName(shop);
    const mobbedAt = (await mobbedSoFar(tx, deps, community, ctx.now)).get(key);

    const queued = await tx.findNomination(community.id, key, "queued");
    if (queued) {
      if (queued.nominatedBy === ctx.member.id)
        return ok({ kind: "own_nomination", community, name: queued.name, mobbedAt });
      if (!(await tx.addSecond(queued.id, ctx.member.id, ctx.now)))
        return ok({ kind: "already_seconded", community, name: queued.name, mobbedAt });
      // A second may bring what the first nomination left out.
      await tx.fillNomination(queued.id, address, why);
      const seconds = await tx.secondsOf(queued.id);
      return ok({ kind: "seconded", community, name: queued.name, mobbedAt, seconds });
    }

    // An organizer found it ineligible: members cannot put it straight back.
    const dropped = await tx.findNomination(community.id, key, "dropped");
    if (dropped && !canOrganize(ctx, community)) {
      return fail("NOMINATION_DROPPED", undefined, {
        shop: dropped.name,
        reason: dropped.dropReason ?? "",
      });
    }
    const created = await tx.insertNomination(
      {
        communityId: community.id,
        name: shop,
        nameKey: key,
        address,
        why,
        nominatedBy: ctx.member.id,
      },
      ctx.now,
    );
    return ok({ kind: "nominated", community, name: created.name, mobbedAt, id: created.id });
  },
);

/** `/nominations`: the queue, most seconded first, and the eligibility checklist. */
export const listNominations = inCommunity<[], QueueShown>({}, async (tx, deps, ctx, community) => {
  const queue = await tx.queuedNominations(community.id, QUEUE_SHOWN);
  const total = queue.length < QUEUE_SHOWN ? queue.length : await tx.countQueued(community.id);
  const mobbed = await mobbedSoFar(tx, deps, community, ctx.now);
  return ok({ kind: "queue", community, queue, total, mobbed, viewer: ctx.member.id });
});

/** `/dropshop <n> [reason]`: an organizer marks a nomination ineligible; it leaves the queue. */
export const dropNomination = inCommunity<
  [idText: string, reasonText: string | undefined],
  NominationDropped
>({ organizers: true }, async (tx, deps, ctx, community, idText, reasonText) => {
  const id = parseNumberId(idText, "nomination");
  if (!id.ok) return id;
  const nomination = await tx.getNomination(id.value);
  if (!nomination || nomination.communityId !== community.id)
    return fail("NOMINATION_NOT_FOUND", undefined, { id: id.value });
  if (nomination.status !== "queued")
    return fail("NOMINATION_NOT_QUEUED", undefined, { id: id.value, state: nomination.status });
  const reason = parseOptionalLabel(reasonText, "reason", LIMITS.reason);
  if (!reason.ok) return reason;
  // Settled by a unit beside this one: the rerun answers that it left the queue.
  if (!(await tx.dropNomination(nomination.id, ctx.member.id, reason.value, ctx.now)))
    throw new ConcurrentChange(`nomination ${nomination.id}`);
  // An open vote that shows it loses its button.
  for (const vote of await tx.openVotes(community.id)) {
    if ((await tx.voteOptions(vote.id)).some((o) => o.nominationId === nomination.id))
      await requestVoteEdits(tx, deps, vote, ctx.now);
  }
  return ok({ kind: "nomination_dropped", community, nomination });
});
