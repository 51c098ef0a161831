import type { Context } from "../app/context.js";
import type { VoteOutcome } from "../app/vote.js";
import { catalog, formatInstant } from "../i18n/index.js";
import type { Reply } from "../ports/inbound.js";
import { personal } from "./kit.js";

/** `/vote`, a ballot, `/closevote`: the actor's answer (the posts follow through the outbox). */
export function presentVote(ctx: Context, outcome: VoteOutcome): Reply {
  const c = catalog(ctx.locale).choose;
  const { community } = outcome;
  switch (outcome.kind) {
    case "vote_opened": {
      const { vote } = outcome;
      return personal(
        ctx,
        community,
        c.voteOpened(vote.id, formatInstant(vote.closesAt, community.timezone, ctx.locale)),
      );
    }
    case "vote_closed":
      return personal(ctx, community, c.closedNow(outcome.vote.id));
    case "ballot":
      return personal(
        ctx,
        community,
        outcome.already
          ? c.alreadyVoted(outcome.shop)
          : outcome.from !== null
            ? c.voteMoved(outcome.shop, outcome.from)
            : c.voted(outcome.shop),
      );
  }
}
