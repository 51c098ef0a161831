import { actionId } from "../domain/codecs/button-id.js";
import {
  ELIGIBILITY,
  type MobbedShops,
  mobbedIndex,
  type QueuedNomination,
} from "../domain/nomination.js";
import { truncate } from "../domain/text.js";
import type { Vote, VoteOption } from "../domain/vote.js";
import type { Line, Notice, NoticeAction } from "../ports/platform.js";
import { CommunityNotices } from "./community-notices.js";
import { catalog, formatDay, formatInstant } from "./index.js";
import { bold, mapLink, text } from "./notices.js";
import { commandSyntax } from "./syntax.js";

/** Buttons per row on a vote post: five rows of two fit Discord (5 × 5) and read well on Telegram. */
const VOTE_BUTTONS_PER_ROW = 2;
/** Longest a nomination's reason is shown in the queue. */
const WHY_SHOWN = 140;
/** Longest a shop name is shown on a button (Discord allows 80 characters). */
const BUTTON_LABEL_MAX = 60;

export { type MobbedShops, mobbedIndex };

/** The notices of choosing the shop, for one community, in one language and one platform's syntax. */
export class ChooseNoticeBuilder extends CommunityNotices {
  private get c() {
    return catalog(this.locale).choose;
  }

  private at(instant: number): string {
    return formatInstant(instant, this.community.timezone, this.locale);
  }

  /** "mobbed on 5 Dec 2026" for a past mob, "a mob is planned there on …" for a coming one. */
  mobbedNote(lastAt: number | undefined, now: number): string | null {
    if (lastAt === undefined) return null;
    const day = formatDay(lastAt, this.community.timezone, this.locale);
    return lastAt <= now ? this.c.mobbedOn(day) : this.c.mobPlannedOn(day);
  }

  /** `/nominations`: the queue in order, then what organizers check before a vote. */
  queue(
    queue: readonly QueuedNomination[],
    total: number,
    mobbed: MobbedShops,
    now: number,
    /** Who asks: their own nominations say "nominated by you". */
    viewer: number | null = null,
  ): Notice {
    const c = this.c;
    const lines: Line[] = [];
    if (queue.length === 0) {
      lines.push([text(c.queueEmpty(commandSyntax(this.platform).nominate))]);
    }
    for (const n of queue) {
      const facts = [
        c.seconds(n.seconds),
        c.nominatedBy(n.nominatorName, n.nominatedBy === viewer),
      ];
      const note = this.mobbedNote(mobbed.get(n.nameKey), now);
      if (note) facts.push(note);
      lines.push([bold(c.queueItem(n.id, n.name)), text(` · ${facts.join(" · ")}`)]);
      if (n.address)
        lines.push([text("   "), { kind: "link", text: n.address, url: mapLink(n.address) }]);
      // Long reasons are cut in the list, so the queue and the checklist fit one message.
      if (n.why) lines.push([text("   "), bold(`${c.why}: `), text(truncate(n.why, WHY_SHOWN))]);
    }
    if (total > queue.length) lines.push([text(c.more(total - queue.length))]);
    lines.push([bold(c.checklistTitle)]);
    for (const item of ELIGIBILITY) lines.push([text(`☐ ${c.checklist[item]}`)]);
    return this.notice("reply", c.queueTitle(total), lines);
  }

  /**
   * The vote post, as first posted and as edited: the shops with their votes
   * merged across every chat, one button each while the vote is open.
   */
  vote(vote: Vote, options: readonly VoteOption[], ballots: number): Notice {
    const c = this.c;
    const open = vote.status === "open";
    const standing = options.filter((o) => o.queued);
    // Closed, the post keeps every shop's final count (the winner has left the queue by then).
    const shown = open ? standing : options;
    const lines: Line[] = [
      [
        bold(`${c.voteCloses}: `),
        { kind: "time", at: vote.closesAt, text: this.at(vote.closesAt) },
      ],
      ...shown.map((o): Line => {
        const count = c.voteOption(o.position, o.name, o.votes);
        return [text(o.nominationId === vote.winnerId ? c.voteWinner(count) : count)];
      }),
      [text(c.votedTotal(ballots))],
      [text(open ? c.voteHow : c.voteClosed)],
    ];
    const buttons: NoticeAction[] = standing.map((o) => ({
      id: actionId.vote(vote.id, o.nominationId),
      label: truncate(`${o.position}. ${o.name}`, BUTTON_LABEL_MAX),
      style: "primary",
    }));
    const actions: NoticeAction[][] = [];
    if (open) {
      for (let i = 0; i < buttons.length; i += VOTE_BUTTONS_PER_ROW)
        actions.push(buttons.slice(i, i + VOTE_BUTTONS_PER_ROW));
    }
    return this.notice("vote", c.voteTitle(this.at(vote.mobAt)), lines, {
      voteId: vote.id,
      actions,
      tone: open ? "info" : "success",
    });
  }

  /** The winner, announced in every chat with the counts (or that nobody voted). */
  result(
    vote: Vote,
    options: readonly VoteOption[],
    winner: VoteOption | null,
    ballots: number,
  ): Notice {
    const c = this.c;
    const counted = options
      .filter((o) => o.queued || o.nominationId === winner?.nominationId)
      .sort((a, b) => b.votes - a.votes || a.position - b.position);
    const lines: Line[] = counted.map((o) => [text(c.voteOption(o.position, o.name, o.votes))]);
    lines.push([text(c.votedTotal(ballots))]);
    if (!winner) {
      lines.push([text(c.resultNone)]);
      return this.notice("vote_result", c.resultNoneTitle, lines, { voteId: vote.id });
    }
    if (counted.filter((o) => o.votes === winner.votes).length > 1) lines.push([text(c.resultTie)]);
    if (winner.address)
      lines.push([{ kind: "link", text: winner.address, url: mapLink(winner.address) }]);
    if (vote.mobId !== null) lines.push([text(c.resultDraft(vote.mobId, this.at(vote.mobAt)))]);
    return this.notice("vote_result", c.resultTitle(winner.name), lines, {
      voteId: vote.id,
      tone: "success",
    });
  }

  /** A short answer to whoever typed the command. */
  answer(title: string, lines: readonly string[] = []): Notice {
    return this.notice(
      "reply",
      title,
      lines.map((l) => [text(l)]),
      { tone: "success" },
    );
  }
}
