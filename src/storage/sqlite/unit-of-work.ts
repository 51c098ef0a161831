import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import type { Tx, UnitOfWork } from "../../ports/unit-of-work.js";
import { sqliteTx } from "./tx.js";

/**
 * Units of work on one SQLite connection. SQLite has one writer and the
 * connection one transaction, so units take their turn: each runs alone
 * between BEGIN and COMMIT (ROLLBACK when it throws). A `run` from inside the
 * running unit joins it; a late continuation of a finished unit waits its turn.
 */
export class SqliteUnitOfWork implements UnitOfWork {
  readonly engine = "sqlite";
  readonly #db: Database.Database;
  readonly #inside = new AsyncLocalStorage<symbol>();
  #running: symbol | null = null;
  /** The running unit's view of the repositories (what a joining `run` gets). */
  #view: Tx | null = null;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const unit = this.#inside.getStore();
    if (unit !== undefined && unit === this.#running && this.#view) return fn(this.#view);
    return this.#turn("BEGIN", fn);
  }

  /** Takes the write lock and gives it back: fails on a read-only, full or locked file. */
  async probeWrite(): Promise<void> {
    await this.#turn("BEGIN IMMEDIATE", async () => {});
  }

  async #turn<T>(begin: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const previous = this.#tail;
    let release = () => {};
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    if (this.#closed) {
      release();
      throw new Error("the database is closed");
    }
    const token = Symbol("unit of work");
    this.#running = token;
    const view = sqliteTx(this.#db, () => this.#running === token);
    this.#view = view;
    try {
      this.#db.exec(begin);
      try {
        const result = await this.#inside.run(token, () => fn(view));
        this.#db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
        throw error;
      }
    } finally {
      this.#running = null;
      this.#view = null;
      release();
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.run(async () => {});
    this.#closed = true;
    if (this.#db.open) this.#db.close();
  }
}
