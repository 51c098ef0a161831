import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { loadMigrations, migrate, shippedMigrationsDir } from "./migrate.js";

export const MIGRATIONS_DIR = shippedMigrationsDir("sqlite");

export interface OpenOptions {
  readonly migrationsDir?: string;
}

/**
 * Opens (creating if needed) the database, sets WAL and foreign keys, checks
 * its integrity cheaply and applies pending migrations. Throws a plain-worded
 * error when the file is corrupt, read-only or the migrations are missing.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const migrations = loadMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("foreign_keys = ON");
    if (path !== ":memory:") {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
    }
    db.pragma("busy_timeout = 5000");
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") throw new Error(`Database file is corrupt (${String(check)}): ${path}`);
    migrate(db, migrations);
    // SQLite quietly opens a file it cannot write as read-only, and a migrated
    // database needs no write to open: probe one now rather than fail at the first command.
    db.pragma(`user_version = ${Number(db.pragma("user_version", { simple: true }))}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
