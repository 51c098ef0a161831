import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface RunningWebServer {
  /** `http://host:port`, with the port actually bound (port 0 picks a free one). */
  readonly url: string;
  /** Stops accepting, ends idle keep-alive connections, and waits for requests in flight. */
  stop(): Promise<void>;
}

/** Serves the app with @hono/node-server; resolves once listening. */
export function startWebServer(
  app: Hono,
  options: { readonly host: string; readonly port: number },
): Promise<RunningWebServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host, port: options.port },
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
    );
    server.once("error", reject);
  });
}
