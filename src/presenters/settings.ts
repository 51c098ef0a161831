import type { SettingsShown } from "../app/community-settings.js";
import type { Context } from "../app/context.js";
import { catalog } from "../i18n/index.js";
import type { Reply } from "../ports/inbound.js";
import { describeChats } from "./describe-chats.js";
import { builder } from "./kit.js";

/** `/settings`: in the chat, in the language just set (if one was). */
export function presentSettings(ctx: Context, shown: SettingsShown): Reply {
  const { community, chats, answerIn } = shown;
  const c = catalog(answerIn);
  return {
    audience: "channel",
    notice: builder({ ...ctx, locale: answerIn }, community).reply(
      c.t.settingsTitle,
      [
        c.t.settingsLine(
          community.timezone,
          shown.chatLocale,
          community.currency,
          community.organizerRule === "anyone" ? "anyone" : "admins",
          community.merchantGate,
        ),
        ...(chats.length > 0 ? [c.chats.list(describeChats(chats, answerIn))] : []),
      ],
      "info",
    ),
  };
}
