/**
 * Vitest global setup: finds out once per run whether the PostgreSQL the project's machines
 * run (PostgreSQL 15 at 127.0.0.1:5432, user postgres, trust auth) answers, and hands its
 * admin URL to the test files (see ./postgres.ts). Without it the PostgreSQL tests are skipped
 * with one loud line; with CI=true its absence fails the run, since CI always has it.
 */
import pg from "pg";
import type { TestProject } from "vitest/node";

export const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** Test databases are named `cashmob_test_<pid>_<random>` (see ./postgres.ts). */
const TEST_DATABASE = /^cashmob_test_(\d+)_[0-9a-f]+$/;

declare module "vitest" {
  export interface ProvidedContext {
    /** The admin URL of a reachable PostgreSQL, or null when none answers (tests skip). */
    postgresAdminUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await dropLeftovers(client);
    project.provide("postgresAdminUrl", ADMIN_URL);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const missing = `no PostgreSQL answers at 127.0.0.1:5432 as user postgres (${reason})`;
    const how =
      "start PostgreSQL 15 at 127.0.0.1:5432 with user postgres and trust auth " +
      "(Debian: apt-get install postgresql, trust for 127.0.0.1/32 in pg_hba.conf, " +
      "pg_ctlcluster 15 main start; .ci/run does all of it)";
    if (process.env.CI === "true") {
      throw new Error(`CI=true and ${missing}: CI always has it, so this is an error; ${how}`);
    }
    // Once per run, though each vitest project (sqlite, postgres) runs this setup.
    const said = globalThis as { cashmobPostgresSkipSaid?: boolean };
    if (!said.cashmobPostgresSkipSaid) {
      said.cashmobPostgresSkipSaid = true;
      process.stderr.write(
        `\n!!! PostgreSQL tests SKIPPED: ${missing}; to run them, ${how} !!!\n\n`,
      );
    }
    project.provide("postgresAdminUrl", null);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops the test databases of runs that died before dropping their own (their pid is gone). */
async function dropLeftovers(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'cashmob\\_test\\_%'",
  );
  for (const { datname } of rows) {
    const pid = Number(TEST_DATABASE.exec(datname)?.[1]);
    if (!pid || alive(pid)) continue;
    await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
