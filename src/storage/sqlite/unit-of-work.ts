import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import type { Tx, UnitOfWork } from "../../ports/unit-of-work.js";
import type { SqliteStore } from "../sqlite-store.js";
import { translateSqliteError } from "./errors.js";

/**
 * The repositories of a unit of work on SQLite: the synchronous store, each
 * method answering a settled promise (a throw becomes a rejection; a unique violation
 * the engines' common UniqueViolation).
 */
function asyncFacade(store: SqliteStore): Tx {
  const methods = new Map<PropertyKey, unknown>();
  const target = store as unknown as Record<PropertyKey, unknown>;
  return new Proxy({} as Tx, {
    get(_, key) {
      let method = methods.get(key);
      if (method) return method;
      const sync = target[key];
      if (typeof sync !== "function") return undefined;
      method = (...args: unknown[]) => {
        try {
          return Promise.resolve(sync.apply(store, args));
        } catch (error) {
          return Promise.reject(translateSqliteError(error));
        }
      };
      methods.set(key, method);
      return method;
    },
  });
}

/**
 * Units of work on one SQLite connection. SQLite has one writer and the
 * connection one transaction, so units take their turn: each runs alone
 * between BEGIN and COMMIT (ROLLBACK when it throws). A `run` from inside the
 * running unit joins it; a late continuation of a finished unit waits its turn.
 */
export class SqliteUnitOfWork implements UnitOfWork {
  readonly engine = "sqlite";
  readonly #db: Database.Database;
  readonly #tx: Tx;
  readonly #inside = new AsyncLocalStorage<symbol>();
  #running: symbol | null = null;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(db: Database.Database, store: SqliteStore) {
    this.#db = db;
    this.#tx = asyncFacade(store);
  }

  async run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const unit = this.#inside.getStore();
    if (unit !== undefined && unit === this.#running) return fn(this.#tx);
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
    try {
      this.#db.exec(begin);
      try {
        const result = await this.#inside.run(token, () => fn(this.#tx));
        this.#db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
        throw error;
      }
    } finally {
      this.#running = null;
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
