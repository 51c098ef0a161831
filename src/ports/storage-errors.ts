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
