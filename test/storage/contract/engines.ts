/**
 * The storage contract runs once per engine: `contract("…", (uow) => { it(…) })` makes a
 * `describe` for SQLite (a fresh :memory: database with the real migrations for each test)
 * and one for PostgreSQL (a database of this file's own on the real server, emptied before
 * each test; skipped loudly without a server, failing with CI=true, see test/support).
 * Emptied by DELETE with the foreign keys deferred: TRUNCATE takes 300-600 ms here, DELETE
 * of a test's few rows under 5 ms.
 */
import type pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe } from "vitest";
import type { StorageEngine, UnitOfWork } from "../../../src/ports/unit-of-work.js";
import { openDatabase } from "../../../src/storage/database.js";
import { connectPostgres } from "../../../src/storage/postgres/connect.js";
import { loadPostgresMigrations, migratePostgres } from "../../../src/storage/postgres/migrate.js";
import { PostgresUnitOfWork } from "../../../src/storage/postgres/unit-of-work.js";
import { SqliteUnitOfWork } from "../../../src/storage/sqlite/unit-of-work.js";
import { describePostgres, freshDatabase } from "../../support/postgres.js";

export interface Engine {
  readonly name: StorageEngine;
  /** This test's unit of work (a new one per test). */
  uow(): UnitOfWork;
}

export function contract(title: string, suite: (engine: Engine) => void): void {
  describe(`${title} on SQLite`, () => {
    let uow: UnitOfWork | undefined;
    beforeEach(() => {
      const db = openDatabase(":memory:");
      uow = new SqliteUnitOfWork(db);
    });
    afterEach(async () => {
      await uow?.close();
    });
    suite({ name: "sqlite", uow: () => must(uow) });
  });

  describePostgres(`${title} on PostgreSQL`, () => {
    let pool: pg.Pool | undefined;
    let empty = "";
    let uow: UnitOfWork | undefined;
    beforeAll(async () => {
      const { pool: p } = await connectPostgres((await freshDatabase()).url, { max: 10 });
      pool = p;
      await migratePostgres(p, loadPostgresMigrations());
      const { rows } = await p.query<{ name: string }>(
        `SELECT quote_ident(tablename) AS name FROM pg_tables
        WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
      );
      const deletes = rows.map((r) => `DELETE FROM ${r.name};`).join(" ");
      empty = `BEGIN; SET CONSTRAINTS ALL DEFERRED; ${deletes} COMMIT;`;
      uow = new PostgresUnitOfWork(p, async () => {});
    });
    beforeEach(async () => {
      await must(pool).query(empty);
    });
    afterAll(async () => {
      await uow?.close();
      await pool?.end();
    });
    suite({ name: "postgres", uow: () => must(uow) });
  });
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("the engine is not open (setup failed?)");
  return value;
}
