import { createPrometheusMetrics } from "../../src/metrics/prometheus.js";
import { createWebApp } from "../../src/web/app.js";
import { CardCache } from "../../src/web/card-cache.js";
import { FakeClock } from "./clock.js";
import { InMemoryWebPort } from "./web-port.js";

export const PUBLIC_URL = "https://mobs.example.org";
export const LINK_SECRET = "test-link-secret-0123456789abcdef-0123";
/** Thursday 26 November 2026, 10:00 UTC. */
export const T0 = Date.UTC(2026, 10, 26, 10, 0);

/** The web app on an in-memory port and a fake clock; `request` needs no socket. */
/** The replica the harness's web app and metrics say they are. */
export const REPLICA = "host-1234-abcdef";

export function webHarness(options: { publicUrl?: string | null } = {}) {
  const clock = new FakeClock(T0);
  const port = new InMemoryWebPort(clock);
  const metrics = createPrometheusMetrics({
    processMetrics: false,
    replica: REPLICA,
    outbox: { pending: () => 7, oldestDueAgeSeconds: () => 42 },
  });
  const cards = new CardCache();
  const publicUrl = options.publicUrl === undefined ? PUBLIC_URL : options.publicUrl;
  const app = createWebApp({
    port,
    clock,
    publicUrl,
    linkSecret: LINK_SECRET,
    metrics,
    cards,
    replica: REPLICA,
  });
  const community = port.addCommunity();
  return {
    clock,
    port,
    metrics,
    cards,
    app,
    community,
    request: (path: string, init?: RequestInit) =>
      app.request(`http://127.0.0.1:8080${path}`, init),
  };
}
