/**
 * The PostgreSQL side of test/fakes/core-harness.ts: the test file's database (opened by the
 * "postgres" project's setup file, ./postgres-file.ts) and a unit of work on it per harness.
 */
import type pg from "pg";
import type { UnitOfWork } from "../../src/ports/unit-of-work.js";
import { PostgresUnitOfWork } from "../../src/storage/postgres/unit-of-work.js";

export interface FileDatabase {
  readonly pool: pg.Pool;
  /** The application tables, by name. */
  readonly tables: readonly string[];
  /** One statement that empties them all. */
  readonly empty: string;
}

let file: FileDatabase | undefined;
/** The `path`s harnesses opened in this file: a second harness on one is a restart. */
const opened = new Set<string>();
/** Every harness's units of work in this file, and their units still running. */
const harnesses = new Set<UnitOfWork>();
const running = new Set<Promise<unknown>>();

export function useFileDatabase(database: FileDatabase | undefined): void {
  file = database;
  opened.clear();
  harnesses.clear();
}

export function fileDatabase(): FileDatabase | undefined {
  return file;
}

export interface PostgresHarnessEngine {
  readonly uow: UnitOfWork;
  readonly pool: pg.Pool;
  /** The application tables, by name. */
  readonly tables: readonly string[];
  /** Resolves once the tables are emptied (raw queries wait for it too). */
  settled(): Promise<void>;
}

/**
 * A unit of work on this file's database, emptied first unless `path` was opened before in
 * this file (a restart reopens "the same database" and must find its rows). As a new SQLite
 * database would, it leaves the earlier harnesses behind: they are closed, and the emptying
 * waits for their units still running, so none of them writes into this one's rows. One
 * `alongside` is another process on the same database: the earlier harnesses keep running.
 */
export function postgresHarnessEngine(path?: string, alongside = false): PostgresHarnessEngine {
  if (!file) {
    throw new Error("no PostgreSQL database for this file (is it in the postgres project?)");
  }
  const { pool, tables, empty } = file;
  // Alongside: a second process on the same database, the earlier ones still running.
  const restart = path !== undefined && opened.has(path);
  if (alongside && !restart) throw new Error(`nothing opened ${path} before: alongside what?`);
  if (path !== undefined) opened.add(path);
  if (!alongside) {
    for (const earlier of harnesses) void earlier.close();
    harnesses.clear();
  }
  const inner = new PostgresUnitOfWork(pool, async () => {});
  const ready: Promise<unknown> | undefined = restart
    ? undefined
    : Promise.allSettled([...running]).then(() => pool.query(empty));
  ready?.catch(() => {});
  const uow: UnitOfWork = {
    engine: "postgres",
    run(fn) {
      const unit = (async () => {
        if (ready) await ready;
        return inner.run(fn);
      })();
      running.add(unit);
      void unit.catch(() => {}).finally(() => running.delete(unit));
      return unit;
    },
    async probeWrite() {
      await ready;
      return inner.probeWrite();
    },
    close: () => inner.close(),
  };
  harnesses.add(uow);
  const settled = async () => {
    await ready;
  };
  return { uow, pool, tables, settled };
}
