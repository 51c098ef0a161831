import type Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../../src/storage/migrate.js";
import { sqliteRepositories } from "../support/sqlite-engine.js";
import { H } from "./contract/fixtures.js";
import { countBefore, databaseAt, shipped } from "./migrated.js";

const keyed = countBefore("_shop_name_key.sql");
const START = Date.UTC(2026, 11, 5, 18);

let db: Database.Database;
afterEach(() => db?.close());

/**
 * A database at the version before shop keys: NOCASE let "Épicerie" and "épicerie" be two
 * shops of Lille (each with a mob), Lyon has its own "Épicerie", and Lille a "Cave".
 */
function versionBefore(): Database.Database {
  const mob = (id: number, community: number, shop: number) => `
    INSERT INTO mobs (id, public_id, community_id, shop_id, address, meeting_point, starts_at,
        duration_ms, pledge_minor, currency, secret, status, created_by, checkin_code,
        created_at, updated_at)
      VALUES (${id}, 'mob${id}', ${community}, ${shop}, NULL, 'Fontaine', ${START}, ${2 * H},
        1500, 'EUR', 0, 'announced', 1, 'ABC234', 1, 1);`;
  return databaseAt(
    ":memory:",
    keyed,
    `
    INSERT INTO communities (id, public_id, name, timezone, locale, currency, created_at)
      VALUES (1, 'c1', 'Lille', 'Europe/Paris', 'fr', 'EUR', 1),
             (2, 'c2', 'Lyon', 'Europe/Paris', 'fr', 'EUR', 1);
    INSERT INTO members (id, platform, user_id, display_name, created_at)
      VALUES (1, 'telegram', '11', 'Olga', 1);
    INSERT INTO shops (id, community_id, name, address, takings_minor, created_at)
      VALUES (1, 1, 'Épicerie', NULL, 40000, 1),
             (2, 1, 'épicerie', '3 rue X', 90000, 2),
             (3, 2, 'Épicerie', '9 quai Y', NULL, 3),
             (4, 1, 'Cave', NULL, NULL, 4);
    ${mob(7, 1, 1)} ${mob(8, 1, 2)} ${mob(9, 2, 3)} ${mob(10, 1, 4)}
  `,
  );
}

describe("migration: shop name keys", () => {
  it("makes a community's shops that differ only in non-ASCII case one shop, mobs and all", async () => {
    db = versionBefore();
    migrate(db, shipped);
    expect(
      db
        .prepare("SELECT id, community_id, name, name_key, address, takings_minor FROM shops")
        .all(),
    ).toEqual([
      // The oldest stays, with the address it lacked; its own takings are kept.
      {
        id: 1,
        community_id: 1,
        name: "Épicerie",
        name_key: "épicerie",
        address: "3 rue X",
        takings_minor: 40000,
      },
      {
        id: 3,
        community_id: 2,
        name: "Épicerie",
        name_key: "épicerie",
        address: "9 quai Y",
        takings_minor: null,
      },
      {
        id: 4,
        community_id: 1,
        name: "Cave",
        name_key: "cave",
        address: null,
        takings_minor: null,
      },
    ]);
    const store = sqliteRepositories(db);
    expect((await store.getMob(8))?.shopName).toBe("Épicerie");
    expect(
      db
        .prepare("SELECT id, shop_id FROM mobs ORDER BY id")
        .all()
        .map((r) => Object.values(r as object)),
    ).toEqual([
      [7, 1],
      [8, 1],
      [9, 3],
      [10, 4],
    ]);
  });

  it("after it, naming a shop in any case finds it, and merging communities folds the same way", async () => {
    db = versionBefore();
    migrate(db, shipped);
    const store = sqliteRepositories(db);
    expect(await store.insertShop(1, "ÉPICERIE", null, null, START)).toBe(1);
    expect(await store.insertShop(1, "CAVE", "1 rue Z", null, START)).toBe(4);
    const other = await store.insertShop(1, "Éditions", null, null, START);
    expect(other).not.toBe(1);
    await store.mergeCommunity(2, 1, START);
    // Lyon's "Épicerie" is Lille's: its mob now points to shop 1, which takes Lyon's address.
    expect((await store.getMob(9))?.shopId).toBe(1);
    expect((await store.getMob(9))?.address).toBeNull();
    expect(db.prepare("SELECT address FROM shops WHERE id = 1").get()).toEqual({
      address: "9 quai Y",
    });
    expect(db.prepare("SELECT count(*) AS n FROM shops WHERE id = 3").get()).toEqual({ n: 0 });
  });
});
