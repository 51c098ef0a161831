import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface RunningWebServer {
  /** `http://host:port`, with the port actually bound (port 0 picks a free one). */
  readonly url: string;
  /** Stops accepting, ends idle keep-alive connections, and waits for requests in flight. */
  stop(): Promise<void>;
}

export interface WebServerOptions {
  readonly host: string;
  readonly port: number;
  /**
   * A request's headers and body must all arrive within this (Node's default
   * is 300 s, so a body dribbled a byte at a time held its socket for minutes).
   */
  readonly requestTimeoutMs?: number;
  /** Connections one remote address may hold open at once; the next ones are closed. 0: no cap. */
  readonly maxConnectionsPerClient?: number;
}

/** Every page and form here is a few kilobytes: a request still arriving after this is not a visitor. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** A browser opens about six; behind a proxy every visitor shares its address (HTTP_MAX_CONNECTIONS_PER_CLIENT). */
export const MAX_CONNECTIONS_PER_CLIENT = 20;

/** Serves the app with @hono/node-server; resolves once listening. */
export function startWebServer(app: Hono, options: WebServerOptions): Promise<RunningWebServer> {
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        hostname: options.host,
        port: options.port,
        serverOptions: {
          requestTimeout,
          headersTimeout: requestTimeout,
          // Node checks those timeouts this often (30 s by default): the bound is timeout + this.
          connectionsCheckingInterval: Math.min(1_000, requestTimeout),
        },
      },
      (info) => {
        const { address, port } = info as AddressInfo;
        const host = address.includes(":") ? `[${address}]` : address;
        resolve({
          url: `http://${host}:${port}`,
          stop: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              if ("closeIdleConnections" in server) server.closeIdleConnections();
            }),
        });
      },
    ) as Server;
    capPerClient(server, options.maxConnectionsPerClient ?? MAX_CONNECTIONS_PER_CLIENT);
    server.once("error", reject);
  });
}

/** Closes a connection at once when its address already holds `max` open. */
function capPerClient(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "";
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/** The one sentence start-up stops with when a listener cannot start. */
export function listenFailure(
  error: unknown,
  at: { readonly host: string; readonly port: number },
  variable: string,
  what: string,
): string {
  const code = (error as { code?: string }).code;
  return code === "EADDRINUSE"
    ? `cannot listen on ${at.host}:${at.port}: the port is in use; set ${variable} to another port, or off.`
    : `cannot start the ${what} on ${at.host}:${at.port} (${code ?? "error"}).`;
}
