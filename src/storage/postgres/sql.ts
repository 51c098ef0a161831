import { createHash } from "node:crypto";
import type pg from "pg";
import { UniqueViolation } from "../../ports/storage-errors.js";
import type { Row } from "../rows.js";

/** The statements of one unit of work, on the connection it holds. */
export interface Sql {
  /** The rows a statement returns. */
  rows(text: string, values?: readonly unknown[]): Promise<Row[]>;
  /** The first row a statement returns, if any. */
  one(text: string, values?: readonly unknown[]): Promise<Row | undefined>;
  /** How many rows a statement wrote. */
  run(text: string, values?: readonly unknown[]): Promise<number>;
}

/**
 * Named (prepared) statements: each connection parses a text once and binds it
 * afterwards, as better-sqlite3's prepared statements do.
 */
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `cm_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

/** A unique violation (23505) becomes the engines' common {@link UniqueViolation}. */
export function translate(error: unknown): unknown {
  const e = error as { code?: unknown; table?: unknown };
  if (e?.code === "23505") {
    return new UniqueViolation(typeof e.table === "string" ? e.table : "unknown", {
      cause: error,
    });
  }
  return error;
}

/**
 * Statements on `client` while `open()` says the unit is still running: a late
 * continuation of a finished unit must not write on a connection another unit now holds.
 */
export function sqlOn(client: pg.PoolClient, open: () => boolean): Sql {
  const query = async (text: string, values: readonly unknown[] = []) => {
    if (!open()) throw new Error("this unit of work is over: run a new one");
    try {
      return await client.query({ name: nameOf(text), text, values: values as unknown[] });
    } catch (error) {
      throw translate(error);
    }
  };
  return {
    rows: async (text, values) => (await query(text, values)).rows as Row[],
    one: async (text, values) => (await query(text, values)).rows[0] as Row | undefined,
    run: async (text, values) => (await query(text, values)).rowCount ?? 0,
  };
}

/** 0/1 for the smallint flags (the schema keeps SQLite's representation). */
export const flag = (b: boolean | undefined): number => (b ? 1 : 0);

/** The row, or a bug: the id was just written or checked in this unit. */
export function found<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`${what} vanished`);
  return row;
}
