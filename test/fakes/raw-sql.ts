/**
 * Engine-neutral SQL for assertions beside the core (test/fakes/core-harness.ts): the rows of
 * the tables, a count, one statement. `?` placeholders on both engines.
 */
import type Database from "better-sqlite3";
import type { PostgresHarnessEngine } from "../support/postgres-harness.js";

export interface RawSql {
  /**
   * Every row of the named tables (default: all but the migrations' own), each table ordered
   * by its first columns, as one string: equal snapshots mean nothing was written.
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
  return rawSql(query, allTables);
}

export function rawPostgres(engine: PostgresHarnessEngine): RawSql {
  const query = async (sql: string, ...params: unknown[]) => {
    await engine.settled();
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    return (await engine.pool.query(text, params)).rows as Record<string, unknown>[];
  };
  return rawSql(query, () => engine.tables);
}

function rawSql(query: RawSql["query"], allTables: () => readonly string[]): RawSql {
  return {
    query,
    async snapshot(tables = allTables()) {
      const rows = [];
      for (const t of tables) rows.push([t, await query(`SELECT * FROM "${t}" ORDER BY 1, 2`)]);
      return JSON.stringify(rows);
    },
    async count(table) {
      const [row] = await query(`SELECT count(*) AS n FROM "${table}"`);
      return Number(row?.n);
    },
  };
}
