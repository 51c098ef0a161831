import type { Context } from "../app/context.js";
import type { Confirmed, Created } from "../app/mob-create.js";
import { catalog } from "../i18n/index.js";
import { commandSyntax } from "../i18n/syntax.js";
import type { Reply } from "../ports/inbound.js";
import { type CheckinLinks, withCheckinQr } from "./checkin-qr.js";
import { presentExposed } from "./exposed.js";
import { builder, personal } from "./kit.js";

/** `/newmob`: the chat hears the mob's number; the organizer, privately, its check-in code and QR. */
export function presentCreated(ctx: Context, created: Created, links: CheckinLinks = {}): Reply {
  const { mob, community } = created;
  const c = catalog(ctx.locale).t;
  const b = builder(ctx, community);
  return {
    audience: "personal",
    notice: b.reply(
      created.draft
        ? c.createdDraft(mob.id, commandSyntax(ctx.actor.platform).confirm(mob.id))
        : c.created(mob.id),
    ),
    secret: withCheckinQr(
      b.reply(
        c.checkinCodeTitle(mob.id),
        [
          c.checkinCodeLine(mob.checkinCode),
          ...(created.hidden
            ? [c.secretShopPrivate([mob.shopName, mob.address].filter(Boolean).join(", "))]
            : []),
        ],
        "info",
      ),
      links,
      mob,
    ),
    ...presentExposed(ctx, created.exposed),
  };
}

/** `/confirm`: the draft is announced. */
export function presentConfirmed(ctx: Context, confirmed: Confirmed): Reply {
  return personal(ctx, confirmed.community, catalog(ctx.locale).t.confirmed(confirmed.mob.id));
}
