import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createWebApp } from "../../src/web/app.js";
import { createMerchantLink } from "../../src/web/merchant-link.js";
import { type RunningWebServer, startWebServer } from "../../src/web/server.js";
import { FakeClock } from "../fakes/clock.js";
import { LINK_SECRET, T0 } from "../fakes/web-harness.js";
import { InMemoryWebPort } from "../fakes/web-port.js";

/**
 * Clients that hold sockets, on a real server on 127.0.0.1: a body or headers
 * dribbled a byte a second are cut within seconds, and one address cannot
 * hold more than its share of connections.
 */
let server: RunningWebServer | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await server?.stop();
  server = null;
});

async function start(options: { requestTimeoutMs?: number; maxConnectionsPerClient?: number }) {
  const clock = new FakeClock(T0);
  const port = new InMemoryWebPort(clock);
  const mob = port.addMob(port.addCommunity());
  const app = createWebApp({ port, clock, publicUrl: null, linkSecret: LINK_SECRET });
  server = await startWebServer(app, { host: "127.0.0.1", port: 0, ...options });
  const { url } = createMerchantLink({
    secret: LINK_SECRET,
    mobId: mob.id,
    startsAt: mob.startsAt,
    now: clock.now(),
    publicUrl: null,
  });
  return { port: Number(new URL(server.url).port), merchantPath: url };
}

/** A raw connection from `localAddress`, resolved once connected. */
function open(port: number, localAddress = "127.0.0.1"): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1", localAddress }, () => resolve(socket));
    socket.once("error", reject);
    sockets.push(socket);
  });
}

/** Writes `head`, then one byte of `drip` a second until the server closes; what it answered, and when. */
function dribble(socket: Socket, head: string, drip: string) {
  const started = Date.now();
  let answer = "";
  socket.on("data", (chunk) => {
    answer += chunk.toString("latin1");
  });
  socket.on("error", () => {});
  socket.write(head);
  let i = 0;
  const timer = setInterval(() => {
    if (!socket.destroyed && socket.writable) socket.write(drip[i++ % drip.length] ?? "x");
  }, 1_000);
  return new Promise<{ answer: string; afterMs: number; bytesSent: number }>((resolve) => {
    socket.once("close", () => {
      clearInterval(timer);
      resolve({ answer, afterMs: Date.now() - started, bytesSent: i });
    });
  });
}

/** A GET /healthz whose headers come one byte a second and never end. */
async function slowHeaders(port: number) {
  const socket = await open(port);
  return dribble(
    socket,
    "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n",
    "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  );
}

/** A GET from `localAddress`: its status, or the error that ended it. */
function get(port: number, path: string, localAddress = "127.0.0.1"): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request({ port, host: "127.0.0.1", path, localAddress, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

describe("a client sending a byte a second", () => {
  it("posting the merchant's form is answered 408 and cut within 5 s (the form's deadline)", async () => {
    const { port, merchantPath } = await start({});
    const socket = await open(port);
    const head = [
      `POST ${merchantPath} HTTP/1.1`,
      "Host: 127.0.0.1",
      "Content-Type: application/x-www-form-urlencoded",
      "Content-Length: 200",
      "",
      "",
    ].join("\r\n");
    const { answer, afterMs, bytesSent } = await dribble(socket, head, "answer=agreed&note=");
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain("The answer took too long to arrive");
    expect(afterMs).toBeGreaterThanOrEqual(4_500);
    expect(afterMs).toBeLessThan(8_000);
    expect(bytesSent).toBeLessThan(200);
  }, 20_000);

  it("sending headers is cut once the request timeout passes, whatever the route", async () => {
    const { port } = await start({ requestTimeoutMs: 2_000 });
    const { answer, afterMs } = await slowHeaders(port);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeLessThan(2_000 + 1_000 + 1_500);
  }, 20_000);

  it("by default, Node's 300 s is down to 10 s for headers and body", async () => {
    const { port } = await start({});
    const { answer, afterMs } = await slowHeaders(port);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(afterMs).toBeGreaterThanOrEqual(9_500);
    expect(afterMs).toBeLessThan(10_000 + 1_000 + 1_500);
  }, 30_000);
});

describe("connections per client", () => {
  it("the 21st connection from one address is closed while another address is served, and a freed slot is reusable", async () => {
    const { port } = await start({});
    const held: Socket[] = [];
    for (let i = 0; i < 20; i++) {
      const socket = await open(port);
      // Half a request: the server keeps the connection, waiting for the rest.
      socket.write("GET /healthz HTTP/1.1\r\n");
      held.push(socket);
    }
    const refused = await get(port, "/healthz");
    expect(refused).toBe("ECONNRESET");
    expect(await get(port, "/healthz", "127.0.0.2")).toBe(200);

    held[0]?.destroy();
    // The server sees the close a moment later: ask until the slot is free.
    let status: number | string = refused;
    for (let tries = 0; tries < 50 && status !== 200; tries++) status = await get(port, "/healthz");
    expect(status).toBe(200);
  }, 20_000);

  it("1,000 connections from one address holding half a request: only 20 are kept", async () => {
    const { port } = await start({});
    let closed = 0;
    const all = await Promise.all(
      Array.from({ length: 1_000 }, async () => {
        const socket = await open(port).catch(() => null);
        if (!socket) {
          closed++;
          return null;
        }
        socket.on("error", () => {});
        socket.once("close", () => closed++);
        socket.write("GET /healthz HTTP/1.1\r\n");
        return socket;
      }),
    );
    await until(() => closed >= 980);
    expect(all.filter((s) => s !== null && !s.destroyed)).toHaveLength(20);
  }, 30_000);
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
