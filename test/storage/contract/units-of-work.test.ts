import { expect, it } from "vitest";
import type { RowScope } from "../../../src/domain/outbox.js";
import { ConcurrentChange, UniqueViolation } from "../../../src/ports/storage-errors.js";
import type { Tx } from "../../../src/ports/unit-of-work.js";
import { HELD } from "../../support/lease.js";
import { contract } from "./engines.js";
import { mobOf, newCommunity, nominationOf, row, T, world } from "./fixtures.js";

contract("storage contract: units of work", (engine) => {
  it("a unit that throws midway leaves nothing behind, and its error comes out as thrown", async () => {
    const w = await world(engine.uow());
    const boom = new Error("boom");
    await expect(
      engine.uow().run(async (tx) => {
        await tx.setRsvp(w.mob.id, w.ann.id, "going", T);
        await tx.enqueue([row(w, "k", T)], T);
        await tx.markHandled("ev", T);
        await newCommunity(tx, "Ghost");
        throw boom;
      }),
    ).rejects.toBe(boom);
    await engine.uow().run(async (tx) => {
      expect(await tx.getParticipant(w.mob.id, w.ann.id)).toBeNull();
      expect(await tx.rowsFor("mob", w.mob.id)).toEqual([]);
      expect(await tx.markHandled("ev", T)).toBe(true);
    });
  });

  it("a run inside a run joins it: one transaction, rolled back whole", async () => {
    const w = await world(engine.uow());
    const uow = engine.uow();
    const seen = await uow.run(async (outer) => {
      await outer.setRsvp(w.mob.id, w.ann.id, "going", T);
      // The inner unit sees the outer's write, and returns into it.
      return uow.run(async (inner) => {
        await inner.setRsvp(w.mob.id, w.bob.id, "going", T);
        return (await inner.counts(w.mob.id)).going;
      });
    });
    expect(seen).toBe(2);
    await expect(
      uow.run(async (outer) => {
        await uow.run((inner) => inner.removeParticipant(w.mob.id, w.ann.id));
        await outer.removeParticipant(w.mob.id, w.bob.id);
        throw new Error("undo both");
      }),
    ).rejects.toThrow("undo both");
    expect(await uow.run((tx) => tx.counts(w.mob.id))).toEqual({ going: 2, maybe: 0, waiting: 0 });
  });

  it("a finished unit's repositories refuse, even while another unit runs", async () => {
    const w = await world(engine.uow());
    const uow = engine.uow();
    let leaked: Tx | undefined;
    await uow.run(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.getMob(w.mob.id)).rejects.toThrow(/unit of work is over/);
    await uow.run(async (tx) => {
      await tx.setRsvp(w.mob.id, w.ann.id, "going", T);
      await expect(leaked?.removeParticipant(w.mob.id, w.ann.id)).rejects.toThrow(/is over/);
    });
    expect(await uow.run((tx) => tx.counts(w.mob.id))).toEqual({ going: 1, maybe: 0, waiting: 0 });
  });

  it("the same chat, link code or queued shop twice is a UniqueViolation, and the unit goes on", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const duplicateChat = tx.insertChat(
        {
          communityId: w.community.id,
          platform: "telegram",
          spaceId: "-100",
          externalId: "-100",
          name: "again",
          locale: "fr",
        },
        T,
      );
      await expect(duplicateChat).rejects.toBeInstanceOf(UniqueViolation);
      await expect(duplicateChat).rejects.toMatchObject({ table: "chats" });
      const code = { code: "C", communityId: w.community.id, createdBy: w.org.id, expiresAt: T };
      await tx.insertLinkCode(code, T);
      await expect(tx.insertLinkCode(code, T)).rejects.toMatchObject({
        name: "UniqueViolation",
        table: "link_codes",
      });
      const shop = nominationOf(w, "Epicerie", w.ann.id);
      await tx.insertNomination(shop, T);
      await expect(tx.insertNomination(shop, T)).rejects.toMatchObject({ table: "nominations" });
      // The unit is still usable after each, on both engines.
      expect((await tx.chatsOf(w.community.id)).map((c) => c.name)).toEqual(["Quartier group"]);
      await tx.setRsvp(w.mob.id, w.ann.id, "going", T);
    });
    expect(await engine.uow().run((tx) => tx.counts(w.mob.id))).toEqual({
      going: 1,
      maybe: 0,
      waiting: 0,
    });
  });

  it("two units locking two mobs in opposite orders both land (PostgreSQL reruns the deadlock's loser)", async () => {
    const w = await world(engine.uow());
    const uow = engine.uow();
    const second = await uow.run((tx) => tx.insertMob(mobOf(w.community, w.mob.shopId, w.org.id)));
    // On PostgreSQL both hold their first mob before either asks for its second; on
    // SQLite units take turns, so none waits for the other.
    let arrived = 0;
    let bothHold = () => {};
    const holding = new Promise<void>((resolve) => {
      bothHold = resolve;
    });
    const hold = async () => {
      if (engine.name !== "postgres") return;
      if (++arrived === 2) bothHold();
      await holding;
    };
    const cross = (first: number, then: number, capacity: number) =>
      uow.run(async (tx) => {
        await tx.lockMob(first);
        await hold();
        await tx.lockMob(then);
        await tx.updateMob(first, { capacity }, T);
        await tx.updateMob(then, { capacity }, T);
        return capacity;
      });
    expect(
      await Promise.all([cross(w.mob.id, second.id, 7), cross(second.id, w.mob.id, 9)]),
    ).toEqual([7, 9]);
    const caps = await uow.run(async (tx) => [
      (await tx.getMob(w.mob.id))?.capacity,
      (await tx.getMob(second.id))?.capacity,
    ]);
    // Whichever landed last set both: never one of each.
    expect([
      [7, 7],
      [9, 9],
    ]).toContainEqual(caps);
  });

  it("a unit that throws ConcurrentChange: rerun on PostgreSQL until it settles, thrown on SQLite", async () => {
    const uow = engine.uow();
    let attempts = 0;
    const run = uow.run(async (tx) => {
      attempts++;
      await tx.markHandled(`try:${attempts}`, T);
      if (attempts < 3) throw new ConcurrentChange("test");
      return attempts;
    });
    if (engine.name === "postgres") {
      expect(await run).toBe(3);
      // The lost attempts left nothing behind.
      expect(await uow.run((tx) => tx.markHandled("try:1", T))).toBe(true);
      expect(await uow.run((tx) => tx.markHandled("try:3", T))).toBe(false);
    } else {
      await expect(run).rejects.toBeInstanceOf(ConcurrentChange);
    }
  });

  it("20 units marking one event at once: exactly one handles it", async () => {
    const uow = engine.uow();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => uow.run((tx) => tx.markHandled("tg:777", T))),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it("20 units meeting one new member at once: one member, everyone gets it", async () => {
    const uow = engine.uow();
    const members = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        uow.run((tx) => tx.upsertMember("telegram", "999", `Name ${i}`, null, T)),
      ),
    );
    expect(new Set(members.map((m) => m.id)).size).toBe(1);
  });

  it("units making one secret at once all get the one that was kept", async () => {
    const uow = engine.uow();
    const values = await Promise.all(
      Array.from({ length: 10 }, (_, i) => uow.run((tx) => tx.secret("link", () => `v${i}`, T))),
    );
    expect(new Set(values).size).toBe(1);
    expect(await uow.run((tx) => tx.secret("link", () => "late", T))).toBe(values[0]);
  });

  it("units naming one new shop, seconding one nomination or sending one photo at once do not fail", async () => {
    const w = await world(engine.uow());
    const uow = engine.uow();
    const shops = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        uow.run((tx) =>
          tx.insertShop(w.community.id, i % 2 ? "Le Zinc" : "LE ZINC", null, null, T),
        ),
      ),
    );
    expect(new Set(shops).size).toBe(1);
    const n = await uow.run((tx) =>
      tx.insertNomination(
        {
          communityId: w.community.id,
          name: "Zinc",
          nameKey: "zinc",
          address: null,
          why: null,
          nominatedBy: w.org.id,
        },
        T,
      ),
    );
    const seconded = await Promise.all(
      Array.from({ length: 10 }, () => uow.run((tx) => tx.addSecond(n.id, w.ann.id, T))),
    );
    expect(seconded.filter(Boolean)).toHaveLength(1);
    const photos = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        uow.run((tx) =>
          tx.insertPhoto({
            mobId: w.mob.id,
            memberId: w.ann.id,
            type: "png",
            width: 1,
            height: 1,
            bytes: Buffer.from(`p${i}`),
            sha256: `sha-${i}`,
            now: T,
          }),
        ),
      ),
    );
    expect(photos.map((p) => p?.number).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });

  it("units claiming due rows at once never claim one row twice", async () => {
    const w = await world(engine.uow());
    const uow = engine.uow();
    await uow.run((tx) =>
      tx.enqueue(
        Array.from({ length: 60 }, (_, i) =>
          row(
            w,
            `k${i}`,
            T - i,
            i % 3 === 0 ? { target: "dm", chatId: null, memberId: w.bob.id } : {},
          ),
        ),
        T,
      ),
    );
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => uow.run((tx) => tx.claimDue(T, 7, new Map(), HELD))),
    );
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Each unit took at most 7 per platform; together they took what was due, and no more.
    for (const c of claims) expect(c.length).toBeLessThanOrEqual(14);
    const rest = await uow.run((tx) => tx.claimDue(T, 100, new Map(), HELD));
    expect(ids.length + rest.length).toBe(60);
    const batch = await uow.run(async (tx) => {
      await tx.enqueue(
        Array.from({ length: 30 }, (_, i) => row(w, `b${i}`, T + 1e9, { batch: "mentions" })),
        T,
      );
      return null;
    });
    expect(batch).toBeNull();
    const batches = await Promise.all(
      Array.from({ length: 4 }, () => uow.run((tx) => tx.claimBatch("mentions", 10, HELD))),
    );
    const batchIds = batches.flat().map((r) => r.id);
    expect(new Set(batchIds).size).toBe(batchIds.length);
    expect(batchIds.length).toBe(30);
  });

  it("probeWrite answers on a writable database, and a closed engine refuses to run", async () => {
    const uow = engine.uow();
    await uow.probeWrite();
    await uow.close();
    await expect(uow.run((tx) => tx.getMob(1))).rejects.toThrow(/closed/);
  });
});

contract("storage contract: a unit reads its own writes", (engine) => {
  it("chats, the community and the outbox read after a write in the same unit are the new ones", async () => {
    const w = await world(engine.uow());
    const scope: RowScope = {
      subject: "mob",
      subjectId: w.mob.id,
      kind: "reminder",
      chatId: w.chat.id,
    };
    await engine.uow().run(async (tx) => {
      expect(await tx.findChat("telegram", "-100")).toEqual(w.chat);
      expect(await tx.getCommunity(w.community.id)).toEqual(w.community);
      expect((await tx.chatsOf(w.community.id)).map((c) => c.id)).toEqual([w.chat.id]);
      const second = await tx.insertChat(
        { ...w.chat, externalId: "-200", name: "Second group" },
        T,
      );
      expect((await tx.chatsOf(w.community.id)).map((c) => c.id)).toEqual([w.chat.id, second.id]);
      await tx.updateCommunity(w.community.id, { name: "Renamed" });
      expect((await tx.getCommunity(w.community.id))?.name).toBe("Renamed");

      expect(await tx.hasPending(scope)).toBe(false);
      expect(await tx.lastActivityAt(scope)).toBeNull();
      await tx.enqueue([row(w, "k", T)], T);
      expect(await tx.hasPending(scope)).toBe(true);
      const [claimed] = await tx.claimDue(T, 10, new Map(), HELD);
      await tx.markSent(claimed?.id ?? 0, "msg-1", T + 5);
      expect(await tx.lastActivityAt(scope)).toBe(T + 5);
    });
  });
});
