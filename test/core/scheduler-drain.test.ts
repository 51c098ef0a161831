import { expect, it } from "vitest";
import type { OutboxRow } from "../../src/domain/outbox.js";
import { silentLogger } from "../../src/ports/logger.js";
import type { Tx, UnitOfWork } from "../../src/ports/unit-of-work.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import { FakeClock } from "../fakes/clock.js";

/**
 * On PostgreSQL a claim skips rows another unit holds locked. Here a delivery
 * (B) holds the row another delivery (A) just queued (C) while the next claim
 * looks, and finishes before that claim answers: the claim saw nothing, and
 * nothing is in flight any more, yet C is due. drain() must look once more.
 */
it("drain() does not stop on an empty claim made while a delivery was still running", async () => {
  const row = (name: string) => ({ id: name.charCodeAt(0), platform: "p", name }) as never;
  let pending = ["A", "B"];
  const locked = new Set<string>();
  const delivered: string[] = [];
  let claims = 0;
  let finishB = () => {};
  const bDone = new Promise<void>((resolve) => {
    finishB = resolve;
  });
  const tx = {
    async platformStates() {
      return [];
    },
    async claimDue() {
      claims += 1;
      const free = pending.filter((n) => !locked.has(n));
      pending = pending.filter((n) => locked.has(n));
      // The second claim is the one that races: B lets go of C while it is under way.
      if (claims === 2) {
        finishB();
        await bDone;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return free.map(row);
    },
  } as unknown as Tx;
  const uow: UnitOfWork = {
    engine: "sqlite",
    run: (fn) => fn(tx),
    probeWrite: async () => {},
    close: async () => {},
  };
  const deliverer = {
    async deliver(r: OutboxRow & { name: string }) {
      delivered.push(r.name);
      if (r.name === "A") {
        pending.push("C");
        locked.add("C");
      }
      if (r.name === "B") {
        await bDone;
        locked.delete("C");
      }
    },
  };
  const scheduler = new Scheduler(uow, deliverer as never, new FakeClock(0), silentLogger);
  await scheduler.drain();
  expect(delivered.sort()).toEqual(["A", "B", "C"]);
});
