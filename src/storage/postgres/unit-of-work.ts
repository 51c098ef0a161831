import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";
import type { Tx, UnitOfWork } from "../../ports/unit-of-work.js";
import { sqlOn } from "./sql.js";
import { postgresTx } from "./tx.js";

interface Unit {
  readonly tx: Tx;
  open: boolean;
}

/**
 * Units of work on a PostgreSQL pool: each takes a connection of its own, runs `fn` between
 * BEGIN and COMMIT (ROLLBACK when it throws) and gives the connection back, so units run side
 * by side (READ COMMITTED; the repositories' statements are written to stay right under it).
 * A `run` from inside a running unit joins it; a late continuation of a finished unit fails
 * rather than write on a connection another unit now holds.
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
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#end();
  }
}
