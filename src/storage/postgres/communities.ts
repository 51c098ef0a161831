import type { CommunityRepository } from "../../ports/repositories.js";
import { COMMUNITY_COLUMNS, newPublicId, orNull, toCommunity } from "../rows.js";
import { flag, found, type Sql } from "./sql.js";

/**
 * Merging `from` into `into`, in order. Same-named shops (the same name_key, see shopKey)
 * become `into`'s, with `from`'s address and takings where it has them; the
 * outbox moves first, since its rows are found through the mobs and votes still in `from`.
 */
const MERGE = [
  // Both rows locked first, in id order, so two merges take turns; then `from` wholly: a
  // unit adding a mob, chat or code to `from` meanwhile (its foreign key takes a share
  // lock) waits for the merge, instead of the merge's final DELETE failing on a row that
  // arrived halfway. `into` is not held against those share locks: units linking chats
  // into it at once (each holding one) would otherwise deadlock with the merge.
  "SELECT id FROM communities WHERE id IN ($1, $2) ORDER BY id FOR NO KEY UPDATE",
  "SELECT id FROM communities WHERE id = $1 FOR UPDATE",
  `UPDATE shops k SET address = coalesce(g.address, k.address),
      takings_minor = coalesce(g.takings_minor, k.takings_minor)
    FROM shops g WHERE g.community_id = $1 AND k.community_id = $2 AND k.name_key = g.name_key`,
  `UPDATE mobs m SET shop_id = k.id FROM shops g JOIN shops k ON k.name_key = g.name_key
    WHERE g.community_id = $1 AND k.community_id = $2 AND m.community_id = $1 AND m.shop_id = g.id`,
  `DELETE FROM shops g USING shops k
    WHERE g.community_id = $1 AND k.community_id = $2 AND k.name_key = g.name_key`,
  "UPDATE shops SET community_id = $2 WHERE community_id = $1",
  `UPDATE outbox SET community_id = $2
    WHERE (subject = 'mob' AND subject_id IN (SELECT id FROM mobs WHERE community_id = $1))
       OR (subject = 'vote' AND subject_id IN (SELECT id FROM votes WHERE community_id = $1))
       OR (subject = 'series' AND subject_id IN (SELECT id FROM series WHERE community_id = $1))`,
  // A shop queued in both stays queued once with everyone's seconds (the other nominator
  // becomes a second); the other nomination is dropped as merged.
  `INSERT INTO seconds (nomination_id, member_id, created_at)
    SELECT keep.id, s.member_id, s.created_at
    FROM nominations gone
    JOIN nominations keep ON keep.community_id = $2 AND keep.status = 'queued'
      AND keep.name_key = gone.name_key
    JOIN seconds s ON s.nomination_id = gone.id
    WHERE gone.community_id = $1 AND gone.status = 'queued' AND s.member_id <> keep.nominated_by
    UNION ALL
    SELECT keep.id, gone.nominated_by, gone.created_at
    FROM nominations gone
    JOIN nominations keep ON keep.community_id = $2 AND keep.status = 'queued'
      AND keep.name_key = gone.name_key
    WHERE gone.community_id = $1 AND gone.status = 'queued' AND gone.nominated_by <> keep.nominated_by
    ON CONFLICT DO NOTHING`,
  `UPDATE nominations SET status = 'dropped', drop_reason = 'merged', settled_at = $3
    WHERE community_id = $1 AND status = 'queued' AND name_key IN (
      SELECT name_key FROM nominations WHERE community_id = $2 AND status = 'queued')`,
  // Different tables: one statement moves them all.
  `WITH a AS (UPDATE mobs SET community_id = $2 WHERE community_id = $1),
      b AS (UPDATE spaces SET community_id = $2 WHERE community_id = $1),
      c AS (UPDATE chats SET community_id = $2 WHERE community_id = $1),
      d AS (UPDATE link_codes SET community_id = $2 WHERE community_id = $1),
      e AS (UPDATE nominations SET community_id = $2 WHERE community_id = $1),
      f AS (UPDATE votes SET community_id = $2 WHERE community_id = $1),
      g AS (UPDATE series SET community_id = $2 WHERE community_id = $1)
    SELECT 1`,
  "DELETE FROM communities WHERE id = $1",
] as const;

export function communities(sql: Sql): CommunityRepository {
  const getCommunity = async (id: number) =>
    orNull(await sql.one("SELECT * FROM communities WHERE id = $1", [id]), toCommunity);
  return {
    async insertCommunity(c, now) {
      const r = await sql.one(
        `INSERT INTO communities (public_id, name, timezone, locale, currency, organizer_rule,
          merchant_gate, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          newPublicId(),
          c.name,
          c.timezone,
          c.locale,
          c.currency,
          c.organizerRule,
          flag(c.merchantGate),
          now,
        ],
      );
      return toCommunity(found(r, "the new community"));
    },
    getCommunity,
    async getCommunityByPublicId(publicId) {
      const r = await sql.one("SELECT * FROM communities WHERE public_id = $1", [publicId]);
      return orNull(r, toCommunity);
    },
    async updateCommunity(id, patch) {
      const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
      if (entries.length === 0)
        return found((await getCommunity(id)) ?? undefined, `community ${id}`);
      const sets = entries.map(
        ([k], i) => `${COMMUNITY_COLUMNS[k as keyof typeof COMMUNITY_COLUMNS]} = $${i + 2}`,
      );
      const r = await sql.one(
        `UPDATE communities SET ${sets.join(", ")} WHERE id = $1 RETURNING *`,
        [id, ...entries.map(([, v]) => (typeof v === "boolean" ? flag(v) : v))],
      );
      return toCommunity(found(r, `community ${id}`));
    },
    async communityOfSpace(platform, spaceId) {
      const r = await sql.one(
        "SELECT community_id FROM spaces WHERE platform = $1 AND space_id = $2",
        [platform, spaceId],
      );
      return (r?.community_id as number | undefined) ?? null;
    },
    async setSpace(platform, spaceId, communityId) {
      await sql.run(
        `INSERT INTO spaces (platform, space_id, community_id) VALUES ($1, $2, $3)
        ON CONFLICT (platform, space_id) DO UPDATE SET community_id = excluded.community_id`,
        [platform, spaceId, communityId],
      );
    },
    async claimSpace(platform, spaceId, communityId) {
      // DO NOTHING waits for a unit claiming the same space; the next statement (a new
      // snapshot under READ COMMITTED) then sees the community that unit committed.
      const added = await sql.run(
        `INSERT INTO spaces (platform, space_id, community_id) VALUES ($1, $2, $3)
        ON CONFLICT (platform, space_id) DO NOTHING`,
        [platform, spaceId, communityId],
      );
      if (added === 1) return communityId;
      const r = await sql.one(
        "SELECT community_id FROM spaces WHERE platform = $1 AND space_id = $2",
        [platform, spaceId],
      );
      return (r?.community_id as number | undefined) ?? communityId;
    },
    async mergeCommunity(from, into, now) {
      if (from === into) return;
      for (const statement of MERGE) {
        const uses = statement.includes("$3") ? 3 : statement.includes("$2") ? 2 : 1;
        await sql.run(statement, [from, into, now].slice(0, uses));
      }
    },
  };
}
