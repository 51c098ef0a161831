import { resolve } from "node:path";
import type { Config } from "../config/config.js";
import { formatDuration } from "../domain/duration.js";
import type { Logger } from "../ports/logger.js";
import { type DatabaseLock, tryLockDatabase, waitForDatabaseLock } from "./lock.js";

/** Start-up cannot use the database: one sentence for the operator, then exit 1. */
export class DatabaseRefusal extends Error {
  override readonly name = "DatabaseRefusal";
}

function refuse(sentence: string): never {
  throw new DatabaseRefusal(sentence);
}

/**
 * Takes the database's single-instance lock, or refuses with one sentence:
 * at once, or after waiting for the running bot to stop when asked to
 * (`--wait-for-lock`, `WAIT_FOR_LOCK`). Null for an in-memory database.
 */
export async function holdDatabase(config: Config, logger: Logger): Promise<DatabaseLock | null> {
  if (config.databasePath === ":memory:") return null;
  const database = resolve(config.databasePath);
  const wait = config.waitForLock;
  const inUse = `the database ${database} is in use by another running Cashmob bot`;
  const startedAt = Date.now();
  let waited = false;
  let lock: DatabaseLock | null;
  try {
    lock = wait
      ? await waitForDatabaseLock(database, {
          timeoutMs: wait.timeoutMs,
          onWaiting: () => {
            waited = true;
            process.stderr.write(
              `cashmob: ${inUse}; waiting for it to stop${wait.timeoutMs === null ? "" : ` (at most ${formatDuration(wait.timeoutMs)})`}.\n`,
            );
          },
        })
      : tryLockDatabase(database);
  } catch (error) {
    refuse(`cannot open the database at ${database}: ${describeDbError(error)}`);
  }
  if (!lock) {
    refuse(
      wait
        ? `${inUse}, still after waiting ${formatDuration(wait.timeoutMs ?? 0)}; stop that one first.`
        : `${inUse}; stop that one first, or start this one with --wait-for-lock (or WAIT_FOR_LOCK=1) to take over when it stops.`,
    );
  }
  if (waited)
    logger.info({ database, waitedMs: Date.now() - startedAt }, "the other bot stopped; starting");
  return lock;
}

export function describeDbError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "SQLITE_READONLY" || code === "SQLITE_CANTOPEN")
    return "the file or its folder is not writable.";
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT")
    return "the file is not a valid SQLite database (corrupt?).";
  if (code === "SQLITE_FULL") return "the disk is full.";
  return error instanceof Error ? error.message : String(error);
}
