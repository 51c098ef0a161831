/**
 * The fake Discord's gateway: v10 JSON over WebSocket (ws package), enough for
 * discord.js to log in and receive dispatches: HELLO, IDENTIFY → READY then
 * GUILD_CREATE, heartbeats and their ACKs, RESUME → RESUMED, and dispatches
 * injected by tests (INTERACTION_CREATE).
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";

const OP = {
  dispatch: 0,
  heartbeat: 1,
  identify: 2,
  resume: 6,
  invalidSession: 9,
  hello: 10,
  heartbeatAck: 11,
} as const;

export interface GatewayHooks {
  /** The bot token the gateway accepts. */
  readonly token: string;
  readonly heartbeatIntervalMs: number;
  /** READY's payload for a new session. */
  ready(sessionId: string, resumeUrl: string): Record<string, unknown>;
  /** Dispatches sent right after READY (GUILD_CREATE for each guild). */
  afterReady(): { t: string; d: unknown }[];
}

interface Session {
  readonly socket: WebSocket;
  readonly id: string;
  seq: number;
  identified: boolean;
}

export class FakeGateway {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sessions = new Set<Session>();
  #nextSession = 1;
  /** Every opcode received from clients, in order, for assertions. */
  readonly received: { op: number; t?: string }[] = [];

  constructor(
    private readonly hooks: GatewayHooks,
    private readonly url: () => string,
  ) {}

  /** Takes over WebSocket upgrades on the HTTP server (any path: discord.js appends `?v=10&encoding=json`). */
  attach(server: Server): void {
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#open(ws));
    });
  }

  /** Sessions that finished IDENTIFY or RESUME. */
  get connected(): number {
    return [...this.#sessions].filter((s) => s.identified).length;
  }

  /** Sends a dispatch to every identified session. */
  dispatch(t: string, d: unknown): void {
    for (const s of this.#sessions) if (s.identified) this.#send(s, t, d);
  }

  /** Drops every connection as if Discord closed them (code 4000 lets clients resume). */
  dropAll(code = 4000): void {
    for (const s of this.#sessions) s.socket.close(code, "fake gateway dropped the session");
  }

  async close(): Promise<void> {
    for (const s of this.#sessions) s.socket.terminate();
    this.#sessions.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #open(socket: WebSocket): void {
    const session: Session = {
      socket,
      id: `session-${this.#nextSession++}`,
      seq: 0,
      identified: false,
    };
    this.#sessions.add(session);
    socket.on("close", () => this.#sessions.delete(session));
    socket.on("message", (raw) => this.#onMessage(session, String(raw)));
    socket.send(
      JSON.stringify({ op: OP.hello, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs } }),
    );
  }

  #onMessage(session: Session, raw: string): void {
    let msg: { op: number; d?: Record<string, unknown> | number | null };
    try {
      msg = JSON.parse(raw);
    } catch {
      session.socket.close(4002, "Error while decoding payload.");
      return;
    }
    this.received.push({ op: msg.op });
    const d = typeof msg.d === "object" && msg.d !== null ? msg.d : {};
    switch (msg.op) {
      case OP.heartbeat:
        session.socket.send(JSON.stringify({ op: OP.heartbeatAck }));
        return;
      case OP.identify: {
        if (d.token !== this.hooks.token) {
          session.socket.close(4004, "Authentication failed.");
          return;
        }
        session.identified = true;
        this.#send(session, "READY", this.hooks.ready(session.id, this.url()));
        for (const e of this.hooks.afterReady()) this.#send(session, e.t, e.d);
        return;
      }
      case OP.resume:
        if (d.token !== this.hooks.token) {
          session.socket.close(4004, "Authentication failed.");
          return;
        }
        // Nothing is replayed: the fake keeps no per-session backlog.
        session.identified = true;
        this.#send(session, "RESUMED", {});
        return;
      default:
        return;
    }
  }

  #send(session: Session, t: string, d: unknown): void {
    session.seq++;
    session.socket.send(JSON.stringify({ op: OP.dispatch, t, s: session.seq, d }));
  }
}
