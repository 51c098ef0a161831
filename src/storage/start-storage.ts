/**
 * The bot's storage as start-up needs it: the engine DATABASE_URL or DATABASE_PATH chose,
 * opened and migrated, with what goes with that engine (SQLite: the single-instance lock and
 * the nightly backup; PostgreSQL: neither: any number of replicas share it, and its operator
 * backs it up with pg_dump).
 */
import { dirname, join, resolve } from "node:path";
import type { Config } from "../config/config.js";
import type { Logger } from "../ports/logger.js";
import type { StorageEngine, UnitOfWork } from "../ports/unit-of-work.js";
import { backupDatabase } from "./backup.js";
import { DatabaseRefusal, describeDbError, holdDatabase } from "./hold.js";
import { openStore } from "./open-store.js";
import { listenForOutbox } from "./postgres/listen.js";

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
   * Hears once, with one sentence, when the bot stops holding its database alone; the bot
   * should stop then. (SQLite's lock is the operating system's: it is never lost while the
   * process lives. PostgreSQL has no such lock: replicas share the database.)
   */
  onLockLost(listener: (sentence: string) => void): void;
  /** PostgreSQL: `onWake` hears when another replica queued rows or handed some back. */
  listen?(onWake: () => void, onState: (listening: boolean) => void): Promise<() => Promise<void>>;
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
    try {
      // Replicas starting together migrate one at a time (an advisory lock in migratePostgres).
      opened = await openStore({ databaseUrl: database.url, databasePath: "", logger });
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
      close: () => opened.close(),
      onLockLost: () => undefined,
      listen: (onWake, onState) => listenForOutbox(database.url, logger, onWake, onState),
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
