import type pg from "pg";

/**
 * One running bot per PostgreSQL database, as SQLite's lock file does for a file: a session
 * advisory lock (advisory locks are per database) held on a connection of its own for as long
 * as the bot runs. The server frees it when that connection ends, a killed process included.
 * Issue 17 (several processes on one database) lifts it.
 */
const KEY: readonly [number, number] = [0x63617368, 0x6d6f62]; // "cash", "mob"

export interface PostgresLock {
  /** Unlocks and gives the connection back. */
  release(): Promise<void>;
}

/**
 * Takes the lock now, or returns null when another session holds it. `onLost` hears once
 * when the connection holding it fails (a server restart): another bot could then start.
 */
export async function tryLockPostgres(
  pool: pg.Pool,
  onLost: (error: Error) => void,
): Promise<PostgresLock | null> {
  const client = await pool.connect();
  let taken = false;
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      "SELECT pg_try_advisory_lock($1, $2) AS ok",
      [...KEY],
    );
    taken = rows[0]?.ok === true;
  } finally {
    if (!taken) client.release();
  }
  if (!taken) return null;
  let released = false;
  client.on("error", (error) => {
    if (!released) onLost(error);
  });
  return {
    release: async () => {
      if (released) return;
      released = true;
      const failed = await client.query("SELECT pg_advisory_unlock($1, $2)", [...KEY]).then(
        () => undefined,
        (error: Error) => error,
      );
      client.release(failed);
    },
  };
}

/** Takes the lock, trying again every `pollMs` until `until` (ms since the epoch); null then. */
export async function waitForPostgresLock(
  pool: pg.Pool,
  onLost: (error: Error) => void,
  options: { readonly until: number; readonly pollMs?: number; readonly onWaiting?: () => void },
): Promise<PostgresLock | null> {
  let lock = await tryLockPostgres(pool, onLost);
  if (lock) return lock;
  options.onWaiting?.();
  while (Date.now() < options.until) {
    const pause = Math.min(options.pollMs ?? 250, Math.max(0, options.until - Date.now()));
    await new Promise((r) => setTimeout(r, pause));
    lock = await tryLockPostgres(pool, onLost);
    if (lock) return lock;
  }
  return null;
}
