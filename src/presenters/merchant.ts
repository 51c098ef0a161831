import type { Context } from "../app/context.js";
import type { MerchantOutcome } from "../app/merchant.js";
import { catalog, formatInstant } from "../i18n/index.js";
import { commandSyntax } from "../i18n/syntax.js";
import type { Reply } from "../ports/inbound.js";
import { presentExposed } from "./exposed.js";
import { builder, personal } from "./kit.js";

/** `/merchant`, `/merchantlink`: the organizer's answer (the link itself privately). */
export function presentMerchant(ctx: Context, outcome: MerchantOutcome): Reply {
  const { mob, community } = outcome;
  if (outcome.kind === "merchant_link") {
    const l = catalog(ctx.locale).links;
    const until = formatInstant(outcome.expiresAt, community.timezone, ctx.locale);
    return {
      ...personal(ctx, community, l.merchantSent),
      secret: builder(ctx, community).reply(
        l.merchantTitle(mob.id),
        [outcome.url, l.merchantLine(until), ...(outcome.publicUrl ? [] : [l.merchantNoPublicUrl])],
        "info",
      ),
    };
  }
  const c = catalog(ctx.locale).choose;
  const lines: string[] = [];
  if (outcome.publish !== null)
    lines.push(outcome.publish ? c.publishOn(mob.id) : c.publishOff(mob.id));
  if (outcome.kind === "publish_set")
    return personal(ctx, community, lines[0] ?? "", lines.slice(1));
  const { status } = outcome;
  if (outcome.nextConfirm)
    lines.push(c.merchantNextConfirm(commandSyntax(ctx.actor.platform).confirm(mob.id)));
  return {
    ...personal(
      ctx,
      community,
      c.merchantRecorded(mob.id, c.merchantNames[status] ?? status),
      lines,
    ),
    ...presentExposed(ctx, outcome.exposed),
  };
}
