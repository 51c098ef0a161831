import { IANAZone } from "luxon";
import type { Chat, Community } from "../domain/community.js";
import { fail, ok } from "../domain/errors.js";
import { supportedLocale } from "../domain/locale.js";
import { parseCurrency } from "../domain/money.js";
import { parseBoolean } from "../domain/text.js";
import type { Command } from "../ports/inbound.js";
import { canOrganize } from "./context.js";
import { inCommunity } from "./use-case-kit.js";

/** The community's settings as they are now (after a change), and its chats. */
export interface SettingsShown {
  readonly kind: "settings";
  readonly community: Community;
  readonly chats: readonly Chat[];
  /** The language of the chat the command came from (the community's elsewhere). */
  readonly chatLocale: string;
  /** A new language answers in that language: who just set it reads the chat in it from now on. */
  readonly answerIn: string;
}

/** `/settings`: the community's settings and chats, changed first when an organizer says so. */
export const settings = inCommunity<[cmd: Extract<Command, { type: "settings" }>], SettingsShown>(
  {},
  async (tx, _deps, ctx, community, cmd) => {
    const changing = [cmd.timezone, cmd.locale, cmd.currency, cmd.organizers, cmd.gate].some(
      (v) => v !== undefined,
    );
    let updated = community;
    // A new language answers in that language: who just set it reads the chat in it from now on.
    let answerIn = ctx.locale;
    if (changing) {
      if (!canOrganize(ctx, community)) return fail("NOT_ORGANIZER");
      if (cmd.timezone !== undefined && !IANAZone.isValidZone(cmd.timezone))
        return fail("TIMEZONE_INVALID");
      const locale = cmd.locale === undefined ? undefined : supportedLocale(cmd.locale);
      if (locale === null) return fail("LOCALE_INVALID");
      const currency = cmd.currency === undefined ? undefined : parseCurrency(cmd.currency);
      if (currency && !currency.ok) return currency;
      const rule = cmd.organizers?.toLowerCase();
      if (rule !== undefined && !["admins", "anyone"].includes(rule)) {
        return fail("USAGE", undefined, { usage: "/settings organizers admins|anyone" });
      }
      const gate = parseBoolean(cmd.gate, "gate");
      if (!gate.ok) return fail("USAGE", undefined, { usage: "/settings gate on|off" });
      if (locale) answerIn = locale;
      const chat = ctx.chat;
      const onlyChat = chat !== null && (await tx.chatsOf(community.id)).length === 1;
      // The language is each chat's own; the community's follows while it has one chat
      // (its public pages speak it), or when set from a server channel that is not a chat.
      if (chat && locale !== undefined) await tx.updateChat(chat.id, { locale });
      updated = await tx.updateCommunity(community.id, {
        ...(cmd.timezone === undefined ? {} : { timezone: IANAZone.create(cmd.timezone).name }),
        ...(locale === undefined || (chat && !onlyChat) ? {} : { locale }),
        ...(currency === undefined ? {} : { currency: currency.value }),
        ...(rule === undefined ? {} : { organizerRule: rule === "anyone" ? "anyone" : "platform" }),
        ...(gate.value === null ? {} : { merchantGate: gate.value }),
      });
    }
    const chats = await tx.chatsOf(updated.id);
    const chatLocale = (ctx.chat && (await tx.getChat(ctx.chat.id))?.locale) ?? updated.locale;
    return ok({ kind: "settings", community: updated, chats, chatLocale, answerIn });
  },
);
