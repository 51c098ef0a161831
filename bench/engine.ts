/**
 * Where a scenario keeps its data: a SQLite file in a fresh temp folder, or a fresh
 * PostgreSQL database `cashmob_bench_<pid>_<n>` created on the server BENCH_DATABASE_URL
 * names (an admin connection; default postgres://postgres@127.0.0.1:5432/postgres) and
 * dropped after the scenario, also when it fails or the run is interrupted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import {
  clientConfig,
  connectPostgres,
  describeTarget,
  parseDatabaseUrl,
} from "../src/storage/postgres/connect.js";

export type EngineName = "sqlite" | "postgres";
export const ENGINES: readonly EngineName[] = ["sqlite", "postgres"];

export const ENGINE_LABEL: Record<EngineName, string> = {
  sqlite: "SQLite",
  postgres: "PostgreSQL",
};

export const adminUrl =
  process.env.BENCH_DATABASE_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";

/** What a scenario (or its child process) opens: passed to children as JSON. */
export interface Place {
  readonly engine: EngineName;
  /** PostgreSQL: the scenario's own database. */
  readonly databaseUrl?: string;
  /** SQLite: the file (PostgreSQL: unused, but openStore wants one). */
  readonly databasePath: string;
}

export interface OwnedPlace extends Place {
  /** PostgreSQL: the database's name. */
  readonly name?: string;
  /** Removes the file or drops the database (idempotent). */
  dispose(): Promise<void>;
}

/**
 * The server's version and address, or throws one sentence saying why the PostgreSQL runs
 * cannot happen (never the password).
 */
export async function checkServer(): Promise<string> {
  let connection: Awaited<ReturnType<typeof connectPostgres>>;
  try {
    connection = await connectPostgres(adminUrl, { max: 1, connectTimeoutMs: 3_000 });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `--engine postgres needs PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): ${why}`,
    );
  }
  try {
    const { rows } = await connection.pool.query<{ v: string }>(
      "SELECT current_setting('server_version') AS v",
    );
    const version = (rows[0]?.v ?? "").split(" ")[0];
    return `PostgreSQL ${version} at ${describeTarget(connection.target)}`;
  } finally {
    await connection.close();
  }
}

const live = new Set<string>();
let made = 0;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client(clientConfig(parseDatabaseUrl(adminUrl)));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function drop(name: string): Promise<void> {
  if (!live.delete(name)) return;
  // FORCE: a child process killed mid-run may still hold connections.
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * A fresh, empty place for one scenario on `engine`; on PostgreSQL, `template` (a database
 * nobody is connected to) makes it a copy of that one instead.
 */
export async function freshPlace(engine: EngineName, template?: string): Promise<OwnedPlace> {
  const dir = mkdtempSync(join(tmpdir(), "cashmob-bench-"));
  const databasePath = join(dir, "bench.db");
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (engine === "sqlite") {
    return { engine, databasePath, dispose: async () => removeDir() };
  }
  const name = `cashmob_bench_${process.pid}_${++made}`;
  live.add(name);
  try {
    await admin(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } catch (error) {
    live.delete(name);
    removeDir();
    throw error;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    name,
    databaseUrl: url.toString(),
    databasePath,
    async dispose() {
      removeDir();
      await drop(name);
    },
  };
}

/** Drops every database this process created and has not dropped yet (Ctrl-C, a crash). */
export async function dropAll(): Promise<void> {
  for (const name of [...live]) await drop(name).catch(() => undefined);
}
