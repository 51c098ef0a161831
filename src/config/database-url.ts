import { userInfo } from "node:os";

/**
 * DATABASE_URL read without a driver: the config checks it at start-up and the PostgreSQL
 * engine connects with it. Every sentence here may name the host, never the URL (it may
 * carry a password).
 */

/** Where DATABASE_URL points, without its password: what every sentence may name. */
export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

export interface PostgresSettings extends PostgresTarget {
  readonly password: string | undefined;
  readonly ssl: false | { readonly rejectUnauthorized: boolean };
  readonly applicationName: string;
}

const EXAMPLE = "postgres://user:password@host:5432/database";
const SSL_MODES = new Set(["disable", "prefer", "require", "verify-ca", "verify-full"]);
const OPTIONS = new Set(["sslmode", "host", "application_name"]);

/**
 * Reads DATABASE_URL (`postgres://` or `postgresql://`, libpq's defaults: port 5432, the
 * database named after the user). Throws one sentence that names the host when it can find
 * one and never repeats the URL, since it may carry a password.
 */
export function parseDatabaseUrl(text: string): PostgresSettings {
  const trimmed = text.trim();
  if (trimmed === "") throw new Error(`DATABASE_URL is empty (expected ${EXAMPLE})`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    const host = guessHost(trimmed);
    throw new Error(
      `DATABASE_URL${host ? ` for host ${host}` : ""} is not a valid URL (expected ${EXAMPLE})`,
    );
  }
  const named = url.hostname ? ` for host ${url.hostname}` : "";
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new Error(
      `DATABASE_URL${named} must start with postgres:// or postgresql:// (it starts with ${url.protocol.slice(0, 20)}//)`,
    );
  }
  for (const key of url.searchParams.keys()) {
    if (!OPTIONS.has(key)) {
      throw new Error(
        `DATABASE_URL${named} has an option Cashmob does not know (${key.slice(0, 40)}); it knows ${[...OPTIONS].join(", ")}`,
      );
    }
  }
  const sslmode = url.searchParams.get("sslmode") ?? "disable";
  if (!SSL_MODES.has(sslmode)) {
    throw new Error(`DATABASE_URL${named}: sslmode must be one of ${[...SSL_MODES].join(", ")}`);
  }
  const host = url.hostname || url.searchParams.get("host") || "localhost";
  const port = url.port === "" ? 5432 : Number(url.port);
  const user = decode(url.username, "user name", named) || userInfo().username;
  const database = decode(url.pathname.replace(/^\//, ""), "database name", named) || user;
  if (database.includes("/")) {
    throw new Error(
      `DATABASE_URL${named} names the database after a single slash (expected ${EXAMPLE})`,
    );
  }
  return {
    host,
    port,
    user,
    database,
    password: url.password === "" ? undefined : decode(url.password, "password", named),
    ssl:
      sslmode === "disable" || sslmode === "prefer"
        ? false
        : { rejectUnauthorized: sslmode !== "require" },
    applicationName: url.searchParams.get("application_name") ?? "cashmob",
  };
}

function decode(part: string, what: string, named: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Error(`DATABASE_URL${named}: the ${what} has a bad %-escape (expected ${EXAMPLE})`);
  }
}

/**
 * The host of a URL that does not parse, or null: what follows the last `@` of the part
 * before the first `/`, up to a port. Without an `@` that part is `user:password`, so only
 * what comes before its `:` is ever taken, never the password.
 */
function guessHost(text: string): string | null {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(text)?.[1];
  if (authority === undefined) return null;
  const hostPort = authority.slice(authority.lastIndexOf("@") + 1);
  const host = hostPort.startsWith("[")
    ? hostPort.slice(0, hostPort.indexOf("]") + 1)
    : hostPort.split(":")[0];
  return host && /^[A-Za-z0-9.\-[\]:]{1,253}$/.test(host) ? host : null;
}

/** `host:port/database`, IPv6 hosts bracketed as in a URL. */
export function describeTarget(t: PostgresTarget): string {
  const host = t.host.includes(":") && !t.host.startsWith("[") ? `[${t.host}]` : t.host;
  return `${host}:${t.port}/${t.database}`;
}
