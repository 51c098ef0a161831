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
