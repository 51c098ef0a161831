import { CoreHandler } from "./app/handler.js";
import type { CoreSettings } from "./app/settings.js";
import { Dispatcher } from "./delivery/dispatcher.js";
import type { Clock } from "./ports/clock.js";
import type { CommandHandler } from "./ports/inbound.js";
import type { Logger } from "./ports/logger.js";
import type { Platform, PlatformName } from "./ports/platform.js";
import type { Store } from "./ports/store.js";
import { Scheduler, type SchedulerOptions } from "./scheduler/scheduler.js";

export interface CoreDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: CoreSettings;
  readonly scheduler?: SchedulerOptions;
}

/** The platform-free core: commands in, outbox rows out, delivered through attached platforms. */
export interface Core {
  readonly handler: CommandHandler;
  readonly scheduler: Scheduler;
  /** Plugs a platform in; its communities' posts go through it from now on. */
  attach(platform: Platform): void;
}

export function createCore(deps: CoreDeps): Core {
  const platforms = new Map<PlatformName, Platform>();
  const platform = (name: string) => platforms.get(name as PlatformName);
  const dispatcher = new Dispatcher({ ...deps, platform });
  const scheduler = new Scheduler(
    deps.store,
    dispatcher,
    deps.clock,
    deps.logger.child({ part: "scheduler" }),
    deps.scheduler,
  );
  const handler = new CoreHandler({
    store: deps.store,
    settings: deps.settings,
    clock: deps.clock,
    logger: deps.logger,
    capabilities: (name) => platform(name)?.capabilities ?? null,
    onChange: () => scheduler.poke(),
  });
  return {
    handler,
    scheduler,
    attach(p) {
      platforms.set(p.name, p);
      scheduler.poke();
    },
  };
}
