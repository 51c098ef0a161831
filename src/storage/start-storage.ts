/**
 * The bot's storage as start-up needs it: the engine DATABASE_URL or DATABASE_PATH chose,
 * opened and migrated, with what goes with that engine (SQLite: the single-instance lock and
 * the nightly backup; PostgreSQL: neither, its operator backs it up with pg_dump).
 */
import { dirname, join, resolve } from "node:path";
import type pg from "pg";
import type { Config } from "../config/config.js";
import { formatDuration } from "../domain/duration.js";
import type { Logger } from "../ports/logger.js";
import type { StorageEngine, UnitOfWork } from "../ports/unit-of-work.js";
import { backupDatabase } from "./backup.js";
import { DatabaseRefusal, describeDbError, holdDatabase } from "./hold.js";
import { openStore } from "./open-store.js";
import { type PostgresLock, waitForPostgresLock } from "./postgres/instance-lock.js";

const BACKUPS_KEPT = 7;

export interface BotStorage {
  readonly uow: UnitOfWork;
  readonly engine: StorageEngine;
  /** SQLite: the file, absolute. PostgreSQL: host:port/database (never the password). */
  readonly where: string;
  /** SQLite's nightly online backup (returns the file written); null on PostgreSQL. */
  readonly backup: (() => Promise<string>) | null;
  /** Closes the engine (the pool, the file), then lets the next bot in. */
  close(): Promise<void>;
  /**
   * Hears once, with one sentence, when the bot stops holding its database alone (PostgreSQL:
   * the connection holding the lock failed); the bot should stop then.
   */
  onLockLost(listener: (sentence: string) => void): void;
}

/**
 * Opens the configured engine, or throws DatabaseRefusal with one sentence for stderr:
 * the database held by another bot, a file it cannot use, a PostgreSQL server it cannot
 * reach or log in to (naming the host, never the password), a schema newer than the code.
 */
export async function startStorage(config: Config, logger: Logger): Promise<BotStorage> {
  const { database } = config;
  if (database.engine === "postgres") {
    let opened: Awaited<ReturnType<typeof openStore>>;
    let lock: PostgresLock | null = null;
    let lost: ((sentence: string) => void) | null = null;
    const onLost = (error: Error) => {
      logger.error({ err: error.message }, "lost the connection holding the one-bot lock");
      lost?.(
        `lost the connection holding PostgreSQL at ${database.where} for this bot alone; another bot could start on it now.`,
      );
    };
    try {
      opened = await openStore({
        databaseUrl: database.url,
        databasePath: "",
        logger,
        // Before the schema is touched: a second bot must not migrate or send the first one's posts.
        beforeMigrate: async (pool) => {
          lock = await holdPostgres(pool, database.where, config, onLost);
        },
      });
    } catch (error) {
      if (error instanceof DatabaseRefusal) throw error;
      const message = (error as Error).message;
      const sentence = message.includes(database.where)
        ? message
        : `cannot use PostgreSQL at ${database.where}: ${message}`;
      throw new DatabaseRefusal(/[.?!]$/.test(sentence) ? sentence : `${sentence}.`);
    }
    logger.info(
      { engine: "postgres", database: database.where },
      `using PostgreSQL at ${database.where}`,
    );
    return {
      uow: opened.uow,
      engine: "postgres",
      where: database.where,
      backup: null,
      close: async () => {
        await (lock as PostgresLock | null)?.release();
        await opened.close();
      },
      onLockLost: (listener) => {
        lost = listener;
      },
    };
  }
  // Before the database is even opened: a second bot must not recover and send the first one's posts.
  const lock = await holdDatabase(config, logger);
  const path = resolve(config.databasePath);
  let opened: Awaited<ReturnType<typeof openStore>>;
  try {
    opened = await openStore({ databasePath: config.databasePath });
  } catch (error) {
    lock?.release();
    throw new DatabaseRefusal(`cannot open the database at ${path}: ${describeDbError(error)}`);
  }
  if (opened.engine !== "sqlite") throw new Error("expected SQLite");
  const { db } = opened;
  logger.info({ engine: "sqlite", database: path }, `using SQLite at ${path}`);
  return {
    uow: opened.uow,
    engine: "sqlite",
    where: path,
    backup: () => backupDatabase(db, join(dirname(path), "backups"), BACKUPS_KEPT, new Date()),
    close: async () => {
      try {
        await opened.close();
      } finally {
        lock?.release();
      }
    },
    // The operating system holds SQLite's lock file for as long as the process lives.
    onLockLost: () => undefined,
  };
}

/** PostgreSQL's one-bot lock, waited for as WAIT_FOR_LOCK says, or one sentence of refusal. */
async function holdPostgres(
  pool: pg.Pool,
  where: string,
  config: Config,
  onLost: (error: Error) => void,
): Promise<PostgresLock> {
  const wait = config.waitForLock;
  const inUse = `the PostgreSQL database ${where} is in use by another running Cashmob bot`;
  const until = wait ? Date.now() + (wait.timeoutMs ?? Number.POSITIVE_INFINITY) : 0;
  const lock = await waitForPostgresLock(pool, onLost, {
    until,
    onWaiting: () => {
      if (!wait) return;
      process.stderr.write(
        `cashmob: ${inUse}; waiting for it to stop${wait.timeoutMs === null ? "" : ` (at most ${formatDuration(wait.timeoutMs)})`}.\n`,
      );
    },
  });
  if (lock) return lock;
  throw new DatabaseRefusal(
    wait
      ? `${inUse}, still after waiting ${formatDuration(wait.timeoutMs ?? 0)}; stop that one first.`
      : `${inUse}; stop that one first, or start this one with --wait-for-lock (or WAIT_FOR_LOCK=1) to take over when it stops.`,
  );
}
