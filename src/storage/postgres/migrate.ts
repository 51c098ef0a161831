import type pg from "pg";
import { loadMigrations, type Migration, shippedMigrationsDir } from "../migrate.js";

export const POSTGRES_MIGRATIONS_DIR = shippedMigrationsDir("postgres");

/** Reads PostgreSQL's `NNN_name.sql` files in version order (same rules as SQLite's). */
export function loadPostgresMigrations(dir = POSTGRES_MIGRATIONS_DIR): Migration[] {
  return loadMigrations(dir);
}

/**
 * Serializes migration runs across processes (replicas starting together): a session-level
 * advisory lock on a key of our own, held while the runner reads and applies versions.
 */
const MIGRATION_LOCK = 0x636173686d6f62n; // "cashmob"

/**
 * Applies each pending migration once, in its own transaction, recording it in
 * `schema_migrations`; a failing migration rolls back whole and stops start-up.
 * Refuses, changing nothing, a database that records a version this code does not have.
 * Returns the versions applied by this call.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[],
): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK.toString()]);
    try {
      return await applyPending(client, migrations);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK.toString()]);
    }
  } finally {
    client.release();
  }
}

async function applyPending(
  client: pg.PoolClient,
  migrations: readonly Migration[],
): Promise<number[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
  const { rows } = await client.query<{ version: number }>(
    "SELECT version FROM schema_migrations ORDER BY version",
  );
  const applied = new Set(rows.map((r) => Number(r.version)));
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new Error(
      `the PostgreSQL database is at schema version ${newest}, newer than this version of Cashmob knows (${known}): run the newer Cashmob that migrated it, or restore a backup taken before`,
    );
  }
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    await client.query("BEGIN");
    try {
      await client.query(m.sql);
      await client.query(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        [m.version, m.name, Date.now()],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`PostgreSQL migration ${m.name} failed and was rolled back: ${reason}`, {
        cause: error,
      });
    }
    done.push(m.version);
  }
  return done;
}
