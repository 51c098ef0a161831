/**
 * A PostgreSQL database of the test file's own on the server the global setup found
 * (./postgres-global.ts): `cashmob_test_<pid>_<random>`, created on demand and dropped when
 * the file's tests are done. PostgreSQL in tests is always this real server, never a mock.
 *
 *   describePostgres("…", () => { it("…", async () => { const db = await freshDatabase(); … }) })
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, inject } from "vitest";

const provided = inject("postgresAdminUrl");
if (provided === undefined) {
  throw new Error("test/support/postgres-global.ts must be in vitest.config.ts's globalSetup");
}

/** The admin URL (user postgres) of the reachable server, or null: PostgreSQL tests skip. */
export const postgresAdminUrl: string | null = provided;

/** A `describe` that runs only when PostgreSQL answers (the global setup said why not). */
export const describePostgres = describe.skipIf(postgresAdminUrl === null);

export interface TestDatabase {
  readonly name: string;
  /** `postgres://postgres@127.0.0.1:5432/<name>` */
  readonly url: string;
}

const created: string[] = [];

/** Creates an empty database for this file; every one is dropped after the file's tests. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (postgresAdminUrl === null) throw new Error("no PostgreSQL: use describePostgres");
  const name = `cashmob_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  created.push(name);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

afterAll(async () => {
  for (const name of created.splice(0)) {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl ?? undefined });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
