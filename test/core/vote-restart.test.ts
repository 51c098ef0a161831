import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LEASE_MS } from "../../src/scheduler/scheduler.js";
import { groupActor, HOUR, organizer, say, T0 } from "../fakes/core-harness.js";
import { type Restarts, restartsOn } from "../fakes/core-scene.js";
import type { RecordingPlatform } from "../fakes/recording-platform.js";
import { tempDirEachTest } from "../support/each-test.js";
import { testEngine } from "../support/test-engine.js";

const dir = tempDirEachTest("cashmob-vote-restart-");

/** A vote on two shops, closing at T0 + 24 h, with two votes for the first. */
async function openVote(boot: Restarts["boot"]) {
  const h = boot();
  await say(h.core, groupActor("ann"), { type: "nominate", shop: "Librairie du Parc" });
  await say(h.core, groupActor("bob"), { type: "nominate", shop: "Fromagerie" });
  await say(h.core, organizer(), { type: "vote", when: "2026-12-12 18:00", closes: "in 24h" });
  await h.drain();
  for (const u of ["ann", "cem"])
    await say(h.core, groupActor(u), { type: "action", actionId: "vote:1:1" });
  await say(h.core, groupActor("bob"), { type: "action", actionId: "vote:1:2" });
  return h;
}

const results = (p: RecordingPlatform) => p.sent.filter((s) => s.notice.kind === "vote_result");

describe("a vote across restarts", () => {
  it("closes after a restart when its time passed while the bot was down, once", async () => {
    const { clock, platform, boot } = restartsOn(join(dir(), "bot.db"));
    let h = await openVote(boot);
    h.close();

    // Down for two days: the close fell due meanwhile.
    clock.set(T0 + 48 * HOUR);
    h = boot();
    await h.drain();
    expect(results(platform).map((s) => s.notice.title)).toEqual([
      "The vote chose Librairie du Parc!",
    ]);
    expect(await h.store.getVote(1)).toMatchObject({ status: "closed", winnerId: 1, mobId: 1 });
    h.close();

    h = boot();
    await h.advance(24 * HOUR, HOUR);
    expect(results(platform)).toHaveLength(1);
    expect(await h.count("mobs")).toBe(1);
    h.close();
  });

  it("a close the process died in the middle of is done again after the restart, and only once", async () => {
    const { clock, platform, boot } = restartsOn(join(dir(), "bot.db"));
    let h = await openVote(boot);
    clock.set(T0 + 24 * HOUR);
    // The close is claimed under the process's lease, and it dies before its transaction runs.
    const lease = h.core.scheduler.lease();
    expect(
      (await h.store.claimDue(clock.now(), 100, new Map(), lease)).map((r) => r.kind),
    ).toContain("vote_close");
    h.close();

    h = boot();
    await h.drain();
    // SQLite's one process takes it back at start; PostgreSQL's replicas once the lease ends.
    expect(results(platform)).toHaveLength(testEngine === "sqlite" ? 1 : 0);
    await h.advance(LEASE_MS, 1_000);
    await h.drain();
    expect(results(platform)).toHaveLength(1);
    expect(await h.count("mobs")).toBe(1);
    expect(await h.store.getNomination(1)).toMatchObject({ status: "chosen", mobId: 1 });
    expect((await h.store.getNomination(2))?.status).toBe("queued");
    h.close();
  });

  it("votes cast before a restart still count after it", async () => {
    const { platform, boot } = restartsOn(join(dir(), "bot.db"));
    let h = await openVote(boot);
    h.close();
    h = boot();
    // Cem moves to the other shop after the restart: 1 against 2.
    expect(await say(h.core, groupActor("cem"), { type: "action", actionId: "vote:1:2" })).toBe(
      "You moved your vote to Fromagerie (from Librairie du Parc).",
    );
    await h.advance(24 * HOUR + 1, HOUR);
    expect(results(platform).map((s) => s.notice.title)).toEqual(["The vote chose Fromagerie!"]);
    h.close();
  });
});
