import type {
  InboundEvents,
  SecretRepository,
  WithheldRepository,
} from "../../ports/repositories.js";
import type { Sql } from "./sql.js";

const MARK_HANDLED =
  "INSERT INTO inbound_events (key, handled_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING";
const PRUNE_HANDLED = "DELETE FROM inbound_events WHERE handled_at < ?";
const PUT_SECRET =
  "INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING";
const GET_SECRET = "SELECT value FROM secrets WHERE name = ?";

export function inboundEvents(sql: Sql): InboundEvents {
  return {
    async markHandled(key, now) {
      return sql.run(MARK_HANDLED, key, now) === 1;
    },
    async pruneHandled(before) {
      return sql.run(PRUNE_HANDLED, before);
    },
  };
}

export function secrets(sql: Sql): SecretRepository {
  return {
    async secret(name, make, now) {
      sql.run(PUT_SECRET, name, make(), now);
      return sql.one(GET_SECRET, name)?.value as string;
    },
  };
}

const REMEMBER_WITHHELD = `INSERT INTO withheld_secrets (platform, user_id, chat_id, at)
  VALUES (?, ?, ?, ?) ON CONFLICT (platform, user_id, chat_id) DO UPDATE SET at = excluded.at`;
const TAKE_WITHHELD = `DELETE FROM withheld_secrets WHERE platform = ? AND user_id = ?
  RETURNING chat_id, at`;
const PRUNE_WITHHELD = "DELETE FROM withheld_secrets WHERE at < ?";

export function withheld(sql: Sql): WithheldRepository {
  return {
    async rememberWithheld(platform, userId, chatId, now) {
      sql.run(REMEMBER_WITHHELD, platform, userId, chatId, now);
    },
    async takeWithheld(platform, userId) {
      return sql
        .rows(TAKE_WITHHELD, platform, userId)
        .sort((a, b) => (a.at as number) - (b.at as number))
        .map((r) => r.chat_id as string);
    },
    async pruneWithheld(before) {
      return sql.run(PRUNE_WITHHELD, before);
    },
  };
}
