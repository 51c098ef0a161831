/**
 * Many presses at once. On SQLite units of work take turns; on PostgreSQL (READ COMMITTED)
 * they run side by side, so these fire N commands through the handler together and check
 * that what people see is what one-at-a-time would have given: never more going than the
 * capacity, one winner mob per vote, one use of a link code, one community per new group.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Core, createCore } from "../../src/core.js";
import type { Actor, Command } from "../../src/ports/inbound.js";
import { silentLogger } from "../../src/ports/logger.js";
import type { UnitOfWork } from "../../src/ports/unit-of-work.js";
import { openStore } from "../../src/storage/open-store.js";
import { FakeClock } from "../fakes/clock.js";
import { groupActor, T0, testSettings } from "../fakes/core-harness.js";
import { describePostgres, freshDatabase } from "../support/postgres.js";

interface Engine {
  core: Core;
  uow: UnitOfWork;
}

/** The same suite on SQLite (in memory) and on PostgreSQL (a fresh database per test). */
function onBothEngines(suite: (engine: () => Engine) => void): void {
  const body = (open: () => Promise<UnitOfWork>) => () => {
    let engine: Engine | undefined;
    beforeEach(async () => {
      const uow = await open();
      const core = createCore({
        uow,
        clock: new FakeClock(T0),
        logger: silentLogger,
        settings: testSettings,
      });
      engine = { core, uow };
    });
    afterEach(async () => {
      await engine?.uow.close();
    });
    suite(() => {
      if (!engine) throw new Error("no engine");
      return engine;
    });
  };
  describe(
    "on SQLite",
    body(async () => (await openStore({ databasePath: ":memory:" })).uow),
  );
  describePostgres(
    "on PostgreSQL",
    body(
      async () =>
        (await openStore({ databaseUrl: (await freshDatabase()).url, databasePath: "" })).uow,
    ),
  );
}

/** Someone in a console room (its own chat, like a Telegram group). */
const inRoom = (room: string, user: string, isOrganizer = false): Actor =>
  groupActor(user, { community: { id: room, name: room, channelId: room }, isOrganizer });

/** Every actor's command at once; the titles people see, in the order fired. */
async function together(core: Core, presses: readonly [Actor, Command][]): Promise<string[]> {
  const replies = await Promise.all(presses.map(([a, c]) => core.handler.handle(a, c)));
  return replies.map((r) => r.notice.title);
}

/** An organizer in the "lille" room. */
const org = (name: string) => inRoom("lille", name, true);

/** In "lille": Fromagerie nominated, a vote opened on it, and ann's ballot for it (vote #1). */
async function voteWithABallot(core: Core): Promise<void> {
  await core.handler.handle(org("olga"), { type: "nominate", shop: "Fromagerie" });
  await core.handler.handle(org("olga"), { type: "vote", when: "2026-12-12 18:00" });
  await core.handler.handle(inRoom("lille", "ann"), {
    type: "ballot",
    voteId: "1",
    nominationId: "1",
  });
}

const tally = (titles: readonly string[]) => {
  const counts: Record<string, number> = {};
  for (const t of titles) counts[t] = (counts[t] ?? 0) + 1;
  return counts;
};

onBothEngines((engine) => {
  it("30 joins at once on a mob for 5: exactly 5 are in, 25 wait, each told a place of their own", async () => {
    const { core, uow } = engine();
    const org = inRoom("lille", "olga", true);
    await core.handler.handle(org, {
      type: "create",
      shop: "Cave",
      when: "2026-12-05 18:00",
      capacity: "5",
    });
    const titles = await together(
      core,
      Array.from({ length: 30 }, (_, i) => [inRoom("lille", `m${i}`), { type: "join", id: "1" }]),
    );
    const waiting = (n: number) =>
      `The mob at Cave is full: you are number ${n} on the waitlist. I'll let you know when a place opens up for you.`;
    expect(tally(titles)).toEqual({
      "You're in! See you at Cave.": 5,
      ...Object.fromEntries(Array.from({ length: 25 }, (_, i) => [waiting(i + 1), 1])),
    });
    expect(await uow.run((tx) => tx.counts(1))).toEqual({ going: 5, maybe: 0, waiting: 25 });
  });

  it("10 /closevote at once: one closes it and makes the winner's mob, 9 hear it is closed", async () => {
    const { core, uow } = engine();
    await voteWithABallot(core);
    const titles = await together(
      core,
      Array.from({ length: 10 }, (_, i) => [org(`o${i}`), { type: "closevote", id: "1" }]),
    );
    expect(tally(titles)).toEqual({
      "Vote #1 is closed; the result is posted in every chat.": 1,
      "Vote #1 is closed; votes can no longer change.": 9,
    });
    const mobs = await uow.run(async (tx) => {
      const community = await tx.communityOfSpace("console", "lille");
      return tx.listOpenMobs(community ?? 0, T0, true, 100);
    });
    expect(mobs.map((m) => m.shopName)).toEqual(["Fromagerie"]);
  });

  it("10 rooms type the same link code at once: one is linked, 9 hear it was used", async () => {
    const { core, uow } = engine();
    const asked = await core.handler.handle(inRoom("lille", "olga", true), { type: "link" });
    const code = /Link code: (\S+)/.exec(asked.secret?.title ?? "")?.[1] ?? "";
    const rooms = Array.from({ length: 10 }, (_, i) => `room${i}`);
    for (const room of rooms)
      await core.handler.handle(inRoom(room, "rob", true), { type: "list" });
    const titles = await together(
      core,
      rooms.map((room) => [inRoom(room, `rob-${room}`, true), { type: "link", code }]),
    );
    expect(tally(titles)).toEqual({
      "Linked! This chat is now part of lille.": 1,
      "That link code was already used; ask for a new one with /link in the other chat.": 9,
    });
    const lille = await uow.run(async (tx) => tx.communityOfSpace("console", "lille"));
    expect(await uow.run(async (tx) => (await tx.chatsOf(lille ?? 0)).length)).toBe(2);
  });

  it("10 first commands at once in a new group: one community, one chat, every answer normal", async () => {
    const { core, uow } = engine();
    const titles = await together(
      core,
      Array.from({ length: 10 }, (_, i) => [inRoom("paris", `p${i}`), { type: "list" }]),
    );
    expect(new Set(titles).size).toBe(1);
    expect(titles[0]).not.toMatch(/went wrong/);
    const communities = await uow.run(async (tx) => {
      const found = [];
      for (let id = 1; id <= 10; id++) if (await tx.getCommunity(id)) found.push(id);
      return found;
    });
    expect(communities).toHaveLength(1);
    const space = await uow.run((tx) => tx.communityOfSpace("console", "paris"));
    expect(space).toBe(communities[0]);
    expect(await uow.run(async (tx) => (await tx.chatsOf(space ?? 0)).length)).toBe(1);
  });

  it("10 members nominate the same new shop at once: one nomination with 9 seconds", async () => {
    const { core, uow } = engine();
    await core.handler.handle(inRoom("lille", "olga"), { type: "list" });
    const titles = await together(
      core,
      Array.from({ length: 10 }, (_, i) => [
        inRoom("lille", `n${i}`),
        { type: "nominate", shop: "Fromagerie" },
      ]),
    );
    const kinds = tally(titles.map((t) => t.replace(/ now has .*/, " now has …")));
    expect(kinds).toEqual({
      "Fromagerie is nominated (#1); others second it by nominating it too.": 1,
      "Seconded! Fromagerie now has …": 9,
    });
    const queue = await uow.run(async (tx) =>
      tx.queuedNominations((await tx.communityOfSpace("console", "lille")) ?? 0, 10),
    );
    expect(queue.map((n) => [n.name, n.seconds])).toEqual([["Fromagerie", 9]]);
  });

  it("10 /dropshop of one nomination at once: one drops it, 9 hear it left the queue", async () => {
    const { core } = engine();
    await core.handler.handle(inRoom("lille", "ann"), { type: "nominate", shop: "Fromagerie" });
    const titles = await together(
      core,
      Array.from({ length: 10 }, (_, i) => [
        inRoom("lille", `o${i}`, true),
        { type: "dropshop", id: "1", reason: "chain" },
      ]),
    );
    expect(tally(titles)).toEqual({
      "Nomination #1 (Fromagerie) is marked ineligible; it left the queue.": 1,
      "Nomination #1 is no longer in the queue (it was dropped).": 9,
    });
  });

  it("5 mobs created at once from a server channel that is no chat yet: one chat, 5 mobs", async () => {
    const { core, uow } = engine();
    const inChannel = (user: string): Actor =>
      groupActor(user, {
        community: { id: "srv", name: "Lyon", channelId: "mobs", channelName: "mobs" },
        isOrganizer: true,
      });
    const titles = await together(
      core,
      Array.from({ length: 5 }, (_, i) => [
        inChannel(`o${i}`),
        { type: "create", shop: `Shop ${i}`, when: "2026-12-05 18:00" },
      ]),
    );
    expect(titles.filter((t) => /went wrong/.test(t))).toEqual([]);
    const community = await uow.run((tx) => tx.communityOfSpace("console", "srv"));
    const [chats, mobs] = await uow.run(async (tx) => [
      await tx.chatsOf(community ?? 0),
      await tx.listOpenMobs(community ?? 0, T0, true, 10),
    ]);
    expect(chats.map((c) => c.externalId)).toEqual(["mobs"]);
    expect(mobs).toHaveLength(5);
  });

  it("/closevote and /dropshop of its winner at once: the mob exists exactly when the shop was chosen", async () => {
    const { core, uow } = engine();
    await voteWithABallot(core);
    const titles = await together(
      core,
      Array.from({ length: 10 }, (_, i): [Actor, Command] => [
        org(`o${i}`),
        i % 2 ? { type: "closevote", id: "1" } : { type: "dropshop", id: "1" },
      ]),
    );
    expect(
      titles.filter((t) => t === "Vote #1 is closed; the result is posted in every chat."),
    ).toHaveLength(1);
    const dropped = titles.filter((t) => t.endsWith("is marked ineligible; it left the queue."));
    const [nomination, mobs] = await uow.run(async (tx) => {
      const community = (await tx.communityOfSpace("console", "lille")) ?? 0;
      return [await tx.getNomination(1), await tx.listOpenMobs(community, T0, true, 10)] as const;
    });
    if (nomination?.status === "chosen") {
      expect(dropped).toEqual([]);
      expect(mobs.map((m) => [m.id, m.shopName])).toEqual([[nomination.mobId, "Fromagerie"]]);
    } else {
      expect(nomination?.status).toBe("dropped");
      expect(dropped).toHaveLength(1);
      expect(mobs).toEqual([]);
    }
  });
});
