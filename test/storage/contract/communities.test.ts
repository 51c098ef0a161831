import { expect, it } from "vitest";
import { contract } from "./engines.js";
import { H, mobOf, newCommunity, T, world } from "./fixtures.js";

contract("storage contract: communities, chats, members, link codes", (engine) => {
  it("a community gets a 24-hex public id of its own and reads back as written", async () => {
    const [a, b] = await engine.uow().run(async (tx) => [
      await newCommunity(tx, "A"),
      await tx.insertCommunity(
        {
          name: "B",
          timezone: "UTC",
          locale: "en",
          currency: "USD",
          organizerRule: "anyone",
          merchantGate: true,
        },
        T,
      ),
    ]);
    expect(a?.publicId).toMatch(/^[0-9a-f]{24}$/);
    expect(a?.publicId).not.toBe(b?.publicId);
    expect(a).toMatchObject({ name: "A", organizerRule: "platform", merchantGate: false });
    expect(b).toMatchObject({ name: "B", organizerRule: "anyone", merchantGate: true });
    await engine.uow().run(async (tx) => {
      expect(await tx.getCommunity(b?.id ?? 0)).toEqual(b);
      expect(await tx.getCommunityByPublicId(b?.publicId ?? "")).toEqual(b);
      expect(await tx.getCommunity(9999)).toBeNull();
      expect(await tx.getCommunityByPublicId("nope")).toBeNull();
    });
  });

  it("updating a community changes only what is given, and nothing when nothing is", async () => {
    await engine.uow().run(async (tx) => {
      const c = await newCommunity(tx);
      const changed = await tx.updateCommunity(c.id, {
        name: "Renamed",
        merchantGate: true,
        timezone: undefined,
      });
      expect(changed).toEqual({ ...c, name: "Renamed", merchantGate: true });
      expect(await tx.updateCommunity(c.id, {})).toEqual(changed);
      await expect(tx.updateCommunity(9999, { name: "x" })).rejects.toThrow(/vanished/);
    });
  });

  it("a space belongs to one community; setting it again moves it", async () => {
    await engine.uow().run(async (tx) => {
      const a = await newCommunity(tx, "A");
      const b = await newCommunity(tx, "B");
      expect(await tx.communityOfSpace("discord", "g1")).toBeNull();
      await tx.setSpace("discord", "g1", a.id);
      expect(await tx.communityOfSpace("discord", "g1")).toBe(a.id);
      await tx.setSpace("discord", "g1", b.id);
      expect(await tx.communityOfSpace("discord", "g1")).toBe(b.id);
      expect(await tx.communityOfSpace("telegram", "g1")).toBeNull();
    });
  });

  it("claiming a space keeps the first community that claimed it, and answers it", async () => {
    await engine.uow().run(async (tx) => {
      const a = await newCommunity(tx, "A");
      const b = await newCommunity(tx, "B");
      expect(await tx.claimSpace("telegram", "-42", a.id)).toBe(a.id);
      expect(await tx.claimSpace("telegram", "-42", b.id)).toBe(a.id);
      expect(await tx.communityOfSpace("telegram", "-42")).toBe(a.id);
      expect(await tx.claimSpace("discord", "-42", b.id)).toBe(b.id);
    });
  });

  it("of units claiming a new space at once, every one is answered the same community", async () => {
    const uow = engine.uow();
    const claimed = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        uow.run(async (tx) => {
          const mine = await newCommunity(tx, `C${i}`);
          return tx.claimSpace("telegram", "-7", mine.id);
        }),
      ),
    );
    expect(new Set(claimed).size).toBe(1);
    expect(await uow.run((tx) => tx.communityOfSpace("telegram", "-7"))).toBe(claimed[0]);
  });

  it("chats: found by platform and id, listed oldest first, moved and renamed", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const other = await newCommunity(tx, "Other");
      const second = await tx.insertChat(
        {
          communityId: w.community.id,
          platform: "discord",
          spaceId: "g1",
          externalId: "c1",
          name: "#mobs",
          locale: "en",
        },
        T,
      );
      expect(await tx.findChat("telegram", "-100")).toEqual(w.chat);
      expect(await tx.findChat("discord", "-100")).toBeNull();
      expect(await tx.getChat(second.id)).toEqual(second);
      expect(await tx.getChat(9999)).toBeNull();
      expect(await tx.chatsOf(w.community.id)).toEqual([w.chat, second]);
      const moved = await tx.moveChat(second.id, other.id);
      expect(moved).toEqual({ ...second, communityId: other.id });
      expect(await tx.chatsOf(other.id)).toEqual([moved]);
      expect(await tx.updateChat(second.id, { name: "#cashmob" })).toEqual({
        ...moved,
        name: "#cashmob",
      });
      expect(await tx.updateChat(second.id, { locale: "fr", name: undefined })).toMatchObject({
        name: "#cashmob",
        locale: "fr",
      });
      expect(await tx.updateChat(second.id, {})).toMatchObject({ locale: "fr" });
      await expect(tx.moveChat(9999, other.id)).rejects.toThrow(/vanished/);
    });
  });

  it("a member met again keeps their id, takes the new name, and keeps a locale not given", async () => {
    await engine.uow().run(async (tx) => {
      const first = await tx.upsertMember("telegram", "7", "Zoé", "fr", T);
      expect(first).toMatchObject({
        platform: "telegram",
        userId: "7",
        displayName: "Zoé",
        locale: "fr",
        dmReachable: null,
        dmChannel: null,
      });
      const again = await tx.upsertMember("telegram", "7", "Zoé B.", null, T + H);
      expect(again).toEqual({ ...first, displayName: "Zoé B." });
      const other = await tx.upsertMember("discord", "7", "Zed", null, T);
      expect(other.id).not.toBe(first.id);
      await tx.setReachable(first.id, false);
      expect((await tx.getMember(first.id))?.dmReachable).toBe(false);
      await tx.setReachable(first.id, true);
      await tx.setDmChannel(first.id, "dm-1");
      expect(await tx.getMember(first.id)).toEqual({
        ...again,
        dmReachable: true,
        dmChannel: "dm-1",
      });
      await tx.setDmChannel(first.id, null);
      expect((await tx.getMember(first.id))?.dmChannel).toBeNull();
      expect(await tx.getMember(9999)).toBeNull();
    });
  });

  it("a link code is kept until used, then says when", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      await tx.insertLinkCode(
        { code: "K7P2", communityId: w.community.id, createdBy: w.org.id, expiresAt: T + H },
        T,
      );
      expect(await tx.getLinkCode("K7P2")).toEqual({
        code: "K7P2",
        communityId: w.community.id,
        createdBy: w.org.id,
        expiresAt: T + H,
        usedAt: null,
      });
      expect(await tx.useLinkCode("K7P2", w.chat.id, T + 60_000)).toBe(true);
      expect((await tx.getLinkCode("K7P2"))?.usedAt).toBe(T + 60_000);
      // Used once: a second use changes nothing and says so.
      expect(await tx.useLinkCode("K7P2", w.chat.id, T + 120_000)).toBe(false);
      expect((await tx.getLinkCode("K7P2"))?.usedAt).toBe(T + 60_000);
      expect(await tx.getLinkCode("NOPE")).toBeNull();
    });
  });

  it("merging moves mobs, chats, spaces, codes and pending posts, folds same-named shops, and deletes the old community", async () => {
    const w = await world(engine.uow());
    const result = await engine.uow().run(async (tx) => {
      const into = await newCommunity(tx, "Into");
      const kept = await tx.insertShop(into.id, "LIBRAIRIE du parc", null, null, T);
      const onlyHere = await tx.insertShop(w.community.id, "Café Rouge", null, 50_000, T);
      await tx.setShopTakings(
        await tx.insertShop(w.community.id, "Librairie du Parc", null, null, T),
        90_000,
      );
      const cafeMob = await tx.insertMob(mobOf(w.community, onlyHere, w.org.id));
      await tx.setSpace("telegram", "-100", w.community.id);
      await tx.insertLinkCode(
        { code: "C1", communityId: w.community.id, createdBy: w.org.id, expiresAt: T + H },
        T,
      );
      await tx.enqueue(
        [
          {
            key: "m:1",
            communityId: w.community.id,
            subject: "mob",
            subjectId: w.mob.id,
            kind: "reminder",
            target: "community",
            dueAt: T,
          },
        ],
        T,
      );
      await tx.mergeCommunity(w.community.id, into.id, T + H);
      await tx.mergeCommunity(into.id, into.id, T + H);
      return { into, kept, onlyHere, cafeMob };
    });
    await engine.uow().run(async (tx) => {
      expect(await tx.getCommunity(w.community.id)).toBeNull();
      const mob = await tx.getMob(w.mob.id);
      expect(mob).toMatchObject({
        communityId: result.into.id,
        shopId: result.kept,
        shopName: "LIBRAIRIE du parc",
        address: "3 rue des Lilas",
        takingsMinor: 90_000,
      });
      expect(await tx.getMob(result.cafeMob.id)).toMatchObject({
        communityId: result.into.id,
        shopId: result.onlyHere,
      });
      expect(await tx.insertShop(result.into.id, "librairie du parc", null, null, T)).toBe(
        result.kept,
      );
      expect((await tx.chatsOf(result.into.id)).map((c) => c.id)).toEqual([w.chat.id]);
      expect(await tx.communityOfSpace("telegram", "-100")).toBe(result.into.id);
      expect((await tx.getLinkCode("C1"))?.communityId).toBe(result.into.id);
      expect((await tx.rowsFor("mob", w.mob.id)).map((r) => r.communityId)).toEqual([
        result.into.id,
      ]);
    });
  });

  it("merging keeps a shop queued in both once, with the other nominator and seconds as seconds", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const into = await newCommunity(tx, "Into");
      const nomination = (communityId: number, nominatedBy: number, nameKey: string) =>
        tx.insertNomination(
          { communityId, name: nameKey, nameKey, address: null, why: null, nominatedBy },
          T,
        );
      const keep = await nomination(into.id, w.org.id, "epicerie");
      const gone = await nomination(w.community.id, w.ann.id, "epicerie");
      const alone = await nomination(w.community.id, w.ann.id, "boulangerie");
      await tx.addSecond(gone.id, w.bob.id, T);
      await tx.addSecond(gone.id, w.org.id, T);
      await tx.mergeCommunity(w.community.id, into.id, T + H);
      expect(await tx.getNomination(gone.id)).toMatchObject({
        communityId: into.id,
        status: "dropped",
        dropReason: "merged",
      });
      expect(await tx.secondsOf(keep.id)).toBe(2);
      expect((await tx.queuedNominations(into.id, 10)).map((n) => n.id)).toEqual([
        keep.id,
        alone.id,
      ]);
    });
  });
});
