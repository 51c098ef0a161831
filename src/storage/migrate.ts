import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import { shopKey } from "./rows.js";

const NAME = /^(\d{3,})_[a-z0-9_]+\.sql$/;

/**
 * The migrations shipped for `engine`: `migrations/<engine>/` beside package.json, found by
 * walking up, so it works from src/ (tsx) and from dist/ (compiled).
 */
export function shippedMigrationsDir(engine: "sqlite" | "postgres"): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "migrations", engine);
    const parent = dirname(dir);
    if (parent === dir) return resolve("migrations", engine);
    dir = parent;
  }
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Reads `NNN_name.sql` files in version order; a gap or duplicate version is an error. */
export function loadMigrations(dir: string): Migration[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch (cause) {
    throw new Error(`the migrations folder is missing or unreadable (${dir})`, { cause });
  }
  const migrations = files
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((f) => f.m !== null)
    .map((f) => ({
      version: Number(f.m?.[1]),
      name: f.name,
      sql: readFileSync(join(dir, f.name), "utf8"),
    }))
    .sort((a, b) => a.version - b.version);
  if (migrations.length === 0) throw new Error(`no migrations found in ${dir}`);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is out of sequence`);
  });
  return migrations;
}

/**
 * Applies each pending migration once, in its own transaction, recording it;
 * a failing migration rolls back whole and stops start-up.
 * Returns the versions applied by this call.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    db
      .prepare<[], { version: number }>("SELECT version FROM schema_migrations")
      .all()
      .map((r) => r.version),
  );
  const newest = Math.max(0, ...applied);
  const known = migrations.at(-1)?.version ?? 0;
  if (newest > known)
    throw new Error(
      `the SQLite database is at schema version ${newest}, newer than this version of Cashmob knows (${known}): run the newer Cashmob that migrated it, or restore a backup taken before`,
    );
  const record = db.prepare(
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
  );
  // The storage rules a migration may need to backfill a column the repositories write.
  db.function("cashmob_shop_key", { deterministic: true }, (name) => shopKey(String(name)));
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    // A migration that rebuilds tables says so: foreign keys are off while it runs (they
    // cannot be switched inside a transaction) and checked whole before it commits.
    const rebuilds = FOREIGN_KEYS_OFF.test(m.sql);
    const enforced = db.pragma("foreign_keys", { simple: true }) === 1;
    if (rebuilds && enforced) db.pragma("foreign_keys = OFF");
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (rebuilds) {
          const broken = db.pragma("foreign_key_check") as { table: string; parent: string }[];
          if (broken.length > 0) {
            const first = broken[0];
            throw new Error(
              `migration ${m.name} left ${broken.length} broken references (${first?.table} → ${first?.parent})`,
            );
          }
        }
        record.run(m.version, m.name, Date.now());
      })();
    } finally {
      if (rebuilds && enforced) db.pragma("foreign_keys = ON");
    }
    done.push(m.version);
  }
  return done;
}

/** The first-line marker of a migration that rebuilds tables (SQLite's 12-step procedure). */
const FOREIGN_KEYS_OFF = /^--\s*cashmob:\s*foreign_keys off\b/;
