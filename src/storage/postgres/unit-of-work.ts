import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";
import { ConcurrentChange, UniqueViolation } from "../../ports/storage-errors.js";
import type { Tx, UnitOfWork } from "../../ports/unit-of-work.js";
import { sqlOn } from "./sql.js";
import { postgresTx } from "./tx.js";

interface Unit {
  readonly tx: Tx;
  open: boolean;
}

/** How many times a unit is run before its conflict is thrown to the caller. */
export const UNIT_ATTEMPTS = 5;

/**
 * A unit that lost to one beside it, to be run again: a deadlock (40P01) or a serialization
 * failure (40001), a unique rule another unit's row now holds (the rerun finds that row and
 * takes the "exists" path), or a use case's own {@link ConcurrentChange}.
 */
function lostARace(error: unknown): boolean {
  if (error instanceof UniqueViolation || error instanceof ConcurrentChange) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001";
}

/**
 * Units of work on a PostgreSQL pool: each takes a connection of its own, runs `fn` between
 * BEGIN and COMMIT (ROLLBACK when it throws) and gives the connection back, so units run side
 * by side (READ COMMITTED; the repositories' statements are written to stay right under it,
 * and use cases that change a mob hold it with `lockMob`).
 *
 * A unit that loses a race (see {@link lostARace}) is rolled back and run again from the
 * start, up to {@link UNIT_ATTEMPTS} times, after a short random pause. This is safe only
 * because a unit never calls a platform or the network and keeps nothing outside the
 * database: its first attempt leaves no trace, the rerun reads what the winner committed.
 * A unit that must not be repeated must not be a unit of work.
 *
 * A `run` from inside a running unit joins it (and is retried with it, as a whole); a late
 * continuation of a finished unit fails rather than write on a connection another unit now
 * holds.
 */
export class PostgresUnitOfWork implements UnitOfWork {
  readonly engine = "postgres";
  readonly #pool: pg.Pool;
  readonly #end: () => Promise<void>;
  readonly #inside = new AsyncLocalStorage<Unit>();
  #closed = false;

  /** `end` releases the pool (default: `pool.end()`). */
  constructor(pool: pg.Pool, end: () => Promise<void> = () => pool.end()) {
    this.#pool = pool;
    this.#end = end;
  }

  async run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const current = this.#inside.getStore();
    if (current?.open) return fn(current.tx);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#attempt(fn);
      } catch (error) {
        if (attempt >= UNIT_ATTEMPTS || this.#closed || !lostARace(error)) throw error;
        // Apart a little, so two units that deadlocked do not meet again at once.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  #attempt<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#transaction(async (client) => {
      const unit: Unit = { tx: postgresTx(sqlOn(client, () => unit.open)), open: true };
      try {
        return await this.#inside.run(unit, () => fn(unit.tx));
      } finally {
        unit.open = false;
      }
    });
  }

  /**
   * A write-capable round trip: a transaction id is only given out by a primary that takes
   * writes (a standby refuses it), and the transaction must not be read-only.
   */
  async probeWrite(): Promise<void> {
    await this.#transaction(async (client) => {
      const { rows } = await client.query<{ ro: string }>(
        "SELECT txid_current(), current_setting('transaction_read_only') AS ro",
      );
      if (rows[0]?.ro === "on") throw new Error("the PostgreSQL database is read-only");
    }, false);
  }

  async #transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, commit = true): Promise<T> {
    if (this.#closed) throw new Error("the database is closed");
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    // The pool listens for errors only on idle connections: one that drops while checked out
    // (a network cut, a server restart) would be an unhandled 'error' event and end the
    // process. Its query fails on its own; the connection is not handed out again.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on("error", onError);
    try {
      await client.query("BEGIN");
      try {
        const result = await fn(client);
        await client.query(commit ? "COMMIT" : "ROLLBACK");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((e: Error) => {
          // The connection itself failed: the pool must not hand it out again.
          broken = e;
        });
        throw error;
      }
    } finally {
      client.off("error", onError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#end();
  }
}
