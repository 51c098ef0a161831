import type { Context } from "../app/context.js";
import type { HistoryShown } from "../app/history.js";
import type { PhotoOutcome } from "../app/photos.js";
import type { Thanked } from "../app/thanks.js";
import { mobPageUrl } from "../domain/web-links.js";
import { catalog } from "../i18n/index.js";
import type { Reply } from "../ports/inbound.js";
import { builder, personal } from "./kit.js";

/** `/history`: the past mobs and totals, in the chat. */
export function presentHistory(ctx: Context, shown: HistoryShown): Reply {
  return {
    audience: "channel",
    notice: builder(ctx, shown.community).history(shown.mobs, shown.totals),
  };
}

/** `/thanks`: posted; the mob page's address to pass on to the shop, when the web side is on. */
export function presentThanked(ctx: Context, thanked: Thanked): Reply {
  const a = catalog(ctx.locale).after;
  const { mob, publicUrl } = thanked;
  const link = publicUrl ? a.thanksLink(mobPageUrl(publicUrl, mob.publicId)) : a.thanksNoLink;
  return personal(ctx, thanked.community, a.thanksPosted(mob.id), [link]);
}

/** `/photo`, `/dropphoto`. */
export function presentPhoto(ctx: Context, outcome: PhotoOutcome): Reply {
  const a = catalog(ctx.locale).after;
  const { mob } = outcome;
  return personal(
    ctx,
    outcome.community,
    outcome.kind === "photo_added"
      ? a.photoAdded(outcome.number, mob.id, outcome.mine, outcome.max)
      : a.photoDropped(outcome.number, mob.id),
  );
}
