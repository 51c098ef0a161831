import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { systemClock } from "../../src/ports/clock.js";
import { silentLogger } from "../../src/ports/logger.js";
import { turnsByLease } from "../../src/scheduler/turns.js";
import { makeHarness } from "../fakes/core-harness.js";
import { tempDirEachTest } from "../support/each-test.js";
import { testEngine } from "../support/test-engine.js";

const dir = tempDirEachTest("cashmob-turns-");
const onPostgres = testEngine === "postgres" ? describe : describe.skip;

/** Waits (real time) for `done`, at most `ms`. */
async function until(done: () => boolean, ms: number, what: string): Promise<void> {
  for (const end = Date.now() + ms; !done(); ) {
    if (Date.now() > end) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

onPostgres("taking turns at a job by lease (polling Telegram)", () => {
  it("exactly one replica does the job; when it stops, another begins at once; when it dies, once its lease ends", async () => {
    const path = join(dir(), "bot.db");
    const first = makeHarness({ path });
    const replicas = [first, ...[1, 2].map(() => makeHarness({ path, alongside: true }))];
    const running = new Set<number>();
    const leaseMs = 600;
    const turns = replicas.map((h, i) =>
      turnsByLease({
        uow: h.uow,
        clock: systemClock,
        logger: silentLogger,
        name: "poller:telegram",
        holder: `replica-${i}`,
        leaseMs,
        renewEveryMs: 100,
      })({
        begin: () => running.add(i),
        end: async () => {
          running.delete(i);
        },
      }),
    );
    await until(() => running.size === 1, 2_000, "one replica polling");
    await new Promise((r) => setTimeout(r, 400));
    expect(running.size).toBe(1);
    const [firstPoller = -1] = [...running];
    expect(turns.filter((t) => t.mine())).toHaveLength(1);

    // A graceful stop gives the turn back: another takes it within a renewal or two.
    const stoppedAt = Date.now();
    await turns[firstPoller]?.stop();
    await until(() => running.size === 1 && !running.has(firstPoller), 1_000, "another poller");
    expect(Date.now() - stoppedAt).toBeLessThan(leaseMs);

    // A replica that dies (its database connection gone) keeps nobody out longer than its lease.
    const [secondPoller = -1] = [...running];
    replicas[secondPoller]?.close();
    const diedAt = Date.now();
    await until(
      () => [...running].some((i) => i !== firstPoller && i !== secondPoller),
      3_000,
      "the last replica to poll",
    );
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(leaseMs * 0.5);
    for (const t of turns) await t.stop();
    for (const [i, h] of replicas.entries()) if (i !== secondPoller) h.close();
  });
});
