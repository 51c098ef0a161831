import type { OrganizerCodes } from "../app/checkin-codes.js";
import type { Context } from "../app/context.js";
import { catalog } from "../i18n/index.js";
import { plainNotice } from "../i18n/notices.js";
import type { Reply } from "../ports/inbound.js";
import { builder } from "./kit.js";

/** `/help`: the commands, with the platform's own (console, Telegram) after them. */
export function presentHelp(ctx: Context): Reply {
  const c = catalog(ctx.locale).t;
  const platform = ctx.actor.platform;
  const own =
    platform === "console" ? c.helpConsole : platform === "telegram" ? c.helpTelegram : [];
  return {
    audience: "personal",
    notice: plainNotice(c.helpTitle, [...c.help, ...own], ctx.locale),
  };
}

/** `/start`: welcome; `codes`: check-in codes that could not be sent while the chat was closed. */
export function presentWelcome(ctx: Context, codes: OrganizerCodes | null): Reply {
  const c = catalog(ctx.locale).t;
  return {
    audience: "personal",
    notice: plainNotice(c.welcome, [c.welcomeLine], ctx.locale),
    ...(codes ? { secret: presentCodes(ctx, codes) } : {}),
  };
}

/** The check-in codes, as one notice for the organizer's private chat. */
function presentCodes(ctx: Context, { community, mobs }: OrganizerCodes) {
  const c = catalog(ctx.locale).t;
  return builder(ctx, community).reply(
    c.checkinCodesTitle(community.name),
    [
      ...mobs.map((mob) => c.checkinCodesItem(mob.id, mob.shopName, mob.checkinCode)),
      c.checkinCodesLine,
    ],
    "info",
  );
}
