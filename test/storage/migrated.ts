/** Databases as an older version of the bot left them, for the migration tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach } from "vitest";
import { MIGRATIONS_DIR } from "../../src/storage/database.js";
import { loadMigrations, migrate } from "../../src/storage/migrate.js";

/** The migrations the bot ships, in order. */
export const shipped = loadMigrations(MIGRATIONS_DIR);

/** How many shipped migrations come before the one whose file name ends with `suffix`. */
export function countBefore(suffix: string): number {
  const index = shipped.findIndex((m) => m.name.endsWith(suffix));
  if (index < 0) throw new Error(`no shipped migration ends with ${suffix}`);
  return index;
}

/**
 * A database at `path` (`:memory:` too) with the first `count` shipped migrations
 * applied, foreign keys on, and `rows` (SQL) written as that version would have.
 */
export function databaseAt(path: string, count: number, rows: string): Database.Database {
  const db = new Database(path);
  db.pragma("foreign_keys = ON");
  migrate(db, shipped.slice(0, count));
  db.exec(rows);
  return db;
}

/**
 * Database files as older versions left them, each in a temp folder of its own removed
 * after the test; call at the top level of a test file.
 */
export function tempDatabases(prefix: string): {
  /** The path of a closed database file, as `databaseAt` would make it. */
  at(count: number, rows: string): string;
} {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return {
    at(count, rows) {
      dir = mkdtempSync(join(tmpdir(), prefix));
      const path = join(dir, "bot.db");
      databaseAt(path, count, rows).close();
      return path;
    },
  };
}
