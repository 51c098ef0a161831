import { describe, expect, it } from "vitest";
import { createPrometheusMetrics } from "../../src/metrics/prometheus.js";
import type { HealthView } from "../../src/ports/web.js";
import { createWebApp } from "../../src/web/app.js";
import { createMetricsApp, metricsOnPublicListener } from "../../src/web/routes/metrics.js";
import { FakeClock } from "../fakes/clock.js";
import { parsePrometheusText } from "../fakes/prometheus-text.js";
import { LINK_SECRET, REPLICA, T0, webHarness } from "../fakes/web-harness.js";
import { InMemoryWebPort } from "../fakes/web-port.js";

describe("GET /healthz", () => {
  const fine = {
    database: "ok",
    engine: "postgres",
    platforms: { telegram: "connected", discord: "connected" },
  } as const;
  const broken = {
    database: "SQLITE_READONLY: attempt to write a readonly database",
    engine: "sqlite",
    platforms: { telegram: "connected", discord: "gateway reconnecting" },
  } as const;
  it.each([
    {
      when: "is 200 with a small JSON naming the engine when the database and every platform are fine",
      view: fine,
      status: 200,
      body: { status: "ok", ...fine },
    },
    {
      when: "is 503 naming what is not fine",
      view: broken,
      status: 503,
      body: { status: "unhealthy", ...broken, failing: ["database", "discord"] },
    },
  ])("$when", async ({ view, status, body }) => {
    const h = webHarness();
    h.port.healthView = view;
    const res = await h.request("/healthz");
    expect(res.status).toBe(status);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual(body);
  });

  it("is 503 when the health check itself throws", async () => {
    const clock = new FakeClock(T0);
    const port = new InMemoryWebPort(clock);
    port.health = () => {
      throw new Error("database is locked");
    };
    const app = createWebApp({ port, clock, publicUrl: null, linkSecret: LINK_SECRET });
    const res = await app.request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unhealthy", failing: ["database"] });
  });
});

describe("GET /livez and GET /readyz", () => {
  /** GET `path` on a replica whose health check gives `health`, or throws it. */
  async function probe(path: "/livez" | "/readyz", health: HealthView | Error) {
    const h = webHarness();
    h.port.health = () => {
      if (health instanceof Error) throw health;
      return health;
    };
    const res = await h.request(path);
    expect(res.headers.get("cache-control")).toBe("no-store");
    return { status: res.status, body: await res.json() };
  }
  /** The database answers; the platforms are in these states. */
  const answering = (platforms: HealthView["platforms"]): HealthView => ({
    database: "ok",
    engine: "postgres",
    platforms,
  });

  it("/livez is 200 naming the replica, even with the database and a platform down", async () => {
    expect(await probe("/livez", new Error("database is locked"))).toEqual({
      status: 200,
      body: { status: "live", replica: REPLICA },
    });
  });

  it("/readyz is 200 when the database answers and every platform of this replica is up", async () => {
    const platforms = { telegram: "connected", discord: "connected" };
    expect(await probe("/readyz", answering(platforms))).toEqual({
      status: 200,
      body: { status: "ready", replica: REPLICA, database: "ok", engine: "postgres", platforms },
    });
  });

  it("/readyz is 503 naming the platform that is down", async () => {
    const down = answering({ telegram: "connected", discord: "gateway reconnecting" });
    expect(await probe("/readyz", down)).toMatchObject({
      status: 503,
      body: {
        status: "not ready",
        replica: REPLICA,
        platforms: { discord: "gateway reconnecting" },
        failing: ["discord"],
      },
    });
  });

  it("/readyz is 503 naming the database when it does not answer", async () => {
    const refused = new Error("connect ECONNREFUSED 127.0.0.1:5432");
    expect(await probe("/readyz", refused)).toMatchObject({
      status: 503,
      body: { status: "not ready", database: "health check failed", failing: ["database"] },
    });
  });
});

describe("GET /metrics", () => {
  it("labels every series with the replica, so replicas scraped together stay apart", async () => {
    const h = webHarness();
    h.metrics.postSent("telegram", "reminder");
    const families = parsePrometheusText(await (await h.request("/metrics")).text());
    const samples = [...families.values()].flatMap((f) => f.samples);
    expect(samples.length).toBeGreaterThan(5);
    expect(samples.every((s) => s.labels.replica === REPLICA)).toBe(true);
  });

  it("serves Prometheus text with what the core reported and the outbox read at scrape time", async () => {
    const h = webHarness();
    h.metrics.postSent("telegram", "reminder");
    h.metrics.postSent("telegram", "reminder");
    h.metrics.postSent("discord", "call_to_action");
    h.metrics.postFailed("discord", "reminder", "rate_limited");
    h.metrics.rateLimited("discord");
    h.metrics.rsvp("going");
    h.metrics.rsvp("going");
    h.metrics.rsvp("leave");
    h.metrics.commandDuration("join", 0.003);
    h.metrics.commandDuration("join", 0.2);
    h.metrics.schedulerLateness(0.02);
    const res = await h.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const families = parsePrometheusText(await res.text());
    const value = (family: string, labels: Record<string, string> = {}, name = family) =>
      families
        .get(family)
        ?.samples.find(
          (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
        )?.value;
    expect(families.get("cashmob_posts_sent_total")?.type).toBe("counter");
    expect(value("cashmob_posts_sent_total", { platform: "telegram", kind: "reminder" })).toBe(2);
    expect(value("cashmob_posts_sent_total", { platform: "discord", kind: "call_to_action" })).toBe(
      1,
    );
    expect(
      value("cashmob_posts_failed_total", {
        platform: "discord",
        kind: "reminder",
        failure: "rate_limited",
      }),
    ).toBe(1);
    expect(value("cashmob_rate_limited_total", { platform: "discord" })).toBe(1);
    expect(value("cashmob_rsvps_total", { choice: "going" })).toBe(2);
    expect(value("cashmob_rsvps_total", { choice: "leave" })).toBe(1);
    expect(families.get("cashmob_command_duration_seconds")?.type).toBe("histogram");
    expect(
      value(
        "cashmob_command_duration_seconds",
        { command: "join" },
        "cashmob_command_duration_seconds_count",
      ),
    ).toBe(2);
    expect(
      value(
        "cashmob_command_duration_seconds",
        { command: "join", le: "0.005" },
        "cashmob_command_duration_seconds_bucket",
      ),
    ).toBe(1);
    expect(
      value("cashmob_scheduler_lateness_seconds", {}, "cashmob_scheduler_lateness_seconds_count"),
    ).toBe(1);
    expect(value("cashmob_outbox_pending")).toBe(7);
    expect(value("cashmob_outbox_oldest_due_age_seconds")).toBe(42);
  });

  it("keeps its own registry: two instances do not share counts", async () => {
    const a = createPrometheusMetrics({ processMetrics: false });
    const b = createPrometheusMetrics({ processMetrics: false });
    a.rsvp("maybe");
    const text = (await b.scrape()).body;
    expect(parsePrometheusText(text).get("cashmob_rsvps_total")?.samples).toEqual([]);
  });

  it("includes Node's process metrics by default", async () => {
    const metrics = createPrometheusMetrics();
    const families = parsePrometheusText((await metrics.scrape()).body);
    expect(families.get("process_resident_memory_bytes")?.type).toBe("gauge");
    expect(families.get("nodejs_eventloop_lag_seconds")?.type).toBe("gauge");
  });

  it("answers 404 when no metrics are wired", async () => {
    const clock = new FakeClock(T0);
    const app = createWebApp({
      port: new InMemoryWebPort(clock),
      clock,
      publicUrl: null,
      linkSecret: LINK_SECRET,
    });
    expect((await app.request("/metrics")).status).toBe(404);
  });
});

describe("who may read /metrics", () => {
  function appWith(metricsToken: string | null) {
    const clock = new FakeClock(T0);
    const metrics = createPrometheusMetrics({ processMetrics: false });
    metrics.rsvp("going");
    return createWebApp({
      port: new InMemoryWebPort(clock),
      clock,
      publicUrl: null,
      linkSecret: LINK_SECRET,
      metrics,
      metricsToken,
    });
  }
  const TOKEN = "scrape-me-0123456789";

  it("with METRICS_TOKEN, only a bearer of the token reads it; anyone else gets 401 and no numbers", async () => {
    const app = appWith(TOKEN);
    for (const authorization of [
      undefined,
      "Bearer wrong-token-0123456789",
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const res = await app.request(
        "/metrics",
        authorization ? { headers: { authorization } } : {},
      );
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await res.text()).not.toContain("cashmob_");
    }
    const res = await app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("cashmob_rsvps_total");
  });

  it("METRICS_PORT's app serves /metrics and nothing else", async () => {
    const metrics = createPrometheusMetrics({ processMetrics: false });
    const app = createMetricsApp({ source: metrics, token: null });
    expect((await app.request("/metrics")).status).toBe(200);
    expect((await app.request("/healthz")).status).toBe(404);
    expect((await app.request("/m/anything")).status).toBe(404);
  });

  it.each<[string, string | null, boolean, boolean]>([
    ["127.0.0.1", null, false, true],
    ["127.0.0.2", null, false, true],
    ["::1", null, false, true],
    ["[::1]", null, false, true],
    ["localhost", null, false, true],
    ["0.0.0.0", null, false, false],
    ["::", null, false, false],
    ["192.168.1.10", null, false, false],
    ["0.0.0.0", TOKEN, false, true],
    ["127.0.0.1", TOKEN, true, false],
    ["0.0.0.0", null, true, false],
  ])(
    "HTTP_HOST=%s, token %s, own port %s: on the public listener %s",
    (host, token, own, served) => {
      const listener = own ? { host: "127.0.0.1", port: 9464 } : null;
      expect(metricsOnPublicListener(host, { token, listener })).toBe(served);
    },
  );
});
