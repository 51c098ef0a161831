import { Hono } from "hono";
import type { WebAppDeps } from "../deps.js";
import { metricsRoute } from "./metrics.js";

/** `GET /healthz` and `GET /metrics`, for operators and their monitoring. */
export function opsRoutes(deps: WebAppDeps): Hono {
  const app = new Hono();

  app.get("/healthz", async (c) => {
    let database: string;
    let engine: string | undefined;
    let platforms: Readonly<Record<string, string>>;
    try {
      ({ database, engine, platforms } = await deps.port.health());
    } catch (error) {
      deps.logger?.error({ err: errorMessage(error) }, "health check failed");
      database = "health check failed";
      platforms = {};
    }
    const failing = [
      ...(database === "ok" ? [] : ["database"]),
      ...Object.entries(platforms)
        .filter(([, state]) => state !== "connected")
        .map(([name]) => name),
    ];
    const body = {
      status: failing.length === 0 ? "ok" : "unhealthy",
      database,
      ...(engine === undefined ? {} : { engine }),
      platforms,
      ...(failing.length === 0 ? {} : { failing }),
    };
    return c.json(body, failing.length === 0 ? 200 : 503, { "Cache-Control": "no-store" });
  });

  if (deps.metrics)
    app.route("/", metricsRoute({ source: deps.metrics, token: deps.metricsToken ?? null }));
  else app.get("/metrics", (c) => c.body(null, 404));

  return app;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
