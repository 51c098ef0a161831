import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LEASE_MS } from "../../src/scheduler/scheduler.js";
import { FakeClock } from "../fakes/clock.js";
import { groupActor, HOUR, makeHarness, organizer, say, T0 } from "../fakes/core-harness.js";
import { restartsOn } from "../fakes/core-scene.js";
import { RecordingPlatform } from "../fakes/recording-platform.js";
import { byInstant } from "../fakes/same-instant.js";
import { tempDirEachTest } from "../support/each-test.js";
import { testEngine } from "../support/test-engine.js";

const START = Date.UTC(2026, 11, 5, 18, 0);
const dir = tempDirEachTest("cashmob-restart-");

describe("restart safety", () => {
  it("closing the database mid-lifecycle and reopening loses no post and repeats none", async () => {
    // One platform outlives the restarts, so it holds everything ever delivered.
    const { clock, platform, boot } = restartsOn(join(dir(), "bot.db"));
    let h = boot();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    for (const u of ["a", "b", "c"]) await say(h.core, groupActor(u), { type: "join", id: "1" });
    await h.advance(START - 24 * HOUR - clock.now());
    h.close();

    // A second life: the process restarts between the two reminders.
    h = boot();
    await h.advance(START - 2 * HOUR - clock.now());
    h.close();

    h = boot();
    await h.advance(START + 15 * HOUR - clock.now());
    h.close();

    const counts = new Map<string, number>();
    for (const line of platform.sent
      .filter((s) => s.via !== "edit")
      .map((s) => `${s.via} ${s.to} ${s.notice.kind} ${s.at}`)) {
      counts.set(line, (counts.get(line) ?? 0) + 1);
    }
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const kinds = byInstant(
      platform.sent.filter((s) => s.via !== "edit"),
      (s) => `${s.via} ${s.to} ${s.notice.kind}`,
    );
    expect(kinds).toEqual([
      "channel chan1 call_to_action",
      "channel chan1 reminder",
      "dm a reminder",
      "dm b reminder",
      "dm c reminder",
      "channel chan1 reminder",
      "dm a reminder",
      "dm b reminder",
      "dm c reminder",
      "channel chan1 start",
      "channel chan1 spend_question",
      "dm a spend_question",
      "dm b spend_question",
      "dm c spend_question",
      "channel chan1 tally",
    ]);
  });

  it("a post claimed but not recorded when the process died is sent again after restart, and only that one", async () => {
    const { clock, platform, boot } = restartsOn(join(dir(), "bot.db"));
    let h = boot();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await h.drain();
    await say(h.core, groupActor("a"), { type: "join", id: "1" });
    clock.set(START);
    // The start post is claimed (marked sending, under the process's lease) and the process
    // dies before the platform answers.
    const lease = h.core.scheduler.lease();
    const claimed = (await h.store.claimDue(clock.now(), 100, new Map(), lease)).map((r) => r.kind);
    expect(claimed).toContain("start");
    h.close();

    h = boot();
    await h.drain();
    // SQLite has one process: the restarted one takes its rows back at once. On PostgreSQL
    // another live replica might hold them: they go out when the dead one's lease ends.
    const early = platform.sent.filter((s) => s.notice.kind === "start").length;
    expect(early).toBe(testEngine === "sqlite" ? 1 : 0);
    await h.advance(LEASE_MS, 1_000);
    h.close();
    const starts = platform.sent.filter((s) => s.notice.kind === "start");
    expect(starts).toHaveLength(1);
    expect(
      platform.sent.filter((s) => s.via === "channel" && s.notice.kind === "call_to_action"),
    ).toHaveLength(1);
  });

  it("the same idempotency key is handed to the platform when an in-flight post is retried after a crash", async () => {
    const { platform, boot } = restartsOn(join(dir(), "bot.db"));
    let h = boot();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    // The call-to-action fans out into one row per chat; the crash comes while that one is sent.
    await h.core.scheduler.drain();
    const sent = platform.sent.length;
    await h.store.requeueInFlight();
    const cta = (await h.store.rowsFor("mob", 1)).find((r) => r.target === "chat");
    await h.query("UPDATE outbox SET state = 'sending' WHERE id = ?", cta?.id);
    h.close();
    h = boot();
    // At once on SQLite; on PostgreSQL when the lease of the claim before the crash ends.
    await h.advance(LEASE_MS, 1_000);
    h.close();
    expect(platform.sent).toHaveLength(sent + 1);
    expect(platform.sent.at(-1)?.key).toBe(cta?.key);
    expect(cta?.key).toBe("mob:1:call_to_action:chat:1");
  });
});

describe("platform events redelivered after a crash", () => {
  it("an update handled before the crash is not handled again when the platform sends it again", async () => {
    const clock = new FakeClock(T0);
    const platform = new RecordingPlatform(clock);
    const h = makeHarness({ clock, platforms: [platform] });
    const create = { type: "create", shop: "Cave", when: "2026-12-05 18:00" } as const;
    const first = await h.core.handler.handle(organizer(), create, "update:1001");
    expect(first.notice.title).toBe("Mob #1 is announced.");
    const again = await h.core.handler.handle(organizer(), create, "update:1001");
    expect(again.duplicate).toBe(true);
    expect(await h.store.getMob(2)).toBeNull();
    // Another event with the same content is a new command.
    expect((await h.core.handler.handle(organizer(), create, "update:1002")).notice.title).toBe(
      "Mob #2 is announced.",
    );
    h.close();
  });
});
