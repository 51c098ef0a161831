import { UniqueViolation } from "../../ports/storage-errors.js";

const UNIQUE_CODES = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"]);

/**
 * A unique violation from better-sqlite3 ("UNIQUE constraint failed: chats.platform, …")
 * becomes the engines' common {@link UniqueViolation}; anything else stays as it is.
 */
export function translateSqliteError(error: unknown): unknown {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e?.code !== "string" || !UNIQUE_CODES.has(e.code)) return error;
  const table = /failed: ([^.\s,]+)\./.exec(String(e.message))?.[1] ?? "unknown";
  return new UniqueViolation(table, { cause: error });
}
