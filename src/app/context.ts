import type { Chat, Community, Member } from "../domain/community.js";
import { fail, ok, type Result } from "../domain/errors.js";
import { supportedLocale } from "../domain/locale.js";
import type { Mob } from "../domain/mob.js";
import { cleanText, LIMITS, truncate } from "../domain/text.js";
import type { Actor } from "../ports/inbound.js";
import { ConcurrentChange } from "../ports/storage-errors.js";
import type { Tx } from "../ports/unit-of-work.js";
import type { CoreSettings } from "./settings.js";

/** Who is acting and where, resolved against storage. */
export interface Context {
  readonly actor: Actor;
  readonly member: Member;
  /** Absent in a private chat. */
  readonly community: Community | null;
  /**
   * The linked chat the command came from; null in a private chat, and in a
   * Discord channel that is not one of the community's chats (its server's
   * community still answers there).
   */
  readonly chat: Chat | null;
  /** The language to answer this person in. */
  readonly locale: string;
  readonly now: number;
}

/** Finds or records the member, and the community and chat an actor speaks from. */
export async function resolveContext(
  tx: Tx,
  actor: Actor,
  settings: CoreSettings,
  now: number,
): Promise<Context> {
  const userLocale = supportedLocale(actor.user.locale);
  const name = truncate(cleanText(actor.user.displayName) || actor.user.id, LIMITS.displayName);
  let member = await tx.upsertMember(actor.platform, actor.user.id, name, userLocale, now);
  if (actor.inPrivateChat && member.dmReachable !== true) {
    await tx.setReachable(member.id, true);
    member = { ...member, dmReachable: true };
  }
  let community: Community | null = null;
  let chat: Chat | null = null;
  if (actor.community) {
    const place = actor.community;
    const chatName = chatNameOf(place);
    chat = await tx.findChat(actor.platform, place.channelId);
    const communityId = chat?.communityId ?? (await tx.communityOfSpace(actor.platform, place.id));
    community = communityId === null ? null : await tx.getCommunity(communityId);
    if (!community) {
      community = await tx.insertCommunity(
        {
          name: chatName,
          timezone: settings.defaultTimezone,
          locale: settings.defaultLocale,
          currency: settings.defaultCurrency,
          organizerRule: "platform",
        },
        now,
      );
      // Two units meeting a new group at once both made a community: the space keeps the
      // first, the other unit runs again (its community rolled back) and finds it.
      if ((await tx.claimSpace(actor.platform, place.id, community.id)) !== community.id)
        throw new ConcurrentChange(`the community of ${actor.platform} space ${place.id}`);
    }
    // A group is its own chat. A Discord channel becomes one when a mob is created or linked
    // from it: typing /mob list in #random must not make #random a place for posts.
    if (!chat && place.id === place.channelId) {
      chat = await tx.insertChat(
        {
          communityId: community.id,
          platform: actor.platform,
          spaceId: place.id,
          externalId: place.channelId,
          name: chatName,
          locale: community.locale,
        },
        now,
      );
    }
    if (chat && chat.name !== chatName) chat = await tx.updateChat(chat.id, { name: chatName });
  }
  const locale = userLocale ?? chat?.locale ?? community?.locale ?? settings.defaultLocale;
  return { actor, member, community, chat, locale, now };
}

/**
 * Registers the actor's Discord channel as a chat of the community when it
 * has none yet (its first mob is created there), so posts have somewhere to go.
 */
export async function ensureChat(tx: Tx, ctx: Context, community: Community): Promise<Chat | null> {
  if (ctx.chat || !ctx.actor.community) return ctx.chat;
  if ((await tx.chatsOf(community.id)).length > 0) return null;
  return registerChat(tx, ctx, community);
}

/** Makes the actor's channel a chat of `community` (it was none before). */
export async function registerChat(tx: Tx, ctx: Context, community: Community): Promise<Chat> {
  const place = ctx.actor.community;
  if (!place) throw new Error("registerChat needs a group or server");
  return tx.insertChat(
    {
      communityId: community.id,
      platform: ctx.actor.platform,
      spaceId: place.id,
      externalId: place.channelId,
      name: chatNameOf(place),
      locale: community.locale,
    },
    ctx.now,
  );
}

/** "Paris cash mob", or "Lyon server #mobs" for a channel of a server. */
function chatNameOf(place: NonNullable<Actor["community"]>): string {
  const server = cleanText(place.name) || place.id;
  const channel = place.channelName ? cleanText(place.channelName) : "";
  return truncate(channel ? `${server} #${channel}` : server, LIMITS.communityName);
}

/** A vote or nomination number as typed: a positive whole number (`field` names it). */
export function parseNumberId(text: string, field: "vote" | "nomination"): Result<number> {
  const t = text.trim().replace(/^#/, "");
  if (!/^\d{1,9}$/.test(t) || Number(t) === 0) return fail("NUMBER_INVALID", field);
  return ok(Number(t));
}

/** A mob id as typed: a positive whole number. */
export function parseMobId(text: string): Result<number> {
  const t = text.trim().replace(/^#/, "");
  if (!/^\d{1,9}$/.test(t) || Number(t) === 0) return fail("ID_INVALID", "id");
  return ok(Number(t));
}

/**
 * The mob the actor names, if they may see it: in a group, only that
 * community's mobs (guessing another community's id finds nothing); in a
 * private chat, mobs of communities with a chat on the actor's platform.
 * A use case that changes the mob's participants or state asks for it `locked`:
 * it then decides alone (on PostgreSQL, other such units wait for this one).
 */
export async function findMob(
  tx: Tx,
  ctx: Context,
  idText: string,
  locked = false,
): Promise<Result<{ mob: Mob; community: Community }>> {
  const id = parseMobId(idText);
  if (!id.ok) return id;
  const mob = await (locked ? tx.lockMob(id.value) : tx.getMob(id.value));
  const notFound = fail("MOB_NOT_FOUND", "id", { id: id.value });
  if (!mob) return notFound;
  if (ctx.community && mob.communityId !== ctx.community.id) return notFound;
  const community = ctx.community ?? (await tx.getCommunity(mob.communityId));
  if (!community) return notFound;
  if (
    !ctx.community &&
    !(await tx.chatsOf(community.id)).some((c) => c.platform === ctx.actor.platform)
  )
    return notFound;
  return ok({ mob, community });
}

/** Organizers: the platform's (admins, Manage Events), everyone where the community says so, and a mob's creator. */
export function canOrganize(ctx: Context, community: Community | null, mob?: Mob): boolean {
  if (mob && mob.createdBy === ctx.member.id) return true;
  if (!community) return false;
  return community.organizerRule === "anyone" || ctx.actor.isOrganizer;
}
