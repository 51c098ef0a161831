import { expect, it } from "vitest";
import { HELD } from "../../support/lease.js";
import { contract } from "./engines.js";
import { H, row, T, world } from "./fixtures.js";

contract("storage contract: the outbox", (engine) => {
  it("enqueue adds new keys, leaves known ones, and revives a withdrawn one", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const first = row(w, "k1", T, { payload: { n: 1 }, batch: "b1" });
      expect(await tx.enqueue([first, row(w, "k2", T + H), row(w, "k1", T + 9 * H)], T)).toBe(2);
      expect(await tx.enqueue([row(w, "k1", T + 5 * H), row(w, "k3", T)], T)).toBe(1);
      expect(await tx.enqueue([], T)).toBe(0);
      const rows = await tx.rowsFor("mob", w.mob.id);
      expect(rows.map((r) => r.key)).toEqual(["k1", "k2", "k3"]);
      // The row reads back as enqueued, with what the store adds.
      expect(rows[0]).toEqual({
        ...first,
        id: rows[0]?.id,
        memberId: null,
        platform: "telegram",
        state: "pending",
        attempts: 0,
        ref: null,
        createdAt: T,
      });
      expect(await tx.withdrawPending("mob", w.mob.id, T + 1, ["reminder"])).toBe(3);
      expect(await tx.enqueue([row(w, "k1", T + 7 * H, { payload: { n: 2 } })], T + 2)).toBe(1);
      const revived = (await tx.rowsFor("mob", w.mob.id))[0];
      expect(revived).toMatchObject({ state: "pending", dueAt: T + 7 * H, payload: { n: 2 } });
      expect(await tx.rowsFor("vote", w.mob.id)).toEqual([]);
    });
  });

  it("a row's platform is its member's for a DM, its chat's for a chat, none for the community", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      await tx.enqueue(
        [
          row(w, "dm", T, { target: "dm", chatId: null, memberId: w.bob.id }),
          row(w, "chat", T),
          row(w, "all", T, { target: "community", chatId: null }),
        ],
        T,
      );
      const rows = await tx.rowsFor("mob", w.mob.id);
      expect(rows.map((r) => [r.key, r.platform])).toEqual([
        ["dm", "discord"],
        ["chat", "telegram"],
        ["all", null],
      ]);
    });
  });

  it("claimDue takes due rows oldest first, up to the limit per platform less what is busy", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const dm = (key: string, dueAt: number) =>
        row(w, key, dueAt, { target: "dm", chatId: null, memberId: w.bob.id });
      const all = (key: string, dueAt: number) =>
        row(w, key, dueAt, { target: "community", chatId: null });
      await tx.enqueue(
        [
          row(w, "t1", T - 3),
          row(w, "t2", T - 2),
          row(w, "t3", T - 1),
          row(w, "later", T + 1),
          dm("d1", T - 5),
          dm("d2", T - 4),
          all("c1", T - 6),
        ],
        T,
      );
      const busy = new Map([["discord", 1]]);
      const claimed = await tx.claimDue(T, 2, busy, HELD);
      expect(claimed.map((r) => [r.key, r.state])).toEqual([
        ["c1", "sending"],
        ["d1", "sending"],
        ["t1", "sending"],
        ["t2", "sending"],
      ]);
      expect((await tx.claimDue(T, 5, new Map([["telegram", 5]]), HELD)).map((r) => r.key)).toEqual(
        ["d2"],
      );
      expect((await tx.claimDue(T, 5, new Map([["", 0]]), HELD)).map((r) => r.key)).toEqual(["t3"]);
      expect(await tx.claimDue(T, 5, new Map(), HELD)).toEqual([]);
      expect((await tx.claimDue(T + 1, 5, new Map(), HELD)).map((r) => r.key)).toEqual(["later"]);
    });
  });

  it("a batch is claimed whole whatever its due time, in order, up to the limit", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      await tx.enqueue(
        [
          row(w, "b1", T + 9 * H, { batch: "x" }),
          row(w, "b2", T, { batch: "x" }),
          row(w, "b3", T, { batch: "x" }),
          row(w, "o", T, { batch: "y" }),
        ],
        T,
      );
      expect((await tx.claimBatch("x", 2, HELD)).map((r) => r.key)).toEqual(["b1", "b2"]);
      expect((await tx.claimBatch("x", 5, HELD)).map((r) => r.key)).toEqual(["b3"]);
      expect(await tx.claimBatch("x", 5, HELD)).toEqual([]);
    });
  });

  it("rows are sent, retried, settled; queries answer per scope, a null chat matching rows without one", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      const scope = {
        subject: "mob",
        subjectId: w.mob.id,
        kind: "reminder",
        chatId: w.chat.id,
      } as const;
      const none = { ...scope, chatId: null };
      expect(await tx.sentRef(scope)).toBeNull();
      expect(await tx.hasAny(scope)).toBe(false);
      expect(await tx.lastActivityAt(scope)).toBeNull();
      expect(await tx.nextDueAt()).toBeNull();
      expect(await tx.backlog(T)).toEqual({ pending: 0, oldestDueAt: null });
      await tx.enqueue(
        [
          row(w, "a", T - 2),
          row(w, "b", T - 1),
          row(w, "c", T + H),
          row(w, "all", T + 10 * H, { target: "community", chatId: null }),
        ],
        T,
      );
      expect(await tx.nextDueAt()).toBe(T - 2);
      expect(await tx.backlog(T)).toEqual({ pending: 4, oldestDueAt: T - 2 });
      expect(await tx.hasPending(scope)).toBe(true);
      expect(await tx.hasPending(none)).toBe(true);
      const [a, b] = await tx.claimDue(T, 10, new Map(), HELD);
      expect(await tx.hasUnsettled(none)).toBe(true);
      await tx.markSent(a?.id ?? 0, "msg-1", T + 10);
      await tx.markSent(b?.id ?? 0, null, T + 20);
      expect(await tx.sentRef(scope)).toBe("msg-1");
      expect(await tx.sentRef(none)).toBeNull();
      expect(await tx.lastActivityAt(scope)).toBe(T + 20);
      const [c] = await tx.claimDue(T + H, 10, new Map(), HELD);
      await tx.retryAt(c?.id ?? 0, T + 3 * H, "429", true);
      await tx.claimDue(T + 3 * H, 10, new Map(), HELD);
      await tx.retryAt(c?.id ?? 0, T + 4 * H, "restart", false);
      const retried = (await tx.rowsFor("mob", w.mob.id)).find((r) => r.key === "c");
      expect(retried).toMatchObject({ state: "pending", dueAt: T + 4 * H, attempts: 1 });
      await tx.settle(c?.id ?? 0, "failed", "gone", T + 5 * H);
      expect(await tx.hasUnsettled(scope)).toBe(false);
      expect(await tx.hasAny(scope)).toBe(true);
      expect(await tx.withdrawPending("mob", w.mob.id, T + 6 * H)).toBe(1);
      expect(await tx.withdrawPending("mob", w.mob.id, T + 6 * H, [])).toBe(0);
      expect(await tx.hasPending(none)).toBe(false);
      expect(await tx.hasAny(none)).toBe(false);
      expect((await tx.rowsFor("mob", w.mob.id)).map((r) => r.state)).toEqual([
        "sent",
        "sent",
        "failed",
        "withdrawn",
      ]);
      expect(await tx.pruneSettled(T + 20)).toBe(1);
      expect(await tx.pruneSettled(T + 7 * H)).toBe(3);
      expect(await tx.rowsFor("mob", w.mob.id)).toEqual([]);
    });
  });

  it("after a crash, rows left sending go back to pending", async () => {
    const w = await world(engine.uow());
    await engine.uow().run(async (tx) => {
      await tx.enqueue([row(w, "a", T), row(w, "b", T)], T);
      await tx.claimDue(T, 1, new Map(), HELD);
      expect(await tx.requeueInFlight()).toBe(1);
      expect((await tx.claimDue(T, 5, new Map(), HELD)).map((r) => r.key)).toEqual(["a", "b"]);
    });
  });

  it("a claimed row is held under its lease: claimable again only once the lease ends", async () => {
    const w = await world(engine.uow());
    const a = { holder: "replica-a", until: T + 30_000 };
    const b = { holder: "replica-b", until: T + 60_000 };
    await engine.uow().run(async (tx) => {
      await tx.enqueue([row(w, "x", T), row(w, "y", T)], T);
      expect((await tx.claimDue(T, 1, new Map(), a)).map((r) => r.key)).toEqual(["x"]);
      // Another replica, while the lease holds, takes the other row only.
      expect((await tx.claimDue(T + 29_999, 5, new Map(), b)).map((r) => r.key)).toEqual(["y"]);
      // A renewal by its holder moves the end; another holder's renewal does not.
      expect(await tx.renewLeases("replica-a", T + 40_000)).toBe(1);
      expect(await tx.renewLeases("replica-c", T + 90_000)).toBe(0);
      expect(await tx.claimDue(T + 39_999, 5, new Map(), b)).toEqual([]);
      expect(await tx.nextDueAt()).toBe(T + 40_000);
      // Ended: it goes out again, once, in the new holder's name, as the same row.
      const again = await tx.claimDue(T + 40_000, 5, new Map(), b);
      expect(again.map((r) => [r.key, r.attempts, r.state])).toEqual([["x", 0, "sending"]]);
      expect(await tx.claimDue(T + 40_000, 5, new Map(), b)).toEqual([]);
      expect(await tx.renewLeases("replica-a", T + 99_000)).toBe(0);
      expect(await tx.renewLeases("replica-b", T + 99_000)).toBe(2);
    });
  });

  it("a holder hands its rows back: pending again, the other holders' rows untouched", async () => {
    const w = await world(engine.uow());
    const a = { holder: "replica-a", until: T + 30_000 };
    await engine.uow().run(async (tx) => {
      await tx.enqueue([row(w, "x", T), row(w, "y", T), row(w, "z", T, { batch: "m" })], T);
      await tx.claimDue(T, 1, new Map(), a);
      await tx.claimBatch("m", 5, a);
      await tx.claimDue(T, 5, new Map(), HELD);
      expect(await tx.releaseLeases("replica-a")).toBe(2);
      expect(await tx.releaseLeases("replica-a")).toBe(0);
      const states = (await tx.rowsFor("mob", w.mob.id)).map((r) => [r.key, r.state]);
      expect(states).toEqual([
        ["x", "pending"],
        ["y", "sending"],
        ["z", "pending"],
      ]);
      expect((await tx.claimDue(T, 5, new Map(), a)).map((r) => r.key)).toEqual(["x", "z"]);
    });
  });

  it("an outcome written for a holder lands only on that holder's rows or nobody's", async () => {
    const w = await world(engine.uow());
    const a = { holder: "replica-a", until: T + 30_000 };
    const b = { holder: "replica-b", until: T + 90_000 };
    await engine.uow().run(async (tx) => {
      await tx.enqueue([row(w, "x", T), row(w, "y", T), row(w, "z", T)], T);
      const [x, y, z] = await tx.claimDue(T, 5, new Map(), a);
      // A's lease ends; B takes the rows over and sends x.
      await tx.claimDue(T + 30_000, 5, new Map(), b);
      expect(await tx.markSent(x?.id ?? 0, "b-1", T + 31_000, "replica-b")).toBe(true);
      // A, late, records its own outcomes: none of them lands.
      expect(await tx.retryAt(x?.id ?? 0, T + 32_000, "transient", true, "replica-a")).toBe(false);
      expect(await tx.markSent(y?.id ?? 0, "a-2", T + 32_000, "replica-a")).toBe(false);
      expect(await tx.settle(z?.id ?? 0, "failed", "forbidden", T + 32_000, "replica-a")).toBe(
        false,
      );
      // A row handed back belongs to nobody: a late outcome of its old holder lands.
      expect(await tx.releaseLeases("replica-b")).toBe(2);
      expect(await tx.markSent(y?.id ?? 0, "a-2", T + 33_000, "replica-a")).toBe(true);
      // Without a holder, no fence.
      expect(await tx.settle(z?.id ?? 0, "skipped", "no fence", T + 33_000)).toBe(true);
      const rows = (await tx.rowsFor("mob", w.mob.id)).map((r) => [r.key, r.state, r.ref]);
      expect(rows).toEqual([
        ["x", "sent", "b-1"],
        ["y", "sent", "a-2"],
        ["z", "skipped", null],
      ]);
    });
  });

  it("an inbound event is handled once; old ones are forgotten", async () => {
    await engine.uow().run(async (tx) => {
      expect(await tx.markHandled("tg:1", T)).toBe(true);
      expect(await tx.markHandled("tg:1", T + 1)).toBe(false);
      expect(await tx.markHandled("tg:2", T + H)).toBe(true);
      expect(await tx.pruneHandled(T + 1)).toBe(1);
      expect(await tx.markHandled("tg:1", T + 2 * H)).toBe(true);
    });
  });

  it("a secret is made the first time it is asked for, then kept", async () => {
    await engine.uow().run(async (tx) => {
      expect(await tx.secret("link", () => "first", T)).toBe("first");
      expect(await tx.secret("link", () => "second", T)).toBe("first");
      expect(await tx.secret("other", () => "third", T)).toBe("third");
    });
    expect(await engine.uow().run((tx) => tx.secret("link", () => "x", T))).toBe("first");
  });
});
