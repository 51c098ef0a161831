import { randomInt } from "node:crypto";
import type { Chat, Community } from "../domain/community.js";
import { fail, ok } from "../domain/errors.js";
import { ConcurrentChange } from "../ports/storage-errors.js";
import { registerChat } from "./context.js";
import { catchUpRows } from "./timeline.js";
import { inCommunity, traits } from "./use-case-kit.js";

/** What a link command did. */
export type LinkOutcome =
  /** A code for another chat: `code` as shown (`ABCD-EFGH`), working `minutes`. */
  | {
      readonly kind: "code_made";
      readonly community: Community;
      readonly code: string;
      readonly minutes: number;
    }
  /** This chat joined `community`, which now speaks in `chats`. */
  | { readonly kind: "linked"; readonly community: Community; readonly chats: readonly Chat[] }
  /** This chat left `community` (and is a community of its own). */
  | { readonly kind: "unlinked"; readonly community: Community };

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
export const createLinkCode = inCommunity<[], LinkOutcome>(
  { organizers: true },
  async (tx, _deps, ctx, community) => {
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
    return ok({
      kind: "code_made",
      community,
      code: shown(code),
      minutes: LINK_CODE_TTL_MS / 60_000,
    });
  },
);

/** `/link <code>`: this chat joins the code's community, bringing its mobs when it leaves none behind. */
export const redeemLinkCode = inCommunity<[typed: string], LinkOutcome>(
  { organizers: true },
  async (tx, deps, ctx, here, typed) => {
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
    // Used by a unit beside this one: the chat's move is undone and the rerun says it was used.
    if (!(await tx.useLinkCode(code, chat.id, ctx.now)))
      throw new ConcurrentChange(`link code ${code}`);
    // A community left without chats has nowhere to speak: it joins, mobs and all.
    if (here.id !== target.id && (await tx.chatsOf(here.id)).length === 0)
      await tx.mergeCommunity(here.id, target.id, ctx.now);
    const chats = await tx.chatsOf(target.id);
    const open = await tx.listOpenMobs(target.id, ctx.now, false, 1_000);
    await tx.enqueue(await catchUpRows(tx, open, chats, ctx.now, traits(deps)), ctx.now);
    await tx.enqueue(await voteCatchUpRows(tx, target.id, chats, ctx.now), ctx.now);
    return ok({ kind: "linked", community: target, chats });
  },
);

/** `/unlink`: this chat leaves its community and becomes a community of its own. */
export const unlinkChat = inCommunity<[], LinkOutcome>(
  { organizers: true },
  async (tx, _deps, ctx, community) => {
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
    return ok({ kind: "unlinked", community });
  },
);
