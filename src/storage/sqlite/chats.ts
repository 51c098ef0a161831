import type {
  ChatRepository,
  LinkCodeRepository,
  MemberRepository,
} from "../../ports/repositories.js";
import { orNull, toChat, toLinkCode, toMember } from "../rows.js";
import { found, type Sql } from "./sql.js";

const FIND_CHAT = "SELECT * FROM chats WHERE platform = ? AND external_id = ?";
const GET_CHAT = "SELECT * FROM chats WHERE id = ?";
const INSERT_CHAT = `INSERT INTO chats (community_id, platform, space_id, external_id, name, locale,
    created_at)
  VALUES (@communityId, @platform, @spaceId, @externalId, @name, @locale, @now) RETURNING *`;
const CHATS_OF = "SELECT * FROM chats WHERE community_id = ? ORDER BY id";
const MOVE_CHAT = "UPDATE chats SET community_id = ? WHERE id = ? RETURNING *";

export function chats(sql: Sql): ChatRepository {
  const get = (id: number) => orNull(sql.one(GET_CHAT, id), toChat);
  return {
    async findChat(platform, externalId) {
      return orNull(sql.one(FIND_CHAT, platform, externalId), toChat);
    },
    async getChat(id) {
      return get(id);
    },
    async insertChat(chat, now) {
      return toChat(found(sql.one(INSERT_CHAT, { ...chat, now }), "the new chat"));
    },
    async chatsOf(communityId) {
      return sql.rows(CHATS_OF, communityId).map(toChat);
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
      return orNull(sql.one(GET_MEMBER, id), toMember);
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
const USE_CODE =
  "UPDATE link_codes SET used_at = ?, used_by_chat = ? WHERE code = ? AND used_at IS NULL";

export function linkCodes(sql: Sql): LinkCodeRepository {
  return {
    async insertLinkCode(code, now) {
      sql.run(INSERT_CODE, { ...code, now });
    },
    async getLinkCode(code) {
      return orNull(sql.one(GET_CODE, code), toLinkCode);
    },
    async useLinkCode(code, chatId, now) {
      return sql.run(USE_CODE, now, chatId, code) === 1;
    },
  };
}
