/**
 * Setup file of the "postgres" project (vitest.config.ts): before a test file runs, a fresh
 * database of its own on the real server (./postgres.ts, dropped after the file), migrated
 * once; every harness (test/fakes/core-harness.ts) then gets a unit of work on that file's
 * pool whose first unit waits for all tables to be emptied. Emptied by DELETE with the
 * foreign keys deferred, as the storage contract does: TRUNCATE takes 300-600 ms here.
 * Without a server every test of the file skips (the global setup printed how to get one).
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { connectPostgres } from "../../src/storage/postgres/connect.js";
import { loadPostgresMigrations, migratePostgres } from "../../src/storage/postgres/migrate.js";
import { freshDatabase, postgresAdminUrl } from "./postgres.js";
import { fileDatabase, useFileDatabase } from "./postgres-harness.js";
import { testEngine } from "./test-engine.js";

if (testEngine !== "postgres") {
  throw new Error("test/support/postgres-file.ts is for CASHMOB_TEST_ENGINE=postgres only");
}

if (postgresAdminUrl === null) {
  beforeEach((context) => {
    context.skip("no PostgreSQL at 127.0.0.1:5432 (the run's first lines say how to get it)");
  });
} else {
  beforeAll(async () => {
    const { pool } = await connectPostgres((await freshDatabase()).url, { max: 10 });
    await migratePostgres(pool, loadPostgresMigrations());
    const { rows } = await pool.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename`,
    );
    const tables = rows.map((r) => r.name);
    const deletes = tables.map((t) => `DELETE FROM "${t}";`).join(" ");
    // Ids start again at 1, as in a new SQLite file: tests speak of mob #1.
    const restart = `SELECT setval(oid, 1, false) FROM pg_class
      WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace;`;
    useFileDatabase({
      pool,
      tables,
      empty: `BEGIN; SET CONSTRAINTS ALL DEFERRED; ${deletes} ${restart} COMMIT;`,
    });
  });
  // Registered after ./postgres.ts's drop, so it runs before it (hooks unwind as a stack).
  afterAll(async () => {
    await fileDatabase()?.pool.end();
    useFileDatabase(undefined);
  });
}
