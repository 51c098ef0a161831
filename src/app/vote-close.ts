import { fail, ok } from "../domain/errors.js";
import { pickWinner, type Vote } from "../domain/vote.js";
import { ConcurrentChange } from "../ports/storage-errors.js";
import type { Tx } from "../ports/unit-of-work.js";
import { parseNumberId } from "./context.js";
import { moveOn, tellNoShop } from "./series-plan.js";
import {
  defaultPledgeMinor,
  inCommunity,
  newCheckinCode,
  type UseCaseDeps,
} from "./use-case-kit.js";
import type { VoteOutcome } from "./vote.js";
import { requestVoteEdits, resultRow } from "./vote-rows.js";

// Closing a vote: early by an organizer, at its time from the outbox, or abandoned with its series.

/**
 * Closes an open vote with no winner (its series' occurrence was skipped or the
 * series stopped): the shops stay queued, every post loses its buttons.
 */
export async function abandonVote(
  tx: Tx,
  deps: Pick<UseCaseDeps, "capabilities">,
  vote: Vote,
  closedBy: number,
  now: number,
): Promise<void> {
  if (!(await tx.closeVote(vote.id, { closedBy, winnerId: null, mobId: null }, now)))
    throw new ConcurrentChange(`vote ${vote.id}`);
  await tx.withdrawPending("vote", vote.id, now, ["vote_close"]);
  await requestVoteEdits(tx, deps, vote, now, true);
}

/** `/closevote <id>`: an organizer closes the vote now rather than at its time. */
export const closeVoteNow = inCommunity<[idText: string], VoteOutcome>(
  { organizers: true },
  async (tx, deps, ctx, community, idText) => {
    const id = parseNumberId(idText, "vote");
    if (!id.ok) return id;
    const vote = await tx.getVote(id.value);
    if (!vote || vote.communityId !== community.id)
      return fail("VOTE_NOT_FOUND", undefined, { id: id.value });
    if (vote.status !== "open") return fail("VOTE_CLOSED", undefined, { id: vote.id });
    // Closed meanwhile by a unit beside this one (or the scheduler): as a late /closevote.
    if (!(await closeVote(tx, deps, vote, ctx.now, ctx.member.id)))
      return fail("VOTE_CLOSED", undefined, { id: vote.id });
    return ok({ kind: "vote_closed", community, vote });
  },
);

/**
 * The close, at its time (from the outbox) or early (`/closevote`); the
 * caller runs it in its unit of work. The winner (most votes, then most
 * seconded, then the earliest nominated) becomes a draft mob at the vote's
 * time and leaves the queue; the result goes to every chat and every post
 * loses its buttons. Closing a closed vote does nothing. Returns whether it closed.
 * A series' vote makes the mob of the series' occurrence (its pledge, capacity, …);
 * the series then moves to its next occurrence, and with no winner its creator
 * hears privately that this one has no shop.
 */
export async function closeVote(
  tx: Tx,
  deps: Pick<UseCaseDeps, "settings" | "capabilities">,
  vote: Vote,
  now: number,
  closedBy: number | null,
): Promise<boolean> {
  const { settings } = deps;
  const current = await tx.getVote(vote.id);
  const community = await tx.getCommunity(vote.communityId);
  if (current?.status !== "open" || !community) return false;
  const winner = pickWinner(await tx.voteOptions(vote.id));
  const series = vote.seriesId === null ? null : await tx.getSeries(vote.seriesId);
  let mobId: number | null = null;
  if (winner) {
    const shopId = await tx.insertShop(community.id, winner.name, winner.address, null, now);
    const mob = await tx.insertMob({
      communityId: community.id,
      shopId,
      address: winner.address,
      meetingPoint: series?.meetingPoint ?? null,
      party: series?.party ?? null,
      startsAt: vote.mobAt,
      durationMs: series?.durationMs ?? settings.mobDurationMs,
      pledgeMinor: series?.pledgeMinor ?? defaultPledgeMinor(community.currency),
      currency: series?.currency ?? community.currency,
      secret: false,
      capacity: series?.capacity ?? null,
      goalMinor: series?.goalMinor ?? null,
      status: "draft",
      createdBy: vote.openedBy,
      checkinCode: newCheckinCode(),
      now,
    });
    // Dropped by a unit beside this one since the options were read: close on what is left.
    if (!(await tx.chooseNomination(winner.nominationId, mob.id, now)))
      throw new ConcurrentChange(`nomination ${winner.nominationId}`);
    mobId = mob.id;
  }
  // Closed by a unit beside this one meanwhile: this one's mob must not stay. The rerun
  // finds the vote closed and answers as a late /closevote does.
  if (
    !(await tx.closeVote(vote.id, { closedBy, winnerId: winner?.nominationId ?? null, mobId }, now))
  )
    throw new ConcurrentChange(`vote ${vote.id}`);
  await tx.withdrawPending("vote", vote.id, now, ["vote_close"]);
  await tx.enqueue([resultRow(vote, now)], now);
  await requestVoteEdits(tx, deps, vote, now, true);
  // The series is still at this occurrence (not skipped or stopped meanwhile): on to the next.
  if (series?.status === "active" && series.nextAt === vote.mobAt) {
    if (mobId === null) await tellNoShop(tx, series, vote.mobAt, "no_votes", now);
    await moveOn(tx, series, vote.mobAt, now);
  }
  return true;
}
