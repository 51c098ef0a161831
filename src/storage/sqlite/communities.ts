import type { CommunityRepository } from "../../ports/repositories.js";
import { COMMUNITY_COLUMNS, newPublicId, orNull, type Row, toCommunity } from "../rows.js";
import { flag, found, type Sql } from "./sql.js";

const INSERT = `INSERT INTO communities (public_id, name, timezone, locale, currency, organizer_rule,
    merchant_gate, created_at)
  VALUES (@publicId, @name, @timezone, @locale, @currency, @organizerRule, @merchantGate, @now)
  RETURNING *`;
const GET = "SELECT * FROM communities WHERE id = ?";
const BY_PUBLIC_ID = "SELECT * FROM communities WHERE public_id = ?";
const OF_SPACE = "SELECT community_id FROM spaces WHERE platform = ? AND space_id = ?";
const SET_SPACE = `INSERT INTO spaces (platform, space_id, community_id) VALUES (?, ?, ?)
  ON CONFLICT (platform, space_id) DO UPDATE SET community_id = excluded.community_id`;
const CLAIM_SPACE = `INSERT INTO spaces (platform, space_id, community_id) VALUES (?, ?, ?)
  ON CONFLICT (platform, space_id) DO NOTHING`;

export function communities(sql: Sql): CommunityRepository {
  const get = (id: number) => orNull(sql.one(GET, id), toCommunity);
  const ofSpace = (platform: string, spaceId: string) =>
    sql.one(OF_SPACE, platform, spaceId)?.community_id as number | undefined;
  return {
    async insertCommunity(c, now) {
      const r = sql.one(INSERT, {
        ...c,
        merchantGate: flag(c.merchantGate),
        publicId: newPublicId(),
        now,
      });
      return toCommunity(found(r, "the new community"));
    },
    async getCommunity(id) {
      return get(id);
    },
    async getCommunityByPublicId(publicId) {
      return orNull(sql.one(BY_PUBLIC_ID, publicId), toCommunity);
    },
    async updateCommunity(id, patch) {
      const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
      if (entries.length > 0) {
        const sets = entries.map(
          ([k]) => `${COMMUNITY_COLUMNS[k as keyof typeof COMMUNITY_COLUMNS]} = ?`,
        );
        sql.run(
          `UPDATE communities SET ${sets.join(", ")} WHERE id = ?`,
          ...entries.map(([, v]) => (typeof v === "boolean" ? flag(v) : v)),
          id,
        );
      }
      return found(get(id) ?? undefined, `community ${id}`);
    },
    async communityOfSpace(platform, spaceId) {
      return ofSpace(platform, spaceId) ?? null;
    },
    async setSpace(platform, spaceId, communityId) {
      sql.run(SET_SPACE, platform, spaceId, communityId);
    },
    async claimSpace(platform, spaceId, communityId) {
      sql.run(CLAIM_SPACE, platform, spaceId, communityId);
      return ofSpace(platform, spaceId) ?? communityId;
    },
    async mergeCommunity(from, into, now) {
      if (from !== into) merge(sql, from, into, now);
    },
  };
}

const SHOPS_OF = "SELECT id, name_key, address, takings_minor FROM shops WHERE community_id = ?";
const MOVE_SHOP = "UPDATE shops SET community_id = ? WHERE id = ?";
const FILL_SHOP =
  "UPDATE shops SET address = coalesce(?, address), takings_minor = coalesce(?, takings_minor) WHERE id = ?";
const REPOINT_SHOP = "UPDATE mobs SET shop_id = ? WHERE community_id = ? AND shop_id = ?";
const DELETE_SHOP = "DELETE FROM shops WHERE id = ?";

/**
 * Merging `from` into `into`, in order. The outbox moves first: its rows are found through
 * the mobs and votes still in `from`.
 */
const MERGE_NAMED = [
  `UPDATE outbox SET community_id = @into
    WHERE subject = 'mob' AND subject_id IN (SELECT id FROM mobs WHERE community_id = @from)`,
  `UPDATE outbox SET community_id = @into
    WHERE subject = 'vote' AND subject_id IN (SELECT id FROM votes WHERE community_id = @from)`,
  `UPDATE outbox SET community_id = @into
    WHERE subject = 'series' AND subject_id IN (SELECT id FROM series WHERE community_id = @from)`,
  // A shop queued in both communities stays queued once, with everyone's seconds (the
  // other nominator becomes a second); the other nomination is dropped as merged.
  `INSERT INTO seconds (nomination_id, member_id, created_at)
    SELECT keep.id, s.member_id, s.created_at
    FROM nominations gone
    JOIN nominations keep ON keep.community_id = @into AND keep.status = 'queued'
      AND keep.name_key = gone.name_key
    JOIN seconds s ON s.nomination_id = gone.id
    WHERE gone.community_id = @from AND gone.status = 'queued' AND s.member_id <> keep.nominated_by
    ON CONFLICT DO NOTHING`,
  `INSERT INTO seconds (nomination_id, member_id, created_at)
    SELECT keep.id, gone.nominated_by, gone.created_at
    FROM nominations gone
    JOIN nominations keep ON keep.community_id = @into AND keep.status = 'queued'
      AND keep.name_key = gone.name_key
    WHERE gone.community_id = @from AND gone.status = 'queued'
      AND gone.nominated_by <> keep.nominated_by
    ON CONFLICT DO NOTHING`,
  `UPDATE nominations SET status = 'dropped', drop_reason = 'merged', settled_at = @now
    WHERE community_id = @from AND status = 'queued' AND name_key IN (
      SELECT name_key FROM nominations WHERE community_id = @into AND status = 'queued')`,
];
const MERGE_MOVES = [
  "UPDATE mobs SET community_id = ? WHERE community_id = ?",
  "UPDATE spaces SET community_id = ? WHERE community_id = ?",
  "UPDATE chats SET community_id = ? WHERE community_id = ?",
  "UPDATE link_codes SET community_id = ? WHERE community_id = ?",
  "UPDATE nominations SET community_id = ? WHERE community_id = ?",
  "UPDATE votes SET community_id = ? WHERE community_id = ?",
  "UPDATE series SET community_id = ? WHERE community_id = ?",
];

function merge(sql: Sql, from: number, into: number, now: number): void {
  // Shops are unique by folded name within a community: same-named shops become one.
  const theirs = new Map(sql.rows(SHOPS_OF, into).map((r) => [r.name_key, r.id as number]));
  for (const shop of sql.rows(SHOPS_OF, from) as Row[]) {
    const same = theirs.get(shop.name_key);
    if (same === undefined) {
      sql.run(MOVE_SHOP, into, shop.id);
    } else {
      sql.run(FILL_SHOP, shop.address ?? null, shop.takings_minor ?? null, same);
      sql.run(REPOINT_SHOP, same, from, shop.id);
      sql.run(DELETE_SHOP, shop.id);
    }
  }
  for (const text of MERGE_NAMED) sql.run(text, { into, from, now });
  for (const text of MERGE_MOVES) sql.run(text, into, from);
  sql.run("DELETE FROM communities WHERE id = ?", from);
}
