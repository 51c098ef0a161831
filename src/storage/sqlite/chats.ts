import type { Chat } from "../../domain/community.js";
import type {
  ChatRepository,
  LinkCodeRepository,
  MemberRepository,
} from "../../ports/repositories.js";
import { type Row, toChat, toCommunity, toLinkCode, toMember } from "../rows.js";
import { found, type Sql } from "./sql.js";

/**
 * A chat found by its platform id, answered with its community and every chat of it in the
 * same read: what a command resolves next (the community's settings, the chats a
 * call-to-action is edited in) is then remembered by the unit instead of read again.
 */
const FIND_CHAT = `SELECT f.id AS found_id, c.*, co.public_id AS co_public_id, co.name AS co_name,
    co.timezone AS co_timezone, co.locale AS co_locale, co.currency AS co_currency,
    co.organizer_rule AS co_organizer_rule, co.merchant_gate AS co_merchant_gate
  FROM chats f JOIN communities co ON co.id = f.community_id
    JOIN chats c ON c.community_id = f.community_id
  WHERE f.platform = ? AND f.external_id = ? ORDER BY c.id`;
const GET_CHAT = "SELECT * FROM chats WHERE id = ?";
const INSERT_CHAT = `INSERT INTO chats (community_id, platform, space_id, external_id, name, locale,
    created_at)
  VALUES (@communityId, @platform, @spaceId, @externalId, @name, @locale, @now) RETURNING *`;
const CHATS_OF = "SELECT * FROM chats WHERE community_id = ? ORDER BY id";
const MOVE_CHAT = "UPDATE chats SET community_id = ? WHERE id = ? RETURNING *";

/** The community columns of a FIND_CHAT row, as its own row. */
const communityOf = (r: Row): Row => ({
  id: r.community_id,
  public_id: r.co_public_id,
  name: r.co_name,
  timezone: r.co_timezone,
  locale: r.co_locale,
  currency: r.co_currency,
  organizer_rule: r.co_organizer_rule,
  merchant_gate: r.co_merchant_gate,
});

export const communityKey = (id: number): string => `community:${id}`;
const chatsKey = (communityId: number): string => `chats:${communityId}`;

export function chats(sql: Sql): ChatRepository {
  const get = (id: number) => {
    const r = sql.one(GET_CHAT, id);
    return r ? toChat(r) : null;
  };
  return {
    async findChat(platform, externalId) {
      const rows = sql.rows(FIND_CHAT, platform, externalId);
      const first = rows[0];
      if (!first) return null;
      const all = rows.map(toChat);
      sql.remember(communityKey(first.community_id as number), toCommunity(communityOf(first)));
      sql.remember(chatsKey(first.community_id as number), all);
      return found(
        all.find((c) => c.id === first.found_id),
        "the chat found",
      );
    },
    async getChat(id) {
      return get(id);
    },
    async insertChat(chat, now) {
      return toChat(found(sql.one(INSERT_CHAT, { ...chat, now }), "the new chat"));
    },
    async chatsOf(communityId) {
      const known = sql.recalled<Chat[]>(chatsKey(communityId));
      return known ? [...known] : sql.rows(CHATS_OF, communityId).map(toChat);
    },
    async moveChat(chatId, communityId) {
      return toChat(found(sql.one(MOVE_CHAT, communityId, chatId), `chat ${chatId}`));
    },
    async updateChat(id, patch) {
      const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
      if (entries.length === 0) return found(get(id) ?? undefined, `chat ${id}`);
      const sets = entries.map(([k]) => `${k === "name" ? "name" : "locale"} = ?`);
      const r = sql.one(
        `UPDATE chats SET ${sets.join(", ")} WHERE id = ? RETURNING *`,
        ...entries.map(([, v]) => v),
        id,
      );
      return toChat(found(r, `chat ${id}`));
    },
  };
}

const UPSERT_MEMBER = `INSERT INTO members (platform, user_id, display_name, locale, created_at)
  VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name,
    locale = coalesce(excluded.locale, members.locale)
  RETURNING *`;
const GET_MEMBER = "SELECT * FROM members WHERE id = ?";
const SET_REACHABLE = "UPDATE members SET dm_reachable = ? WHERE id = ?";
const SET_DM_CHANNEL = "UPDATE members SET dm_channel = ? WHERE id = ?";

export function members(sql: Sql): MemberRepository {
  return {
    async upsertMember(platform, userId, displayName, locale, now) {
      const r = sql.one(UPSERT_MEMBER, platform, userId, displayName, locale, now);
      return toMember(found(r, "the member"));
    },
    async getMember(id) {
      const r = sql.one(GET_MEMBER, id);
      return r ? toMember(r) : null;
    },
    async setReachable(memberId, reachable) {
      sql.run(SET_REACHABLE, reachable ? 1 : 0, memberId);
    },
    async setDmChannel(memberId, channel) {
      sql.run(SET_DM_CHANNEL, channel, memberId);
    },
  };
}

const INSERT_CODE = `INSERT INTO link_codes (code, community_id, created_by, created_at, expires_at)
  VALUES (@code, @communityId, @createdBy, @now, @expiresAt)`;
const GET_CODE = "SELECT * FROM link_codes WHERE code = ?";
const USE_CODE = "UPDATE link_codes SET used_at = ?, used_by_chat = ? WHERE code = ?";

export function linkCodes(sql: Sql): LinkCodeRepository {
  return {
    async insertLinkCode(code, now) {
      sql.run(INSERT_CODE, { ...code, now });
    },
    async getLinkCode(code) {
      const r = sql.one(GET_CODE, code);
      return r ? toLinkCode(r) : null;
    },
    async useLinkCode(code, chatId, now) {
      sql.run(USE_CODE, now, chatId, code);
    },
  };
}
