import { Hono } from "hono";
import type { WebAppDeps } from "../deps.js";
import { metricsRoute } from "./metrics.js";

interface Checked {
  readonly database: string;
  readonly engine?: string;
  readonly platforms: Readonly<Record<string, string>>;
  /** What is not fine: "database", then each platform not connected. */
  readonly failing: readonly string[];
}

/**
 * `GET /healthz`, `GET /livez`, `GET /readyz` and `GET /metrics`, for operators and their
 * monitoring. /livez says the process answers (restart it when it does not); /readyz says
 * this replica can do its work (route traffic to it only then): its database answers and
 * its platforms are connected. /healthz is the older, fuller answer, kept as it was.
 */
export function opsRoutes(deps: WebAppDeps): Hono {
  const app = new Hono();
  const noStore = { "Cache-Control": "no-store" };
  const replica = deps.replica === undefined ? {} : { replica: deps.replica };

  const check = async (): Promise<Checked> => {
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
    return { database, ...(engine === undefined ? {} : { engine }), platforms, failing };
  };

  app.get("/healthz", async (c) => {
    const { failing, ...rest } = await check();
    const body = {
      status: failing.length === 0 ? "ok" : "unhealthy",
      ...rest,
      ...(failing.length === 0 ? {} : { failing }),
    };
    return c.json(body, failing.length === 0 ? 200 : 503, noStore);
  });

  // The process is up and its event loop answers: nothing else is asked (not even the database).
  app.get("/livez", (c) => c.json({ status: "live", ...replica }, 200, noStore));

  app.get("/readyz", async (c) => {
    const { failing, ...rest } = await check();
    const ready = failing.length === 0;
    const body = {
      status: ready ? "ready" : "not ready",
      ...replica,
      ...rest,
      ...(ready ? {} : { failing }),
    };
    return c.json(body, ready ? 200 : 503, noStore);
  });

  if (deps.metrics)
    app.route("/", metricsRoute({ source: deps.metrics, token: deps.metricsToken ?? null }));
  else app.get("/metrics", (c) => c.body(null, 404));

  return app;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
