/**
 * Start-up pieces that only read the config and the unit of work: the core's settings and
 * link secret, the Prometheus metrics with the outbox read at scrape time, and the nightly
 * housekeeping. Kept out of main.ts, which wires the concrete adapters.
 */
import { randomBytes } from "node:crypto";
import type { CoreSettings } from "../app/settings.js";
import type { Config } from "../config/config.js";
import { createPrometheusMetrics } from "../metrics/prometheus.js";
import type { Logger } from "../ports/logger.js";
import type { UnitOfWork } from "../ports/unit-of-work.js";
import { type Maintenance, startMaintenance } from "../scheduler/maintenance.js";
import type { Scheduler } from "../scheduler/scheduler.js";

const OUTBOX_RETENTION_MS = 30 * 86_400_000;

/** Signs merchant links: LINK_SECRET, or one made once and kept in the database; null without the web side. */
export async function linkSecretFor(config: Config, uow: UnitOfWork): Promise<string | null> {
  if (!config.http) return null;
  return (
    config.linkSecret ??
    uow.run((tx) => tx.secret("link", () => randomBytes(32).toString("base64url"), Date.now()))
  );
}

/**
 * Telegram's webhook (TELEGRAM_WEBHOOK_URL) with its secret token: TELEGRAM_WEBHOOK_SECRET, or
 * one made once and kept in the database, so every replica checks the same one. Null: polling.
 */
export async function telegramWebhookFor(
  config: Config,
  uow: UnitOfWork,
): Promise<{ url: string; secret: string } | null> {
  const webhook = config.telegram?.webhook;
  if (!webhook) return null;
  const secret =
    webhook.secret ??
    // base64url is Telegram's alphabet for secret_token (A-Z, a-z, 0-9, _ and -): 43 characters.
    (await uow.run((tx) =>
      tx.secret("telegram-webhook", () => randomBytes(32).toString("base64url"), Date.now()),
    ));
  return { url: webhook.url, secret };
}

export function coreSettings(config: Config, linkSecret: string | null): CoreSettings {
  return {
    defaultTimezone: config.defaultTimezone,
    defaultLocale: config.defaultLocale,
    defaultCurrency: config.defaultCurrency,
    mobDurationMs: config.mobDurationMs,
    reminderOffsetsMs: config.reminderOffsetsMs,
    revealBeforeMs: config.revealBeforeMs,
    tallyDelayMs: config.tallyDelayMs,
    publicUrl: config.publicUrl,
    linkSecret,
  };
}

/** Prometheus metrics (each series labelled with the replica) when something serves /metrics, else null. */
export function metricsFor(config: Config, uow: UnitOfWork, replica: string) {
  if (!config.http && !config.metrics.listener) return null;
  const backlog = () => uow.run((tx) => tx.backlog(Date.now()));
  return createPrometheusMetrics({
    replica,
    outbox: {
      pending: async () => (await backlog()).pending,
      oldestDueAgeSeconds: async () => {
        const oldest = (await backlog()).oldestDueAt;
        return oldest === null ? 0 : Math.max(0, Date.now() - oldest) / 1000;
      },
    },
  });
}

/**
 * The nightly jobs: the engine's backup when it has one here (SQLite's own; PostgreSQL is
 * backed up by its operator with pg_dump, never pretended here) and outbox pruning.
 */
export function startHousekeeping(
  storage: { readonly uow: UnitOfWork; readonly backup: (() => Promise<string>) | null },
  logger: Logger,
): Maintenance {
  const { uow } = storage;
  return startMaintenance(
    {
      backup: storage.backup,
      prune: () =>
        uow.run(
          async (tx) =>
            (await tx.pruneSettled(Date.now() - OUTBOX_RETENTION_MS)) +
            (await tx.pruneHandled(Date.now() - OUTBOX_RETENTION_MS)) +
            (await tx.pruneWithheld(Date.now() - OUTBOX_RETENTION_MS)),
        ),
    },
    logger,
  );
}

/** How often the scheduler looks at the outbox while it hears no other replica's wake-ups. */
const FALLBACK_POLL_MS = 5_000;

/**
 * PostgreSQL: another replica's new rows (or rows handed back) wake the scheduler at once;
 * while that cannot be heard it looks every FALLBACK_POLL_MS. SQLite: nothing to hear.
 */
export async function listenForOthers(
  storage: {
    listen?(
      onWake: () => void,
      onState: (listening: boolean) => void,
    ): Promise<() => Promise<void>>;
  },
  scheduler: Scheduler,
): Promise<{ stop(): Promise<void> }> {
  if (!storage.listen) return { stop: async () => undefined };
  const stop = await storage.listen(
    () => scheduler.poke(),
    (listening) => scheduler.pollEvery(listening ? null : FALLBACK_POLL_MS),
  );
  return { stop };
}
