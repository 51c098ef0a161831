import { once } from "node:events";
import {
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  type RateLimitData,
  Routes,
  Status,
} from "discord.js";
import type { CommandHandler } from "../../src/ports/inbound.js";
import type { Logger } from "../../src/ports/logger.js";
import type { Platform } from "../../src/ports/platform.js";
import { COMMANDS } from "./commands.js";
import { toFailure } from "./failures.js";
import { httpDispatch } from "./http-dispatch.js";
import { type InteractionsEndpoint, interactionsEndpoint } from "./http-interactions.js";
import { onInteraction } from "./interactions.js";
import { guardPackets } from "./packet-guard.js";
import { DiscordPlatform } from "./platform.js";
import { SERIES_COMMAND } from "./series-command.js";
import { discordStartFailure } from "./start-failure.js";

/** How to reach Discord; `src/main.ts` fills it from the environment. */
export interface DiscordAdapterOptions {
  readonly token: string;
  /** REST base, `DISCORD_API_URL` (default `https://discord.com/api`); the gateway URL is asked of it. */
  readonly apiUrl?: string;
  /** `DISCORD_GUILD_ID`: register commands to this guild only (instant); else globally. */
  readonly guildId?: string;
  readonly logger: Logger;
  /** An interaction answer not ready after this long is deferred first (default 1500 ms; Discord allows 3 s). */
  readonly ackAfterMs?: number;
  /** discord.js's client-side global cap (Discord's default bot limit: 50/s). */
  readonly globalRequestsPerSecond?: number;
  /**
   * A rate-limit wait longer than this fails the send as `rate_limited` (the
   * core retries it later) instead of holding discord.js's queue (default 10 s).
   */
  readonly maxQueueWaitMs?: number;
  /** Wall clock for autocomplete suggestions (tests pin it). */
  readonly now?: () => number;
  /**
   * `DISCORD_PUBLIC_KEY` (64 hex): interactions also arrive over HTTP, at the adapter's
   * `endpoint`, checked against this key.
   */
  readonly publicKey?: string;
}

/** The running adapter as the composition root sees it. */
export interface DiscordAdapter {
  /** Give it to `core.attach()`; usable before `start()` (REST only needs the token). */
  readonly platform: Platform;
  /**
   * Logs in, waits for the gateway's READY, registers `/mob`, then answers
   * interactions. Throws a PlatformStartError saying whether to retry (Discord
   * unreachable) or stop (the token refused); may be called again after a failure.
   */
  start(handler: CommandHandler): Promise<void>;
  /** Stops answering interactions and closes the gateway; `platform` keeps working for outbox sends in flight. */
  stop(): Promise<void>;
  /** "connected" while the gateway session is ready, else what is wrong (for the health check). */
  status(): "connected" | string;
  /**
   * With `publicKey`: POST /discord/interactions for the web server (see
   * http-interactions.ts); answers 503 until `start()` and after `stop()`. Else null.
   */
  readonly endpoint: InteractionsEndpoint | null;
}

const DEFAULT_API = "https://discord.com/api";

/** The Discord adapter on discord.js v14: slash commands and buttons in, embeds, DMs and scheduled events out. */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const logger = options.logger.child({ platform: "discord" });
  const maxWait = options.maxQueueWaitMs ?? 10_000;
  const client = new Client({
    // Interactions arrive without any intent; Guilds gives guild names for the actor.
    intents: [GatewayIntentBits.Guilds],
    rest: {
      api: options.apiUrl ?? DEFAULT_API,
      globalRequestsPerSecond: options.globalRequestsPerSecond ?? 50,
      rejectOnRateLimit: (data: RateLimitData) => data.retryAfter > maxWait,
    },
  });
  client.rest.setToken(options.token);
  const platform = new DiscordPlatform(client.rest, logger);
  guardPackets(client, logger);

  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => logger.warn({ message }, "discord client warning"));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, "discord gateway disconnected"),
  );
  client.rest.on("rateLimited", (info) =>
    logger.debug(
      { route: info.route, retryAfter: info.retryAfter, global: info.global },
      "discord rate limit",
    ),
  );

  const apiUrl = options.apiUrl ?? DEFAULT_API;
  let listening = false;
  /** Answers an interaction; set by start(), cleared by stop(). */
  let answering: ((interaction: Interaction) => Promise<void>) | null = null;
  // One entry for both ways in: the gateway's INTERACTION_CREATE and Discord's HTTP POST
  // (http-dispatch.ts hands the payload to the same discord.js action the gateway's goes to).
  const http = options.publicKey ? httpDispatch(client, () => answering, logger) : null;
  const endpoint = http
    ? interactionsEndpoint({
        publicKey: options.publicKey ?? "",
        dispatch: http.dispatch,
        logger,
      })
    : null;

  return {
    platform,
    async start(handler) {
      const deps = {
        handler,
        logger,
        ackAfterMs: options.ackAfterMs ?? 1_500,
        now: options.now ?? Date.now,
      };
      answering = (interaction) => onInteraction(interaction, deps);
      if (!listening) {
        listening = true;
        client.on(Events.InteractionCreate, (interaction) => {
          const run = answering?.(interaction);
          if (run) http?.started(interaction.id, run);
        });
      }
      // Asked before logging in: a login that fails leaves discord.js's gateway manager
      // marked destroyed, so an unreachable Discord or a wrong token is found out here.
      try {
        await client.rest.get(Routes.gatewayBot());
      } catch (error) {
        throw discordStartFailure(error, apiUrl);
      }
      const aborted = new AbortController();
      const ready = once(client, Events.ClientReady, { signal: aborted.signal });
      ready.catch(() => {});
      try {
        // discord.js's errors name the failure (e.g. TokenInvalid), never the token itself.
        await client.login(options.token);
        await ready;
      } catch (error) {
        aborted.abort();
        client.rest.setToken(options.token);
        throw discordStartFailure(error, apiUrl);
      }
      const appId = client.application?.id ?? client.user?.id;
      if (!appId) throw new Error("Discord READY carried no application id");
      const route = options.guildId
        ? Routes.applicationGuildCommands(appId, options.guildId)
        : Routes.applicationCommands(appId);
      try {
        await client.rest.put(route, { body: [...COMMANDS, SERIES_COMMAND] });
      } catch (error) {
        const failure = toFailure(error);
        if (failure.failure === "transient" || failure.failure === "rate_limited")
          throw discordStartFailure(error, apiUrl);
        throw new Error(
          `registering Discord slash commands failed: ${failure.failure} ${"detail" in failure ? (failure.detail ?? "") : ""}`,
        );
      }
      logger.info(
        {
          user: client.user?.tag,
          guilds: client.guilds.cache.size,
          commands: options.guildId ? "guild" : "global",
        },
        "discord adapter ready",
      );
    },
    endpoint,
    async stop() {
      answering = null;
      listening = false;
      client.removeAllListeners(Events.InteractionCreate);
      await client.destroy();
      // destroy() also forgets the REST token, but the composition root stops
      // adapters before the scheduler drains: sends in flight must still land.
      client.rest.setToken(options.token);
    },
    status() {
      // The client stays "ready" while its gateway reconnects: ask the shards.
      const shards = [...client.ws.shards.values()];
      const up =
        client.readyTimestamp !== null &&
        shards.length > 0 &&
        shards.every((shard) => shard.status === Status.Ready);
      return up ? "connected" : "the Discord gateway is not connected (reconnecting)";
    },
  };
}
