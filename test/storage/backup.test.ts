import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { backupDatabase } from "../../src/storage/backup.js";
import { openDatabase } from "../../src/storage/database.js";
import { sqliteRepositories } from "../support/sqlite-engine.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the nightly backup", () => {
  it("copies the live database and keeps only the last seven", async () => {
    dir = mkdtempSync(join(tmpdir(), "cashmob-backup-"));
    const db = openDatabase(join(dir, "bot.db"));
    const store = sqliteRepositories(db);
    await store.insertCommunity(
      {
        name: "Local",
        timezone: "UTC",
        locale: "en",
        currency: "EUR",
        organizerRule: "platform",
      },
      0,
    );
    const backups = join(dir, "backups");
    let last = "";
    for (let night = 1; night <= 9; night++) {
      last = await backupDatabase(db, backups, 7, new Date(Date.UTC(2026, 11, night, 3, 30)));
    }
    db.close();
    const kept = readdirSync(backups).sort();
    expect(kept).toHaveLength(7);
    expect(kept[0]).toBe("cashmob-2026-12-03T03-30-00-000Z.db");
    expect(kept.at(-1)).toBe("cashmob-2026-12-09T03-30-00-000Z.db");
    const copy = new Database(last, { readonly: true });
    expect(copy.prepare("SELECT name FROM communities").all()).toEqual([{ name: "Local" }]);
    copy.close();
  });
});
