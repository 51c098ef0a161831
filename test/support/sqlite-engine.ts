import type Database from "better-sqlite3";
import type { Tx } from "../../src/ports/unit-of-work.js";
import { SqliteUnitOfWork } from "../../src/storage/sqlite/unit-of-work.js";
import { autocommit } from "./autocommit.js";

/** The SQLite engine on an open (migrated) connection, as main.ts builds it. */
export function sqliteUnitOfWork(db: Database.Database): SqliteUnitOfWork {
  return new SqliteUnitOfWork(db);
}

/**
 * The SQLite repositories on an open connection, each call its own unit of work (for tests
 * that set rows up or read them back beside the code under test).
 */
export function sqliteRepositories(db: Database.Database): Tx {
  return autocommit(new SqliteUnitOfWork(db));
}
