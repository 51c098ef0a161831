import type { Context } from "../app/context.js";
import type { Community } from "../domain/community.js";
import { NoticeBuilder } from "../i18n/notices.js";
import type { Reply } from "../ports/inbound.js";

/** Notices for the actor: in their language, naming commands as typed on their platform. */
export function builder(ctx: Context, community: Community) {
  return new NoticeBuilder(community, ctx.locale, ctx.actor.platform);
}

/** A short answer for the actor alone: a title and a few lines. */
export function personal(
  ctx: Context,
  community: Community,
  title: string,
  lines: string[] = [],
): Reply {
  return { audience: "personal", notice: builder(ctx, community).reply(title, lines) };
}
