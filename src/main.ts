/**
 * The composition root: config → logger → storage (SQLite, or PostgreSQL with DATABASE_URL) →
 * core → adapters → graceful shutdown. The only module that knows every concrete piece.
 */

import { createConsoleAdapter } from "../bots/console/adapter.js";
import { messageUrl } from "../bots/discord/refs.js";
import { answerFromMerchantLink } from "./app/merchant.js";
import { CoreWebPort } from "./app/web-views.js";
import { type Core, createCore } from "./core.js";
import { telegramStartLink } from "./domain/codecs/deep-link.js";
import { systemClock } from "./ports/clock.js";
import { noopMetrics } from "./ports/metrics.js";
import type { Maintenance } from "./scheduler/maintenance.js";
import { newReplicaId } from "./scheduler/replica.js";
import { createAdapters } from "./startup/adapters.js";
import { configAndLog, fail } from "./startup/config-and-log.js";
import {
  coreSettings,
  linkSecretFor,
  listenForOthers,
  metricsFor,
  startHousekeeping,
  telegramWebhookFor,
} from "./startup/core-parts.js";
import { type PlatformStart, startPlatform } from "./startup/platforms.js";
import { DatabaseRefusal } from "./storage/hold.js";
import { type BotStorage, startStorage } from "./storage/start-storage.js";
import { createWebApp } from "./web/app.js";
import { createMetricsApp, metricsOnPublicListener } from "./web/routes/metrics.js";
import { listenFailure, type RunningWebServer, startWebServer } from "./web/server.js";

interface Running {
  stop(): Promise<void>;
}

async function main(): Promise<void> {
  const { config, log, consoleMode } = configAndLog();
  // This process's name among the bots on one database: on every log line, on the outbox rows
  // it claims (their lease), on its metrics and in /livez and /readyz.
  const replica = newReplicaId();
  const logger = log.logger.child({ replica });
  const logFile = log.file;
  /** Where things are, said once on the console (a bot with a platform says it in its log). */
  const consoleNotes: string[] = [];
  if (consoleMode && logFile !== null)
    consoleNotes.push(`Logs go to ${logFile} (LOG_FILE=- shows them here).`);

  let storage: BotStorage;
  try {
    storage = await startStorage(config, logger);
  } catch (error) {
    if (error instanceof DatabaseRefusal) fail(error.message);
    throw error;
  }
  const { uow } = storage;
  const running: Running[] = [];
  let maintenance: Maintenance | null = null;
  let stopping = false;
  let core: Core | null = null;
  // Defined before anything starts, so a failure during start-up stops the bot too.
  const shutdown = async (reason: string, code = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "shutting down");
    for (const r of running)
      await r.stop().catch((err: unknown) => logger.error({ err }, "adapter stop failed"));
    maintenance?.stop();
    await core?.scheduler.stop();
    try {
      await storage.close();
    } catch (err) {
      logger.error({ err }, "closing the database failed");
    }
    process.exit(code);
  };
  /** Stops with one sentence on stderr and a non-zero exit, recording the posts in flight first. */
  const stopOnFailure = (sentence: string, reason: string) => {
    process.stderr.write(`cashmob: stopping: ${sentence}\n`);
    void shutdown(reason, 1);
  };
  /** Starts a listener, or stops the bot with one sentence naming the variable to change. */
  const listen = async (
    app: Parameters<typeof startWebServer>[0],
    at: Parameters<typeof startWebServer>[1],
    variable: string,
    what: string,
  ): Promise<RunningWebServer | null> => {
    try {
      const server = await startWebServer(app, at);
      running.push(server);
      return server;
    } catch (error) {
      stopOnFailure(listenFailure(error, at, variable, what), what);
      return null;
    }
  };
  storage.onLockLost((sentence) => stopOnFailure(sentence, "database lock lost"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  const metrics = metricsFor(config, uow, replica);
  /** Each configured platform's connection, for GET /healthz. */
  const statuses: Record<string, () => string> = {};
  let telegramUsername: () => Promise<string | undefined> = async () => undefined;

  const linkSecret = await linkSecretFor(config, uow);

  core = createCore({
    metrics: metrics ?? noopMetrics,
    onFatal: (reason, err) => {
      logger.error({ err, reason }, "storage failure");
      stopOnFailure(
        `${reason} (${(err as { code?: string }).code ?? "error"}).`,
        "storage failure",
      );
    },
    uow,
    clock: systemClock,
    logger,
    replica,
    // PostgreSQL may be shared by several replicas: one at a time sends to each platform.
    exclusiveSenders: storage.engine === "postgres",
    senderLeaseMs: config.leases.senderMs,
    scheduler: {
      leaseMs: config.leases.outboxMs,
      renewEveryMs: Math.round(config.leases.outboxMs / 3),
    },
    settings: coreSettings(config, linkSecret),
  });

  // Made before the web app, which serves their endpoints (Discord's interactions, Telegram's
  // webhook); attached and started below.
  const { discord, telegram } = createAdapters(config, {
    logger,
    uow,
    replica,
    engine: storage.engine,
    telegramWebhook: await telegramWebhookFor(config, uow),
    onPollingLost: (sentence) => stopOnFailure(sentence, "telegram polling lost"),
  });

  if (config.http && linkSecret) {
    const port = new CoreWebPort({
      uow,
      settings: core.settings,
      async joinLink(chat, mob, ref) {
        if (chat.platform === "discord") return ref ? messageUrl(chat.spaceId, ref) : null;
        if (chat.platform !== "telegram") return null;
        const username = await telegramUsername();
        return username ? telegramStartLink(username, { kind: "join", mobId: mob.id }) : null;
      },
      platforms: () =>
        Object.fromEntries(Object.entries(statuses).map(([name, status]) => [name, status()])),
      recordMerchantAnswer: async (input) => {
        const recorded = await uow.run((tx) => answerFromMerchantLink(tx, input));
        // The organizer's private notice may be due now (at most one a minute).
        core?.scheduler.poke();
        return recorded;
      },
    });
    const app = createWebApp({
      port,
      clock: systemClock,
      publicUrl: config.publicUrl,
      linkSecret,
      replica,
      // Platform endpoints, so a replica behind a load balancer takes updates.
      inbound: [
        ...(telegram?.webhook ? [telegram.webhook] : []),
        ...(discord?.endpoint ? [discord.endpoint] : []),
      ],
      // Never open to the world by default: see metricsOnPublicListener.
      ...(metrics && metricsOnPublicListener(config.http.host, config.metrics)
        ? { metrics, metricsToken: config.metrics.token }
        : {}),
      logger: logger.child({ part: "web" }),
    });
    if (!config.metrics.listener && !metricsOnPublicListener(config.http.host, config.metrics)) {
      logger.warn(
        { host: config.http.host },
        "/metrics is off on a listener open beyond this machine: set METRICS_TOKEN, or METRICS_PORT for a listener of its own",
      );
    }
    const server = await listen(app, config.http, "HTTP_PORT", "web server");
    if (!server) return;
    logger.info(
      { url: server.url, publicUrl: config.publicUrl },
      `web pages served at ${server.url}`,
    );
    consoleNotes.push(
      `Web pages are served at ${server.url}${config.publicUrl ? `, reached at ${config.publicUrl}` : ""} (HTTP_PORT=off turns them off).`,
    );
  }

  if (metrics && config.metrics.listener) {
    const access = { source: metrics, token: config.metrics.token };
    const at = config.metrics.listener;
    const server = await listen(createMetricsApp(access), at, "METRICS_PORT", "metrics listener");
    if (!server) return;
    logger.info({ url: `${server.url}/metrics` }, "metrics listening");
  }

  let consoleDone: Promise<void> | null = null;
  if (consoleMode) {
    for (const note of consoleNotes) process.stdout.write(`(${note})\n`);
    const adapter = createConsoleAdapter({
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
    });
    core.attach(adapter.platform);
    consoleDone = adapter.run(core.handler);
    running.push({ stop: async () => adapter.stop() });
  }

  // Platforms connect side by side; one that cannot be reached is retried with back-off while
  // the rest (the other platform, the web side, the scheduler) runs. A refused token stops the bot.
  const starts: PlatformStart[] = [];
  const handler = core.handler;
  const supervise = (
    name: string,
    label: string,
    adapter: { start(h: typeof handler): Promise<void>; status(): string },
  ) => {
    const start = startPlatform(
      { label, start: () => adapter.start(handler), status: () => adapter.status() },
      {
        logger: logger.child({ platform: name }),
        onRefused: (sentence) => stopOnFailure(sentence, `${name} refused`),
        onUnreachable: (sentence) =>
          process.stderr.write(
            `cashmob: ${sentence.replace(/\.$/, "")}; the rest runs meanwhile, and ${label} is retried with back-off.\n`,
          ),
      },
    );
    starts.push(start);
    running.push({ stop: async () => start.stop() });
    statuses[name] = () => start.status();
  };

  if (discord) {
    core.attach(discord.platform);
    // No more attempts first, then the adapter stops.
    supervise("discord", "Discord", discord);
    running.push(discord);
  }

  if (telegram) {
    core.attach(telegram.platform);
    telegramUsername = () => telegram.username();
    supervise("telegram", "Telegram", telegram);
    running.push(telegram);
  }

  await Promise.all(starts.map((s) => s.firstAttempt));
  if (stopping) return;
  await core.scheduler.start();
  // Another replica's new rows wake this one at once (PostgreSQL).
  running.push(await listenForOthers(storage, core.scheduler));
  maintenance = startHousekeeping(storage, logger);
  logger.info(
    {
      discord: !!config.discord,
      telegram: !!config.telegram,
      console: consoleMode,
      engine: storage.engine,
      database: storage.where,
      pid: process.pid,
      ...Object.fromEntries(
        Object.entries(statuses)
          .map(([name, status]) => [name, status()] as const)
          .filter(([, status]) => status !== "connected")
          .map(([name, status]) => [`${name}Down`, status]),
      ),
    },
    "cashmob started",
  );

  if (consoleDone) {
    await consoleDone;
    // End of input: send what is already due (the call-to-action just created), then leave.
    await core.scheduler.drain();
    await shutdown("end of input");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `cashmob: fatal error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
