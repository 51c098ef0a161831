import type { Client } from "discord.js";
import type { Logger } from "../../src/ports/logger.js";

/** A gateway dispatch as discord.js receives it. */
interface Packet {
  readonly t?: string | null;
  readonly s?: number | null;
  readonly d?: unknown;
}

/** discord.js's entry point for every dispatch (private in its typings, there throughout v14). */
interface PacketSink {
  handlePacket(packet?: Packet, shard?: unknown): boolean;
}

/**
 * Keeps one malformed gateway event from killing the process.
 *
 * discord.js turns a dispatch into its structures synchronously inside the
 * gateway's message listener: a payload that real Discord would not send (a
 * button press without its message, a context-menu command without resolved
 * data) throws there, the throw rejects @discordjs/ws's async message handler,
 * and Node ends the process on the unhandled rejection. Wrapping the entry
 * point drops such an event with one warning; the client goes on with the next.
 * Install before `login()`.
 */
export function guardPackets(client: Client, logger: Logger): void {
  const ws = client.ws as unknown as PacketSink;
  const handle = ws.handlePacket;
  if (typeof handle !== "function") {
    // A discord.js upgrade moved it: fail at start-up rather than lose the guard quietly.
    throw new Error("discord.js has no client.ws.handlePacket any more: update packet-guard.ts");
  }
  // An own property: discord.js's re-entrant calls (queued packets) go through it too.
  ws.handlePacket = (packet, shard) => {
    try {
      return handle.call(ws, packet, shard);
    } catch (error) {
      logger.warn(
        {
          event: packet?.t ?? null,
          seq: packet?.s ?? null,
          ...identify(packet?.d),
          error: error instanceof Error ? error.message : String(error),
        },
        "dropped a malformed Discord gateway event",
      );
      return true;
    }
  };
}

/** What names an event in the log: ids and types, never the payload (an interaction carries its token). */
function identify(d: unknown): Record<string, unknown> {
  if (typeof d !== "object" || d === null) return {};
  const { id, type, data } = d as { id?: unknown; type?: unknown; data?: unknown };
  const inner = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  return {
    ...(typeof id === "string" ? { interactionId: id } : {}),
    ...(typeof type === "number" ? { interactionType: type } : {}),
    ...(typeof inner.type === "number" ? { commandType: inner.type } : {}),
    ...(typeof inner.component_type === "number" ? { componentType: inner.component_type } : {}),
  };
}
