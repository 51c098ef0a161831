import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../src/ports/logger.js";
import { connectPostgres, parseDatabaseUrl } from "../../src/storage/postgres/connect.js";
import { PostgresUnitOfWork } from "../../src/storage/postgres/unit-of-work.js";
import { type FakePostgres, startFakePostgres } from "../fakes/postgres-wire.js";
import { TcpCut } from "../fakes/tcp-cut.js";
import { describePostgres, freshDatabase } from "../support/postgres.js";

const PASSWORD = "Tr0ub4dor-s3cret";

/** A logger that keeps every line it is given, as text, to look for the password in. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string, bindings: Record<string, unknown>) => (obj: object, msg?: string) =>
    lines.push(JSON.stringify({ level, ...bindings, ...obj, msg }));
  const make = (bindings: Record<string, unknown>): Logger & { lines: string[] } => ({
    lines,
    debug: at("debug", bindings),
    info: at("info", bindings),
    warn: at("warn", bindings),
    error: at("error", bindings),
    child: (more) => make({ ...bindings, ...more }),
  });
  return make({});
}

/** The sentence connectPostgres stops with, and what it logged on the way. */
async function failure(url: string, connectTimeoutMs?: number) {
  const logger = recordingLogger();
  const error = await connectPostgres(url, { logger, connectTimeoutMs }).then(
    () => null,
    (e: unknown) => e as Error,
  );
  if (error === null) throw new Error("expected the connection to fail");
  return { sentence: error.message, logged: logger.lines.join("\n"), error };
}

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

const fakes: FakePostgres[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

describe("DATABASE_URL that cannot be used stops start-up with one sentence, never the password", () => {
  it.each([
    ["", "DATABASE_URL is empty (expected postgres://user:password@host:5432/database)"],
    [
      `not a url ${PASSWORD}`,
      "DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)",
    ],
    [
      `mysql://cashmob:${PASSWORD}@127.0.0.1/cashmob`,
      "DATABASE_URL for host 127.0.0.1 must start with postgres:// or postgresql:// (it starts with mysql://)",
    ],
    [
      `postgres://cashmob:${PASSWORD}@127.0.0.1/cashmob?sslcert=x`,
      "DATABASE_URL for host 127.0.0.1 has an option Cashmob does not know (sslcert); it knows sslmode, host, application_name",
    ],
    [
      `postgres://cashmob:${PASSWORD}@127.0.0.1/cashmob?sslmode=maybe`,
      "DATABASE_URL for host 127.0.0.1: sslmode must be one of disable, prefer, require, verify-ca, verify-full",
    ],
    [
      `postgres://cashmob:${PASSWORD}%zz@127.0.0.1/cashmob`,
      "DATABASE_URL for host 127.0.0.1: the password has a bad %-escape (expected postgres://user:password@host:5432/database)",
    ],
  ])("%s", async (url, expected) => {
    const { sentence, logged } = await failure(url);
    expect(sentence).toBe(expected);
    expect(sentence).not.toContain(PASSWORD);
    expect(logged).not.toContain(PASSWORD);
  });

  it("reads host, port, user, database and password the way libpq does", () => {
    expect(
      parseDatabaseUrl(
        `postgresql://cash%40mob:${encodeURIComponent("p@ss/w:rd")}@db.internal:6543/mobs?sslmode=verify-full`,
      ),
    ).toEqual({
      host: "db.internal",
      port: 6543,
      user: "cash@mob",
      database: "mobs",
      password: "p@ss/w:rd",
      ssl: { rejectUnauthorized: true },
      applicationName: "cashmob",
    });
    const defaults = parseDatabaseUrl("postgres://cashmob@localhost");
    expect([defaults.port, defaults.database, defaults.password, defaults.ssl]).toEqual([
      5432,
      "cashmob",
      undefined,
      false,
    ]);
  });
});

describe("a server that cannot be reached or refuses the login stops start-up with one sentence", () => {
  it("nothing listening on the port: names host and port, not the password", async () => {
    const port = await closedPort();
    const { sentence, logged } = await failure(
      `postgres://cashmob:${PASSWORD}@127.0.0.1:${port}/cashmob`,
    );
    expect(sentence).toBe(
      `PostgreSQL at 127.0.0.1:${port}/cashmob refused the connection: is the server running and listening on that address and port?`,
    );
    expect(logged).not.toContain(PASSWORD);
  });

  it("a wrong password: the server got it, the sentence and the log do not show it", async () => {
    const fake = await startFakePostgres("wrong-password");
    fakes.push(fake);
    const { sentence, logged } = await failure(
      `postgres://cashmob:${PASSWORD}@127.0.0.1:${fake.port}/cashmob`,
    );
    expect(fake.passwordsReceived).toEqual([PASSWORD]);
    expect(sentence).toBe(
      `PostgreSQL at 127.0.0.1:${fake.port}/cashmob refused the password for user "cashmob"`,
    );
    expect(logged).not.toContain(PASSWORD);
  });

  it("a server that accepts the connection and never answers: gives up after the timeout", async () => {
    const fake = await startFakePostgres("silent");
    fakes.push(fake);
    const { sentence } = await failure(
      `postgres://cashmob:${PASSWORD}@localhost:${fake.port}/cashmob`,
      300,
    );
    expect(sentence).toBe(
      `PostgreSQL at localhost:${fake.port}/cashmob did not answer within 0.3 s`,
    );
  });
});

describePostgres("against the real PostgreSQL at 127.0.0.1:5432", () => {
  it.each([
    [
      "a database that does not exist is named, with what to do",
      `postgres://postgres:${PASSWORD}@127.0.0.1:5432/cashmob_no_such_database`,
      'PostgreSQL at 127.0.0.1:5432/cashmob_no_such_database has no database "cashmob_no_such_database": create it (createdb) or fix DATABASE_URL',
    ],
    [
      "a user that does not exist is refused, in the server's words, without the password",
      `postgres://cashmob_no_such_role:${PASSWORD}@127.0.0.1:5432/postgres`,
      'PostgreSQL at 127.0.0.1:5432/postgres does not let user "cashmob_no_such_role" in (role "cashmob_no_such_role" does not exist)',
    ],
  ])("%s", async (_, url, expected) => {
    const { sentence, logged } = await failure(url);
    expect(sentence).toBe(expected);
    expect(logged).not.toContain(PASSWORD);
  });

  it("connects, logs where without the password, and reads bigint as a number", async () => {
    const db = await freshDatabase();
    const url = new URL(db.url);
    url.password = PASSWORD; // trust auth ignores it; it must still never be logged
    const logger = recordingLogger();
    const connection = await connectPostgres(url.toString(), { logger });
    try {
      const { rows } = await connection.pool.query(
        "SELECT 1764748800000::bigint AS at, count(*) AS n FROM pg_class WHERE false",
      );
      expect(rows).toEqual([{ at: 1764748800000, n: 0 }]);
      expect(connection.target).toEqual({
        host: "127.0.0.1",
        port: 5432,
        database: db.name,
        user: "postgres",
      });
    } finally {
      await connection.close();
    }
    expect(logger.lines.join("\n")).toContain(`127.0.0.1:5432/${db.name}`);
    expect(logger.lines.join("\n")).not.toContain(PASSWORD);
  });
});

describePostgres("a connection lost in the middle of a unit of work", () => {
  it("fails that unit and nothing else: the process lives on (no unhandled 'error' event)", async () => {
    const db = await freshDatabase();
    const { port } = new URL(db.url);
    const relay = await new TcpCut(Number(port || 5432)).start();
    const url = new URL(db.url);
    url.port = String(relay.port);
    const connection = await connectPostgres(url.toString());
    const uow = new PostgresUnitOfWork(connection.pool, () => connection.close());
    const uncaught: unknown[] = [];
    const listener = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", listener);
    try {
      const failed = await uow
        .run(async () => {
          await relay.cut();
          await new Promise((resolve) => setTimeout(resolve, 300));
        })
        .then(
          () => null,
          (error: Error) => error,
        );
      expect(failed).toBeInstanceOf(Error);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", listener);
      await uow.close().catch(() => undefined);
    }
  });
});
