import type {
  ChatRepository,
  LinkCodeRepository,
  MemberRepository,
} from "../../ports/repositories.js";
import { UniqueViolation } from "../../ports/storage-errors.js";
import { orNull, toChat, toLinkCode, toMember } from "../rows.js";
import { flag, found, type Sql } from "./sql.js";

export function chats(sql: Sql): ChatRepository {
  const getChat = async (id: number) =>
    orNull(await sql.one("SELECT * FROM chats WHERE id = $1", [id]), toChat);
  return {
    async findChat(platform, externalId) {
      const r = await sql.one("SELECT * FROM chats WHERE platform = $1 AND external_id = $2", [
        platform,
        externalId,
      ]);
      return orNull(r, toChat);
    },
    getChat,
    async insertChat(chat, now) {
      // DO NOTHING, then the common error: the unit stays usable, as on SQLite.
      const r = await sql.one(
        `INSERT INTO chats (community_id, platform, space_id, external_id, name, locale, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (platform, external_id) DO NOTHING RETURNING *`,
        [
          chat.communityId,
          chat.platform,
          chat.spaceId,
          chat.externalId,
          chat.name,
          chat.locale,
          now,
        ],
      );
      if (!r) throw new UniqueViolation("chats");
      return toChat(r);
    },
    async chatsOf(communityId) {
      const rows = await sql.rows("SELECT * FROM chats WHERE community_id = $1 ORDER BY id", [
        communityId,
      ]);
      return rows.map(toChat);
    },
    async moveChat(chatId, communityId) {
      const r = await sql.one("UPDATE chats SET community_id = $2 WHERE id = $1 RETURNING *", [
        chatId,
        communityId,
      ]);
      return toChat(found(r, `chat ${chatId}`));
    },
    async updateChat(id, patch) {
      const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
      if (entries.length === 0) return found((await getChat(id)) ?? undefined, `chat ${id}`);
      const sets = entries.map(([k], i) => `${k === "name" ? "name" : "locale"} = $${i + 2}`);
      const r = await sql.one(`UPDATE chats SET ${sets.join(", ")} WHERE id = $1 RETURNING *`, [
        id,
        ...entries.map(([, v]) => v),
      ]);
      return toChat(found(r, `chat ${id}`));
    },
  };
}

export function members(sql: Sql): MemberRepository {
  return {
    async upsertMember(platform, userId, displayName, locale, now) {
      // ON CONFLICT, not find-then-insert: two units meeting a new member at once both get it.
      const r = await sql.one(
        `INSERT INTO members (platform, user_id, display_name, locale, created_at)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name,
          locale = coalesce(excluded.locale, members.locale)
        RETURNING *`,
        [platform, userId, displayName, locale, now],
      );
      return toMember(found(r, "the upserted member"));
    },
    async getMember(id) {
      return orNull(await sql.one("SELECT * FROM members WHERE id = $1", [id]), toMember);
    },
    async setReachable(memberId, reachable) {
      await sql.run("UPDATE members SET dm_reachable = $2 WHERE id = $1", [
        memberId,
        flag(reachable),
      ]);
    },
    async setDmChannel(memberId, channel) {
      await sql.run("UPDATE members SET dm_channel = $2 WHERE id = $1", [memberId, channel]);
    },
  };
}

export function linkCodes(sql: Sql): LinkCodeRepository {
  return {
    async insertLinkCode(code, now) {
      const added = await sql.run(
        `INSERT INTO link_codes (code, community_id, created_by, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING`,
        [code.code, code.communityId, code.createdBy, now, code.expiresAt],
      );
      if (added === 0) throw new UniqueViolation("link_codes");
    },
    async getLinkCode(code) {
      return orNull(await sql.one("SELECT * FROM link_codes WHERE code = $1", [code]), toLinkCode);
    },
    async useLinkCode(code, chatId, now) {
      // A unit using the same code waits for this one, then finds it used: one true.
      const used = await sql.run(
        "UPDATE link_codes SET used_at = $2, used_by_chat = $3 WHERE code = $1 AND used_at IS NULL",
        [code, now, chatId],
      );
      return used === 1;
    },
  };
}
