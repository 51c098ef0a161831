import { expect, it } from "vitest";
import { contract } from "./engines.js";
import { T, world } from "./fixtures.js";

contract("storage contract: a mob's waitlist", (engine) => {
  it("keeps the order people joined in, tells each their place, and counts them", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const m = w.mob.id;
      expect(await tx.waitingPlace(m, w.ann.id)).toBeNull();
      await tx.addWaiting(m, { memberId: w.bob.id, pledgeMinor: 2500, chatId: w.chat.id }, T);
      await tx.addWaiting(m, { memberId: w.ann.id, pledgeMinor: null, chatId: null }, T);
      await tx.addWaiting(m, { memberId: w.org.id, pledgeMinor: null, chatId: null }, T + 1);
      // Joining again keeps the place they had.
      await tx.addWaiting(m, { memberId: w.bob.id, pledgeMinor: null, chatId: null }, T + 2);
      expect(await tx.waitingPlace(m, w.bob.id)).toBe(1);
      expect(await tx.waitingPlace(m, w.ann.id)).toBe(2);
      expect(await tx.waitingPlace(m, w.org.id)).toBe(3);
      expect(await tx.counts(m)).toEqual({ going: 0, maybe: 0, waiting: 3 });
      expect(await tx.pledged(m)).toMatchObject({ going: 0, waiting: 3 });
      expect(await tx.firstWaiting(m, 2)).toEqual([
        { memberId: w.bob.id, pledgeMinor: 2500, chatId: w.chat.id },
        { memberId: w.ann.id, pledgeMinor: null, chatId: null },
      ]);
      expect(await tx.removeWaiting(m, w.bob.id)).toBe(true);
      expect(await tx.removeWaiting(m, w.bob.id)).toBe(false);
      expect(await tx.waitingPlace(m, w.ann.id)).toBe(1);
      // Who checks in at the shop while waiting goes: no longer counted as waiting, nor in line.
      await tx.setCheckedIn(m, w.ann.id, T + 3);
      expect(await tx.counts(m)).toEqual({ going: 1, maybe: 0, waiting: 1 });
      expect(await tx.waitingPlace(m, w.org.id)).toBe(1);
      expect((await tx.firstWaiting(m, 10)).map((x) => x.memberId)).toEqual([w.org.id]);
      // A member who leaves and comes back goes to the end of the line.
      await tx.addWaiting(m, { memberId: w.bob.id, pledgeMinor: null, chatId: null }, T + 4);
      expect(await tx.waitingPlace(m, w.bob.id)).toBe(2);
    });
  });
});
