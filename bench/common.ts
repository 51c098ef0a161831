import { createDiscordAdapter } from "../bots/discord/adapter.js";
import { createTelegramAdapter } from "../bots/telegram/adapter.js";
import type { CoreSettings } from "../src/app/settings.js";
import { type Core, createCore } from "../src/core.js";
import { systemClock } from "../src/ports/clock.js";
import type { Actor } from "../src/ports/inbound.js";
import { silentLogger } from "../src/ports/logger.js";
import type { PlatformName } from "../src/ports/platform.js";
import type { Tx, UnitOfWork } from "../src/ports/unit-of-work.js";
import { openStore } from "../src/storage/open-store.js";
import { FakeDiscord } from "../test/fakes/discord-server.js";
import { FakeTelegram } from "../test/fakes/telegram-server.js";
import { autocommit } from "../test/support/autocommit.js";
import { type EngineName, freshPlace, type Place } from "./engine.js";

export const SETTINGS: CoreSettings = {
  defaultTimezone: "UTC",
  defaultLocale: "en",
  defaultCurrency: "EUR",
  mobDurationMs: 2 * 3_600_000,
  reminderOffsetsMs: [24 * 3_600_000, 2 * 3_600_000],
  revealBeforeMs: 3_600_000,
  tallyDelayMs: 12 * 3_600_000,
};

export interface BenchCore {
  core: Core;
  uow: UnitOfWork;
  /** The repositories, each call its own unit (set-ups and reads beside the core). */
  store: Tx;
  close(): Promise<void>;
}

/** The real core on the engine at `place` (opened and migrated as the bot does), on the system clock. */
export async function coreAt(
  place: Place,
  settings: Partial<CoreSettings> = {},
): Promise<BenchCore> {
  const opened = await openStore({
    databaseUrl: place.databaseUrl,
    databasePath: place.databasePath,
  });
  const uow = opened.uow;
  const core = createCore({
    uow,
    clock: systemClock,
    logger: silentLogger,
    settings: { ...SETTINGS, ...settings },
  });
  return { core, uow, store: autocommit(uow), close: () => uow.close() };
}

/**
 * The real core on a fresh place of its own: a SQLite file in a temp folder, or a fresh
 * PostgreSQL database; `close()` removes it.
 */
export async function fileCore(
  engine: EngineName,
  settings: Partial<CoreSettings> = {},
): Promise<BenchCore> {
  const place = await freshPlace(engine);
  try {
    const c = await coreAt(place, settings);
    return {
      ...c,
      async close() {
        try {
          await c.close();
        } finally {
          await place.dispose();
        }
      },
    };
  } catch (error) {
    await place.dispose();
    throw error;
  }
}

export function organizer(
  platform: PlatformName,
  community: NonNullable<Actor["community"]>,
): Actor {
  return {
    platform,
    user: { id: "1", displayName: "olga" },
    community,
    isOrganizer: true,
    inPrivateChat: false,
  };
}

export function member(platform: PlatformName, id: string, community?: Actor["community"]): Actor {
  return {
    platform,
    user: { id, displayName: `m${id}` },
    ...(community ? { community } : {}),
    isOrganizer: false,
    inPrivateChat: community === undefined,
  };
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One measured number, its target, and whether it met it. */
export interface Measure {
  readonly scenario: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** e.g. "≤ 1.15" or "< 250". */
  readonly target?: string;
  readonly pass?: boolean;
  readonly note?: string;
}

/** A fake Telegram on port 0 and the real adapter pointed at it (not yet polling). */
export async function telegramBench(options: ConstructorParameters<typeof FakeTelegram>[0]) {
  const server = await new FakeTelegram(options).start();
  const adapter = createTelegramAdapter({
    token: server.token,
    apiRoot: server.apiRoot,
    logger: silentLogger,
  });
  return { server, adapter };
}

/** A fake Discord with its published limits (50 a second, 5 per route per 5 s) and the real adapter. */
export async function discordBench() {
  const server = await new FakeDiscord({
    rateLimits: { globalPerSecond: 50, perRoute: { limit: 5, windowMs: 5_000 } },
  }).start();
  const adapter = createDiscordAdapter({
    token: server.token,
    apiUrl: server.apiUrl,
    guildId: server.guild.id,
    logger: silentLogger,
  });
  const community = {
    id: server.guild.id,
    name: server.guild.name,
    channelId: server.guild.channels[0]?.id ?? "",
  };
  return { server, adapter, community };
}

/** A Telegram group as the community the core sees. */
export const telegramGroup = (group: number, name: string) => ({
  id: String(group),
  name,
  channelId: String(group),
});

/** The organizer creates a mob for the Cave (or `shop`) starting `when`. */
export async function createMob(
  c: BenchCore,
  by: Actor,
  when: string,
  shop = "Cave",
): Promise<void> {
  await c.core.handler.handle(by, { type: "create", shop, when });
}
