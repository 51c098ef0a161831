import { expect, it } from "vitest";
import { contract } from "./engines.js";
import { H, mobOf, T, world } from "./fixtures.js";

contract("storage contract: shops, mobs, participants", (engine) => {
  it("a shop named again (any case) is the same shop; what is said fills or replaces", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const id = await tx.insertShop(w.community.id, "Cafe Rouge", null, 40_000, T);
      expect(await tx.insertShop(w.community.id, "CAFE ROUGE", "1 quai", null, T)).toBe(id);
      expect(await tx.insertShop(w.community.id, "cafe rouge", null, null, T)).toBe(id);
      const mob = await tx.insertMob(mobOf(w.community, id, w.org.id));
      expect(mob).toMatchObject({ shopName: "Cafe Rouge", takingsMinor: 40_000 });
      await tx.setShopTakings(id, 55_000);
      expect((await tx.getMob(mob.id))?.takingsMinor).toBe(55_000);
      expect(await tx.insertShop(w.community.id, "Café Bleu", null, null, T)).not.toBe(id);
    });
  });

  it("the case of a letter outside ASCII folds too: ÉPICERIE is Épicerie, not Epicerie", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const id = await tx.insertShop(w.community.id, "Épicerie", null, null, T);
      expect(await tx.insertShop(w.community.id, "ÉPICERIE", null, null, T)).toBe(id);
      expect(await tx.insertShop(w.community.id, "épicerie", null, null, T)).toBe(id);
      expect(await tx.insertShop(w.community.id, "Epicerie", null, null, T)).not.toBe(id);
    });
  });

  it("a new mob reads back whole: public id, shop, defaults of the merchant's answer", async () => {
    const w = await world(engine.uow());
    // Every field world() wrote (mobOf) comes back as written, beside what the store adds.
    const { now, ...written } = mobOf(w.community, w.mob.shopId, w.org.id);
    expect(w.mob).toEqual({
      ...written,
      id: w.mob.id,
      publicId: expect.stringMatching(/^[0-9a-f]{24}$/),
      shopName: "Librairie du Parc",
      takingsMinor: null,
      takingsPublic: false,
      merchant: {
        status: "not_asked",
        note: null,
        recordedBy: null,
        recordedAt: null,
        source: null,
      },
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
    });
    await engine.uow().run(async (tx) => {
      expect(await tx.getMob(w.mob.id)).toEqual(w.mob);
      expect(await tx.getMobByPublicId(w.mob.publicId)).toEqual(w.mob);
      expect(await tx.getMob(9999)).toBeNull();
      expect(await tx.getMobByPublicId("nope")).toBeNull();
      const secret = await tx.insertMob(
        mobOf(w.community, w.mob.shopId, w.org.id, { secret: true, party: "Bar", capacity: 3 }),
      );
      expect(secret).toMatchObject({ secret: true, party: "Bar", capacity: 3 });
      expect(secret.publicId).not.toBe(w.mob.publicId);
    });
  });

  it("updating a mob changes what is given and its updatedAt; a null clears", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const changed = await tx.updateMob(
        w.mob.id,
        { status: "cancelled", cancelReason: "rain", meetingPoint: null, capacity: undefined },
        T + H,
      );
      expect(changed).toEqual({
        ...w.mob,
        status: "cancelled",
        cancelReason: "rain",
        meetingPoint: null,
        updatedAt: T + H,
      });
      expect((await tx.updateMob(w.mob.id, {}, T + 2 * H)).updatedAt).toBe(T + 2 * H);
      await expect(tx.updateMob(9999, { party: "x" }, T)).rejects.toThrow(/vanished/);
    });
  });

  it("past mobs are the ended ones, latest first; open ones the rest, soonest first, drafts when asked", async () => {
    const w = await world(engine.uow());
    const ids = await engine.uow().run(async (tx) => {
      const at = (startsAt: number, status: "draft" | "announced" | "tallied" | "cancelled") =>
        tx.insertMob(mobOf(w.community, w.mob.shopId, w.org.id, { startsAt, status }));
      return {
        old: (await at(T - 48 * H, "tallied")).id,
        recent: (await at(T - 24 * H, "announced")).id,
        cancelled: (await at(T - 12 * H, "cancelled")).id,
        draft: (await at(T + 24 * H, "draft")).id,
        live: (await at(T - H, "announced")).id,
      };
    });
    await engine.uow().run(async (tx) => {
      const past = (await tx.listPastMobs(w.community.id, T, 10)).map((m) => m.id);
      expect(past).toEqual([ids.recent, ids.old]);
      expect((await tx.listPastMobs(w.community.id, T, 1)).map((m) => m.id)).toEqual([ids.recent]);
      const open = (await tx.listOpenMobs(w.community.id, T, false, 10)).map((m) => m.id);
      expect(open).toEqual([ids.live, w.mob.id]);
      const withDrafts = (await tx.listOpenMobs(w.community.id, T, true, 10)).map((m) => m.id);
      expect(withDrafts).toEqual([ids.live, ids.draft, w.mob.id]);
      expect(await tx.listOpenMobs(w.community.id, T, true, 2)).toHaveLength(2);
      const shops = await tx.mobbedShops(w.community.id);
      expect(shops.map((s) => s.lastAt).sort()).toEqual(
        [T - 48 * H, T - 24 * H, T - H, T + 96 * H].sort(),
      );
      expect(shops.every((s) => s.name === "Librairie du Parc" && s.secret === false)).toBe(true);
    });
  });

  it("the merchant's answer is the last recorded; it moves updatedAt only when it says when", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const answer = {
        status: "agreed",
        note: "ok",
        recordedBy: w.org.id,
        recordedAt: T + H,
        source: "organizer",
      } as const;
      await tx.setMerchantAnswer(w.mob.id, answer);
      expect(await tx.getMob(w.mob.id)).toMatchObject({ merchant: answer, updatedAt: T + H });
      const link = {
        status: "other_date",
        note: null,
        recordedBy: null,
        recordedAt: null,
        source: "merchant_link",
      } as const;
      await tx.setMerchantAnswer(w.mob.id, link);
      expect(await tx.getMob(w.mob.id)).toMatchObject({ merchant: link, updatedAt: T + H });
      await tx.setTakingsPublic(w.mob.id, true);
      expect((await tx.getMob(w.mob.id))?.takingsPublic).toBe(true);
      await tx.setTakingsPublic(w.mob.id, false);
      expect((await tx.getMob(w.mob.id))?.takingsPublic).toBe(false);
    });
  });

  it("an RSVP keeps the first chat, replaces a pledge only when one is given, and counts", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      expect(await tx.getParticipant(w.mob.id, w.ann.id)).toBeNull();
      const nobody = { going: 0, maybe: 0, waiting: 0 };
      expect(await tx.counts(w.mob.id)).toEqual(nobody);
      expect(await tx.pledged(w.mob.id)).toEqual({ ...nobody, pledgedMinor: 0 });
      await tx.setRsvp(w.mob.id, w.ann.id, "going", T, 2500, w.chat.id);
      await tx.setRsvp(w.mob.id, w.ann.id, "maybe", T + 1, null, null);
      expect(await tx.getParticipant(w.mob.id, w.ann.id)).toEqual({
        memberId: w.ann.id,
        status: "maybe",
        pledgeMinor: 2500,
        spentMinor: null,
        checkedInAt: null,
        chatId: w.chat.id,
      });
      await tx.setRsvp(w.mob.id, w.ann.id, "going", T + 2, 3000);
      await tx.setRsvp(w.mob.id, w.bob.id, "going", T + 3);
      await tx.setRsvp(w.mob.id, w.org.id, "maybe", T + 4);
      const counted = { going: 2, maybe: 1, waiting: 0 };
      expect(await tx.counts(w.mob.id)).toEqual(counted);
      expect(await tx.pledged(w.mob.id)).toEqual({ ...counted, pledgedMinor: 4500 });
      await tx.removeParticipant(w.mob.id, w.org.id);
      await tx.removeParticipant(w.mob.id, w.org.id);
      expect(await tx.counts(w.mob.id)).toEqual({ going: 2, maybe: 0, waiting: 0 });
    });
  });

  it("lockMob reads the mob as getMob does, or null", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      expect(await tx.lockMob(w.mob.id)).toEqual(await tx.getMob(w.mob.id));
      expect(await tx.lockMob(9999)).toBeNull();
    });
  });

  it("units that lock the mob before counting never put more than 3 going, 40 at once", async () => {
    const w = await world(engine.uow());
    const uow = engine.uow();
    const members = await uow.run(async (tx) => {
      const made = [];
      for (let i = 0; i < 40; i++)
        made.push(await tx.upsertMember("telegram", `u${i}`, `U${i}`, null, T));
      return made;
    });
    const joined = await Promise.all(
      members.map((m) =>
        uow.run(async (tx) => {
          await tx.lockMob(w.mob.id);
          if ((await tx.counts(w.mob.id)).going >= 3) return false;
          await tx.setRsvp(w.mob.id, m.id, "going", T);
          return true;
        }),
      ),
    );
    expect(joined.filter(Boolean)).toHaveLength(3);
    expect(await uow.run((tx) => tx.counts(w.mob.id))).toEqual({ going: 3, maybe: 0, waiting: 0 });
  });

  it("a spend or a check-in makes someone going; the first check-in time stays", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      await tx.setRsvp(w.mob.id, w.ann.id, "maybe", T);
      await tx.setSpent(w.mob.id, w.ann.id, 1200, T + H);
      await tx.setSpent(w.mob.id, w.ann.id, 1800, T + 2 * H);
      await tx.setCheckedIn(w.mob.id, w.bob.id, T + H);
      await tx.setCheckedIn(w.mob.id, w.bob.id, T + 2 * H);
      expect(await tx.getParticipant(w.mob.id, w.ann.id)).toMatchObject({
        status: "going",
        spentMinor: 1800,
        checkedInAt: null,
      });
      expect(await tx.getParticipant(w.mob.id, w.bob.id)).toMatchObject({
        status: "going",
        spentMinor: null,
        checkedInAt: T + H,
        chatId: null,
      });
    });
  });

  it("participants come in the order they joined, each with their member", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      await tx.setRsvp(w.mob.id, w.bob.id, "going", T + 2);
      await tx.setRsvp(w.mob.id, w.ann.id, "maybe", T + 1, 700, w.chat.id);
      await tx.setReachable(w.bob.id, false);
      const list = await tx.participants(w.mob.id);
      expect(list.map((p) => p.member.displayName)).toEqual(["Ann", "Bob"]);
      expect(list[0]).toEqual({
        memberId: w.ann.id,
        status: "maybe",
        pledgeMinor: 700,
        spentMinor: null,
        checkedInAt: null,
        chatId: w.chat.id,
        member: w.ann,
      });
      expect(list[1]?.member).toEqual({ ...w.bob, dmReachable: false });
    });
  });
});
