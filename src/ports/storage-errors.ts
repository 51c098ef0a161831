/**
 * What a storage engine answers when a write breaks a unique rule (the same chat
 * registered twice, a queued shop nominated again, a link code reused). Both
 * engines throw this, never their driver's own error, so a caller can tell a
 * duplicate from a bug the same way on SQLite and PostgreSQL.
 */
export class UniqueViolation extends Error {
  override readonly name = "UniqueViolation";
  /** The table whose unique rule the write broke (`chats`, `nominations`, …). */
  readonly table: string;

  constructor(table: string, options?: { cause?: unknown }) {
    super(`a row of ${table} with the same unique key exists already`, options);
    this.table = table;
  }
}

/**
 * Storage errors the bot cannot work around (disk full, file read-only,
 * corrupt, I/O error): the process should stop with a clear message rather
 * than keep answering with apologies. Returns a plain description, or null.
 */
export function fatalStorageFailure(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  if (code === "SQLITE_FULL") return "the disk is full";
  if (code.startsWith("SQLITE_READONLY")) return "the database file is read-only";
  if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB") return "the database file is corrupt";
  if (code.startsWith("SQLITE_IOERR")) return "the disk reported an I/O error";
  if (code === "SQLITE_CANTOPEN") return "the database file cannot be opened";
  return null;
}

/**
 * A use case lost a race it cannot answer inside its unit: another unit, side by side on
 * PostgreSQL, settled the same thing first (closed the vote, used the link code, claimed the
 * group). Thrown, it rolls the unit back, and the engine runs the unit again from the start:
 * the rerun sees what the winner wrote and answers as a late repeat of the action would.
 * On SQLite, where units take turns, no use case meets it.
 */
export class ConcurrentChange extends Error {
  override readonly name = "ConcurrentChange";

  constructor(what: string) {
    super(`${what} changed in another unit of work meanwhile`);
  }
}
