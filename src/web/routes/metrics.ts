import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";

/** What `/metrics` serves (the Prometheus registry in production). */
export interface MetricsSource {
  scrape(): Promise<{ body: string; contentType: string }>;
}

/** Who may read `/metrics` on a listener: anyone who reaches it (token null), or a bearer of the token. */
export interface MetricsAccess {
  readonly source: MetricsSource;
  readonly token: string | null;
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** The request carries `Authorization: Bearer <token>`, compared in constant time. */
function bears(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/** `GET /metrics`: Prometheus text, behind the token when there is one (401 without it). */
export function metricsRoute(access: MetricsAccess): Hono {
  const app = new Hono();
  app.get("/metrics", async (c) => {
    if (access.token !== null && !bears(c.req.header("authorization"), access.token)) {
      return c.text("Unauthorized", 401, {
        "WWW-Authenticate": 'Bearer realm="metrics"',
        "Cache-Control": "no-store",
      });
    }
    const { body, contentType } = await access.source.scrape();
    return c.body(body, 200, { "Content-Type": contentType, "Cache-Control": "no-store" });
  });
  return app;
}

/** The app for METRICS_PORT: `/metrics` and nothing else. */
export function createMetricsApp(access: MetricsAccess): Hono {
  const app = new Hono();
  app.route("/", metricsRoute(access));
  app.notFound((c) => c.text("Not Found", 404));
  return app;
}

/** 127.0.0.1 (and the rest of 127/8), ::1, localhost: only this machine reaches it. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Whether the public listener (HTTP_HOST:HTTP_PORT) serves `/metrics`: not
 * when it has its own port; with a token, yes; without one, only when the
 * public listener is loopback, so a server open to the world never shows it.
 */
export function metricsOnPublicListener(
  httpHost: string,
  metrics: { readonly token: string | null; readonly listener: object | null },
): boolean {
  if (metrics.listener !== null) return false;
  return metrics.token !== null || isLoopback(httpHost);
}
