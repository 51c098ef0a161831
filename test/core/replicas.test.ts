import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SENDER_LEASE_MS } from "../../src/scheduler/platform-gate.js";
import { LEASE_MS } from "../../src/scheduler/scheduler.js";
import { FakeClock } from "../fakes/clock.js";
import { groupActor, type Harness, HOUR, makeHarness, say, T0 } from "../fakes/core-harness.js";
import { orgCreates } from "../fakes/core-scene.js";
import { RecordingPlatform } from "../fakes/recording-platform.js";
import { tempDirEachTest } from "../support/each-test.js";
import { testEngine } from "../support/test-engine.js";

const START = Date.UTC(2026, 11, 5, 18, 0);
const REMINDER = START - 24 * HOUR;
const MEMBERS = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
/** Reminder rows: the chat's post and one DM per member. */
const REMINDERS = MEMBERS.length + 1;
/** Rows in flight at once on each platform, per scheduler. */
const CONCURRENCY = 4;

const dir = tempDirEachTest("cashmob-replicas-");

/** A gate that holds every send until opened (a slow platform, or a process about to die). */
function gate(): { readonly promise: Promise<void>; open(): void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

async function inState(h: Harness, state: string): Promise<number> {
  const [row] = await h.query("SELECT count(*) AS n FROM outbox WHERE state = ?", state);
  return Number(row?.n);
}

/** Waits (in real time, `tries` looks 10 ms apart) until `n` rows are claimed. */
async function untilSending(h: Harness, n: number, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if ((await inState(h, "sending")) === n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never ${n} rows in flight`);
}

/** A mob with ten members, everything before its 24-hour reminder sent; the clock at that reminder. */
async function mobAtReminder(h: Harness, clock: FakeClock): Promise<void> {
  await orgCreates(h.core, { shop: "Cave", when: "2026-12-05 18:00" });
  for (const u of MEMBERS) await say(h.core, groupActor(u), { type: "join", id: "1" });
  await h.advance(REMINDER - 1_000 - clock.now());
  clock.set(REMINDER);
}

const reminderKeys = (p: RecordingPlatform) =>
  p.sent.filter((s) => s.notice.kind === "reminder").map((s) => s.key);

const onPostgres = testEngine === "postgres" ? describe : describe.skip;

onPostgres("several processes over one PostgreSQL database", () => {
  it("two schedulers claim disjoint rows: what one holds in flight the other never sends", async () => {
    const clock = new FakeClock(T0);
    const path = join(dir(), "bot.db");
    const p1 = new RecordingPlatform(clock);
    const p2 = new RecordingPlatform(clock);
    const scheduler = { concurrency: CONCURRENCY };
    const h1 = makeHarness({ path, clock, platforms: [p1], scheduler });
    await mobAtReminder(h1, clock);
    const h2 = makeHarness({ path, clock, platforms: [p2], scheduler, alongside: true });
    expect(h2.core.scheduler.replica).not.toBe(h1.core.scheduler.replica);

    // The first fans the reminder out and holds its share in flight on a slow platform.
    const slow = gate();
    p1.gate = slow.promise;
    const first = h1.drain();
    await untilSending(h1, CONCURRENCY);
    // The second, meanwhile, sends all the rest and nothing of that share.
    await h2.drain();
    expect(reminderKeys(p2)).toHaveLength(REMINDERS - CONCURRENCY);
    slow.open();
    await first;

    const one = reminderKeys(p1);
    const two = reminderKeys(p2);
    expect(one).toHaveLength(CONCURRENCY);
    expect(one.filter((k) => two.includes(k))).toEqual([]);
    expect(new Set([...one, ...two]).size).toBe(REMINDERS);
    expect(await inState(h1, "sending")).toBe(0);
  });

  it("a row claimed by a process that died is sent by another only once its lease ends, then once", async () => {
    const clock = new FakeClock(T0);
    const path = join(dir(), "bot.db");
    const dead = new RecordingPlatform(clock);
    let h = makeHarness({ path, clock, platforms: [dead] });
    await mobAtReminder(h, clock);
    // It claims every reminder, its sends never answer, and it dies with them in flight.
    dead.gate = new Promise<void>(() => {});
    // Its drain looks again every second, and fails once its database is closed below.
    h.drain().catch(() => {});
    await untilSending(h, REMINDERS);
    h.close();

    const live = new RecordingPlatform(clock);
    h = makeHarness({ path, clock, platforms: [live] });
    await h.drain();
    await h.advance(LEASE_MS - 1_000, 1_000);
    expect(reminderKeys(live)).toEqual([]);
    expect(await inState(h, "sending")).toBe(REMINDERS);

    await h.advance(1_000, 1_000);
    expect(reminderKeys(live)).toHaveLength(REMINDERS);
    expect(live.sent.every((s) => s.at === REMINDER + LEASE_MS)).toBe(true);
    await h.advance(LEASE_MS * 4, 1_000);
    expect(new Set(reminderKeys(live)).size).toBe(REMINDERS);
    expect(reminderKeys(live)).toHaveLength(REMINDERS);
    expect(reminderKeys(dead)).toEqual([]);
    h.close();
  });

  it("a process that outlived its row leases (frozen, cut off) records nothing over the rows' new holder: a late failure sends nothing again", async () => {
    const clock = new FakeClock(T0);
    const path = join(dir(), "bot.db");
    const p1 = new RecordingPlatform(clock);
    const p2 = new RecordingPlatform(clock);
    const h1 = makeHarness({ path, clock, platforms: [p1] });
    await mobAtReminder(h1, clock);
    // The first claims every reminder, and its sends hang (a frozen process)...
    const frozen = gate();
    p1.gate = frozen.promise;
    const first = h1.drain();
    await untilSending(h1, REMINDERS);
    // ...past their leases: the second takes the rows over and sends them.
    const h2 = makeHarness({ path, clock, platforms: [p2], alongside: true });
    clock.set(REMINDER + LEASE_MS);
    await h2.drain();
    expect(reminderKeys(p2)).toHaveLength(REMINDERS);
    // The first wakes up to failures: its retries would put the rows back in the queue.
    p1.down = { ok: false, failure: "transient", detail: "woke up to a dead socket" };
    frozen.open();
    await first;
    expect(await inState(h2, "sending")).toBe(0);
    await h2.advance(HOUR, 60_000);
    expect(reminderKeys(p2)).toHaveLength(REMINDERS);
    expect(reminderKeys(p1)).toEqual([]);
    const reminders = await h2.query(
      "SELECT state FROM outbox WHERE kind = 'reminder' AND target <> 'community'",
    );
    expect(reminders.map((r) => r.state)).toEqual(Array(REMINDERS).fill("sent"));
    h1.close();
    h2.close();
  });

  it("a live scheduler renews its leases: a slow send past the first lease is not taken over", async () => {
    const clock = new FakeClock(T0);
    const path = join(dir(), "bot.db");
    const p1 = new RecordingPlatform(clock);
    const p2 = new RecordingPlatform(clock);
    const h1 = makeHarness({ path, clock, platforms: [p1], scheduler: { renewEveryMs: 20 } });
    await mobAtReminder(h1, clock);
    const h2 = makeHarness({ path, clock, platforms: [p2], alongside: true });
    const slow = gate();
    p1.gate = slow.promise;
    const first = h1.drain();
    await untilSending(h1, REMINDERS);
    clock.set(REMINDER + LEASE_MS - 5_000);
    // A few renewals in real time, each to the (fake) now plus a lease.
    await new Promise((r) => setTimeout(r, 100));
    clock.set(REMINDER + LEASE_MS + 5_000);
    await h2.drain();
    expect(reminderKeys(p2)).toEqual([]);
    slow.open();
    await first;
    expect(reminderKeys(p1)).toHaveLength(REMINDERS);
    await h2.drain();
    expect(reminderKeys(p2)).toEqual([]);
  });
});

onPostgres("one sender per platform, shared pauses", () => {
  it("only the replica holding a platform's sender lease sends to it; another takes over once that lease ends", async () => {
    const clock = new FakeClock(T0);
    const path = join(dir(), "bot.db");
    const p1 = new RecordingPlatform(clock);
    const p2 = new RecordingPlatform(clock);
    const h1 = makeHarness({ path, clock, platforms: [p1], exclusiveSenders: true });
    await mobAtReminder(h1, clock);
    const h2 = makeHarness({
      path,
      clock,
      platforms: [p2],
      alongside: true,
      exclusiveSenders: true,
    });
    // The second may fan the reminder out (community work is anyone's) but sends nothing.
    await h2.drain();
    expect(reminderKeys(p2)).toEqual([]);
    const [lease] = await h2.query("SELECT holder FROM leases WHERE name = 'sender:console'");
    expect(lease?.holder).toBe(h1.core.scheduler.replica);

    // The sender dies without a word; its lease ends SENDER_LEASE_MS after its last renewal.
    h1.close();
    await h2.drain();
    expect(reminderKeys(p2)).toEqual([]);
    clock.set(REMINDER + SENDER_LEASE_MS);
    await h2.drain();
    expect(reminderKeys(p2)).toHaveLength(REMINDERS);
    expect(new Set(reminderKeys(p2)).size).toBe(REMINDERS);
    expect(reminderKeys(p1)).toEqual([]);
    h2.close();
  });

  it("a replica that finds its turn at a platform over calls off the sends still queued in its adapter: none reaches the platform, the next sender sends each once", async () => {
    const clock = new FakeClock(T0);
    const path = join(dir(), "bot.db");
    const p1 = new RecordingPlatform(clock);
    const p2 = new RecordingPlatform(clock);
    const options = {
      path,
      clock,
      scheduler: { concurrency: CONCURRENCY },
      exclusiveSenders: true,
    };
    const h1 = makeHarness({ ...options, platforms: [p1] });
    await mobAtReminder(h1, clock);
    const reachedBefore = p1.attempts.length;
    // The sender's posts wait in its adapter's queue (a throttler, a rate-limit bucket)...
    const queue = gate();
    p1.gate = queue.promise;
    const first = h1.drain();
    await untilSending(h1, CONCURRENCY);
    // ...while it misses renewing its lease (a pause, a network stall): another replica takes it.
    const h2 = makeHarness({ ...options, platforms: [p2], alongside: true });
    clock.set(REMINDER + SENDER_LEASE_MS);
    await h2.drain();
    expect(reminderKeys(p2)).toHaveLength(REMINDERS - CONCURRENCY);
    // The first looks again within a second, sees the lease is another's, and calls its queue off.
    await untilSending(h1, 0, 1_000);
    queue.open();
    await first;
    expect(p1.attempts).toHaveLength(reachedBefore);
    await h2.drain();
    expect(reminderKeys(p2)).toHaveLength(REMINDERS);
    expect(new Set(reminderKeys(p2)).size).toBe(REMINDERS);
    h1.close();
    h2.close();
  });

  it("a bot-wide 429 one replica met pauses the platform for the replica that sends after it", async () => {
    const clock = new FakeClock(T0);
    const path = join(dir(), "bot.db");
    const p1 = new RecordingPlatform(clock);
    const p2 = new RecordingPlatform(clock);
    const h1 = makeHarness({
      path,
      clock,
      platforms: [p1],
      exclusiveSenders: true,
      scheduler: { concurrency: 1 },
    });
    await mobAtReminder(h1, clock);
    p1.failures.push({ ok: false, failure: "rate_limited", retryAfterMs: 60_000, scope: "bot" });
    await h1.drain();
    expect(reminderKeys(p1)).toEqual([]);
    h1.close();

    const h2 = makeHarness({
      path,
      clock,
      platforms: [p2],
      alongside: true,
      exclusiveSenders: true,
    });
    // Its lease has ended, the platform's pause has not: nothing yet.
    clock.set(REMINDER + SENDER_LEASE_MS);
    await h2.drain();
    clock.set(REMINDER + 59_000);
    await h2.drain();
    expect(reminderKeys(p2)).toEqual([]);
    clock.set(REMINDER + 60_000);
    await h2.drain();
    expect(reminderKeys(p2)).toHaveLength(REMINDERS);
    h2.close();
  });
});

describe("a graceful stop", () => {
  it("hands back the rows still in flight when it gives up waiting: the next process sends them at once", async () => {
    const clock = new FakeClock(T0);
    const path = join(dir(), "bot.db");
    const stuck = new RecordingPlatform(clock);
    let h = makeHarness({ path, clock, platforms: [stuck], scheduler: { stopGraceMs: 50 } });
    await mobAtReminder(h, clock);
    stuck.gate = new Promise<void>(() => {});
    void h.drain();
    await untilSending(h, REMINDERS);
    await h.core.scheduler.stop();
    expect(await inState(h, "sending")).toBe(0);
    const [held] = await h.query(
      "SELECT count(*) AS n FROM outbox WHERE lease_holder IS NOT NULL AND state = 'pending'",
    );
    expect(Number(held?.n)).toBe(0);
    h.close();

    // No lease to wait for: the next process (on either engine) sends them at the same instant.
    const next = new RecordingPlatform(clock);
    h = makeHarness({ path, clock, platforms: [next] });
    await h.drain();
    expect(reminderKeys(next)).toHaveLength(REMINDERS);
    expect(next.sent.every((s) => s.at === REMINDER)).toBe(true);
    expect(reminderKeys(stuck)).toEqual([]);
    h.close();
  });
});
