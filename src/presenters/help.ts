import type { OrganizerCodes } from "../app/checkin-codes.js";
import type { Context } from "../app/context.js";
import { catalog } from "../i18n/index.js";
import { plainNotice } from "../i18n/notices.js";
import type { Reply } from "../ports/inbound.js";
import { type CheckinLinks, withCheckinQr } from "./checkin-qr.js";
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

/**
 * `/start`: welcome; `codes`: check-in codes that could not be sent while the
 * chat was closed, with the QR of the soonest mob's.
 */
export function presentWelcome(
  ctx: Context,
  codes: OrganizerCodes | null,
  links: CheckinLinks = {},
): Reply {
  const c = catalog(ctx.locale).t;
  return {
    audience: "personal",
    notice: plainNotice(c.welcome, [c.welcomeLine], ctx.locale),
    ...(codes ? { secret: presentCodes(ctx, codes, links) } : {}),
  };
}

/** The check-in codes, as one notice for the organizer's private chat; one picture: the soonest mob's QR. */
function presentCodes(ctx: Context, { community, mobs }: OrganizerCodes, links: CheckinLinks) {
  const c = catalog(ctx.locale).t;
  const notice = builder(ctx, community).reply(
    c.checkinCodesTitle(community.name),
    [
      ...mobs.map((mob) => c.checkinCodesItem(mob.id, mob.shopName, mob.checkinCode)),
      c.checkinCodesLine,
    ],
    "info",
  );
  const [soonest] = mobs;
  return soonest ? withCheckinQr(notice, links, soonest) : notice;
}
