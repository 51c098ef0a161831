/**
 * Chooses the storage engine: PostgreSQL when DATABASE_URL is set, else SQLite at
 * DATABASE_PATH (the embedded default). The composition root and the tests open storage here.
 */
import type Database from "better-sqlite3";
import type { Logger } from "../ports/logger.js";
import type { UnitOfWork } from "../ports/unit-of-work.js";
import { openDatabase } from "./database.js";
import { connectPostgres, type PostgresTarget } from "./postgres/connect.js";
import { loadPostgresMigrations, migratePostgres } from "./postgres/migrate.js";
import { PostgresUnitOfWork } from "./postgres/unit-of-work.js";
import { SqliteUnitOfWork } from "./sqlite/unit-of-work.js";

export interface StoreOptions {
  /** `postgres://…`: PostgreSQL. Unset or empty: SQLite at `databasePath`. */
  readonly databaseUrl?: string | undefined;
  readonly databasePath: string;
  readonly logger?: Logger;
}

interface Opened {
  readonly uow: UnitOfWork;
  /** Ends the engine (connections, file); the same as `uow.close()`. */
  close(): Promise<void>;
}

export interface OpenedPostgres extends Opened {
  readonly engine: "postgres";
  /** Host, port, database and user (never the password): for logs and sentences. */
  readonly target: PostgresTarget;
}

export interface OpenedSqlite extends Opened {
  readonly engine: "sqlite";
  /** The raw connection, for SQLite's backups and file lock. */
  readonly db: Database.Database;
}

export type OpenedStore = OpenedPostgres | OpenedSqlite;

/**
 * Opens the engine and brings its schema up to date. Throws one sentence when it cannot
 * (for PostgreSQL naming the host, never the password); nothing stays open then.
 */
export async function openStore(options: StoreOptions): Promise<OpenedStore> {
  const url = options.databaseUrl?.trim();
  if (url) {
    const connection = await connectPostgres(url, { logger: options.logger });
    try {
      await migratePostgres(connection.pool, loadPostgresMigrations());
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    const uow = new PostgresUnitOfWork(connection.pool, () => connection.close());
    return { engine: "postgres", uow, target: connection.target, close: () => uow.close() };
  }
  const db = openDatabase(options.databasePath);
  const uow = new SqliteUnitOfWork(db);
  return { engine: "sqlite", uow, db, close: () => uow.close() };
}
