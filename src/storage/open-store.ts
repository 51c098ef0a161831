/**
 * Chooses the storage engine: PostgreSQL when DATABASE_URL is set, else SQLite at
 * DATABASE_PATH (the embedded default). The composition root and the tests open storage here.
 */
import type Database from "better-sqlite3";
import type pg from "pg";
import type { Logger } from "../ports/logger.js";
import type { UnitOfWork } from "../ports/unit-of-work.js";
import { openDatabase } from "./database.js";
import { connectPostgres, type PostgresTarget } from "./postgres/connect.js";
import { loadPostgresMigrations, migratePostgres } from "./postgres/migrate.js";
import { PostgresUnitOfWork } from "./postgres/unit-of-work.js";
import { SqliteUnitOfWork } from "./sqlite/unit-of-work.js";
import { SqliteStore } from "./sqlite-store.js";

export interface StoreOptions {
  /** `postgres://…`: PostgreSQL. Unset or empty: SQLite at `databasePath`. */
  readonly databaseUrl?: string | undefined;
  readonly databasePath: string;
  readonly logger?: Logger;
  /**
   * PostgreSQL only: runs once connected, before the schema is touched (the bot takes its
   * one-bot lock there); when it throws, the pool is closed and the error goes on.
   */
  readonly beforeMigrate?: (pool: pg.Pool) => Promise<void>;
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
  /**
   * The synchronous store and the raw connection, for the callers not yet moved to
   * `uow.run` (and for SQLite's backups and file lock). Transitional: once every caller
   * runs units of work, these go and SQLite looks like PostgreSQL from outside.
   */
  readonly store: SqliteStore;
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
      await options.beforeMigrate?.(connection.pool);
      await migratePostgres(connection.pool, loadPostgresMigrations());
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    const uow = new PostgresUnitOfWork(connection.pool, () => connection.close());
    return { engine: "postgres", uow, target: connection.target, close: () => uow.close() };
  }
  const db = openDatabase(options.databasePath);
  const store = new SqliteStore(db);
  const uow = new SqliteUnitOfWork(db, store);
  return { engine: "sqlite", uow, store, db, close: () => uow.close() };
}
