import { describe, expect, it } from "vitest";
import { createCore } from "../../src/core.js";
import { silentLogger } from "../../src/ports/logger.js";
import type { Tx, UnitOfWork } from "../../src/ports/unit-of-work.js";
import { makeHarness, testSettings } from "../fakes/core-harness.js";

/**
 * The loop reads when the next row is due, then sleeps. A poke or a stop that
 * comes while that read is under way (a real round trip on PostgreSQL) must not
 * be lost: the loop would sleep its full minute.
 */
function heldNextDueAt(uow: UnitOfWork) {
  let hold: Promise<void> | null = null;
  let release = () => {};
  let reached = () => {};
  const wrapped: UnitOfWork = {
    engine: uow.engine,
    probeWrite: () => uow.probeWrite(),
    close: () => uow.close(),
    run: (fn) =>
      uow.run((tx) => {
        const held = new Proxy(tx, {
          get(target, key, receiver) {
            if (key !== "nextDueAt" || !hold) return Reflect.get(target, key, receiver);
            const gate = hold;
            return async () => {
              reached();
              await gate;
              return target.nextDueAt();
            };
          },
        }) as Tx;
        return fn(held);
      }),
  };
  return {
    wrapped,
    /** Holds the next read of nextDueAt; resolves once the loop is waiting on it. */
    holdNext(): Promise<void> {
      hold = new Promise<void>((r) => {
        release = () => {
          hold = null;
          r();
        };
      });
      return new Promise<void>((r) => {
        reached = r;
      });
    },
    release: () => release(),
  };
}

describe("the scheduler's loop", () => {
  it("stops at once when told to while it reads the next due time", async () => {
    const h = makeHarness();
    const gate = heldNextDueAt(h.uow);
    const core = createCore({
      uow: gate.wrapped,
      clock: h.clock,
      logger: silentLogger,
      settings: testSettings,
      scheduler: { maxSleepMs: 600_000 },
    });
    const waiting = gate.holdNext();
    await core.scheduler.start();
    await waiting;
    const stopped = core.scheduler.stop();
    gate.release();
    const outcome = await Promise.race([
      stopped.then(() => "stopped"),
      new Promise((r) => setTimeout(() => r("still sleeping"), 5_000)),
    ]);
    expect(outcome).toBe("stopped");
  });
});
