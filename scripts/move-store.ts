/**
 * `npm run move-store -- --to postgres://… [--from <sqlite file>]`: copies a stopped bot's
 * SQLite database into an empty PostgreSQL database (src/storage/move-store.ts), prints a
 * line per table, exits 0; or prints one sentence and exits 1, nothing copied.
 */
import { parseArgs } from "node:util";
import { MoveRefusal, moveStore } from "../src/storage/move-store.js";

const USAGE =
  "usage: npm run move-store -- --to postgres://user:password@host:5432/database [--from <sqlite file>]";

function fail(sentence: string): never {
  process.stderr.write(`cashmob move-store: ${sentence}\n`);
  process.exit(1);
}

const env = (name: string) => {
  const v = process.env[name]?.trim();
  return v === "" ? undefined : v;
};

let values: { to?: string; from?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      to: { type: "string" },
      from: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)} (${USAGE})`);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
// The URL may also come from DATABASE_URL, which keeps the password off the command line.
const to = values.to ?? env("DATABASE_URL");
if (to === undefined) fail(`say where to move the store with --to or DATABASE_URL (${USAGE})`);
const from = values.from ?? env("DATABASE_PATH") ?? "./data/cashmob.db";

try {
  const report = await moveStore({ from, to });
  const width = Math.max(...report.tables.map((t) => t.table.length), 5);
  for (const t of report.tables) {
    const bytes = t.bytes > 0 ? `  ${(t.bytes / 1_048_576).toFixed(1)} MB, bytes verified` : "";
    process.stdout.write(`${t.table.padEnd(width)}  ${String(t.rows).padStart(9)} rows${bytes}\n`);
  }
  const total = report.tables.reduce((n, t) => n + t.rows, 0);
  process.stdout.write(
    `moved ${total} rows from ${from} to ${report.target} in ${(report.elapsedMs / 1000).toFixed(1)} s; counts verified. Start the bot with DATABASE_URL pointing there.\n`,
  );
} catch (error) {
  const sentence = error instanceof Error ? error.message : String(error);
  if (!(error instanceof MoveRefusal)) fail(`the move failed: ${sentence}`);
  fail(values.to === undefined ? sentence : sentence.replaceAll("DATABASE_URL", "--to"));
}
