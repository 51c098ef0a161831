import { randomInt } from "node:crypto";
import { fail, ok } from "../domain/errors.js";
import { catalog } from "../i18n/index.js";
import { commandSyntax } from "../i18n/syntax.js";
import type { Tx } from "../ports/unit-of-work.js";
import { describeChats } from "../presenters/describe-chats.js";
import { builder, personal } from "../presenters/kit.js";
import { type Context, canOrganize, registerChat } from "./context.js";
import { catchUpRows } from "./timeline.js";
import { type Outcome, traits, type UseCaseDeps } from "./use-case-kit.js";
import { voteCatchUpRows } from "./vote.js";

/** How long a link code works. */
export const LINK_CODE_TTL_MS = 15 * 60_000;

/** No 0/O or 1/I: codes are read aloud and retyped. 32^8 ≈ 10^12 codes. */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE = /^[A-HJ-NP-Z2-9]{8}$/;

const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(32)]).join("");
/** `ABCD-EFGH` as shown; typed with or without the dash, in any case. */
const shown = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
const normalized = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, "");

/** `/link`: a one-time code, told privately, that another chat's organizer types to join. */
export async function createLinkCode(tx: Tx, _deps: UseCaseDeps, ctx: Context): Promise<Outcome> {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  if (!canOrganize(ctx, community)) return fail("NOT_ORGANIZER");
  const code = newCode();
  // The code links *this* chat with another: a Discord channel that was not one of the
  // community's chats yet becomes one, or a new server's community would speak nowhere.
  if (!ctx.chat) await registerChat(tx, ctx, community);
  await tx.insertLinkCode(
    {
      code,
      communityId: community.id,
      createdBy: ctx.member.id,
      expiresAt: ctx.now + LINK_CODE_TTL_MS,
    },
    ctx.now,
  );
  const c = catalog(ctx.locale).chats;
  const minutes = LINK_CODE_TTL_MS / 60_000;
  // The code is typed in the other chat, maybe on the other platform: show both spellings.
  const typed = commandSyntax("telegram").link(shown(code));
  const slash = commandSyntax("discord").link(shown(code));
  return ok({
    audience: "personal",
    notice: builder(ctx, community).reply(c.codeSent),
    secret: builder(ctx, community).reply(
      c.codeTitle(shown(code)),
      [c.codeLine(typed, slash, minutes)],
      "info",
    ),
  });
}

/** `/link <code>`: this chat joins the code's community, bringing its mobs when it leaves none behind. */
export async function redeemLinkCode(
  tx: Tx,
  deps: UseCaseDeps,
  ctx: Context,
  typed: string,
): Promise<Outcome> {
  const here = ctx.community;
  if (!here) return fail("NEEDS_COMMUNITY");
  if (!canOrganize(ctx, here)) return fail("NOT_ORGANIZER");
  const code = normalized(typed);
  const found = CODE.test(code) ? await tx.getLinkCode(code) : null;
  const target = found ? await tx.getCommunity(found.communityId) : null;
  if (!found || !target) return fail("LINK_CODE_INVALID");
  if (found.usedAt !== null) return fail("LINK_CODE_USED");
  if (found.expiresAt <= ctx.now) return fail("LINK_CODE_EXPIRED");
  // A Discord channel that is not a chat yet may be linked into its own server's community:
  // that is how a second channel of a server joins.
  if (ctx.chat?.communityId === target.id) return fail("LINK_SAME_COMMUNITY");
  const chat = ctx.chat
    ? await tx.moveChat(ctx.chat.id, target.id)
    : await registerChat(tx, ctx, target);
  await tx.useLinkCode(code, chat.id, ctx.now);
  // A community left without chats has nowhere to speak: it joins, mobs and all.
  if (here.id !== target.id && (await tx.chatsOf(here.id)).length === 0)
    await tx.mergeCommunity(here.id, target.id, ctx.now);
  const chats = await tx.chatsOf(target.id);
  const open = await tx.listOpenMobs(target.id, ctx.now, false, 1_000);
  await tx.enqueue(await catchUpRows(tx, open, chats, ctx.now, traits(deps)), ctx.now);
  await tx.enqueue(await voteCatchUpRows(tx, target.id, chats, ctx.now), ctx.now);
  const c = catalog(ctx.locale).chats;
  return ok(
    personal(ctx, target, c.linked(target.name), [c.list(describeChats(chats, ctx.locale))]),
  );
}

/** `/unlink`: this chat leaves its community and becomes a community of its own. */
export async function unlinkChat(tx: Tx, _deps: UseCaseDeps, ctx: Context): Promise<Outcome> {
  const community = ctx.community;
  if (!community) return fail("NEEDS_COMMUNITY");
  if (!canOrganize(ctx, community)) return fail("NOT_ORGANIZER");
  const chat = ctx.chat;
  if (!chat) return fail("UNLINK_NOT_A_CHAT");
  if ((await tx.chatsOf(community.id)).length <= 1) return fail("UNLINK_LAST_CHAT");
  const own = await tx.insertCommunity(
    {
      name: chat.name,
      timezone: community.timezone,
      locale: chat.locale,
      currency: community.currency,
      organizerRule: community.organizerRule,
      merchantGate: community.merchantGate,
    },
    ctx.now,
  );
  await tx.moveChat(chat.id, own.id);
  // A group is its own space; a Discord server keeps its default community.
  if (chat.spaceId === chat.externalId) await tx.setSpace(chat.platform, chat.spaceId, own.id);
  return ok(personal(ctx, community, catalog(ctx.locale).chats.unlinked(community.name)));
}
