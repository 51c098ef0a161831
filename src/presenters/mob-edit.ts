import type { Context } from "../app/context.js";
import type { Cancelled, Edited } from "../app/mob-edit.js";
import { catalog } from "../i18n/index.js";
import type { Reply } from "../ports/inbound.js";
import { presentExposed } from "./exposed.js";
import { personal } from "./kit.js";

/** `/cancel`: done (the chats hear it from the outbox). */
export function presentCancelled(ctx: Context, cancelled: Cancelled): Reply {
  return personal(ctx, cancelled.community, catalog(ctx.locale).t.cancelled(cancelled.mob.id));
}

/** `/editmob`: done, with the warning when the command as typed shows a secret. */
export function presentEdited(ctx: Context, edited: Edited): Reply {
  return {
    ...personal(ctx, edited.community, catalog(ctx.locale).t.edited(edited.mob.id)),
    ...presentExposed(ctx, edited.exposed),
  };
}
