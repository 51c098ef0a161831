import { outboxKey, type RowName } from "../domain/codecs/outbox-key.js";
import type { Chat } from "../domain/community.js";
import type { NewOutboxRow } from "../domain/outbox.js";
import type { Vote } from "../domain/vote.js";
import type { Tx } from "../ports/unit-of-work.js";
import { chatsWithout, requestEdits } from "./timeline.js";
import { traits, type UseCaseDeps } from "./use-case-kit.js";

// The vote's outbox rows: its post, its close and its result for the whole community, the
// edits of every chat's post, and the posts a newly linked chat has not had.

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
export const postRow = (vote: Vote, now: number) => communityRow(vote, "post", "vote_post", now);

/**
 * The close, due at the closing time: its delivery is the close itself (no
 * platform call), so the scheduler closes the vote on time, and a restart or a
 * crash before it leaves a pending row that closes it when the bot is back.
 */
export const closeRow = (vote: Vote) => communityRow(vote, "close", "vote_close", vote.closesAt);

/** The result, in every chat. */
export const resultRow = (vote: Vote, now: number) =>
  communityRow(vote, "result", "vote_result", now);

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
    for (const chat of await chatsWithout(tx, about(vote), "vote_post", chats)) {
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
