import cron from "node-cron";
import type { Logger } from "../ports/logger.js";

export interface MaintenanceJobs {
  /** Nightly online backup of the database; null: the engine is backed up elsewhere (pg_dump). */
  readonly backup: (() => Promise<string | null>) | null;
  /** Deletes delivered outbox rows and handled-event marks older than the retention; returns how many. */
  prune(): Promise<number>;
}

export interface Maintenance {
  stop(): void;
}

/** Recurring work on cron: the nightly backup (03:30, when the engine has one here) and outbox pruning (03:45), server time. */
export function startMaintenance(jobs: MaintenanceJobs, logger: Logger): Maintenance {
  const run = jobs.backup;
  const backup =
    run &&
    cron.schedule("30 3 * * *", async () => {
      try {
        const path = await run();
        if (path) logger.info({ path }, "database backed up");
      } catch (err) {
        logger.error({ err }, "database backup failed");
      }
    });
  const prune = cron.schedule("45 3 * * *", async () => {
    try {
      logger.info({ rows: await jobs.prune() }, "pruned delivered outbox rows");
    } catch (err) {
      logger.error({ err }, "outbox pruning failed");
    }
  });
  return {
    stop() {
      backup?.stop();
      prune.stop();
    },
  };
}
