import type Database from "better-sqlite3";
import type { CoreSettings } from "../../src/app/settings.js";
import { type Core, createCore } from "../../src/core.js";
import type { Actor, Command, Reply } from "../../src/ports/inbound.js";
import { type Logger, silentLogger } from "../../src/ports/logger.js";
import type { Platform, PlatformName } from "../../src/ports/platform.js";
import type { StorageEngine, Tx, UnitOfWork } from "../../src/ports/unit-of-work.js";
import type { SchedulerOptions } from "../../src/scheduler/scheduler.js";
import { openDatabase } from "../../src/storage/database.js";
import { autocommit } from "../support/autocommit.js";
import { postgresHarnessEngine } from "../support/postgres-harness.js";
import { sqliteUnitOfWork } from "../support/sqlite-engine.js";
import { testEngine } from "../support/test-engine.js";
import { FakeClock } from "./clock.js";
import { type RawSql, rawPostgres, rawSqlite } from "./raw-sql.js";

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** 2026-12-01 12:00 UTC: a fixed "now" for tests. */
export const T0 = Date.UTC(2026, 11, 1, 12, 0);

export const testSettings: CoreSettings = {
  defaultTimezone: "UTC",
  defaultLocale: "en",
  defaultCurrency: "EUR",
  mobDurationMs: 2 * HOUR,
  reminderOffsetsMs: [24 * HOUR, 2 * HOUR],
  revealBeforeMs: HOUR,
  tallyDelayMs: 12 * HOUR,
};

export interface Harness extends RawSql {
  /** The engine under test: SQLite, or PostgreSQL in the "postgres" project. */
  readonly engine: StorageEngine;
  readonly core: Core;
  /** The core's unit of work; `uow.run(tx => f(tx, …))` calls a use case as the core does. */
  readonly uow: UnitOfWork;
  /** The repositories, each call its own unit (for reads and set-ups beside the core). */
  readonly store: Tx;
  /**
   * The raw SQLite connection, for what only SQLite has (pragmas, a dropped table); throws on
   * PostgreSQL. For rows and counts use the engine-neutral `snapshot`, `count` and `query`.
   */
  readonly db: Database.Database;
  readonly clock: FakeClock;
  /** Sends everything due at the fake clock's now. */
  drain(): Promise<void>;
  /** Moves the clock forward in steps, draining at each step (so posts go out at their due time). */
  advance(ms: number, stepMs?: number): Promise<void>;
  /** Closes the connection at once, as a process that stops does (restart tests reopen the file next). */
  close(): void;
}

export interface HarnessOptions {
  readonly path?: string;
  readonly clock?: FakeClock;
  readonly settings?: Partial<CoreSettings>;
  readonly platforms?: readonly Platform[];
  readonly logger?: Logger;
  readonly scheduler?: SchedulerOptions;
  /**
   * Another process on the database at `path`, running beside the harnesses opened before
   * (which stay open): PostgreSQL only, as SQLite allows one process.
   */
  readonly alongside?: boolean;
  /** One replica at a time sends to each platform, by lease (as the bot runs on PostgreSQL). */
  readonly exclusiveSenders?: boolean;
}

/**
 * A real core on the engine under test, a fake clock, the real migrations: SQLite in memory
 * (or the file at `path`), or PostgreSQL on the test file's own database, emptied for each
 * harness except when `path` was opened before in this file (a restart finds its rows).
 */
export function makeHarness(options: HarnessOptions = {}): Harness {
  const opened = openEngine(options.path, options.alongside ?? false);
  const { uow, raw } = opened;
  const store = autocommit(uow);
  const clock = options.clock ?? new FakeClock(T0);
  const core = createCore({
    uow,
    clock,
    logger: options.logger ?? silentLogger,
    settings: { ...testSettings, ...options.settings },
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    ...(options.exclusiveSenders ? { exclusiveSenders: true } : {}),
  });
  for (const p of options.platforms ?? []) core.attach(p);
  // Rows a crash left in flight go back to pending before anything is sent
  // (the recovery's unit is queued first; every later unit waits its turn).
  const recovered = Promise.resolve(core.scheduler.recover());
  recovered.catch(() => {});
  const drain = async () => {
    await recovered;
    await core.scheduler.drain();
  };
  return {
    ...raw,
    engine: uow.engine,
    core,
    uow,
    store,
    get db() {
      if (!opened.db) throw new Error("h.db is SQLite's own: skip this test on PostgreSQL");
      return opened.db;
    },
    clock,
    drain,
    async advance(ms, stepMs = MINUTE) {
      const end = clock.now() + ms;
      await drain();
      while (clock.now() < end) {
        const next = await store.nextDueAt();
        // Nothing pending nor in flight: nothing can fall due before `end`; no need to step there.
        const target =
          next === null ? end : Math.min(end, next > clock.now() ? next : clock.now() + stepMs);
        clock.set(target);
        await drain();
      }
    },
    close: () => opened.close(),
  };
}

interface Opened {
  readonly uow: UnitOfWork;
  readonly raw: RawSql;
  readonly db?: Database.Database;
  close(): void;
}

function openEngine(path: string | undefined, alongside: boolean): Opened {
  if (alongside && (testEngine !== "postgres" || path === undefined)) {
    throw new Error("a harness alongside another needs PostgreSQL and the other's path");
  }
  if (testEngine === "postgres") {
    const engine = postgresHarnessEngine(path, alongside);
    return {
      uow: engine.uow,
      raw: rawPostgres(engine),
      // Like a process that stops: later units of this harness fail, the database stays.
      close: () => void engine.uow.close(),
    };
  }
  const db = openDatabase(path ?? ":memory:");
  return { uow: sqliteUnitOfWork(db), raw: rawSqlite(db), db, close: () => db.close() };
}

/** An actor in a group/server (`community` id `g1` by default). */
export function groupActor(
  userId: string,
  overrides: Partial<Actor> = {},
  platform: PlatformName = "console",
): Actor {
  return {
    platform,
    user: { id: userId, displayName: userId },
    community: { id: "g1", name: "Test community", channelId: "chan1" },
    isOrganizer: false,
    inPrivateChat: false,
    ...overrides,
  };
}

export function organizer(userId = "org", platform: PlatformName = "console"): Actor {
  return groupActor(userId, { isOrganizer: true }, platform);
}

/** Runs a command and returns the reply's title (the one sentence people see). */
export async function say(core: Core, actor: Actor, command: Command): Promise<string> {
  return (await core.handler.handle(actor, command)).notice.title;
}

export async function reply(core: Core, actor: Actor, command: Command): Promise<Reply> {
  return core.handler.handle(actor, command);
}
