/**
 * A TCP relay of the tests' own on 127.0.0.1, between one process and a server (PostgreSQL):
 * bytes pass both ways untouched until `cut()`, which drops every open connection and refuses
 * new ones, as a network partition between that process and its database would.
 */

import type { AddressInfo } from "node:net";
import { connect, createServer, type Server, type Socket } from "node:net";

export class TcpCut {
  readonly #target: number;
  readonly #sockets = new Set<Socket>();
  #server: Server | null = null;
  #port = 0;
  #cut = false;
  /** Date.now() at the cut, null before. */
  cutAt: number | null = null;

  constructor(targetPort: number) {
    this.#target = targetPort;
  }

  get port(): number {
    return this.#port;
  }

  async start(): Promise<this> {
    const server = createServer((client) => this.#relay(client));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  /** Drops every connection and refuses the next ones (the port stops listening). */
  async cut(): Promise<void> {
    this.#cut = true;
    this.cutAt = Date.now();
    for (const socket of this.#sockets) socket.destroy();
    await this.stop();
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #relay(client: Socket): void {
    if (this.#cut) {
      client.destroy();
      return;
    }
    const upstream = connect(this.#target, "127.0.0.1");
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
