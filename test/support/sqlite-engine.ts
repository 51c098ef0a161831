import type Database from "better-sqlite3";
import { SqliteUnitOfWork } from "../../src/storage/sqlite/unit-of-work.js";
import { SqliteStore } from "../../src/storage/sqlite-store.js";

/** The SQLite engine on an open (migrated) connection, as main.ts builds it. */
export function sqliteUnitOfWork(db: Database.Database): SqliteUnitOfWork {
  return new SqliteUnitOfWork(db, new SqliteStore(db));
}
