import type { CoreSettings } from "./app/settings.js";
import { Dispatcher } from "./delivery/dispatcher.js";
import { fencedUnits } from "./delivery/fence.js";
import type { PlatformName } from "./domain/platform-name.js";
import { CoreHandler } from "./inbound/handler.js";
import type { Clock } from "./ports/clock.js";
import type { CommandHandler } from "./ports/inbound.js";
import type { Logger } from "./ports/logger.js";
import { type Metrics, noopMetrics } from "./ports/metrics.js";
import type { Platform } from "./ports/platform.js";
import type { Lease } from "./ports/repositories.js";
import type { UnitOfWork } from "./ports/unit-of-work.js";
import { PlatformGate } from "./scheduler/platform-gate.js";
import { newReplicaId } from "./scheduler/replica.js";
import { Scheduler, type SchedulerOptions } from "./scheduler/scheduler.js";

export interface CoreDeps {
  /** Storage: every command, look at the outbox and delivery outcome is a unit of work on it. */
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: CoreSettings;
  readonly scheduler?: SchedulerOptions;
  /** This process's name on the outbox rows it claims (see src/scheduler/replica.ts). */
  readonly replica?: string;
  /**
   * Several replicas share the database (PostgreSQL): one at a time sends to each platform,
   * under a lease, so together they keep to the bot's one budget there.
   */
  readonly exclusiveSenders?: boolean;
  /** How long a sender lease lasts unrenewed (SENDER_LEASE; default SENDER_LEASE_MS). */
  readonly senderLeaseMs?: number;
  /** What operators graph (GET /metrics); default: nothing. */
  readonly metrics?: Metrics;
  /** Called when storage becomes unusable (disk full, read-only, corrupt); default: log only. */
  readonly onFatal?: (reason: string, error: unknown) => void;
}

/** The platform-free core: commands in, outbox rows out, delivered through attached platforms. */
export interface Core {
  readonly handler: CommandHandler;
  readonly scheduler: Scheduler;
  /** The settings the core runs with. */
  readonly settings: CoreSettings;
  /** Plugs a platform in; its communities' posts go through it from now on. */
  attach(platform: Platform): void;
}

export function createCore(deps: CoreDeps): Core {
  const platforms = new Map<PlatformName, Platform>();
  const platform = (name: string) => platforms.get(name as PlatformName);
  const onFatal =
    deps.onFatal ??
    ((reason: string, err: unknown) => deps.logger.error({ err, reason }, "storage failure"));
  const metrics = deps.metrics ?? noopMetrics;
  // The companions a send claims with its row are held under the scheduler's lease.
  const lease = (): Lease => scheduler.lease();
  const replica = deps.replica ?? deps.scheduler?.replica ?? newReplicaId();
  const schedulerLogger = deps.logger.child({ part: "scheduler" });
  const gate = new PlatformGate({
    replica,
    exclusiveSenders: deps.exclusiveSenders ?? false,
    ...(deps.senderLeaseMs ? { leaseMs: deps.senderLeaseMs } : {}),
    clock: deps.clock,
    logger: schedulerLogger,
  });
  // What a send records touches its row only while this replica still holds it.
  const uow = fencedUnits(deps.uow, () => lease().holder, schedulerLogger);
  const dispatcher = new Dispatcher({ ...deps, uow, metrics, platform, lease, gate, onFatal });
  const scheduler = new Scheduler(deps.uow, dispatcher, deps.clock, schedulerLogger, {
    ...deps.scheduler,
    replica,
    gate,
    // The platforms whose budget replicas share (a console's terminal is its process's own).
    platforms: () => [...platforms.values()].filter((p) => !p.processLocal).map((p) => p.name),
    onFatal,
  });
  const handler = new CoreHandler({
    uow: deps.uow,
    settings: deps.settings,
    clock: deps.clock,
    logger: deps.logger,
    capabilities: (name) => platform(name)?.capabilities ?? null,
    // The first attached platform with deep links (Telegram) makes the check-in QR's link.
    startLink: (payload) => {
      for (const p of platforms.values()) {
        const link = p.startLink?.(payload);
        if (link) return link;
      }
      return null;
    },
    metrics,
    onChange: () => scheduler.poke(),
    onFatal,
  });
  return {
    handler,
    scheduler,
    settings: deps.settings,
    attach(p) {
      platforms.set(p.name, p);
      scheduler.poke();
    },
  };
}
