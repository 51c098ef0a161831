import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, openDatabase } from "../../src/storage/database.js";
import { loadMigrations, type Migration, migrate } from "../../src/storage/migrate.js";

const shipped = loadMigrations(MIGRATIONS_DIR);

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding these files (name → SQL). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cashmob-migrations-"));
  temps.push(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

/** The schema as SQLite stores it, plus the recorded versions: equal means "nothing changed". */
function schema(db: Database.Database): string {
  const objects = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
    .all();
  const versions = db.prepare("SELECT version, name FROM schema_migrations ORDER BY 1").all();
  return JSON.stringify({ objects, versions });
}

function versions(db: Database.Database): number[] {
  return db
    .prepare<[], { version: number }>("SELECT version FROM schema_migrations ORDER BY version")
    .all()
    .map((r) => r.version);
}

describe("loadMigrations", () => {
  it("reads the shipped migrations in order, numbered from 1 without gaps", () => {
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped.map((m) => m.version)).toEqual(shipped.map((_, i) => i + 1));
    expect(shipped[0]?.name).toBe("001_init.sql");
    expect(shipped.every((m) => m.sql.trim() !== "")).toBe(true);
  });

  it("ignores files that are not migrations", () => {
    const dir = folder({
      "001_init.sql": "CREATE TABLE a (x);",
      "README.md": "notes",
      "002_draft.sql.bak": "nope",
    });
    expect(loadMigrations(dir).map((m) => m.name)).toEqual(["001_init.sql"]);
  });

  it("a missing folder is an error naming the folder", () => {
    const missing = join(tmpdir(), "cashmob-no-such-folder-4b1d");
    expect(() => loadMigrations(missing)).toThrow(
      `the migrations folder is missing or unreadable (${missing})`,
    );
  });

  it("an empty folder is an error: a database without a schema is useless", () => {
    expect(() => loadMigrations(folder({}))).toThrow(/no migrations found/);
  });

  it("a gap in the numbering is an error naming the migration after it", () => {
    const dir = folder({ "001_init.sql": "SELECT 1;", "003_later.sql": "SELECT 1;" });
    expect(() => loadMigrations(dir)).toThrow("migration 003_later.sql is out of sequence");
  });

  it("two migrations with the same number are an error", () => {
    const dir = folder({ "001_a.sql": "SELECT 1;", "001_b.sql": "SELECT 1;" });
    expect(() => loadMigrations(dir)).toThrow(/out of sequence/);
  });

  it("numbering that does not start at 1 is an error", () => {
    expect(() => loadMigrations(folder({ "002_only.sql": "SELECT 1;" }))).toThrow(
      /out of sequence/,
    );
  });
});

describe("migrate", () => {
  it("applies every migration once on a new database and records each", () => {
    const db = new Database(":memory:");
    expect(migrate(db, shipped)).toEqual(shipped.map((m) => m.version));
    const recorded = db
      .prepare("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
      .all() as { version: number; name: string; applied_at: number }[];
    expect(recorded.map((r) => [r.version, r.name])).toEqual(
      shipped.map((m) => [m.version, m.name]),
    );
    expect(recorded.every((r) => Number.isInteger(r.applied_at) && r.applied_at > 0)).toBe(true);
    db.close();
  });

  it("running it again applies nothing and changes nothing", () => {
    const db = new Database(":memory:");
    migrate(db, shipped);
    const before = schema(db);
    expect(migrate(db, shipped)).toEqual([]);
    expect(schema(db)).toBe(before);
    db.close();
  });

  it("opening the same file twice keeps the data and applies nothing the second time", () => {
    const dir = folder({});
    const path = join(dir, "cashmob.db");
    const first = openDatabase(path);
    first
      .prepare(
        "INSERT INTO communities (public_id, name, timezone, locale, currency, created_at) VALUES ('p1', 'G', 'UTC', 'en', 'EUR', 1)",
      )
      .run();
    first.close();
    const second = openDatabase(path);
    expect(versions(second)).toEqual(shipped.map((m) => m.version));
    expect(second.prepare("SELECT count(*) AS n FROM communities").get()).toEqual({ n: 1 });
    second.close();
  });

  it("a failing migration leaves the database as it was, unrecorded, and stops start-up", () => {
    const first = shipped[0] as Migration;
    const dir = folder({
      "002_broken.sql": `CREATE TABLE half_done (x INTEGER);
        ALTER TABLE communities ADD COLUMN colour TEXT;
        INSERT INTO no_such_table VALUES (1);`,
    });
    copyFileSync(join(MIGRATIONS_DIR, first.name), join(dir, first.name));
    const migrations = loadMigrations(dir);
    const db = new Database(":memory:");
    migrate(db, [first]);
    const before = schema(db);

    expect(() => migrate(db, migrations)).toThrow(/no such table: no_such_table/);
    expect(schema(db)).toBe(before);
    expect(versions(db)).toEqual([1]);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get(),
    ).toBeUndefined();
    db.close();
  });

  it("on a new database, the migrations before a failing one stay applied and recorded", () => {
    const first = shipped[0] as Migration;
    const dir = folder({ "002_broken.sql": "CREATE TABLE half_done (x); SELEC oops;" });
    copyFileSync(join(MIGRATIONS_DIR, first.name), join(dir, first.name));
    const db = new Database(":memory:");
    expect(() => migrate(db, loadMigrations(dir))).toThrow();
    expect(versions(db)).toEqual([1]);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get(),
    ).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(["001_init.sql", "002_broken.sql"]);
    db.close();
  });
});

describe("each migration, applied to a database at the previous version", () => {
  /** Schema of a database that got every shipped migration at once. */
  const fresh = (() => {
    const db = new Database(":memory:");
    migrate(db, shipped);
    const s = schema(db);
    db.close();
    return s;
  })();

  it.each(shipped.map((m) => [m.name, m] as const))("%s", (_name, m) => {
    const db = new Database(":memory:");
    db.pragma("foreign_keys = ON");
    const previous = shipped.filter((p) => p.version < m.version);
    migrate(db, previous);
    expect(versions(db)).toEqual(previous.map((p) => p.version));

    expect(migrate(db, [m])).toEqual([m.version]);
    expect(versions(db)).toEqual([...previous.map((p) => p.version), m.version]);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);

    // Step by step ends where applying everything at once ends.
    migrate(db, shipped);
    expect(schema(db)).toBe(fresh);
    db.close();
  });

  it("version 1 creates the tables the store needs", () => {
    const db = new Database(":memory:");
    migrate(db, shipped.slice(0, 1));
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
      )
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(["communities", "members", "shops", "mobs", "participants", "outbox"]),
    );
    db.close();
  });
});

describe("a database newer than the code", () => {
  it("is refused with one sentence, and nothing is applied or changed", () => {
    const db = new Database(":memory:");
    migrate(db, shipped);
    const newer = shipped.length + 1;
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
      newer,
      `${String(newer).padStart(3, "0")}_from_the_future.sql`,
      0,
    );
    const before = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
    expect(() => migrate(db, shipped)).toThrow(
      `the SQLite database is at schema version ${newer}, newer than this version of Cashmob knows (${shipped.length}): run the newer Cashmob that migrated it, or restore a backup taken before`,
    );
    expect(db.prepare("SELECT version FROM schema_migrations ORDER BY version").all()).toEqual(
      before,
    );
    db.close();
  });
});
