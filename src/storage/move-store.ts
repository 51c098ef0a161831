import { existsSync } from "node:fs";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import type pg from "pg";
import { MIGRATIONS_DIR } from "./database.js";
import { tryLockDatabase } from "./lock.js";
import { loadMigrations } from "./migrate.js";
import { copyTables, verifyTables } from "./move-copy.js";
import { planTables, quote, type TablePlan } from "./move-tables.js";
import { connectPostgres, describeTarget, parseDatabaseUrl, redact } from "./postgres/connect.js";
import { loadPostgresMigrations, migratePostgres } from "./postgres/migrate.js";

/** The move cannot start, or failed and was rolled back: one sentence for the operator. */
export class MoveRefusal extends Error {
  override readonly name = "MoveRefusal";
}

export interface MoveOptions {
  /** The SQLite file to copy from. */
  readonly from: string;
  /** The PostgreSQL database to copy into: `postgres://…`, empty or never used. */
  readonly to: string;
  /** Rows per INSERT at most (default 5,000; fewer for a table with bytes). */
  readonly batchRows?: number;
}

export interface TableSummary {
  readonly table: string;
  readonly rows: number;
  /** Bytes in its bytea columns, verified by checksum on both sides (0 when none). */
  readonly bytes: number;
}

export interface MoveReport {
  /** `host:port/database`, never the password. */
  readonly target: string;
  readonly tables: readonly TableSummary[];
  readonly elapsedMs: number;
}

/**
 * Copies a Cashmob SQLite database into an empty PostgreSQL database, ids and public ids kept,
 * in one PostgreSQL transaction: applies PostgreSQL's migrations, refuses a target holding
 * any row, copies every table in batches, moves each identity sequence past the largest id,
 * verifies counts and photo bytes, then commits. Any failure rolls the copy back and throws a
 * MoveRefusal with one sentence that never carries the password. The SQLite file is read
 * only, under its lock, so no bot can run on it meanwhile.
 */
export async function moveStore(options: MoveOptions): Promise<MoveReport> {
  const startedAt = Date.now();
  const from = resolve(options.from);
  let password: string | undefined;
  try {
    password = parseDatabaseUrl(options.to).password;
  } catch (error) {
    throw new MoveRefusal(message(error, undefined));
  }
  if (!existsSync(from)) throw new MoveRefusal(`there is no SQLite database at ${from}`);
  let lock: ReturnType<typeof tryLockDatabase>;
  try {
    lock = tryLockDatabase(from);
  } catch (error) {
    throw new MoveRefusal(`cannot take the lock of ${from}: ${message(error, undefined)}`);
  }
  if (lock === null) {
    throw new MoveRefusal(
      `the database ${from} is in use by a running Cashmob bot: stop it first, then move the store`,
    );
  }
  try {
    const db = openSource(from);
    try {
      return await copyInto(db, from, options, password, startedAt);
    } finally {
      db.close();
    }
  } finally {
    lock.release();
  }
}

/** Opens the SQLite file read-only and checks it is Cashmob's, at this code's schema. */
function openSource(from: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(from, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new MoveRefusal(`cannot open ${from}: ${message(error, undefined)}`);
  }
  try {
    const known = Math.max(...loadMigrations(MIGRATIONS_DIR).map((m) => m.version));
    let version: number;
    try {
      const bookkeeping = db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
        .get();
      if (bookkeeping === undefined) throw new MoveRefusal(`${from} is not a Cashmob database`);
      const row = db.prepare("SELECT max(version) AS v FROM schema_migrations").get() as {
        v: number | null;
      };
      version = row.v ?? 0;
    } catch (error) {
      if (error instanceof MoveRefusal) throw error;
      throw new MoveRefusal(
        `${from} is not a readable SQLite database (${message(error, undefined)})`,
      );
    }
    if (version < known) {
      throw new MoveRefusal(
        `the SQLite database ${from} is at schema version ${version}, older than this Cashmob's ${known}: start the bot once on it (or on a copy) so it migrates, stop it, then move it`,
      );
    }
    if (version > known) {
      throw new MoveRefusal(
        `the SQLite database ${from} is at schema version ${version}, newer than this Cashmob knows (${known}): move it with the Cashmob that migrated it`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

async function copyInto(
  db: Database.Database,
  from: string,
  options: MoveOptions,
  password: string | undefined,
  startedAt: number,
): Promise<MoveReport> {
  let connection: Awaited<ReturnType<typeof connectPostgres>>;
  try {
    connection = await connectPostgres(options.to, { max: 2 });
  } catch (error) {
    throw new MoveRefusal(message(error, password));
  }
  const where = `PostgreSQL at ${describeTarget(connection.target)}`;
  try {
    try {
      await migratePostgres(connection.pool, loadPostgresMigrations());
    } catch (error) {
      throw new MoveRefusal(message(error, password));
    }
    const client = await connection.pool.connect();
    try {
      const tables = await inTransaction(client, db, async () => {
        const plans = await planTables(db, client);
        await lockAndCheckEmpty(client, plans, where);
        await client.query("SET CONSTRAINTS ALL DEFERRED");
        const copied = await copyTables(db, client, plans, options.batchRows ?? 5000);
        await moveSequences(client, plans);
        return verifyTables(db, client, plans, copied);
      });
      return {
        target: describeTarget(connection.target),
        tables,
        elapsedMs: Date.now() - startedAt,
      };
    } catch (error) {
      if (error instanceof MoveRefusal) throw error;
      throw new MoveRefusal(
        `the move from ${from} to ${where} failed and was rolled back, nothing copied: ${message(error, password)}`,
      );
    } finally {
      client.release();
    }
  } finally {
    await connection.close();
  }
}

/** One PostgreSQL transaction and one SQLite read snapshot around `fn`; rolled back on error. */
async function inTransaction<T>(
  client: pg.PoolClient,
  db: Database.Database,
  fn: () => Promise<T>,
): Promise<T> {
  await client.query("BEGIN");
  db.exec("BEGIN");
  try {
    const result = await fn();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    if (db.inTransaction) db.exec("ROLLBACK");
  }
}

/**
 * Locks every table against writers until the copy commits (a bot started on the target too
 * early waits), then refuses any row already there: the move only fills an empty database.
 */
async function lockAndCheckEmpty(
  client: pg.ClientBase,
  plans: readonly TablePlan[],
  where: string,
): Promise<void> {
  if (plans.length === 0) return;
  await client.query(
    `LOCK TABLE ${plans.map((p) => quote(p.name)).join(", ")} IN SHARE ROW EXCLUSIVE MODE`,
  );
  const probes = plans.map(
    (p) => `SELECT ${literal(p.name)} AS name WHERE EXISTS (SELECT 1 FROM ${quote(p.name)})`,
  );
  const { rows } = await client.query<{ name: string }>(probes.join(" UNION ALL "));
  if (rows.length > 0) {
    const names = rows.map((r) => r.name).sort();
    throw new MoveRefusal(
      `${where} already holds Cashmob data (rows in ${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""}): move-store only fills an empty database, so nothing was copied`,
    );
  }
}

/** Each identity sequence continues after the largest id copied (at 1 for an empty table). */
async function moveSequences(client: pg.ClientBase, plans: readonly TablePlan[]): Promise<void> {
  for (const p of plans) {
    if (p.identity === null) continue;
    const column = quote(p.identity);
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${column}), 1), max(${column}) IS NOT NULL) FROM ${quote(p.name)}`,
      [quote(p.name), p.identity],
    );
  }
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The error in one line without the password. PostgreSQL's own errors say which row: the
 * key of a duplicate (SQLite's NOCASE folds ASCII only, PostgreSQL's lower() folds É too),
 * or the table of any other (never the failing row, which may carry a secret or bytes).
 */
function message(error: unknown, password: string | undefined): string {
  const e = error as { message?: unknown; code?: unknown; detail?: unknown; table?: unknown };
  let text = error instanceof Error ? error.message : String(error);
  if (e?.code === "23505" && typeof e.detail === "string") {
    text += ` (${e.detail.slice(0, 200)})`;
  } else if (typeof e?.table === "string" && !text.includes(e.table)) {
    text += ` (table ${e.table})`;
  }
  return redact(text, password).replace(/\s+/g, " ").trim();
}
