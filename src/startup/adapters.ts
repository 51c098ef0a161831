import { createDiscordAdapter } from "../../bots/discord/adapter.js";
import { createTelegramAdapter } from "../../bots/telegram/adapter.js";
import type { Config } from "../config/config.js";
import { systemClock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { StorageEngine, UnitOfWork } from "../ports/unit-of-work.js";
import { turnsByLease } from "../scheduler/turns.js";
import { withheldIn } from "./withheld.js";

export interface AdapterDeps {
  readonly logger: Logger;
  readonly uow: UnitOfWork;
  /** This process's name among the replicas (it takes turns at polling under it). */
  readonly replica: string;
  readonly engine: StorageEngine;
  /** Webhook mode's URL and secret (TELEGRAM_WEBHOOK_URL), or null: long polling. */
  readonly telegramWebhook: { readonly url: string; readonly secret: string } | null;
  /** Polling stopped for good (a revoked token, another program polling): stop the bot. */
  readonly onPollingLost: (sentence: string) => void;
}

/** The configured platforms' adapters, made (not started): the web side serves their endpoints. */
export function createAdapters(config: Config, deps: AdapterDeps) {
  const { logger, uow, replica, telegramWebhook } = deps;
  const discord = config.discord
    ? createDiscordAdapter({
        token: config.discord.token,
        apiUrl: config.discord.apiUrl,
        ...(config.discord.guildId ? { guildId: config.discord.guildId } : {}),
        // With DISCORD_PUBLIC_KEY it serves Discord's interactions too.
        ...(config.discord.publicKey ? { publicKey: config.discord.publicKey } : {}),
        logger,
      })
    : null;
  const telegram = config.telegram
    ? createTelegramAdapter({
        token: config.telegram.token,
        apiRoot: config.telegram.apiRoot,
        logger,
        onPollingLost: deps.onPollingLost,
        withheld: withheldIn(uow, "telegram"),
        ...(telegramWebhook ? { webhook: telegramWebhook } : {}),
        // Replicas on one PostgreSQL without a webhook: exactly one polls at a time, by lease.
        ...(!telegramWebhook && deps.engine === "postgres"
          ? {
              pollTurns: turnsByLease({
                uow,
                clock: systemClock,
                logger,
                name: "poller:telegram",
                holder: replica,
                leaseMs: config.leases.senderMs,
                renewEveryMs: Math.round(config.leases.senderMs / 4),
              }),
            }
          : {}),
      })
    : null;
  return { discord, telegram };
}
