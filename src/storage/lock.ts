import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";

/**
 * One running bot per database. Two processes on one file both recover and
 * send the outbox rows, so every member in flight gets the post twice.
 *
 * The lock is a small SQLite file beside the database, `<database>.lock`,
 * opened in exclusive locking mode and written once: SQLite then keeps its
 * POSIX write lock on the file until the connection closes. The kernel drops
 * that lock when the process dies, SIGKILL included, so a crashed bot never
 * blocks the next start (a heartbeat lease would, until it expired). A lock on
 * the database file itself would not do: WAL mode shares it between readers.
 */
export interface DatabaseLock {
  /** The lock file, absolute. */
  readonly path: string;
  /** Lets the next process in; the process ending does the same. */
  release(): void;
}

/**
 * Open lock connections. better-sqlite3 closes a connection it garbage-collects,
 * which would drop the lock of a caller that kept no reference to it.
 */
const held = new Set<Database.Database>();

/** Where the lock for a database lives: `<absolute database path>.lock`. */
export function lockPathFor(databasePath: string): string {
  return `${resolve(databasePath)}.lock`;
}

/**
 * Takes the database's lock now, or returns null when another process (or
 * another connection in this one) holds it. Throws on anything else, such as
 * a folder it cannot write.
 */
export function tryLockDatabase(databasePath: string): DatabaseLock | null {
  const path = lockPathFor(databasePath);
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("busy_timeout = 0");
    db.pragma("locking_mode = EXCLUSIVE");
    // The file's content does not matter; no journal file beside it either.
    db.pragma("journal_mode = MEMORY");
    // The first write in exclusive mode takes the EXCLUSIVE lock, kept after COMMIT.
    db.exec("BEGIN EXCLUSIVE");
    db.exec("CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since TEXT NOT NULL)");
    db.exec("DELETE FROM holder");
    db.prepare("INSERT INTO holder (pid, since) VALUES (?, ?)").run(
      process.pid,
      new Date().toISOString(),
    );
    db.exec("COMMIT");
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return null;
    throw error;
  }
  held.add(db);
  return {
    path,
    release: () => {
      held.delete(db);
      if (db.open) db.close();
    },
  };
}

export interface WaitOptions {
  /** Give up after this long; null waits as long as it takes. */
  readonly timeoutMs: number | null;
  /** How often to try again (default 250 ms). */
  readonly pollMs?: number;
  /** Called once, when the first try finds the lock taken. */
  readonly onWaiting?: () => void;
}

/**
 * Takes the database's lock, waiting for the process holding it to stop.
 * Polls rather than blocking in SQLite's busy handler, so the event loop (and
 * a SIGTERM to the waiting process) stays responsive. Null after `timeoutMs`.
 */
export async function waitForDatabaseLock(
  databasePath: string,
  options: WaitOptions,
): Promise<DatabaseLock | null> {
  const until =
    options.timeoutMs === null ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  let lock = tryLockDatabase(databasePath);
  if (lock) return lock;
  options.onWaiting?.();
  while (Date.now() < until) {
    const pause = Math.min(options.pollMs ?? 250, Math.max(0, until - Date.now()));
    await new Promise((r) => setTimeout(r, pause));
    lock = tryLockDatabase(databasePath);
    if (lock) return lock;
  }
  return null;
}
