import { expect, it } from "vitest";
import type { Tx } from "../../../src/ports/unit-of-work.js";
import { contract } from "./engines.js";
import { H, nominationOf, seriesOf, T, type World, world } from "./fixtures.js";

const nominate = (tx: Tx, w: World, name: string, by: number, now = T) =>
  tx.insertNomination(nominationOf(w, name, by), now);

contract("storage contract: nominations and votes", (engine) => {
  it("a nomination reads back, is found by name and state, and fills only what it lacks", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const n = await nominate(tx, w, "Epicerie", w.ann.id);
      expect(n).toEqual({
        id: n.id,
        communityId: w.community.id,
        name: "Epicerie",
        nameKey: "epicerie",
        address: null,
        why: null,
        nominatedBy: w.ann.id,
        status: "queued",
        dropReason: null,
        mobId: null,
        createdAt: T,
      });
      expect(await tx.getNomination(n.id)).toEqual(n);
      expect(await tx.getNomination(9999)).toBeNull();
      expect(await tx.findNomination(w.community.id, "epicerie", "queued")).toEqual(n);
      expect(await tx.findNomination(w.community.id, "epicerie", "dropped")).toBeNull();
      await tx.fillNomination(n.id, "2 rue", null);
      await tx.fillNomination(n.id, "9 rue", "cheese");
      expect(await tx.getNomination(n.id)).toMatchObject({ address: "2 rue", why: "cheese" });
    });
  });

  it("seconds count once per member; the queue is most seconded first, then the earliest", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const a = await nominate(tx, w, "A", w.ann.id, T);
      const b = await nominate(tx, w, "B", w.bob.id, T + 1);
      const c = await nominate(tx, w, "C", w.org.id, T + 2);
      expect(await tx.addSecond(c.id, w.ann.id, T)).toBe(true);
      expect(await tx.addSecond(c.id, w.ann.id, T)).toBe(false);
      expect(await tx.secondsOf(c.id)).toBe(1);
      expect(await tx.secondsOf(a.id)).toBe(0);
      const queue = await tx.queuedNominations(w.community.id, 10);
      expect(queue.map((n) => [n.name, n.seconds, n.nominatorName])).toEqual([
        ["C", 1, "Org"],
        ["A", 0, "Ann"],
        ["B", 0, "Bob"],
      ]);
      expect(await tx.queuedNominations(w.community.id, 2)).toHaveLength(2);
      expect(await tx.countQueued(w.community.id)).toBe(3);
      expect(await tx.dropNomination(b.id, w.org.id, "chain store", T + H)).toBe(true);
      expect(await tx.chooseNomination(a.id, w.mob.id, T + H)).toBe(true);
      // Settled ones stay as they were settled, and say so.
      expect(await tx.dropNomination(a.id, w.org.id, "late", T + 2 * H)).toBe(false);
      expect(await tx.chooseNomination(b.id, w.mob.id, T + 2 * H)).toBe(false);
      expect(await tx.getNomination(b.id)).toMatchObject({
        status: "dropped",
        dropReason: "chain store",
        mobId: null,
      });
      expect(await tx.getNomination(a.id)).toMatchObject({
        status: "chosen",
        mobId: w.mob.id,
        dropReason: null,
      });
      expect(await tx.countQueued(w.community.id)).toBe(1);
      // Once dropped, the name may be queued again; the latest of a state is found.
      const again = await nominate(tx, w, "B", w.ann.id, T + 3 * H);
      expect((await tx.findNomination(w.community.id, "b", "queued"))?.id).toBe(again.id);
      expect((await tx.findNomination(w.community.id, "b", "dropped"))?.id).toBe(b.id);
    });
  });

  it("a series reads back; it moves on from its occurrence once, and stops once; its open vote is found", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      // Every 2 weeks on Saturday at 18:30, first at T + 96 h, its vote 72 h before.
      const s = await tx.insertSeries(seriesOf(w.community, w.org.id), T);
      expect(await tx.getSeries(s.id)).toEqual(s);
      expect(s).toMatchObject({ status: "active", stoppedAt: null, createdAt: T });
      expect(await tx.advanceSeries(s.id, T + 96 * H, T + 432 * H)).toBe(true);
      expect(await tx.advanceSeries(s.id, T + 96 * H, T + 432 * H)).toBe(false);
      const a = await nominate(tx, w, "A", w.ann.id, T);
      const vote = await tx.insertVote(
        {
          communityId: w.community.id,
          mobAt: T + 432 * H,
          closesAt: T + 400 * H,
          openedBy: w.org.id,
          seriesId: s.id,
        },
        [a.id],
        T,
      );
      expect(await tx.openVoteOfSeries(s.id)).toEqual({ ...vote, seriesId: s.id });
      expect(await tx.activeSeries(w.community.id)).toEqual([{ ...s, nextAt: T + 432 * H }]);
      expect(await tx.stopSeries(s.id, T + 1)).toBe(true);
      expect(await tx.stopSeries(s.id, T + 2)).toBe(false);
      expect(await tx.advanceSeries(s.id, T + 432 * H, T + 768 * H)).toBe(false);
      expect(await tx.activeSeries(w.community.id)).toEqual([]);
    });
  });

  it("a vote shows its shops in the order given, with ballots and seconds now; a ballot moves", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const a = await nominate(tx, w, "A", w.ann.id, T);
      const b = await nominate(tx, w, "B", w.bob.id, T + 1);
      await tx.addSecond(a.id, w.org.id, T);
      const vote = await tx.insertVote(
        {
          communityId: w.community.id,
          mobAt: T + 96 * H,
          closesAt: T + 48 * H,
          openedBy: w.org.id,
        },
        [b.id, a.id],
        T,
      );
      expect(vote).toEqual({
        id: vote.id,
        communityId: w.community.id,
        mobAt: T + 96 * H,
        closesAt: T + 48 * H,
        status: "open",
        openedBy: w.org.id,
        closedBy: null,
        winnerId: null,
        mobId: null,
        closedAt: null,
        seriesId: null,
      });
      expect(await tx.getVote(vote.id)).toEqual(vote);
      expect(await tx.getVote(9999)).toBeNull();
      expect(await tx.openVotes(w.community.id)).toEqual([vote]);
      expect(await tx.ballotOf(vote.id, w.ann.id)).toBeNull();
      await tx.castBallot(vote.id, w.ann.id, a.id, w.chat.id, T + 1);
      await tx.castBallot(vote.id, w.ann.id, b.id, null, T + 2);
      await tx.castBallot(vote.id, w.bob.id, b.id, null, T + 3);
      await tx.castBallot(vote.id, w.org.id, a.id, null, T + 3);
      expect(await tx.ballotOf(vote.id, w.ann.id)).toBe(b.id);
      expect(await tx.ballotCount(vote.id)).toBe(3);
      await tx.dropNomination(a.id, w.org.id, null, T + 4);
      expect(await tx.voteOptions(vote.id)).toEqual([
        {
          nominationId: b.id,
          name: "B",
          address: null,
          position: 1,
          queued: true,
          seconds: 0,
          createdAt: T + 1,
          votes: 2,
        },
        {
          nominationId: a.id,
          name: "A",
          address: null,
          position: 2,
          queued: false,
          seconds: 1,
          createdAt: T,
          votes: 1,
        },
      ]);
      expect(await tx.voteOfMob(w.mob.id)).toBeNull();
      expect(
        await tx.closeVote(vote.id, { closedBy: null, winnerId: b.id, mobId: w.mob.id }, T + 5),
      ).toBe(true);
      expect(
        await tx.closeVote(vote.id, { closedBy: w.org.id, winnerId: a.id, mobId: null }, T + 6),
      ).toBe(false);
      expect(await tx.getVote(vote.id)).toMatchObject({
        status: "closed",
        closedBy: null,
        winnerId: b.id,
        mobId: w.mob.id,
        closedAt: T + 5,
      });
      expect(await tx.openVotes(w.community.id)).toEqual([]);
      expect(await tx.voteOfMob(w.mob.id)).toEqual({ voteId: vote.id, forShop: 2, total: 3 });
    });
  });
});
