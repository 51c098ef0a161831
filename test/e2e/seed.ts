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

/** Where a linked community lives: the Telegram group, and the Discord guild's channel. */
export interface LinkedPlaces {
  readonly telegramGroup: number;
  readonly discord: { readonly id: string; readonly name: string; readonly channelId: string };
}

/**
 * Through the real core, as commands make it: a Telegram group and a Discord channel linked
 * into one community, one mob starting `when`, Discord members joined in the channel and
 * Telegram members through the mob's deep link (so each has a private chat).
 */
export async function seedLinkedMob(
  core: Core,
  places: LinkedPlaces,
  when: string,
  discordUsers: readonly string[],
  telegramUsers: readonly number[],
): Promise<void> {
  const group = String(places.telegramGroup);
  const tgOrg: Actor = {
    platform: "telegram",
    user: { id: "1", displayName: "olga" },
    community: { id: group, name: "Mobbers", channelId: group },
    isOrganizer: true,
    inPrivateChat: false,
  };
  const place = places.discord;
  const asked = await core.handler.handle(tgOrg, { type: "link" });
  const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
  const dOrg: Actor = {
    platform: "discord",
    user: { id: "300000000000000009", displayName: "dora" },
    community: place,
    isOrganizer: true,
    inPrivateChat: false,
  };
  const linked = await core.handler.handle(dOrg, { type: "link", code });
  if (!linked.notice.title.startsWith("Linked!")) throw new Error(linked.notice.title);
  await core.handler.handle(tgOrg, { type: "create", shop: "Cave", when });
  for (const id of discordUsers)
    await core.handler.handle(
      {
        platform: "discord",
        user: { id, displayName: `d${id}` },
        community: place,
        isOrganizer: false,
        inPrivateChat: false,
      },
      { type: "join", id: "1" },
    );
  for (const id of telegramUsers)
    await core.handler.handle(
      {
        platform: "telegram",
        user: { id: String(id), displayName: `t${id}` },
        isOrganizer: false,
        inPrivateChat: true,
      },
      { type: "start", payload: "mob_1" },
    );
}
