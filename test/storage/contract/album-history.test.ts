import { createHash, randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import type { NewPhoto } from "../../../src/domain/photo.js";
import { contract } from "./engines.js";
import { H, mobOf, T, type World, world } from "./fixtures.js";

function photo(w: World, bytes: Uint8Array, memberId = w.ann.id, now = T): NewPhoto {
  return {
    mobId: w.mob.id,
    memberId,
    type: "jpeg",
    width: 800,
    height: 600,
    bytes,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    now,
  };
}

contract("storage contract: photos and history", (engine) => {
  it("photos are numbered in the order sent; the same picture twice is one; numbers are never reused", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const one = await tx.insertPhoto(photo(w, Buffer.from("one")));
      expect(one).toEqual({
        mobId: w.mob.id,
        number: 1,
        memberId: w.ann.id,
        type: "jpeg",
        width: 800,
        height: 600,
        size: 3,
        createdAt: T,
      });
      expect(await tx.insertPhoto(photo(w, Buffer.from("one"), w.bob.id))).toBeNull();
      const two = await tx.insertPhoto(photo(w, Buffer.from("two"), w.bob.id, T + 1));
      expect(two?.number).toBe(2);
      expect(await tx.dropPhoto(w.mob.id, 2, T + 2)).toBe(true);
      expect(await tx.dropPhoto(w.mob.id, 2, T + 3)).toBe(false);
      expect(await tx.dropPhoto(w.mob.id, 9, T + 3)).toBe(false);
      expect(await tx.getPhoto(w.mob.id, 2)).toBeNull();
      expect(await tx.photoBytes(w.mob.id, 2)).toBeNull();
      // The dropped picture may come back, under a new number.
      expect((await tx.insertPhoto(photo(w, Buffer.from("two"))))?.number).toBe(3);
      expect((await tx.photosOf(w.mob.id)).map((p) => p.number)).toEqual([1, 3]);
      expect(await tx.getPhoto(w.mob.id, 1)).toEqual(one);
      expect(Buffer.from((await tx.photoBytes(w.mob.id, 1)) ?? []).toString()).toBe("one");
      expect(await tx.photosOf(9999)).toEqual([]);
    });
  });

  it("a 5 MB photo comes back byte for byte", async () => {
    const w = await world(engine.uow());
    const bytes = randomBytes(5 * 1024 * 1024);
    // A view into a larger buffer: only its own bytes are stored.
    const padded = Buffer.concat([Buffer.from("xx"), bytes, Buffer.from("yy")]);
    const view = new Uint8Array(padded.buffer, padded.byteOffset + 2, bytes.length);
    const meta = await engine.uow().run((tx) => tx.insertPhoto(photo(w, view)));
    expect(meta?.size).toBe(bytes.length);
    const back = await engine.uow().run((tx) => tx.photoBytes(w.mob.id, 1));
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back ?? []).equals(bytes)).toBe(true);
  });

  it("history: mobs that happened, latest first, mobbers and totals as the tally counts them", async () => {
    const w = await world(engine.uow());
    const ids = await engine.uow().run(async (tx) => {
      const at = (startsAt: number, over: Parameters<typeof mobOf>[3] = {}) =>
        tx.insertMob(mobOf(w.community, w.mob.shopId, w.org.id, { startsAt, ...over }));
      const first = await at(T - 72 * H, { status: "tallied" });
      const second = await at(T - 24 * H);
      const empty = await at(T - 48 * H, { currency: "CHF" });
      const cancelled = await at(T - 30 * H, { status: "cancelled" });
      await at(T - H); // still live at T
      await tx.setSpent(first.id, w.ann.id, 2000, T);
      await tx.setSpent(first.id, w.bob.id, 3000, T);
      await tx.setCheckedIn(second.id, w.ann.id, T);
      await tx.setSpent(second.id, w.bob.id, 4000, T);
      await tx.setRsvp(second.id, w.org.id, "going", T);
      await tx.setSpent(cancelled.id, w.org.id, 9000, T);
      return { first: first.id, second: second.id, empty: empty.id };
    });
    await engine.uow().run(async (tx) => {
      const past = await tx.pastMobs(w.community.id, T, 10);
      expect(past).toEqual([
        {
          mobId: ids.second,
          shopName: "Librairie du Parc",
          startsAt: T - 24 * H,
          currency: "EUR",
          mobbers: 2,
          totalMinor: 4000,
        },
        {
          mobId: ids.empty,
          shopName: "Librairie du Parc",
          startsAt: T - 48 * H,
          currency: "CHF",
          mobbers: 0,
          totalMinor: 0,
        },
        {
          mobId: ids.first,
          shopName: "Librairie du Parc",
          startsAt: T - 72 * H,
          currency: "EUR",
          mobbers: 2,
          totalMinor: 5000,
        },
      ]);
      expect((await tx.pastMobs(w.community.id, T, 1)).map((m) => m.mobId)).toEqual([ids.second]);
      expect(await tx.pastTotals(w.community.id, T)).toEqual({
        mobs: 2,
        mobbers: 4,
        spent: [
          { currency: "EUR", totalMinor: 9000 },
          { currency: "CHF", totalMinor: 0 },
        ],
      });
      expect(await tx.pastTotals(9999, T)).toEqual({ mobs: 0, mobbers: 0, spent: [] });
    });
  });
});
