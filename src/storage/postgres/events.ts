import type {
  InboundEvents,
  SecretRepository,
  WithheldRepository,
} from "../../ports/repositories.js";
import type { Sql } from "./sql.js";

export function inboundEvents(sql: Sql): InboundEvents {
  return {
    async markHandled(key, now) {
      // A second unit with the same key waits for the first and then adds nothing: one true.
      const added = await sql.run(
        "INSERT INTO inbound_events (key, handled_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        [key, now],
      );
      return added === 1;
    },
    pruneHandled(before) {
      return sql.run("DELETE FROM inbound_events WHERE handled_at < $1", [before]);
    },
  };
}

export function secrets(sql: Sql): SecretRepository {
  return {
    async secret(name, make, now) {
      const kept = await sql.one(
        `WITH made AS (INSERT INTO secrets (name, value, created_at) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO NOTHING RETURNING value)
        SELECT value FROM made UNION ALL SELECT value FROM secrets WHERE name = $1 LIMIT 1`,
        [name, make(), now],
      );
      if (kept) return kept.value as string;
      // Another unit made it after this statement began (its snapshot cannot see the row,
      // the insert waited for it): the next statement's snapshot can.
      const other = await sql.one("SELECT value FROM secrets WHERE name = $1", [name]);
      if (!other) throw new Error(`the secret ${name} vanished`);
      return other.value as string;
    },
  };
}

export function withheld(sql: Sql): WithheldRepository {
  return {
    async rememberWithheld(platform, userId, chatId, now) {
      await sql.run(
        `INSERT INTO withheld_secrets (platform, user_id, chat_id, at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (platform, user_id, chat_id) DO UPDATE SET at = excluded.at`,
        [platform, userId, chatId, now],
      );
    },
    async takeWithheld(platform, userId) {
      const rows = await sql.rows(
        `DELETE FROM withheld_secrets WHERE platform = $1 AND user_id = $2
        RETURNING chat_id, at`,
        [platform, userId],
      );
      return rows.sort((a, b) => Number(a.at) - Number(b.at)).map((r) => r.chat_id as string);
    },
    pruneWithheld(before) {
      return sql.run("DELETE FROM withheld_secrets WHERE at < $1", [before]);
    },
  };
}
