import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { sqliteRepositories } from "../support/sqlite-engine.js";

const temps: string[] = [];
const immutable: string[] = [];
afterEach(() => {
  for (const file of immutable.splice(0)) execFileSync("chattr", ["-i", file]);
  for (const dir of temps.splice(0)) {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "cashmob-db-"));
  temps.push(dir);
  return dir;
}

/**
 * Makes a file read-only even for root (the tests run as root, so chmod alone
 * does not stop writes). Returns false where the file system or the container
 * does not allow the immutable flag.
 */
function makeImmutable(file: string): boolean {
  try {
    execFileSync("chattr", ["+i", file], { stdio: "ignore" });
  } catch {
    return false;
  }
  immutable.push(file);
  return true;
}

const canMakeImmutable = (() => {
  const dir = mkdtempSync(join(tmpdir(), "cashmob-chattr-"));
  const file = join(dir, "probe");
  writeFileSync(file, "x");
  try {
    execFileSync("chattr", ["+i", file], { stdio: "ignore" });
    execFileSync("chattr", ["-i", file], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

describe("openDatabase", () => {
  it("creates the file and its folder, turns on WAL and foreign keys, and applies the migrations", async () => {
    const path = join(tempDir(), "nested", "cashmob.db");
    const db = openDatabase(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(
      (db.prepare("SELECT count(*) AS n FROM schema_migrations").get() as { n: number }).n,
    ).toBeGreaterThan(0);
    db.close();
  });

  it("refuses a row that points at a mob that does not exist (foreign keys are enforced)", async () => {
    const db = openDatabase(":memory:");
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (key, community_id, subject, subject_id, kind, target, due_at, created_at) VALUES ('k', 999, 'mob', 1, 'tally', 'community', 1, 1)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    db.close();
  });

  it("a file that is not a database is refused with a clear error, and left untouched", async () => {
    const path = join(tempDir(), "cashmob.db");
    const garbage = Buffer.alloc(16_384, 0x5a);
    writeFileSync(path, garbage);
    let error: unknown;
    try {
      openDatabase(path).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/not a database|corrupt/i);
    expect((error as { code?: string }).code).toBe("SQLITE_NOTADB");
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it("a database whose pages are damaged is refused before the bot starts", async () => {
    const path = join(tempDir(), "cashmob.db");
    const db = openDatabase(path);
    db.pragma("journal_mode = DELETE");
    const insert = db.prepare(
      "INSERT INTO members (platform, user_id, display_name, created_at) VALUES ('console', ?, ?, 1)",
    );
    for (let i = 0; i < 500; i++) insert.run(`user-${i}`, "x".repeat(200));
    db.close();
    const bytes = readFileSync(path);
    // Keep the header, smash everything after the first pages.
    bytes.fill(0xa5, 8_192);
    writeFileSync(path, bytes);
    expect(() => openDatabase(path).close()).toThrow(/corrupt|malformed|not a database/i);
  });

  it("a missing migrations folder stops start-up before the database is touched", async () => {
    const dir = tempDir();
    expect(() =>
      openDatabase(join(dir, "cashmob.db"), { migrationsDir: join(dir, "nope") }),
    ).toThrow(/the migrations folder is missing/);
  });

  it.skipIf(!canMakeImmutable)(
    "a read-only database file that still needs its schema is refused at start-up",
    () => {
      const path = join(tempDir(), "cashmob.db");
      new Database(path).close();
      expect(makeImmutable(path)).toBe(true);
      expect(() => openDatabase(path).close()).toThrow(/readonly|read-only/i);
    },
  );

  it.skipIf(!canMakeImmutable)(
    "a read-only, already migrated database is refused at start-up, not at the first command",
    () => {
      const path = join(tempDir(), "cashmob.db");
      openDatabase(path).close();
      expect(makeImmutable(path)).toBe(true);
      let error: unknown;
      let db: Database.Database | undefined;
      try {
        db = openDatabase(path);
      } catch (e) {
        error = e;
      }
      db?.close();
      expect(error, "openDatabase accepted a database it cannot write").toBeInstanceOf(Error);
      expect((error as { code?: string }).code).toBe("SQLITE_READONLY");
    },
  );

  it.skipIf(!canMakeImmutable)(
    "a database in a folder nobody may write to is refused at start-up",
    () => {
      const dir = join(tempDir(), "data");
      openDatabase(join(dir, "old.db")).close();
      expect(makeImmutable(dir)).toBe(true);
      // A new file cannot be created, and an existing one cannot get its journal beside it.
      expect(() => openDatabase(join(dir, "new.db")).close()).toThrow();
      let error: unknown;
      try {
        openDatabase(join(dir, "old.db")).close();
      } catch (e) {
        error = e;
      }
      expect(error, "openDatabase accepted a database it cannot journal").toBeInstanceOf(Error);
      expect(["SQLITE_READONLY", "SQLITE_CANTOPEN"]).toContain((error as { code?: string }).code);
    },
  );

  it("a connection opened read-only cannot write: the store's writes fail loudly, not silently", async () => {
    const path = join(tempDir(), "cashmob.db");
    openDatabase(path).close();
    const readonly = new Database(path, { readonly: true });
    const store = sqliteRepositories(readonly);
    await expect(store.upsertMember("console", "u1", "U", null, 1)).rejects.toThrow(
      /attempt to write a readonly database/,
    );
    expect(await store.findChat("console", "g1")).toBeNull();
    readonly.close();
  });
});
