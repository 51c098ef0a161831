import type Database from "better-sqlite3";
import type pg from "pg";

/** One table as both engines have it: what move-store copies, column by column. */
export interface TablePlan {
  readonly name: string;
  /** Columns in SQLite's order (the same names exist in PostgreSQL). */
  readonly columns: readonly string[];
  /** Each column's PostgreSQL type as its catalogue names it (`int8`, `text`, …), in order. */
  readonly types: readonly string[];
  /** The primary key's columns (SQLite's rowid when none is declared): the copy's order. */
  readonly key: readonly string[];
  /** Columns PostgreSQL holds as bytea: summed and checksummed after the copy. */
  readonly binary: readonly string[];
  /** The identity column whose sequence must move past the largest id, if any. */
  readonly identity: string | null;
}

/**
 * Tables never copied: the engines' own bookkeeping, and what running bots hold for a few
 * seconds (leases, platform pauses), which means nothing to the bots started after a move.
 */
const BOOKKEEPING = new Set(["schema_migrations", "leases", "platform_state"]);

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function sqliteTables(db: Database.Database): Map<string, { columns: string[]; key: string[] }> {
  const names = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((t) => t.name)
    .filter((n) => !BOOKKEEPING.has(n));
  const tables = new Map<string, { columns: string[]; key: string[] }>();
  for (const name of names) {
    const info = db
      .prepare<[string], { name: string; pk: number }>(
        "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid",
      )
      .all(name);
    const key = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    tables.set(name, { columns: info.map((c) => c.name), key: key.length > 0 ? key : ["rowid"] });
  }
  return tables;
}

interface PostgresColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_identity: string;
}

async function postgresTables(
  client: pg.ClientBase,
): Promise<Map<string, Map<string, PostgresColumn>>> {
  const { rows } = await client.query<PostgresColumn>(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_identity
       FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, Map<string, PostgresColumn>>();
  for (const row of rows) {
    if (BOOKKEEPING.has(row.table_name)) continue;
    const columns = tables.get(row.table_name) ?? new Map<string, PostgresColumn>();
    columns.set(row.column_name, row);
    tables.set(row.table_name, columns);
  }
  return tables;
}

const list = (names: readonly string[]) =>
  names.length <= 3
    ? names.join(", ")
    : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;

/**
 * Matches SQLite's tables and columns to PostgreSQL's, by name. Throws one sentence when a
 * table or column is on one side only: the two schemas are out of step, nothing can be copied.
 */
export async function planTables(
  db: Database.Database,
  client: pg.ClientBase,
): Promise<TablePlan[]> {
  const source = sqliteTables(db);
  const target = await postgresTables(client);
  const onlySqlite = [...source.keys()].filter((t) => !target.has(t));
  const onlyPostgres = [...target.keys()].filter((t) => !source.has(t));
  if (onlySqlite.length > 0 || onlyPostgres.length > 0) {
    const parts = [
      onlySqlite.length > 0 ? `PostgreSQL has no table ${list(onlySqlite)}` : "",
      onlyPostgres.length > 0 ? `SQLite has no table ${list(onlyPostgres)}` : "",
    ].filter((p) => p !== "");
    throw new Error(`the two schemas differ (${parts.join("; ")}): nothing can be copied`);
  }
  const plans: TablePlan[] = [];
  for (const [name, { columns, key }] of source) {
    const pgColumns = target.get(name) ?? new Map<string, PostgresColumn>();
    const onlyHere = columns.filter((c) => !pgColumns.has(c));
    const onlyThere = [...pgColumns.keys()].filter((c) => !columns.includes(c));
    if (onlyHere.length > 0 || onlyThere.length > 0) {
      const side = onlyHere.length > 0 ? "PostgreSQL" : "SQLite";
      const missing = onlyHere.length > 0 ? onlyHere : onlyThere;
      throw new Error(
        `the two schemas differ (${side}'s table ${name} has no column ${list(missing)}): nothing can be copied`,
      );
    }
    const identity = [...pgColumns.values()].find((c) => c.is_identity === "YES");
    plans.push({
      name,
      columns,
      types: columns.map((c) => pgColumns.get(c)?.udt_name ?? "text"),
      key,
      binary: columns.filter((c) => pgColumns.get(c)?.data_type === "bytea"),
      identity: identity?.column_name ?? null,
    });
  }
  return orderByReferences(db, plans);
}

/**
 * Parents before children (SQLite's foreign keys), so each row's references exist when it
 * lands; a cycle, if one ever appears, is left to the deferred constraints.
 */
function orderByReferences(db: Database.Database, plans: TablePlan[]): TablePlan[] {
  const parents = new Map<string, Set<string>>();
  for (const p of plans) {
    const refs = db
      .prepare<[string], { table: string }>('SELECT "table" FROM pragma_foreign_key_list(?)')
      .all(p.name)
      .map((r) => r.table)
      .filter((t) => t !== p.name);
    parents.set(p.name, new Set(refs));
  }
  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  let rest = [...plans];
  while (rest.length > 0) {
    const ready = rest.filter((p) =>
      [...(parents.get(p.name) ?? [])].every((t) => placed.has(t) || !parents.has(t)),
    );
    const next = ready.length > 0 ? ready : rest.slice(0, 1);
    for (const p of next) {
      ordered.push(p);
      placed.add(p.name);
    }
    rest = rest.filter((p) => !placed.has(p.name));
  }
  return ordered;
}
