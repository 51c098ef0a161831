import type { Context } from "../app/context.js";
import type { Nominated, NominationDropped, QueueShown } from "../app/nominations.js";
import type { Community } from "../domain/community.js";
import { ChooseNoticeBuilder } from "../i18n/choose-notices.js";
import { catalog } from "../i18n/index.js";
import type { Reply } from "../ports/inbound.js";
import { personal } from "./kit.js";

const chooseBuilder = (ctx: Context, community: Community) =>
  new ChooseNoticeBuilder(community, ctx.locale, ctx.actor.platform);

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `/nominate`: a new nomination in the chat; a second (or not) for the actor. */
export function presentNominated(ctx: Context, nominated: Nominated): Reply {
  const c = catalog(ctx.locale).choose;
  const { community, name } = nominated;
  const note = chooseBuilder(ctx, community).mobbedNote(nominated.mobbedAt, ctx.now);
  const lines = note ? [capitalized(note)] : [];
  switch (nominated.kind) {
    case "own_nomination":
      return personal(ctx, community, c.ownNomination(name), lines);
    case "already_seconded":
      return personal(ctx, community, c.alreadySeconded(name), lines);
    case "seconded":
      return personal(ctx, community, c.seconded(name, nominated.seconds), lines);
    case "nominated":
      return {
        audience: "channel",
        notice: chooseBuilder(ctx, community).answer(c.nominated(nominated.id, name), lines),
      };
  }
}

/** `/nominations`: the queue in the chat. */
export function presentQueue(ctx: Context, shown: QueueShown): Reply {
  return {
    audience: "channel",
    notice: chooseBuilder(ctx, shown.community).queue(
      shown.queue,
      shown.total,
      shown.mobbed,
      ctx.now,
      shown.viewer,
    ),
  };
}

/** `/dropshop`: done. */
export function presentNominationDropped(ctx: Context, dropped: NominationDropped): Reply {
  const { nomination } = dropped;
  return personal(
    ctx,
    dropped.community,
    catalog(ctx.locale).choose.dropped(nomination.id, nomination.name),
  );
}
