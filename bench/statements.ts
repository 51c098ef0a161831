/**
 * Bench-only: counts the SQL statements this process sends to either engine (BEGIN and
 * COMMIT included), by wrapping the drivers' own entry points once: node-postgres's
 * `Client#query` (a pool's queries go through it) and better-sqlite3's statements and `exec`.
 */
import Database from "better-sqlite3";
import pg from "pg";

let sent = 0;

function wrap(target: object, method: string): void {
  const holder = target as Record<string, (...args: unknown[]) => unknown>;
  const original = holder[method];
  if (typeof original !== "function") return;
  holder[method] = function (this: unknown, ...args: unknown[]) {
    sent++;
    return original.apply(this, args);
  };
}

wrap(pg.Client.prototype, "query");
const probe = new Database(":memory:");
const statement: object = Object.getPrototypeOf(probe.prepare("SELECT 1"));
for (const method of ["run", "get", "all", "iterate"]) wrap(statement, method);
wrap(Database.prototype, "exec");
probe.close();

/** Starts counting; the function returns the statements sent since. */
export function countStatements(): () => number {
  const from = sent;
  return () => sent - from;
}
