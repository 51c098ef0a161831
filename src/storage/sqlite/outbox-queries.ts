import type { OutboxQueries } from "../../ports/repositories.js";
import { toOutbox } from "../rows.js";
import type { Sql } from "./sql.js";

/** `chat_id IS ?` matches NULL to NULL, so one statement serves rows with and without a chat. */
const SCOPE =
  "subject = @subject AND subject_id = @subjectId AND kind = @kind AND chat_id IS @chatId";

const SENT_REF = `SELECT ref FROM outbox WHERE ${SCOPE} AND state = 'sent' AND ref IS NOT NULL
  ORDER BY id DESC LIMIT 1`;
const HAS_PENDING = `SELECT 1 FROM outbox WHERE ${SCOPE} AND state = 'pending' LIMIT 1`;
const HAS_UNSETTLED = `SELECT 1 FROM outbox WHERE ${SCOPE} AND state IN ('pending', 'sending')
  LIMIT 1`;
const HAS_ANY = `SELECT 1 FROM outbox WHERE ${SCOPE} AND state <> 'withdrawn' LIMIT 1`;
const LAST_ACTIVITY = `SELECT max(coalesce(settled_at, due_at)) AS at FROM outbox
  WHERE ${SCOPE} AND state IN ('sending', 'sent')`;
const ROWS_FOR = "SELECT * FROM outbox WHERE subject = ? AND subject_id = ? ORDER BY id";

export function outboxQueries(sql: Sql): OutboxQueries {
  return {
    async sentRef(scope) {
      return (sql.one(SENT_REF, scope)?.ref as string | undefined) ?? null;
    },
    async hasPending(scope) {
      return sql.one(HAS_PENDING, scope) !== undefined;
    },
    async hasUnsettled(scope) {
      return sql.one(HAS_UNSETTLED, scope) !== undefined;
    },
    async hasAny(scope) {
      return sql.one(HAS_ANY, scope) !== undefined;
    },
    async lastActivityAt(scope) {
      return (sql.one(LAST_ACTIVITY, scope)?.at as number | null | undefined) ?? null;
    },
    async rowsFor(subject, subjectId) {
      return sql.rows(ROWS_FOR, subject, subjectId).map(toOutbox);
    },
  };
}
