/**
 * Engine-neutral SQL for assertions beside the core (test/fakes/core-harness.ts): the rows of
 * the tables, a count, one statement. `?` placeholders on both engines.
 */
import type Database from "better-sqlite3";
import type { PostgresHarnessEngine } from "../support/postgres-harness.js";

export interface RawSql {
  /**
   * Every row of the named tables (default: all of the application's), in a stable order, as
   * one string: equal snapshots mean nothing was written. Compare snapshots of one engine.
   */
  snapshot(tables?: readonly string[]): Promise<string>;
  /** How many rows `table` has. */
  count(table: string): Promise<number>;
  /** Runs one statement; the rows it returns (none for a write). */
  query(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
}

export function rawSqlite(db: Database.Database): RawSql {
  const query = async (sql: string, ...params: unknown[]) => {
    const statement = db.prepare(sql);
    if (!statement.reader) {
      statement.run(...params);
      return [];
    }
    return statement.all(...params) as Record<string, unknown>[];
  };
  const allTables = () =>
    db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master
        WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all()
      .map((t) => t.name);
  const snapshot = async (tables: readonly string[] = allTables()) =>
    JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]));
  return rawSql(query, snapshot);
}

export function rawPostgres(engine: PostgresHarnessEngine): RawSql {
  const query = async (sql: string, ...params: unknown[]) => {
    await engine.settled();
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    return (await engine.pool.query(text, params)).rows as Record<string, unknown>[];
  };
  // One round trip for all tables: the property tests take two snapshots per command.
  const snapshot = async (tables: readonly string[] = engine.tables) => {
    const each = tables.map(
      (t) => `'${t}', (SELECT coalesce(json_agg(r ORDER BY r::text), '[]') FROM "${t}" r)`,
    );
    const [row] = await query(`SELECT json_build_object(${each.join(", ")})::text AS rows`);
    return String(row?.rows);
  };
  return rawSql(query, snapshot);
}

function rawSql(query: RawSql["query"], snapshot: RawSql["snapshot"]): RawSql {
  return {
    query,
    snapshot,
    async count(table) {
      const [row] = await query(`SELECT count(*) AS n FROM "${table}"`);
      return Number(row?.n);
    },
  };
}
