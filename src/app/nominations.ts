import type { Community } from "../domain/community.js";
import { all, fail, ok } from "../domain/errors.js";
import { foldName } from "../domain/nomination.js";
import { isShopRevealed } from "../domain/reveal.js";
import { LIMITS, parseLabel, parseOptionalLabel } from "../domain/text.js";
import { ChooseNoticeBuilder, type MobbedShops, mobbedIndex } from "../i18n/choose-notices.js";
import { catalog } from "../i18n/index.js";
import type { Command } from "../ports/inbound.js";
import type { Tx } from "../ports/unit-of-work.js";
import { personal } from "../presenters/kit.js";
import { type Context, canOrganize, parseNumberId } from "./context.js";
import type { Outcome, UseCaseDeps } from "./use-case-kit.js";
import { requestVoteEdits } from "./vote.js";

/** The queue shows this many nominations; `/nominations` says how many more wait. */
const QUEUE_SHOWN = 15;

const chooseBuilder = (ctx: Context, community: Community) =>
  new ChooseNoticeBuilder(community, ctx.locale, ctx.actor.platform);

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
export async function nominate(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  cmd: Extract<Command, { type: "nominate" }>,
): Promise<Outcome> {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  const input = all({
    shop: parseLabel(cmd.shop, "shop", LIMITS.shop),
    address: parseOptionalLabel(cmd.address, "address", LIMITS.address),
    why: parseOptionalLabel(cmd.why, "why", LIMITS.why),
  });
  if (!input.ok) return input;
  const { shop, address, why } = input.value;
  const c = catalog(ctx.locale).choose;
  const key = foldName(shop);
  const mobbed = (await mobbedSoFar(tx, deps, community, ctx.now)).get(key);
  const note = chooseBuilder(ctx, community).mobbedNote(mobbed, ctx.now);
  const lines = note ? [capitalized(note)] : [];

  const queued = await tx.findNomination(community.id, key, "queued");
  if (queued) {
    if (queued.nominatedBy === ctx.member.id)
      return ok(personal(ctx, community, c.ownNomination(queued.name), lines));
    if (!(await tx.addSecond(queued.id, ctx.member.id, ctx.now)))
      return ok(personal(ctx, community, c.alreadySeconded(queued.name), lines));
    // A second may bring what the first nomination left out.
    await tx.fillNomination(queued.id, address, why);
    const seconds = await tx.secondsOf(queued.id);
    return ok(personal(ctx, community, c.seconded(queued.name, seconds), lines));
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
  return ok({
    audience: "channel",
    notice: chooseBuilder(ctx, community).answer(c.nominated(created.id, created.name), lines),
  });
}

/** `/nominations`: the queue, most seconded first, and the eligibility checklist. */
export async function listNominations(tx: Tx, deps: UseCaseDeps, ctx: Context): Promise<Outcome> {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  const queue = await tx.queuedNominations(community.id, QUEUE_SHOWN);
  const total = queue.length < QUEUE_SHOWN ? queue.length : await tx.countQueued(community.id);
  const mobbed = await mobbedSoFar(tx, deps, community, ctx.now);
  return ok({
    audience: "channel",
    notice: chooseBuilder(ctx, community).queue(queue, total, mobbed, ctx.now, ctx.member.id),
  });
}

/** `/dropshop <n> [reason]`: an organizer marks a nomination ineligible; it leaves the queue. */
export async function dropNomination(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  idText: string,
  reasonText: string | undefined,
): Promise<Outcome> {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  if (!canOrganize(ctx, community)) return fail("NOT_ORGANIZER");
  const id = parseNumberId(idText, "nomination");
  if (!id.ok) return id;
  const nomination = await tx.getNomination(id.value);
  if (!nomination || nomination.communityId !== community.id)
    return fail("NOMINATION_NOT_FOUND", undefined, { id: id.value });
  if (nomination.status !== "queued")
    return fail("NOMINATION_NOT_QUEUED", undefined, { id: id.value, state: nomination.status });
  const reason = parseOptionalLabel(reasonText, "reason", LIMITS.reason);
  if (!reason.ok) return reason;
  await tx.dropNomination(nomination.id, ctx.member.id, reason.value, ctx.now);
  // An open vote that shows it loses its button.
  for (const vote of await tx.openVotes(community.id)) {
    if ((await tx.voteOptions(vote.id)).some((o) => o.nominationId === nomination.id))
      await requestVoteEdits(tx, deps, vote, ctx.now);
  }
  return ok(
    personal(ctx, community, catalog(ctx.locale).choose.dropped(nomination.id, nomination.name)),
  );
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
