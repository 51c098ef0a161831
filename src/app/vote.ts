import { outboxKey, type RowName } from "../domain/codecs/outbox-key.js";
import type { Chat, Community } from "../domain/community.js";
import { fail, ok, type Result } from "../domain/errors.js";
import type { NewOutboxRow, RowScope } from "../domain/outbox.js";
import { closingTime, pickWinner, VOTE_MAX_OPTIONS, type Vote } from "../domain/vote.js";
import { parseWhen } from "../domain/when.js";
import type { Command } from "../ports/inbound.js";
import { ConcurrentChange } from "../ports/storage-errors.js";
import type { Tx } from "../ports/unit-of-work.js";
import { type Context, canOrganize, ensureChat, parseNumberId } from "./context.js";
import { requestEdits } from "./timeline.js";
import { defaultPledgeMinor, newCheckinCode, traits, type UseCaseDeps } from "./use-case-kit.js";

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

const about = (vote: Vote) => ({
  communityId: vote.communityId,
  subject: "vote" as const,
  subjectId: vote.id,
});

/** One of the vote's rows for the whole community: when due, one message per linked chat. */
const communityRow = (vote: Vote, part: RowName, kind: string, dueAt: number): NewOutboxRow => ({
  ...about(vote),
  key: outboxKey.row("vote", vote.id, part),
  kind,
  target: "community",
  dueAt,
});

/** The vote post, in every chat. */
const postRow = (vote: Vote, now: number) => communityRow(vote, "post", "vote_post", now);

/**
 * The close, due at the closing time: its delivery is the close itself (no
 * platform call), so the scheduler closes the vote on time, and a restart or a
 * crash before it leaves a pending row that closes it when the bot is back.
 */
const closeRow = (vote: Vote) => communityRow(vote, "close", "vote_close", vote.closesAt);

/** The result, in every chat. */
const resultRow = (vote: Vote, now: number) => communityRow(vote, "result", "vote_result", now);

/** Every chat's vote post shows the votes as they are now (edits coalesced per message). */
export async function requestVoteEdits(
  tx: Tx,
  deps: Pick<UseCaseDeps, "capabilities">,
  vote: Vote,
  now: number,
  immediate = false,
): Promise<void> {
  const t = traits(deps);
  await requestEdits(tx, about(vote), "vote_edit", await tx.chatsOf(vote.communityId), now, {
    ...t,
    editIntervalMs: immediate ? () => 0 : t.editIntervalMs,
  });
}

/**
 * `/vote <when> [| closes=<when>]`: an organizer opens a vote among the (up
 * to ten) first shops of the queue, for a mob at `when`. It closes 48 h later
 * unless told, and at least an hour before the mob.
 */
export async function openVote(
  tx: Tx,
  _deps: UseCaseDeps,
  ctx: Context,
  cmd: Extract<Command, { type: "vote" }>,
): Promise<Result<VoteOutcome>> {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  if (!canOrganize(ctx, community)) return fail("NOT_ORGANIZER");
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
  const vote = await tx.insertVote(
    {
      communityId: community.id,
      mobAt: mobAt.value,
      closesAt: closesAt.value,
      openedBy: ctx.member.id,
    },
    queue.map((n) => n.id),
    ctx.now,
  );
  await tx.enqueue([postRow(vote, ctx.now), closeRow(vote)], ctx.now);
  return ok({ kind: "vote_opened", community, vote });
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

/** `/closevote <id>`: an organizer closes the vote now rather than at its time. */
export async function closeVoteNow(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  idText: string,
): Promise<Result<VoteOutcome>> {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  if (!canOrganize(ctx, community)) return fail("NOT_ORGANIZER");
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
}

/**
 * The close, at its time (from the outbox) or early (`/closevote`); the
 * caller runs it in its unit of work. The winner (most votes, then most
 * seconded, then the earliest nominated) becomes a draft mob at the vote's
 * time and leaves the queue; the result goes to every chat and every post
 * loses its buttons. Closing a closed vote does nothing. Returns whether it closed.
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
  let mobId: number | null = null;
  if (winner) {
    const shopId = await tx.insertShop(community.id, winner.name, winner.address, null, now);
    const mob = await tx.insertMob({
      communityId: community.id,
      shopId,
      address: winner.address,
      meetingPoint: null,
      startsAt: vote.mobAt,
      durationMs: settings.mobDurationMs,
      pledgeMinor: defaultPledgeMinor(community.currency),
      currency: community.currency,
      secret: false,
      capacity: null,
      goalMinor: null,
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
  return true;
}

/** After a link: each open vote's post in the chats that have not had it. */
export async function voteCatchUpRows(
  tx: Tx,
  communityId: number,
  chats: readonly Chat[],
  now: number,
): Promise<NewOutboxRow[]> {
  const rows: NewOutboxRow[] = [];
  for (const vote of await tx.openVotes(communityId)) {
    if (vote.closesAt <= now) continue;
    for (const chat of chats) {
      const scope: RowScope = {
        subject: "vote",
        subjectId: vote.id,
        kind: "vote_post",
        chatId: chat.id,
      };
      if (await tx.hasAny(scope)) continue;
      rows.push({
        ...about(vote),
        key: outboxKey.chat(outboxKey.row("vote", vote.id, "post"), chat.id),
        kind: "vote_post",
        target: "chat",
        chatId: chat.id,
        dueAt: now,
      });
    }
  }
  return rows;
}
