import { type Core, createCore } from "../../src/core.js";
import type { Actor } from "../../src/ports/inbound.js";
import { silentLogger } from "../../src/ports/logger.js";
import type { PlatformName } from "../../src/ports/platform.js";
import type { UnitOfWork } from "../../src/ports/unit-of-work.js";
import { openDatabase } from "../../src/storage/database.js";
import { FakeClock } from "../fakes/clock.js";
import { testSettings } from "../fakes/core-harness.js";
import { sqliteUnitOfWork } from "../support/sqlite-engine.js";

/**
 * A real core on the database file the bot will open, its clock at the wall clock's now, to
 * write rows exactly as commands make them. Close its `uow` before the bot starts.
 */
export function seedingCore(path: string): { core: Core; uow: UnitOfWork } {
  const uow = sqliteUnitOfWork(openDatabase(path));
  const core = createCore({
    uow,
    clock: new FakeClock(Date.now()),
    logger: silentLogger,
    settings: testSettings,
  });
  return { core, uow };
}

export interface SeedMob {
  readonly platform: PlatformName;
  readonly community: NonNullable<Actor["community"]>;
  /** When the mob starts; `in 24h2s` makes the 24 h reminder fall due two seconds after seeding. */
  readonly when: string;
  readonly members: readonly string[];
  /** Members join through the deep link in a private chat (Telegram), else in the group. */
  readonly viaPrivateChat: boolean;
}

/**
 * Writes mobs and their participants into the database file the bot will
 * open, through the real core (so the rows are exactly what commands make).
 * Returns the mob ids.
 */
export async function seedMobs(path: string, mobs: readonly SeedMob[]): Promise<number[]> {
  const { core, uow } = seedingCore(path);
  const ids: number[] = [];
  for (const mob of mobs) {
    const base = { platform: mob.platform, isOrganizer: true, inPrivateChat: false };
    const created = await core.handler.handle(
      { ...base, user: { id: "1", displayName: "olga" }, community: mob.community },
      { type: "create", shop: "Cave", when: mob.when },
    );
    const id = Number(/#(\d+)/.exec(created.notice.title)?.[1]);
    if (!id) throw new Error(`seeding failed: ${created.notice.title}`);
    ids.push(id);
    for (const member of mob.members) {
      const user = { id: member, displayName: `m${member}` };
      await core.handler.handle(
        mob.viaPrivateChat
          ? { platform: mob.platform, user, isOrganizer: false, inPrivateChat: true }
          : {
              platform: mob.platform,
              user,
              community: mob.community,
              isOrganizer: false,
              inPrivateChat: false,
            },
        mob.viaPrivateChat
          ? { type: "start", payload: `mob_${id}` }
          : { type: "join", id: String(id) },
      );
    }
  }
  await uow.close();
  return ids;
}
