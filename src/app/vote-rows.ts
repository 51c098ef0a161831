import { outboxKey } from "../domain/codecs/outbox-key.js";
import type { Chat } from "../domain/community.js";
import type { NewOutboxRow, RowScope } from "../domain/outbox.js";
import type { Vote } from "../domain/vote.js";
import type { Tx } from "../ports/unit-of-work.js";
import { requestEdits } from "./timeline.js";
import { traits, type UseCaseDeps } from "./use-case-kit.js";

// The vote's outbox rows: its post, its close and its result for the whole community, the
// edits of every chat's post, and the posts a newly linked chat has not had.

const about = (vote: Vote) => ({
  communityId: vote.communityId,
  subject: "vote" as const,
  subjectId: vote.id,
});

/** The vote post for the whole community: when due, one post per linked chat. */
export const postRow = (vote: Vote, now: number): NewOutboxRow => ({
  ...about(vote),
  key: outboxKey.row("vote", vote.id, "post"),
  kind: "vote_post",
  target: "community",
  dueAt: now,
});

/**
 * The close, due at the closing time: its delivery is the close itself (no
 * platform call), so the scheduler closes the vote on time, and a restart or a
 * crash before it leaves a pending row that closes it when the bot is back.
 */
export const closeRow = (vote: Vote): NewOutboxRow => ({
  ...about(vote),
  key: outboxKey.row("vote", vote.id, "close"),
  kind: "vote_close",
  target: "community",
  dueAt: vote.closesAt,
});

/** The result, in every chat. */
export const resultRow = (vote: Vote, now: number): NewOutboxRow => ({
  ...about(vote),
  key: outboxKey.row("vote", vote.id, "result"),
  kind: "vote_result",
  target: "community",
  dueAt: now,
});

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
