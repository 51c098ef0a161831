import type { RowScope } from "../../domain/outbox.js";
import type { OutboxQueries } from "../../ports/repositories.js";
import { type Row, toOutbox } from "../rows.js";
import type { Sql } from "./sql.js";

/**
 * A scope's rows. `chat_id IS NULL` and `chat_id = $4` are two texts, not one
 * `IS NOT DISTINCT FROM`, which no index serves.
 */
function inScope(
  sql: Sql,
  select: string,
  scope: RowScope,
  rest: string,
): Promise<Row | undefined> {
  const chat = scope.chatId === null ? "chat_id IS NULL" : "chat_id = $4";
  const values: unknown[] = [scope.subject, scope.subjectId, scope.kind];
  if (scope.chatId !== null) values.push(scope.chatId);
  return sql.one(
    `SELECT ${select} FROM outbox
    WHERE subject = $1 AND subject_id = $2 AND kind = $3 AND ${chat} AND ${rest}`,
    values,
  );
}

export function outboxQueries(sql: Sql): OutboxQueries {
  return {
    async sentRef(scope) {
      const r = await inScope(
        sql,
        "ref",
        scope,
        "state = 'sent' AND ref IS NOT NULL ORDER BY id DESC LIMIT 1",
      );
      return (r?.ref as string | undefined) ?? null;
    },
    async hasPending(scope) {
      return (await inScope(sql, "1", scope, "state = 'pending' LIMIT 1")) !== undefined;
    },
    async hasUnsettled(scope) {
      return (
        (await inScope(sql, "1", scope, "state IN ('pending', 'sending') LIMIT 1")) !== undefined
      );
    },
    async hasAny(scope) {
      return (await inScope(sql, "1", scope, "state <> 'withdrawn' LIMIT 1")) !== undefined;
    },
    async lastActivityAt(scope) {
      const r = await inScope(
        sql,
        "max(coalesce(settled_at, due_at)) AS at",
        scope,
        "state IN ('sending', 'sent')",
      );
      return (r?.at as number | null | undefined) ?? null;
    },
    async rowsFor(subject, subjectId) {
      const rows = await sql.rows(
        "SELECT * FROM outbox WHERE subject = $1 AND subject_id = $2 ORDER BY id",
        [subject, subjectId],
      );
      return rows.map(toOutbox);
    },
  };
}
