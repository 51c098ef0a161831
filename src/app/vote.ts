import type { Community } from "../domain/community.js";
import { fail, ok, type Result } from "../domain/errors.js";
import { closingTime, type NewVote, VOTE_MAX_OPTIONS, type Vote } from "../domain/vote.js";
import { parseWhen } from "../domain/when.js";
import type { Command } from "../ports/inbound.js";
import type { Tx } from "../ports/unit-of-work.js";
import { type Context, ensureChat, parseNumberId } from "./context.js";
import { inCommunity, type UseCaseDeps } from "./use-case-kit.js";
import { closeRow, postRow, requestVoteEdits } from "./vote-rows.js";

export { abandonVote, closeVote, closeVoteNow } from "./vote-close.js";
export { requestVoteEdits, voteCatchUpRows } from "./vote-rows.js";

/** What a vote command did; `community` is the vote's. */
export type VoteOutcome = { readonly community: Community } & (
  | { readonly kind: "vote_opened"; readonly vote: Vote }
  | { readonly kind: "vote_closed"; readonly vote: Vote }
  /** A ballot for `shop`; `from`: the shop it moved from; `already`: it was there already. */
  | {
      readonly kind: "ballot";
      readonly shop: string;
      readonly from: string | null;
      readonly already: boolean;
    }
);

/**
 * `/vote <when> [| closes=<when>]`: an organizer opens a vote among the (up
 * to ten) first shops of the queue, for a mob at `when`. It closes 48 h later
 * unless told, and at least an hour before the mob.
 */
export const openVote = inCommunity<[cmd: Extract<Command, { type: "vote" }>], VoteOutcome>(
  { organizers: true },
  async (tx, _deps, ctx, community, cmd) => {
    const mobAt = parseWhen(cmd.when, community.timezone, ctx.now);
    if (!mobAt.ok) return mobAt;
    const asked =
      cmd.closes === undefined ? null : parseWhen(cmd.closes, community.timezone, ctx.now);
    if (asked && !asked.ok) return asked;
    const open = (await tx.openVotes(community.id))[0];
    if (open) {
      // The sentence says when it closes (in the community's zone) and how to close it now.
      return fail("VOTE_ALREADY_OPEN", undefined, {
        id: open.id,
        closesAt: open.closesAt,
        zone: community.timezone,
      });
    }
    const queue = await tx.queuedNominations(community.id, VOTE_MAX_OPTIONS);
    if (queue.length === 0) return fail("VOTE_NO_NOMINATIONS");
    const closesAt = closingTime(ctx.now, mobAt.value, asked ? asked.value : null);
    if (!closesAt.ok) return closesAt;
    await ensureChat(tx, ctx, community);
    const vote = await startVote(
      tx,
      {
        communityId: community.id,
        mobAt: mobAt.value,
        closesAt: closesAt.value,
        openedBy: ctx.member.id,
      },
      queue.map((n) => n.id),
      ctx.now,
    );
    return ok({ kind: "vote_opened", community, vote });
  },
);

/** Opens a vote on these nominations: posted in every chat now, closed at its time. */
export async function startVote(
  tx: Tx,
  vote: NewVote,
  nominationIds: readonly number[],
  now: number,
): Promise<Vote> {
  const opened = await tx.insertVote(vote, nominationIds, now);
  await tx.enqueue([postRow(opened, now), closeRow(opened)], now);
  return opened;
}

/**
 * A press on a vote post: the member's one vote in this community, cast or
 * moved while the vote is open; every chat's post shows the merged counts.
 */
export async function castBallot(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  voteText: string,
  nominationText: string,
): Promise<Result<VoteOutcome>> {
  const voteId = parseNumberId(voteText, "vote");
  if (!voteId.ok) return voteId;
  const vote = await tx.getVote(voteId.value);
  if (!vote) return fail("VOTE_NOT_FOUND", undefined, { id: voteId.value });
  const community = ctx.community;
  // A post forwarded elsewhere, or pressed in a chat that left the community.
  if (!community || community.id !== vote.communityId) return fail("VOTE_NOT_MEMBER");
  // Past its closing time, a vote is closed even if the close is still being delivered.
  if (vote.status !== "open" || vote.closesAt <= ctx.now)
    return fail("VOTE_CLOSED", undefined, { id: vote.id });
  const options = await tx.voteOptions(vote.id);
  const choice = options.find((o) => String(o.nominationId) === nominationText.trim());
  // Never on this vote, or on it but dropped from the queue since: two different answers.
  if (!choice) return fail("VOTE_NO_SUCH_OPTION", undefined, { id: vote.id });
  if (!choice.queued) return fail("VOTE_NOT_AN_OPTION", undefined, { id: vote.id });
  const before = await tx.ballotOf(vote.id, ctx.member.id);
  if (before === choice.nominationId)
    return ok({ kind: "ballot", community, shop: choice.name, from: null, already: true });
  await tx.castBallot(vote.id, ctx.member.id, choice.nominationId, ctx.chat?.id ?? null, ctx.now);
  await requestVoteEdits(tx, deps, vote, ctx.now);
  const from = options.find((o) => o.nominationId === before);
  return ok({
    kind: "ballot",
    community,
    shop: choice.name,
    from: from?.name ?? null,
    already: false,
  });
}
