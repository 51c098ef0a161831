import { fail, ok, type Result } from "../domain/errors.js";
import type { Mob } from "../domain/mob.js";
import { cleanText, LIMITS, truncate } from "../domain/text.js";
import { supportedLocale } from "../i18n/index.js";
import type { Actor } from "../ports/inbound.js";
import type { Community, Member, Store } from "../ports/store.js";
import type { CoreSettings } from "./settings.js";

/** Who is acting and where, resolved against storage. */
export interface Context {
  readonly actor: Actor;
  readonly member: Member;
  /** Absent in a private chat. */
  readonly community: Community | null;
  /** The language to answer this person in. */
  readonly locale: string;
  readonly now: number;
}

/** Finds or records the member and the community an actor speaks from. */
export function resolveContext(
  store: Store,
  actor: Actor,
  settings: CoreSettings,
  now: number,
): Context {
  const userLocale = supportedLocale(actor.user.locale);
  const name = truncate(cleanText(actor.user.displayName) || actor.user.id, LIMITS.displayName);
  let member = store.upsertMember(actor.platform, actor.user.id, name, userLocale, now);
  if (actor.inPrivateChat && member.dmReachable !== true) {
    store.setReachable(member.id, true);
    member = { ...member, dmReachable: true };
  }
  let community: Community | null = null;
  if (actor.community) {
    const communityName = truncate(
      cleanText(actor.community.name) || actor.community.id,
      LIMITS.communityName,
    );
    community =
      store.findCommunity(actor.platform, actor.community.id) ??
      store.insertCommunity(
        {
          platform: actor.platform,
          externalId: actor.community.id,
          name: communityName,
          timezone: settings.defaultTimezone,
          locale: settings.defaultLocale,
          currency: settings.defaultCurrency,
          organizerRule: "platform",
        },
        now,
      );
    if (community.name !== communityName)
      community = store.updateCommunity(community.id, { name: communityName });
  }
  const locale = userLocale ?? community?.locale ?? settings.defaultLocale;
  return { actor, member, community, locale, now };
}

/** A mob id as typed: a positive whole number. */
export function parseMobId(text: string): Result<number> {
  const t = text.trim().replace(/^#/, "");
  if (!/^\d{1,9}$/.test(t) || Number(t) === 0) return fail("ID_INVALID", "id");
  return ok(Number(t));
}

/**
 * The mob the actor names, if they may see it: in a group, only that group's
 * mobs (guessing another community's id finds nothing); in a private chat,
 * mobs of the same platform.
 */
export function findMob(
  store: Store,
  ctx: Context,
  idText: string,
): Result<{ mob: Mob; community: Community }> {
  const id = parseMobId(idText);
  if (!id.ok) return id;
  const mob = store.getMob(id.value);
  const notFound = fail("MOB_NOT_FOUND", "id", { id: id.value });
  if (!mob) return notFound;
  if (ctx.community && mob.communityId !== ctx.community.id) return notFound;
  const community = ctx.community ?? store.getCommunity(mob.communityId);
  if (!community || community.platform !== ctx.actor.platform) return notFound;
  return ok({ mob, community });
}

/** Organizers: the platform's (admins, Manage Events), everyone where the community says so, and a mob's creator. */
export function canOrganize(ctx: Context, community: Community | null, mob?: Mob): boolean {
  if (mob && mob.createdBy === ctx.member.id) return true;
  if (!community) return false;
  return community.organizerRule === "anyone" || ctx.actor.isOrganizer;
}
