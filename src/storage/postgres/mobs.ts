import type { MobPatch } from "../../domain/mob.js";
import type { MobRepository } from "../../ports/repositories.js";
import { MOB_COLUMNS, newPublicId, orNull, shopKey, toMob } from "../rows.js";
import { flag, found, type Sql } from "./sql.js";

/** A mob with its shop's name and takings, from the mob row(s) `m` of a CTE or the table. */
const withShop = (from: string) =>
  `SELECT m.*, s.name AS shop_name, s.takings_minor FROM ${from} m JOIN shops s ON s.id = m.shop_id`;
const MOB_SELECT = withShop("mobs");

export function mobs(sql: Sql): MobRepository {
  const mobWhere = async (where: string, value: unknown) =>
    orNull(await sql.one(`${MOB_SELECT} WHERE ${where}`, [value]), toMob);
  return {
    async insertShop(communityId, name, address, takingsMinor, now) {
      // A shop of that name (folded: see shopKey) is the same shop:
      // what is said now fills or replaces its address and takings. One statement, so two
      // units naming a new shop at once get the same one.
      const r = await sql.one(
        `INSERT INTO shops (community_id, name, name_key, address, takings_minor, created_at)
        VALUES ($1, $2, $6, $3, $4, $5)
        ON CONFLICT (community_id, name_key) DO UPDATE SET
          address = coalesce(excluded.address, shops.address),
          takings_minor = coalesce(excluded.takings_minor, shops.takings_minor)
        RETURNING id`,
        [communityId, name, address, takingsMinor, now, shopKey(name)],
      );
      return found(r, "the shop").id as number;
    },
    async setShopTakings(shopId, takingsMinor) {
      await sql.run("UPDATE shops SET takings_minor = $2 WHERE id = $1", [shopId, takingsMinor]);
    },
    async insertMob(mob) {
      const r = await sql.one(
        `WITH m AS (INSERT INTO mobs (public_id, community_id, shop_id, address, meeting_point,
            party, starts_at, duration_ms, pledge_minor, currency, secret, capacity, goal_minor,
            status, created_by, checkin_code, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)
          RETURNING *)
        ${withShop("m")}`,
        [
          newPublicId(),
          mob.communityId,
          mob.shopId,
          mob.address,
          mob.meetingPoint,
          mob.party ?? null,
          mob.startsAt,
          mob.durationMs,
          mob.pledgeMinor,
          mob.currency,
          flag(mob.secret),
          mob.capacity,
          mob.goalMinor,
          mob.status,
          mob.createdBy,
          mob.checkinCode,
          mob.now,
        ],
      );
      return toMob(found(r, "the new mob"));
    },
    getMob: (id) => mobWhere("m.id = $1", id),
    async lockMob(id) {
      // NO KEY UPDATE: other lockers wait; participants' and outbox rows' foreign keys
      // (KEY SHARE) and plain reads do not.
      const r = await sql.one(`${MOB_SELECT} WHERE m.id = $1 FOR NO KEY UPDATE OF m`, [id]);
      return orNull(r, toMob);
    },
    getMobByPublicId: (publicId) => mobWhere("m.public_id = $1", publicId),
    async updateMob(id, patch, now) {
      const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
      const sets = entries.map(([k], i) => `${MOB_COLUMNS[k as keyof MobPatch]} = $${i + 3}`);
      const r = await sql.one(
        `WITH m AS (UPDATE mobs SET ${[...sets, "updated_at = $2"].join(", ")} WHERE id = $1
          RETURNING *)
        ${withShop("m")}`,
        [id, now, ...entries.map(([, v]) => (typeof v === "boolean" ? flag(v) : v))],
      );
      return toMob(found(r, `mob ${id}`));
    },
    async listPastMobs(communityId, now, limit) {
      const rows = await sql.rows(
        `${MOB_SELECT} WHERE m.community_id = $1
          AND m.status IN ('announced', 'tallied') AND m.starts_at + m.duration_ms <= $2
        ORDER BY m.starts_at DESC LIMIT $3`,
        [communityId, now, limit],
      );
      return rows.map(toMob);
    },
    async listOpenMobs(communityId, now, includeDrafts, limit) {
      const statuses = includeDrafts ? ["announced", "draft"] : ["announced"];
      const rows = await sql.rows(
        `${MOB_SELECT} WHERE m.community_id = $1 AND m.status = ANY($2::text[])
          AND m.starts_at + m.duration_ms > $3
        ORDER BY m.starts_at LIMIT $4`,
        [communityId, statuses, now, limit],
      );
      return rows.map(toMob);
    },
    async setMerchantAnswer(mobId, a) {
      await sql.run(
        `UPDATE mobs SET merchant_status = $2, merchant_note = $3, merchant_recorded_by = $4,
          merchant_recorded_at = $5, merchant_source = $6,
          updated_at = coalesce($5::bigint, updated_at)
        WHERE id = $1`,
        [mobId, a.status, a.note, a.recordedBy, a.recordedAt, a.source],
      );
    },
    async setTakingsPublic(mobId, published) {
      await sql.run("UPDATE mobs SET takings_public = $2 WHERE id = $1", [mobId, flag(published)]);
    },
    async mobbedShops(communityId) {
      const rows = await sql.rows(
        `SELECT s.name, m.starts_at, m.secret FROM mobs m JOIN shops s ON s.id = m.shop_id
        WHERE m.community_id = $1 AND m.status IN ('announced', 'tallied')
        ORDER BY m.starts_at, m.id`,
        [communityId],
      );
      return rows.map((r) => ({
        name: r.name as string,
        lastAt: r.starts_at as number,
        secret: r.secret === 1,
      }));
    },
  };
}
