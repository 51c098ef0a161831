import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import type { Migration } from "../../src/storage/migrate.js";
import { connectPostgres, type PostgresConnection } from "../../src/storage/postgres/connect.js";
import { loadPostgresMigrations, migratePostgres } from "../../src/storage/postgres/migrate.js";
import { describePostgres, freshDatabase } from "../support/postgres.js";

/** One engine's schema in neutral terms, so SQLite's and PostgreSQL's compare as equal. */
interface Schema {
  /** table → column → "integer|text|blob, null|not null, default" */
  columns: Record<string, Record<string, string>>;
  /** "table(col, col) unique? partial?", sorted: unique constraints, primary keys and indexes */
  indexes: string[];
  /** Names of the indexes created by name (CREATE INDEX), sorted. */
  named: string[];
  /** "table(cols) → parent(cols)", sorted. */
  foreignKeys: string[];
}

const KIND: Record<string, string> = {
  INTEGER: "integer",
  bigint: "integer",
  integer: "integer",
  smallint: "integer",
  TEXT: "text",
  text: "text",
  BLOB: "blob",
  bytea: "blob",
};

function kind(type: string): string {
  const k = KIND[type];
  if (k === undefined) throw new Error(`unmapped column type ${type}`);
  return k;
}

/** `'pending'::text` → `'pending'`; identity columns have no default on either side. */
function normalDefault(value: string | null): string {
  return value === null ? "" : value.replace(/::[a-z ]+$/, "");
}

function sqliteSchema(db: Database.Database): Schema {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((t) => t.name);
  const schema: Schema = { columns: {}, indexes: [], named: [], foreignKeys: [] };
  for (const table of tables) {
    const columns = db
      .prepare<
        [string],
        { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }
      >('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)')
      .all(table);
    schema.columns[table] = Object.fromEntries(
      columns.map((c) => [
        c.name,
        `${kind(c.type)}, ${c.notnull || c.pk ? "not null" : "null"}, ${normalDefault(c.dflt_value)}`,
      ]),
    );
    const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    schema.indexes.push(`${table}(${pk.map((c) => c.name).join(", ")}) unique`);
    for (const index of db
      .prepare<[string], { name: string; unique: number; origin: string; partial: number }>(
        'SELECT name, "unique", origin, partial FROM pragma_index_list(?)',
      )
      .all(table)) {
      if (index.origin === "pk") continue;
      const cols = db
        .prepare<[string], { name: string }>("SELECT name FROM pragma_index_info(?) ORDER BY seqno")
        .all(index.name)
        .map((c) => c.name);
      schema.indexes.push(
        `${table}(${cols.join(", ")})${index.unique ? " unique" : ""}${index.partial ? " partial" : ""}`,
      );
      if (index.origin === "c") schema.named.push(index.name);
    }
    const fks = db
      .prepare<[string], { id: number; table: string; from: string; to: string }>(
        'SELECT id, "table", "from", "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq',
      )
      .all(table);
    for (const id of new Set(fks.map((f) => f.id))) {
      const parts = fks.filter((f) => f.id === id);
      schema.foreignKeys.push(
        `${table}(${parts.map((f) => f.from).join(", ")}) → ${parts[0]?.table}(${parts.map((f) => f.to).join(", ")})`,
      );
    }
  }
  return sorted(schema);
}

async function postgresSchema(c: PostgresConnection): Promise<Schema> {
  const q = async <T extends object>(sql: string) => (await c.pool.query<T>(sql)).rows;
  const schema: Schema = { columns: {}, indexes: [], named: [], foreignKeys: [] };
  for (const col of await q<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
  }>(`SELECT table_name, column_name, data_type, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public'
      ORDER BY table_name, ordinal_position`)) {
    schema.columns[col.table_name] ??= {};
    (schema.columns[col.table_name] as Record<string, string>)[col.column_name] =
      `${kind(col.data_type)}, ${col.is_nullable === "YES" ? "null" : "not null"}, ${normalDefault(col.column_default)}`;
  }
  for (const index of await q<{
    table: string;
    name: string;
    cols: string[];
    unique: boolean;
    partial: boolean;
    constraint: boolean;
  }>(`SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique,
        x.indpred IS NOT NULL AS partial,
        EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) AS constraint,
        array(SELECT pg_get_indexdef(x.indexrelid, k, true)
              FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k) AS cols
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'`)) {
    schema.indexes.push(
      `${index.table}(${index.cols.join(", ")})${index.unique ? " unique" : ""}${index.partial ? " partial" : ""}`,
    );
    if (!index.constraint) schema.named.push(index.name);
  }
  for (const fk of await q<{
    table: string;
    cols: string[];
    parent: string;
    parent_cols: string[];
  }>(
    `SELECT t.relname AS table, p.relname AS parent,
        array(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS u(n, i)
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i)::text[] AS cols,
        array(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY AS u(n, i)
              JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i)::text[] AS parent_cols
      FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f'`,
  )) {
    schema.foreignKeys.push(
      `${fk.table}(${fk.cols.join(", ")}) → ${fk.parent}(${fk.parent_cols.join(", ")})`,
    );
  }
  return sorted(schema);
}

function sorted(s: Schema): Schema {
  return {
    columns: Object.fromEntries(Object.entries(s.columns).sort(([a], [b]) => a.localeCompare(b))),
    indexes: [...s.indexes].sort(),
    named: [...s.named].sort(),
    foreignKeys: [...s.foreignKeys].sort(),
  };
}

const open: PostgresConnection[] = [];
afterAll(async () => {
  for (const c of open.splice(0)) await c.close();
});

async function freshConnection(): Promise<PostgresConnection> {
  const db = await freshDatabase();
  const connection = await connectPostgres(db.url);
  open.push(connection);
  return connection;
}

async function versions(c: PostgresConnection): Promise<number[]> {
  const { rows } = await c.pool.query<{ version: number }>(
    "SELECT version FROM schema_migrations ORDER BY version",
  );
  return rows.map((r) => r.version);
}

async function tableExists(c: PostgresConnection, name: string): Promise<boolean> {
  const { rows } = await c.pool.query("SELECT to_regclass($1) IS NOT NULL AS yes", [name]);
  return rows[0]?.yes === true;
}

const shipped = loadPostgresMigrations();

describePostgres("PostgreSQL migrations", () => {
  it("give the schema SQLite has after its migrations: tables, columns, types, keys, indexes", async () => {
    const c = await freshConnection();
    expect(await migratePostgres(c.pool, shipped)).toEqual(shipped.map((m) => m.version));
    const sqlite = openDatabase(":memory:");
    try {
      const expected = sqliteSchema(sqlite);
      const actual = await postgresSchema(c);
      expect(Object.keys(actual.columns)).toEqual(Object.keys(expected.columns));
      expect(actual).toEqual(expected);
    } finally {
      sqlite.close();
    }
  });

  it("running them again applies nothing and changes nothing", async () => {
    const c = await freshConnection();
    await migratePostgres(c.pool, shipped);
    const before = JSON.stringify([await postgresSchema(c), await versions(c)]);
    expect(await migratePostgres(c.pool, shipped)).toEqual([]);
    expect(JSON.stringify([await postgresSchema(c), await versions(c)])).toBe(before);
  });

  it("two processes starting at once apply each migration once", async () => {
    const db = await freshDatabase();
    const [a, b] = await Promise.all([connectPostgres(db.url), connectPostgres(db.url)]);
    open.push(a, b);
    const applied = await Promise.all([
      migratePostgres(a.pool, shipped),
      migratePostgres(b.pool, shipped),
    ]);
    expect(applied.flat().sort()).toEqual(shipped.map((m) => m.version));
    expect(await versions(a)).toEqual(shipped.map((m) => m.version));
  });

  it("a database newer than the code is refused with one sentence, and nothing is applied", async () => {
    const c = await freshConnection();
    const newer = shipped.length + 1;
    await c.pool.query(`CREATE TABLE schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
    await c.pool.query("INSERT INTO schema_migrations VALUES ($1, 'from_the_future.sql', 1)", [
      newer,
    ]);
    await expect(migratePostgres(c.pool, shipped)).rejects.toThrow(
      new Error(
        `the PostgreSQL database is at schema version ${newer}, newer than this version of Cashmob knows (${shipped.length}): run the newer Cashmob that migrated it, or restore a backup taken before`,
      ),
    );
    expect(await tableExists(c, "communities")).toBe(false);
    expect(await versions(c)).toEqual([newer]);
  });

  it("a failing migration rolls back whole, is not recorded, and says which one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cashmob-pg-migrations-"));
    try {
      writeFileSync(join(dir, "001_a.sql"), "CREATE TABLE a (x integer);");
      writeFileSync(join(dir, "002_b.sql"), "CREATE TABLE b (x integer); SELECT nope FROM a;");
      const broken: Migration[] = loadPostgresMigrations(dir);
      const c = await freshConnection();
      await expect(migratePostgres(c.pool, broken)).rejects.toThrow(
        'PostgreSQL migration 002_b.sql failed and was rolled back: column "nope" does not exist',
      );
      expect(await versions(c)).toEqual([1]);
      expect([await tableExists(c, "a"), await tableExists(c, "b")]).toEqual([true, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rows keep the ids they are given (the move from SQLite), and new rows continue after them", async () => {
    const c = await freshConnection();
    await migratePostgres(c.pool, shipped);
    const insert = `INSERT INTO communities (id, public_id, name, timezone, locale, currency, created_at)
      VALUES ($1, $2, 'Greenfield', 'Europe/Paris', 'fr', 'EUR', 1764748800000)`;
    await c.pool.query(insert, [41, "p41"]);
    await c.pool.query("SELECT setval(pg_get_serial_sequence('communities', 'id'), 41)");
    const { rows } = await c.pool.query(
      `INSERT INTO communities (public_id, name, timezone, locale, currency, created_at)
        VALUES ('p42', 'Next', 'UTC', 'en', 'EUR', 1764748800001) RETURNING id, created_at, merchant_gate`,
    );
    expect(rows).toEqual([{ id: 42, created_at: 1764748800001, merchant_gate: 0 }]);
    await expect(c.pool.query(insert, [43, "p41"])).rejects.toThrow(/communities_public_id_key/);
  });

  it("a photo's bytes come back as they went in", async () => {
    const c = await freshConnection();
    await migratePostgres(c.pool, shipped);
    await c.pool.query(`INSERT INTO communities (id, public_id, name, timezone, locale, currency, created_at)
      VALUES (1, 'c', 'G', 'UTC', 'en', 'EUR', 1);
      INSERT INTO members (id, platform, user_id, display_name, created_at) VALUES (1, 'console', 'u', 'U', 1);
      INSERT INTO shops (id, community_id, name, created_at) VALUES (1, 1, 'Shop', 1);
      INSERT INTO mobs (id, public_id, community_id, shop_id, starts_at, duration_ms, pledge_minor,
        currency, status, created_by, checkin_code, created_at, updated_at)
        VALUES (1, 'm', 1, 1, 1, 3600000, 1500, 'EUR', 'announced', 1, 'CODE', 1, 1);`);
    const bytes = Buffer.alloc(5 * 1024 * 1024, 7);
    bytes.write("\u00ff\u0000binary", 0, "latin1");
    await c.pool.query(
      `INSERT INTO photos (mob_id, number, member_id, type, width, height, size, bytes, sha256, created_at)
        VALUES (1, 1, 1, 'jpeg', 10, 10, $1, $2, 'h', 1)`,
      [bytes.length, bytes],
    );
    const { rows } = await c.pool.query<{ bytes: Buffer }>("SELECT bytes FROM photos");
    expect(rows[0]?.bytes.equals(bytes)).toBe(true);
  });
});
