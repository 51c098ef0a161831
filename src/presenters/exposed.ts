import type { Context } from "../app/context.js";
import type { Exposed } from "../app/exposed.js";
import { catalog } from "../i18n/index.js";
import { plainNotice } from "../i18n/notices.js";
import type { Reply } from "../ports/inbound.js";

/**
 * The warnings for a command typed where others read it (a group chat) that
 * shows a secret shop before its reveal, the usual takings or the merchant's
 * note: the adapter deletes the command, or tells the organizer privately
 * (naming what shows), or, with no private chat, says so where it was typed
 * without the data. Nothing for a command typed in a private chat.
 */
export function presentExposed(ctx: Context, exposed: Exposed | undefined): Pick<Reply, "exposed"> {
  const chat = ctx.actor.community;
  if (!exposed || exposed.shows.length === 0 || ctx.actor.inPrivateChat || !chat) return {};
  const p = catalog(ctx.locale).privacy;
  const what = exposed.shows
    .map((s) =>
      s.kind === "secret_shop"
        ? p.showsSecretShop(s.shop)
        : s.kind === "takings"
          ? p.showsTakings
          : p.showsNote,
    )
    .join(", ");
  const warning = (sentence: string) => plainNotice(sentence, [], ctx.locale, "warning");
  return {
    exposed: {
      privately: warning(p.stillVisible(exposed.command, chat.name, what)),
      publicly: warning(p.stillVisiblePublicly),
    },
  };
}
