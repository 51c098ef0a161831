import type { Context } from "../app/context.js";
import type { MobShown, MobsListed, TallyShown } from "../app/mob-views.js";
import { catalog } from "../i18n/index.js";
import type { Reply } from "../ports/inbound.js";
import { type CheckinLinks, withCheckinQr } from "./checkin-qr.js";
import { builder } from "./kit.js";

/** `/tally` in the chat; the usual-day comparison privately to an organizer while it is not public. */
export function presentTally(ctx: Context, shown: TallyShown): Reply {
  const b = builder(ctx, shown.community);
  const { mob, tally } = shown;
  const notice = b.tally(mob, tally, shown.extras, shown.revealed);
  if (!shown.privately) return { audience: "channel", notice };
  return {
    audience: "channel",
    notice,
    secret: b.reply(
      b.usualDay(tally.takingsRatio ?? 0),
      [catalog(ctx.locale).choose.takingsPrivate],
      "info",
    ),
  };
}

/**
 * `/mob <id>`. A Telegram group sees the answer to a command: what only organizers may see
 * (the check-in code, a shop still secret, the usual takings, the merchant's answer) goes
 * privately; a draft (the merchant may not have said yes) goes privately whole.
 */
export function presentMob(ctx: Context, shown: MobShown, links: CheckinLinks = {}): Reply {
  const b = builder(ctx, shown.community);
  const { mob, state } = shown;
  const info = b.info(mob, state, shown.counts, shown.revealed, shown.photos);
  if (shown.organizer === null) return { audience: "personal", notice: info };
  const facts = b.organizerFacts(mob, shown.revealed, shown.organizer);
  if (state !== "draft")
    return { audience: "personal", notice: info, secret: withCheckinQr(facts, links, mob) };
  return {
    audience: "personal",
    notice: b.reply(catalog(ctx.locale).privacy.draftPrivately(mob.id), [], "info"),
    secret: withCheckinQr({ ...info, lines: [...info.lines, ...facts.lines] }, links, mob),
  };
}

/** `/mobs`: the chat sees what members see; drafts are listed privately. */
export function presentList(ctx: Context, listed: MobsListed): Reply {
  const b = builder(ctx, listed.community);
  const drafts = listed.rows.filter((r) => r.state === "draft");
  return {
    audience: "channel",
    notice: b.list(listed.rows.filter((r) => r.state !== "draft")),
    ...(drafts.length > 0
      ? { secret: b.list(drafts, catalog(ctx.locale).privacy.draftsTitle) }
      : {}),
  };
}
