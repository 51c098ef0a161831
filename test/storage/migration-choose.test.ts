import { describe, expect, it } from "vitest";
import { UniqueViolation } from "../../src/ports/storage-errors.js";
import { openDatabase } from "../../src/storage/database.js";
import { sqliteRepositories } from "../support/sqlite-engine.js";
import { H } from "./contract/fixtures.js";
import { tempDatabases } from "./migrated.js";

const NOW = Date.UTC(2026, 11, 1, 12);
const START = NOW + 48 * H;

const databases = tempDatabases("cashmob-mig4-");

/** A database as version 4 left it: a community with a draft, an announced and a tallied mob. */
function versionFour(): string {
  return databases.at(
    4,
    `
    INSERT INTO communities VALUES (1, 'c0ffee', 'Lille', 'Europe/Paris', 'fr', 'EUR', 'platform', 1);
    INSERT INTO chats VALUES (1, 1, 'telegram', '-100', '-100', 'Lille', 'fr', 1);
    INSERT INTO spaces VALUES ('telegram', '-100', 1);
    INSERT INTO members VALUES (1, 'telegram', '11', 'Olga', 'fr', 1, 1, NULL);
    INSERT INTO shops VALUES (1, 1, 'Cave', '3 rue X', 50000, 1);
    INSERT INTO shops VALUES (2, 1, 'Épicerie', NULL, NULL, 1);
    INSERT INTO mobs VALUES (7, 'aa', 1, 1, '3 rue X', NULL, ${START}, ${2 * H}, 1500, 'EUR', 0, NULL, NULL,
      'announced', 1, 'ABC234', NULL, 1, 1);
    INSERT INTO mobs VALUES (8, 'bb', 1, 2, NULL, NULL, ${START}, ${2 * H}, 1500, 'EUR', 0, NULL, NULL,
      'draft', 1, 'XYZ234', NULL, 1, 1);
    INSERT INTO mobs VALUES (9, 'cc', 1, 1, NULL, NULL, ${NOW - 30 * 24 * H}, ${2 * H}, 1500, 'EUR', 0, NULL,
      NULL, 'tallied', 1, 'QRS234', NULL, 1, 1);
  `,
  );
}

describe("migration 005: choosing the shop", () => {
  it("keeps every community and mob as it was: gate off, merchant not asked, takings private", async () => {
    const db = openDatabase(versionFour());
    const store = sqliteRepositories(db);
    expect(await store.getCommunity(1)).toMatchObject({ name: "Lille", merchantGate: false });
    for (const id of [7, 8, 9]) {
      expect(await store.getMob(id)).toMatchObject({
        takingsPublic: false,
        merchant: { status: "not_asked", note: null, recordedBy: null, source: null },
      });
    }
    expect(await store.getMob(7)).toMatchObject({
      shopName: "Cave",
      status: "announced",
      takingsMinor: 50000,
    });
    expect((await store.getMob(8))?.status).toBe("draft");
    // Announced and tallied mobs are what "already mobbed" reads; a draft is none.
    expect((await store.mobbedShops(1)).sort((a, b) => a.lastAt - b.lastAt)).toEqual([
      { name: "Cave", lastAt: NOW - 30 * 24 * H, secret: false },
      { name: "Cave", lastAt: START, secret: false },
    ]);
    db.close();
  });

  it("the new tables hold their rules: one queued nomination per shop, ballots only for a vote's shops", async () => {
    const db = openDatabase(versionFour());
    const store = sqliteRepositories(db);
    const n = await store.insertNomination(
      { communityId: 1, name: "Cave", nameKey: "cave", address: null, why: null, nominatedBy: 1 },
      NOW,
    );
    await expect(
      store.insertNomination(
        { communityId: 1, name: "CAVE", nameKey: "cave", address: null, why: null, nominatedBy: 1 },
        NOW,
      ),
    ).rejects.toThrow(UniqueViolation);
    const other = await store.insertNomination(
      { communityId: 1, name: "Bar", nameKey: "bar", address: null, why: null, nominatedBy: 1 },
      NOW,
    );
    const vote = await store.insertVote(
      { communityId: 1, mobAt: START, closesAt: NOW + H, openedBy: 1 },
      [n.id],
      NOW,
    );
    await expect(store.castBallot(vote.id, 1, other.id, 1, NOW)).rejects.toThrow(/FOREIGN KEY/);
    await expect(
      store.insertVote({ communityId: 1, mobAt: START, closesAt: START, openedBy: 1 }, [], NOW),
    ).rejects.toThrow(/CHECK/);
    expect(() =>
      db.prepare("UPDATE mobs SET merchant_status = 'maybe' WHERE id = 7").run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
