import type { InboundEvents, SecretRepository } from "../../ports/repositories.js";
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
