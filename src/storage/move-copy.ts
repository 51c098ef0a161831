import { createHash, type Hash } from "node:crypto";
import type Database from "better-sqlite3";
import type pg from "pg";
import { quote, type TablePlan } from "./move-tables.js";

/** What the copy saw of one table, for the verification. */
export interface Copied {
  readonly rows: number;
  /** Bytes in the table's bytea columns. */
  readonly bytes: number;
  /** sha256 over each bytea value's md5 (or "-" for NULL), in key order, column by column. */
  readonly digest: string;
}

/** PostgreSQL's limit on parameters in one statement is 65,535. */
const MAX_PARAMETERS = 60_000;
/** Large photos: send the batch before it holds more than this many bytes. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

type Value = null | number | bigint | string | Buffer;

/**
 * Copies each table's rows in key order, thousands of rows a round trip, keeping every value as
 * is: one array a column through unnest (a statement of a few parameters whatever the rows),
 * or, for a table with bytes, multi-row VALUES sent before a batch holds 16 MB.
 */
export async function copyTables(
  db: Database.Database,
  client: pg.ClientBase,
  plans: readonly TablePlan[],
  batchRows: number,
): Promise<Map<string, Copied>> {
  const copied = new Map<string, Copied>();
  for (const plan of plans) {
    copied.set(plan.name, await copyTable(db, client, plan, batchRows));
  }
  return copied;
}

async function copyTable(
  db: Database.Database,
  client: pg.ClientBase,
  plan: TablePlan,
  batchRows: number,
): Promise<Copied> {
  const binary = plan.binary.map((c) => plan.columns.indexOf(c));
  const perBatch = Math.max(
    1,
    Math.min(
      batchRows,
      binary.length === 0 ? batchRows : Math.floor(MAX_PARAMETERS / plan.columns.length),
    ),
  );
  const hashes = binary.map(() => createHash("sha256"));
  const select = db
    .prepare(
      `SELECT ${plan.columns.map(quote).join(", ")} FROM ${quote(plan.name)} ORDER BY ${plan.key.map(quote).join(", ")}`,
    )
    .raw(true);
  let rows = 0;
  let bytes = 0;
  let batch: Value[][] = [];
  let batchBytes = 0;
  for (const row of select.iterate() as IterableIterator<Value[]>) {
    binary.forEach((at, i) => {
      const size = foldBinary(hashes[i] as Hash, row[at]);
      bytes += size;
      batchBytes += size;
    });
    batch.push(row);
    rows += 1;
    if (batch.length >= perBatch || batchBytes >= MAX_BATCH_BYTES) {
      await insertBatch(client, plan, batch);
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) await insertBatch(client, plan, batch);
  return { rows, bytes, digest: hashes.map((h) => h.digest("hex")).join(":") };
}

async function insertBatch(
  client: pg.ClientBase,
  plan: TablePlan,
  batch: readonly Value[][],
): Promise<void> {
  const into = `INSERT INTO ${quote(plan.name)} (${plan.columns.map(quote).join(", ")}) OVERRIDING SYSTEM VALUE`;
  if (plan.binary.length === 0) {
    const arrays = plan.types.map((t, i) => `$${i + 1}::${quote(t)}[]`).join(", ");
    await client.query(
      `${into} SELECT * FROM unnest(${arrays})`,
      plan.columns.map((_, i) => batch.map((r) => r[i] ?? null)),
    );
    return;
  }
  const params: Value[] = [];
  const tuples = batch.map((row) => {
    const start = params.length;
    params.push(...row);
    return `(${row.map((_, i) => `$${start + i + 1}`).join(", ")})`;
  });
  await client.query(`${into} VALUES ${tuples.join(", ")}`, params);
}

/** Adds one bytea value to the table's digest; returns its size. */
function foldBinary(hash: Hash, value: Value | undefined): number {
  if (value === null || value === undefined) {
    hash.update("-\n");
    return 0;
  }
  const buffer = Buffer.isBuffer(value) ? value : Buffer.from(String(value));
  hash.update(`${createHash("md5").update(buffer).digest("hex")}\n`);
  return buffer.length;
}

/**
 * Counts each table on both sides and recomputes the photo digests from what PostgreSQL
 * stored (md5 on the server: only 32 characters a row cross the wire). Throws on a mismatch.
 */
export async function verifyTables(
  db: Database.Database,
  client: pg.ClientBase,
  plans: readonly TablePlan[],
  copied: ReadonlyMap<string, Copied>,
): Promise<{ table: string; rows: number; bytes: number }[]> {
  const summary: { table: string; rows: number; bytes: number }[] = [];
  for (const plan of plans) {
    const seen = copied.get(plan.name) ?? { rows: 0, bytes: 0, digest: "" };
    const source = (
      db.prepare(`SELECT count(*) AS n FROM ${quote(plan.name)}`).get() as { n: number }
    ).n;
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${quote(plan.name)}`,
    );
    const target = Number(rows[0]?.n ?? -1);
    if (source !== seen.rows || target !== seen.rows) {
      throw new Error(
        `table ${plan.name} has ${source} rows in SQLite, ${seen.rows} copied and ${target} in PostgreSQL`,
      );
    }
    if (plan.binary.length > 0) {
      const digest = await targetDigest(client, plan);
      if (digest.digest !== seen.digest || digest.bytes !== seen.bytes) {
        throw new Error(
          `the bytes of ${plan.name} differ after the copy (${seen.bytes} bytes read, ${digest.bytes} stored)`,
        );
      }
    }
    summary.push({ table: plan.name, rows: seen.rows, bytes: seen.bytes });
  }
  return summary;
}

async function targetDigest(
  client: pg.ClientBase,
  plan: TablePlan,
): Promise<{ bytes: number; digest: string }> {
  const order = plan.key.map(quote).join(", ");
  let bytes = 0;
  const digests: string[] = [];
  for (const column of plan.binary) {
    const { rows } = await client.query<{ md5: string | null; size: string | null }>(
      `SELECT md5(${quote(column)}) AS md5, octet_length(${quote(column)})::text AS size FROM ${quote(plan.name)} ORDER BY ${order}`,
    );
    const hash = createHash("sha256");
    for (const r of rows) {
      hash.update(r.md5 === null ? "-\n" : `${r.md5}\n`);
      bytes += Number(r.size ?? 0);
    }
    digests.push(hash.digest("hex"));
  }
  return { bytes, digest: digests.join(":") };
}
