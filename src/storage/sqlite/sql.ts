import type Database from "better-sqlite3";
import type { Row } from "../rows.js";
import { translateSqliteError } from "./errors.js";

/**
 * The statements of one unit of work on SQLite. Synchronous (better-sqlite3 is): the
 * repositories' methods are `async`, so what a statement throws reaches the use case
 * as a rejection.
 */
export interface Sql {
  /** The first row a statement returns, if any. */
  one(text: string, ...params: unknown[]): Row | undefined;
  /** The rows a statement returns. */
  rows(text: string, ...params: unknown[]): Row[];
  /** How many rows a statement wrote. */
  run(text: string, ...params: unknown[]): number;
}

/** Each connection's statements, prepared the first time a text is used and kept. */
const prepared = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(db: Database.Database, text: string): Database.Statement {
  let cache = prepared.get(db);
  if (!cache) {
    cache = new Map();
    prepared.set(db, cache);
  }
  let s = cache.get(text);
  if (!s) {
    s = db.prepare(text);
    cache.set(text, s);
  }
  return s;
}

/**
 * Statements on `db` while `open()` says the unit is still running: a repository kept past
 * its unit must not write into whichever unit runs now (or outside any), as on PostgreSQL.
 * A unique violation becomes the engines' common UniqueViolation.
 */
export function sqlOn(db: Database.Database, open: () => boolean): Sql {
  const use = <T>(text: string, call: (s: Database.Statement) => T): T => {
    if (!open()) throw new Error("this unit of work is over: run a new one");
    try {
      return call(statement(db, text));
    } catch (error) {
      throw translateSqliteError(error);
    }
  };
  return {
    one: (text, ...params) => use(text, (s) => s.get(...params) as Row | undefined),
    rows: (text, ...params) => use(text, (s) => s.all(...params) as Row[]),
    run: (text, ...params) => use(text, (s) => s.run(...params).changes),
  };
}

/** 0/1 for the flags. */
export const flag = (b: boolean | undefined): number => (b ? 1 : 0);

/** The row, or a bug: the id was just written or checked in this unit. */
export function found<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`${what} vanished`);
  return row;
}
