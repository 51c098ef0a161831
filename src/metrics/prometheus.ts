import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Metrics, OutboxGauges, PostFailure } from "../ports/metrics.js";
import type { PlatformName } from "../ports/platform.js";

/** Metrics on their own registry (never prom-client's global one), for `GET /metrics`. */
export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
  /** The exposition text and its content type. */
  scrape(): Promise<{ body: string; contentType: string }>;
}

export interface PrometheusOptions {
  /** Outbox gauges read at each scrape; absent until the core is wired. */
  readonly outbox?: OutboxGauges;
  /** Node's own process metrics (memory, event-loop lag, GC); on by default. */
  readonly processMetrics?: boolean;
  /**
   * This process's name among the bots on one database: a `replica` label on every series,
   * so the replicas' series stay apart once scraped together.
   */
  readonly replica?: string;
}

/** Builds the Prometheus implementation of the metrics port. */
export function createPrometheusMetrics(options: PrometheusOptions = {}): PrometheusMetrics {
  const registry = new Registry();
  if (options.replica !== undefined) registry.setDefaultLabels({ replica: options.replica });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });

  const sent = new Counter({
    name: "cashmob_posts_sent_total",
    help: "Posts, edits and DMs the platforms accepted.",
    labelNames: ["platform", "kind"] as const,
    registers: [registry],
  });
  const failed = new Counter({
    name: "cashmob_posts_failed_total",
    help: "Sends that failed, by the delivery failure taxonomy.",
    labelNames: ["platform", "kind", "failure"] as const,
    registers: [registry],
  });
  const limited = new Counter({
    name: "cashmob_rate_limited_total",
    help: "429 answers from a platform.",
    labelNames: ["platform"] as const,
    registers: [registry],
  });
  const rsvps = new Counter({
    name: "cashmob_rsvps_total",
    help: "Join, Maybe and Leave answers.",
    labelNames: ["choice"] as const,
    registers: [registry],
  });
  const commands = new Histogram({
    name: "cashmob_command_duration_seconds",
    help: "Time the core took to answer a command.",
    labelNames: ["command"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const lateness = new Histogram({
    name: "cashmob_scheduler_lateness_seconds",
    help: "How late a due outbox row reached its platform.",
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60, 300],
    registers: [registry],
  });
  const outbox = options.outbox;
  new Gauge({
    name: "cashmob_outbox_pending",
    help: "Outbox rows not yet sent nor given up.",
    registers: [registry],
    async collect() {
      if (outbox) this.set(await outbox.pending());
    },
  });
  new Gauge({
    name: "cashmob_outbox_oldest_due_age_seconds",
    help: "Age of the oldest due, unsent outbox row (0 when none).",
    registers: [registry],
    async collect() {
      if (outbox) this.set(await outbox.oldestDueAgeSeconds());
    },
  });

  return {
    registry,
    postSent(platform: PlatformName, kind: string) {
      sent.inc({ platform, kind });
    },
    postFailed(platform: PlatformName, kind: string, failure: PostFailure) {
      failed.inc({ platform, kind, failure });
    },
    rateLimited(platform: PlatformName) {
      limited.inc({ platform });
    },
    rsvp(choice) {
      rsvps.inc({ choice });
    },
    commandDuration(command: string, seconds: number) {
      commands.observe({ command }, seconds);
    },
    schedulerLateness(seconds: number) {
      lateness.observe(Math.max(0, seconds));
    },
    async scrape() {
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}
