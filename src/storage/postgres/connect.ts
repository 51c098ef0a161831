import pg from "pg";
import {
  describeTarget,
  type PostgresSettings,
  type PostgresTarget,
  parseDatabaseUrl,
} from "../../config/database-url.js";
import type { Logger } from "../../ports/logger.js";

// The URL is read in config/ (checked at start-up, before any connection); said here too for
// the callers that connect.
export {
  describeTarget,
  type PostgresSettings,
  type PostgresTarget,
  parseDatabaseUrl,
} from "../../config/database-url.js";

/** int8 (bigint: ids, instants, money) read as a JS number, as better-sqlite3 reads INTEGER. */
const INT8 = 20;
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`a bigint from PostgreSQL is too large: ${text}`);
  return n;
}
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 && format !== "binary"
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/** Where and as whom node-postgres connects, from a parsed DATABASE_URL. */
export function clientConfig(s: PostgresSettings): pg.ClientConfig {
  return {
    host: s.host,
    port: s.port,
    user: s.user,
    password: s.password,
    database: s.database,
    ssl: s.ssl === false ? false : { ...s.ssl },
  };
}

export interface ConnectOptions {
  readonly logger?: Logger;
  /** How long to wait for the server before giving up (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** Connections kept open at most (default 10). */
  readonly max?: number;
}

export interface PostgresConnection {
  readonly pool: pg.Pool;
  readonly target: PostgresTarget;
  close(): Promise<void>;
}

/**
 * Opens a pool on DATABASE_URL and proves it with one query. A bad URL, an unreachable
 * server, wrong credentials or a missing database throw one sentence naming the host and
 * never the password; the pool is closed again before it throws.
 */
export async function connectPostgres(
  url: string,
  options: ConnectOptions = {},
): Promise<PostgresConnection> {
  const s = parseDatabaseUrl(url);
  const timeoutMs = options.connectTimeoutMs ?? 5000;
  const pool = new pg.Pool({
    ...clientConfig(s),
    application_name: s.applicationName,
    connectionTimeoutMillis: timeoutMs,
    max: options.max ?? 10,
    types,
  });
  const target: PostgresTarget = { host: s.host, port: s.port, database: s.database, user: s.user };
  const log = options.logger?.child({ database: describeTarget(target) });
  // An idle connection the server drops (restart, failover) must not crash the process:
  // the pool replaces it; say so once, without the password.
  pool.on("error", (error) => {
    log?.warn({ err: redact(error.message, s.password) }, "a PostgreSQL connection was lost");
  });
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(explainConnectError(error, target, s.password, timeoutMs));
  }
  log?.info({ user: s.user }, "connected to PostgreSQL");
  return { pool, target, close: () => pool.end() };
}

/** One sentence for a failed first connection, naming host and user, never the password. */
export function explainConnectError(
  error: unknown,
  t: PostgresTarget,
  password: string | undefined,
  timeoutMs: number,
): string {
  const where = `PostgreSQL at ${describeTarget(t)}`;
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === "string" ? e.code : "";
  const message = redact(typeof e?.message === "string" ? e.message : String(error), password);
  switch (code) {
    case "ECONNREFUSED":
      return `${where} refused the connection: is the server running and listening on that address and port?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `${where} cannot be reached: the host name ${t.host} does not resolve`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ETIMEDOUT":
      return `${where} cannot be reached from this machine (${code})`;
    case "28P01":
      return `${where} refused the password for user "${t.user}"`;
    case "28000":
      return `${where} does not let user "${t.user}" in (${message})`;
    case "3D000":
      return `${where} has no database "${t.database}": create it (createdb) or fix DATABASE_URL`;
    case "57P03":
      return `${where} is starting up or shutting down and accepts no connections yet`;
  }
  if (/timeout/i.test(message)) {
    return `${where} did not answer within ${Math.round(timeoutMs / 100) / 10} s`;
  }
  return `could not connect to ${where} as "${t.user}" (${message})`;
}

/** The text with the password (as typed and %-encoded) replaced, for anything we show or log. */
export function redact(text: string, password: string | undefined): string {
  if (password === undefined || password === "") return text;
  return [password, encodeURIComponent(password)].reduce(
    (out, secret) => out.split(secret).join("***"),
    text,
  );
}
