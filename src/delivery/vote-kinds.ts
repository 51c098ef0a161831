import { closeVote } from "../app/vote.js";
import type { OutboxRow } from "../domain/outbox.js";
import type { Vote, VoteOption } from "../domain/vote.js";
import { ChooseNoticeBuilder } from "../i18n/choose-notices.js";
import type { Notice } from "../ports/platform.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { BoundRow, KindDeps } from "./kinds.js";

/** The kinds of outbox row about a vote (src/delivery/mob-kinds.ts has the mob's). */
export type VoteKind = "vote_post" | "vote_edit" | "vote_close" | "vote_result";

interface VoteFacts {
  readonly vote: Vote;
  readonly options: readonly VoteOption[];
  readonly ballots: number;
}

interface VoteKindEntry {
  /** For an edit: the message it rewrites. */
  readonly edits?: VoteKind;
  /** Only worth sending while the vote is open. */
  readonly whileOpen?: true;
  readonly render?: (b: ChooseNoticeBuilder, v: VoteFacts) => Notice;
  /** The delivery is this state change, in the row's unit. */
  readonly transition?: (tx: Tx, deps: KindDeps, vote: Vote, now: number) => Promise<void>;
}

const voteBoard = (b: ChooseNoticeBuilder, v: VoteFacts) => b.vote(v.vote, v.options, v.ballots);

const VOTE_KINDS: Record<VoteKind, VoteKindEntry> = {
  vote_post: { whileOpen: true, render: voteBoard },
  vote_edit: { edits: "vote_post" },
  vote_close: {
    transition: async (tx, deps, vote, now) => {
      await closeVote(tx, deps, vote, now, null);
    },
  },
  vote_result: {
    render: (b, v) =>
      b.result(
        v.vote,
        v.options,
        v.options.find((o) => o.nominationId === v.vote.winnerId) ?? null,
        v.ballots,
      ),
  },
};

export const isVoteKind = (kind: string): kind is VoteKind => Object.hasOwn(VOTE_KINDS, kind);

/** Binds a claimed row to its vote; null when the vote or its community is gone. */
export async function bindVote(
  tx: Tx,
  row: OutboxRow,
  kind: VoteKind,
  deps: KindDeps,
  now: number,
): Promise<BoundRow | null> {
  const vote = await tx.getVote(row.subjectId);
  const community = vote ? await tx.getCommunity(vote.communityId) : null;
  if (!vote || !community) return null;
  const entry = VOTE_KINDS[kind];
  const closed = vote.status !== "open" || vote.closesAt <= now;
  const transition = entry.transition;
  return {
    communityId: vote.communityId,
    community,
    skip: entry.whileOpen && closed ? { state: "skipped", reason: "vote closed" } : null,
    edits: entry.edits ?? null,
    transition: transition ? (tx, at) => transition(tx, deps, vote, at) : null,
    onFanOut: null,
    dmRecipients: async () => [],
    render: async (tx, as, input) => {
      const draw = isVoteKind(as) ? VOTE_KINDS[as].render : undefined;
      if (!draw) throw new Error(`no renderer for outbox kind ${as} (row ${row.id})`);
      const facts = {
        vote,
        options: await tx.voteOptions(vote.id),
        ballots: await tx.ballotCount(vote.id),
      };
      return draw(new ChooseNoticeBuilder(community, input.locale, input.platform), facts);
    },
    event: () => null,
    memberLocale: async (_tx, member) => member.locale ?? community.locale,
    joinedFrom: async () => null,
    privateOnly: false,
    card: null,
    follows: null,
    album: null,
  };
}
