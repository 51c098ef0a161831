import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { createWebApp } from "../../src/web/app.js";
import { startWebServer } from "../../src/web/server.js";
import { FakeClock } from "../fakes/clock.js";
import { LINK_SECRET, T0 } from "../fakes/web-harness.js";
import { InMemoryWebPort } from "../fakes/web-port.js";

function app() {
  const clock = new FakeClock(T0);
  return createWebApp({
    port: new InMemoryWebPort(clock),
    clock,
    publicUrl: null,
    linkSecret: LINK_SECRET,
  });
}

/** A GET on a kept-alive connection, as browsers and proxies make them. */
function getKeptAlive(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { connection: "keep-alive" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("startWebServer", () => {
  it("listens on 127.0.0.1 with the port it was given (0: any free one) and serves the app", async () => {
    const server = await startWebServer(app(), { host: "127.0.0.1", port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    } finally {
      await server.stop();
    }
  });

  it("stops promptly even with an idle keep-alive connection open, and then refuses connections", async () => {
    const server = await startWebServer(app(), { host: "127.0.0.1", port: 0 });
    expect(await getKeptAlive(`${server.url}/healthz`)).toBe(200);
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it("a port already taken is an error, not a hang", async () => {
    const first = await startWebServer(app(), { host: "127.0.0.1", port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startWebServer(app(), { host: "127.0.0.1", port })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await first.stop();
    }
  });
});
