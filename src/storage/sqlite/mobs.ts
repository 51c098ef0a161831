import type { MobPatch } from "../../domain/mob.js";
import type { MobRepository } from "../../ports/repositories.js";
import { MOB_COLUMNS, newPublicId, orNull, shopKey, toMob } from "../rows.js";
import { flag, found, type Sql } from "./sql.js";

const MOB_SELECT =
  "SELECT m.*, s.name AS shop_name, s.takings_minor FROM mobs m JOIN shops s ON s.id = m.shop_id";
const GET_MOB = `${MOB_SELECT} WHERE m.id = ?`;
const BY_PUBLIC_ID = `${MOB_SELECT} WHERE m.public_id = ?`;
const LIST_PAST = `${MOB_SELECT} WHERE m.community_id = @communityId
    AND m.status IN ('announced', 'tallied') AND m.starts_at + m.duration_ms <= @now
  ORDER BY m.starts_at DESC LIMIT @limit`;
const LIST_OPEN = `${MOB_SELECT} WHERE m.community_id = @communityId
    AND m.status IN ('announced', 'draft') AND (@drafts = 1 OR m.status = 'announced')
    AND m.starts_at + m.duration_ms > @now
  ORDER BY m.starts_at LIMIT @limit`;
const FIND_SHOP = "SELECT id FROM shops WHERE community_id = ? AND name_key = ?";
const INSERT_SHOP = `INSERT INTO shops (community_id, name, name_key, address, takings_minor,
    created_at)
  VALUES (?, ?, ?, ?, ?, ?) RETURNING id`;
const FILL_SHOP =
  "UPDATE shops SET address = coalesce(?, address), takings_minor = coalesce(?, takings_minor) WHERE id = ?";
const INSERT_MOB = `INSERT INTO mobs (public_id, community_id, shop_id, address, meeting_point,
    party, starts_at, duration_ms, pledge_minor, currency, secret, capacity, goal_minor, status,
    created_by, checkin_code, created_at, updated_at)
  VALUES (@publicId, @communityId, @shopId, @address, @meetingPoint, @party, @startsAt,
    @durationMs, @pledgeMinor, @currency, @secret, @capacity, @goalMinor, @status, @createdBy,
    @checkinCode, @now, @now) RETURNING id`;
const SET_MERCHANT = `UPDATE mobs SET merchant_status = @status, merchant_note = @note,
    merchant_recorded_by = @recordedBy, merchant_recorded_at = @recordedAt,
    merchant_source = @source, updated_at = coalesce(@recordedAt, updated_at)
  WHERE id = @mobId`;
const SET_TAKINGS_PUBLIC = "UPDATE mobs SET takings_public = ? WHERE id = ?";
const MOBBED_SHOPS = `SELECT s.name AS name, m.starts_at AS last_at, m.secret AS secret
  FROM mobs m JOIN shops s ON s.id = m.shop_id
  WHERE m.community_id = ? AND m.status IN ('announced', 'tallied')`;

export function mobs(sql: Sql): MobRepository {
  const get = (text: string, value: unknown) => orNull(sql.one(text, value), toMob);
  return {
    async insertShop(communityId, name, address, takingsMinor, now) {
      // A shop of that name (folded: see shopKey) is the same shop: what is said now fills
      // or replaces its address and takings.
      const key = shopKey(name);
      const same = sql.one(FIND_SHOP, communityId, key);
      if (same) {
        sql.run(FILL_SHOP, address, takingsMinor, same.id);
        return same.id as number;
      }
      const r = sql.one(INSERT_SHOP, communityId, name, key, address, takingsMinor, now);
      return found(r, "the new shop").id as number;
    },
    async setShopTakings(shopId, takingsMinor) {
      sql.run(FILL_SHOP, null, takingsMinor, shopId);
    },
    async insertMob(mob) {
      const r = sql.one(INSERT_MOB, {
        ...mob,
        publicId: newPublicId(),
        party: mob.party ?? null,
        secret: flag(mob.secret),
      });
      const id = found(r, "the new mob").id as number;
      return found(get(GET_MOB, id) ?? undefined, `mob ${id}`);
    },
    async getMob(id) {
      return get(GET_MOB, id);
    },
    /** Units of work take their turn on SQLite: reading the mob is holding it. */
    async lockMob(id) {
      return get(GET_MOB, id);
    },
    async getMobByPublicId(publicId) {
      return get(BY_PUBLIC_ID, publicId);
    },
    async updateMob(id, patch, now) {
      const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
      const sets = entries.map(([k]) => `${MOB_COLUMNS[k as keyof MobPatch]} = ?`);
      sql.run(
        `UPDATE mobs SET ${[...sets, "updated_at = ?"].join(", ")} WHERE id = ?`,
        ...entries.map(([, v]) => (typeof v === "boolean" ? flag(v) : v)),
        now,
        id,
      );
      return found(get(GET_MOB, id) ?? undefined, `mob ${id}`);
    },
    async listPastMobs(communityId, now, limit) {
      return sql.rows(LIST_PAST, { communityId, now, limit }).map(toMob);
    },
    async listOpenMobs(communityId, now, includeDrafts, limit) {
      return sql
        .rows(LIST_OPEN, { communityId, now, drafts: flag(includeDrafts), limit })
        .map(toMob);
    },
    async setMerchantAnswer(mobId, answer) {
      sql.run(SET_MERCHANT, { mobId, ...answer });
    },
    async setTakingsPublic(mobId, published) {
      sql.run(SET_TAKINGS_PUBLIC, flag(published), mobId);
    },
    async mobbedShops(communityId) {
      return sql.rows(MOBBED_SHOPS, communityId).map((r) => ({
        name: r.name as string,
        lastAt: r.last_at as number,
        secret: r.secret === 1,
      }));
    },
  };
}
