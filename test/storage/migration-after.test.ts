import type Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../../src/storage/migrate.js";
import { sqliteRepositories } from "../support/sqlite-engine.js";
import { H } from "./contract/fixtures.js";
import { countBefore, databaseAt, shipped } from "./migrated.js";

const after = countBefore("_after_the_mob.sql");
const START = Date.UTC(2026, 11, 5, 18);

let db: Database.Database;
afterEach(() => db?.close());

/** A database at the version before "after the mob", with a community, a mob and a participant. */
function versionBefore(): Database.Database {
  return databaseAt(
    ":memory:",
    after,
    `
    INSERT INTO communities (id, public_id, name, timezone, locale, currency, created_at)
      VALUES (1, 'c0ffee', 'Lille', 'Europe/Paris', 'fr', 'EUR', 1);
    INSERT INTO members (id, platform, user_id, display_name, created_at) VALUES (1, 'telegram', '11', 'Olga', 1);
    INSERT INTO shops VALUES (1, 1, 'Cave', '3 rue X', 50000, 1);
    INSERT INTO mobs (id, public_id, community_id, shop_id, address, meeting_point, starts_at,
        duration_ms, pledge_minor, currency, secret, status, created_by, checkin_code, created_at,
        updated_at)
      VALUES (7, 'beef', 1, 1, '3 rue X', 'Fontaine', ${START}, ${2 * H}, 1500, 'EUR', 1,
        'announced', 1, 'ABC234', 1, 1);
    INSERT INTO participants (mob_id, member_id, status, joined_at, spent_minor)
      VALUES (7, 1, 'going', 1, 2000);
  `,
  );
}

describe("migration: after the mob", () => {
  it("comes after communities across chats, whose tables it extends", async () => {
    expect(shipped.slice(0, after).map((m) => m.name)).toContain(
      "003_communities_across_chats.sql",
    );
  });

  it("keeps every mob as it was, with no after-party", async () => {
    db = versionBefore();
    migrate(db, shipped);
    const mob = await sqliteRepositories(db).getMob(7);
    expect(mob).toMatchObject({
      shopName: "Cave",
      meetingPoint: "Fontaine",
      secret: true,
      party: null,
    });
    expect(db.pragma("foreign_key_check")).toEqual([]);
  });

  it("photos: numbers are per mob and never reused; a removed photo keeps no bytes", async () => {
    db = versionBefore();
    migrate(db, shipped);
    const store = sqliteRepositories(db);
    const add = async (sha: string) =>
      await store.insertPhoto({
        mobId: 7,
        memberId: 1,
        type: "png",
        width: 10,
        height: 10,
        bytes: Buffer.from(sha),
        sha256: sha,
        now: START,
      });
    expect((await add("a"))?.number).toBe(1);
    expect(await add("a")).toBeNull();
    expect((await add("b"))?.number).toBe(2);
    expect(await store.dropPhoto(7, 2, START)).toBe(true);
    expect(await store.dropPhoto(7, 2, START)).toBe(false);
    expect((await add("c"))?.number).toBe(3);
    expect((await store.photosOf(7)).map((p) => p.number)).toEqual([1, 3]);
    expect(db.prepare("SELECT bytes, sha256 FROM photos WHERE number = 2").get()).toEqual({
      bytes: null,
      sha256: null,
    });
    // The same picture may come back once removed.
    expect((await add("b"))?.number).toBe(4);
    expect(() => db.exec("UPDATE photos SET bytes = NULL WHERE number = 1")).toThrow(
      /CHECK constraint failed/,
    );
  });
});
