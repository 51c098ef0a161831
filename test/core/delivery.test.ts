import { afterEach, describe, expect, it } from "vitest";
import type { PlatformCapabilities } from "../../src/ports/platform.js";
import { MAX_PROBE_GAP_MS } from "../../src/scheduler/platform-gate.js";
import { groupActor, HOUR, MINUTE, organizer, say } from "../fakes/core-harness.js";
import { type Harness, orgCreates, recordingHarness } from "../fakes/core-scene.js";
import type { RecordingPlatform } from "../fakes/recording-platform.js";
import { byInstant } from "../fakes/same-instant.js";
import { HELD } from "../support/lease.js";

const START = Date.UTC(2026, 11, 5, 18, 0);
let h: Harness;
afterEach(() => h.close());

function setup(capabilities: Partial<PlatformCapabilities> = {}, concurrency?: number) {
  let platform: RecordingPlatform;
  ({ h, platform } = recordingHarness({
    capabilities,
    ...(concurrency ? { scheduler: { concurrency } } : {}),
  }));
  return platform;
}

describe("posts that fell due while the bot was down", () => {
  it("skips reminders for a mob that already started but still posts the spend question and the tally", async () => {
    const p = setup();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await say(h.core, groupActor("a"), { type: "join", id: "1" });
    // A minute up: the join's edit of the call-to-action may wait a second for the post itself.
    await h.advance(MINUTE);
    p.clear();
    // Down from before the first reminder until after the end; back before the tally.
    h.clock.set(START + 3 * HOUR);
    await h.drain();
    const posts = p.sent.filter((s) => s.via !== "edit");
    expect(byInstant(posts, (s) => `${s.via} ${s.to} ${s.notice.kind}`)).toEqual([
      "channel chan1 spend_question",
      "dm a spend_question",
    ]);
    // Posts only: on PostgreSQL, now and then under load, the join's edit of the
    // call-to-action is still owed here and is skipped with them (a started mob's counts
    // are not edited any more); which overdue row runs first is not promised there.
    const skipped = (await h.store.rowsFor("mob", 1))
      .filter((r) => r.state === "skipped" && r.kind !== "cta_edit")
      .map((r) => r.kind);
    expect(skipped.sort()).toEqual(["reminder", "reminder", "start"]);
    await h.advance(12 * HOUR);
    expect(p.log().at(-1)).toBe("channel chan1 tally");
  });

  it("still reveals a secret shop and posts the start while the mob is on", async () => {
    const p = setup();
    await orgCreates(h.core, { shop: "Cave", when: "2026-12-05 18:00", secret: "yes" });
    await h.drain();
    p.clear();
    h.clock.set(START + 30 * MINUTE);
    await h.drain();
    // The call-to-action is edited to name the shop, now public. The reveal, the edit and the
    // start, all overdue, leave together: their order is not promised (../fakes/same-instant.ts).
    expect(p.log().sort()).toEqual([
      "channel chan1 reveal",
      "channel chan1 start",
      "edit chan1:1 call_to_action",
    ]);
  });
});

describe("platform failures", () => {
  it("retries a transient failure with growing waits and sends once it recovers", async () => {
    const p = setup();
    p.failures.push(
      { ok: false, failure: "transient", detail: "502" },
      { ok: false, failure: "transient", detail: "502" },
    );
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await h.drain();
    expect(p.log()).toEqual([]);
    await h.advance(999, 1);
    expect(p.log()).toEqual([]);
    await h.advance(3_000, 100);
    expect(p.log()).toEqual(["channel chan1 call_to_action"]);
  });

  it("honours a rate limit's retry-after without counting it as a failure", async () => {
    const p = setup();
    p.failures.push({ ok: false, failure: "rate_limited", retryAfterMs: 5_000 });
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await h.drain();
    await h.advance(4_900, 100);
    expect(p.log()).toEqual([]);
    await h.advance(200, 100);
    expect(p.log()).toEqual(["channel chan1 call_to_action"]);
    expect(
      (await h.store.rowsFor("mob", 1)).find((r) => r.kind === "call_to_action")?.attempts,
    ).toBe(0);
  });

  it("an outage of several minutes loses nothing: every reminder goes out once the platform is back", async () => {
    const p = setup();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    for (let i = 0; i < 30; i++) await say(h.core, groupActor(`m${i}`), { type: "join", id: "1" });
    await h.advance(START - 2 * HOUR - 10 * MINUTE - h.clock.now());
    p.clear();
    // Down from just before the 2 h reminder for six minutes: far longer than 8 attempts used to last.
    p.down = { ok: false, failure: "transient", detail: "connect ECONNREFUSED" };
    const downFrom = h.clock.now();
    await h.advance(10 * MINUTE + 6 * MINUTE, 1_000);
    expect(p.log()).toEqual([]);
    const during = p.attempts.filter((t) => t > downFrom);
    // The posts in flight as it went down failed together; after that the platform, not each
    // post, backs off: one post at a time probes it, at most MAX_PROBE_GAP_MS apart.
    const firstFailure = Math.min(...during);
    const probes = during.filter((t) => t > firstFailure);
    expect(new Set(probes).size).toBe(probes.length);
    const gaps = probes.slice(1).map((t, i) => t - (probes[i] ?? t));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(MAX_PROBE_GAP_MS + 1_000);
    expect(probes.length).toBeLessThan((6 * MINUTE) / MAX_PROBE_GAP_MS + 10);
    expect(Math.max(...during)).toBeGreaterThan(h.clock.now() - MAX_PROBE_GAP_MS - 1_000);
    p.down = null;
    const backAt = h.clock.now();
    await h.advance(2 * MINUTE, 1_000);
    const dms = p.sent.filter((s) => s.via === "dm" && s.notice.kind === "reminder");
    expect(dms.map((s) => s.to).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `m${i}`).sort(),
    );
    expect(new Set(dms.map((s) => s.to)).size).toBe(30);
    expect(p.log().filter((l) => l === "channel chan1 reminder")).toHaveLength(1);
    // The first probe that gets through brings the whole backlog: no post waits out its own back-off.
    expect(Math.max(...dms.map((s) => s.at)) - backAt).toBeLessThanOrEqual(
      MAX_PROBE_GAP_MS + 1_000,
    );
    expect((await h.store.rowsFor("mob", 1)).filter((r) => r.state === "failed")).toEqual([]);
  });

  it("a reminder still failing when the mob starts is dropped as pointless, not sent late", async () => {
    const p = setup();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await say(h.core, groupActor("a"), { type: "join", id: "1" });
    await h.advance(START - 2 * HOUR - MINUTE - h.clock.now());
    p.clear();
    p.down = { ok: false, failure: "transient" };
    await h.advance(2 * HOUR + MINUTE + 5 * MINUTE, 5_000);
    p.down = null;
    await h.advance(10 * MINUTE, 5_000);
    expect(p.log().filter((l) => l.includes("reminder"))).toEqual([]);
    const reminders = (await h.store.rowsFor("mob", 1)).filter((r) => r.kind === "reminder");
    expect(reminders.filter((r) => r.state === "pending" || r.state === "sending")).toEqual([]);
    expect(p.log()).toContain("channel chan1 start");
  });

  it("a permanent failure is given up at once, without retries", async () => {
    const p = setup();
    p.failures.push({ ok: false, failure: "forbidden", detail: "missing access" });
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await h.advance(10 * MINUTE, 1_000);
    const cta = (await h.store.rowsFor("mob", 1)).find((r) => r.target === "chat");
    expect(cta).toMatchObject({ kind: "call_to_action", state: "failed", attempts: 0 });
    expect(p.attempts).toHaveLength(1);
  });

  it("when the platform limits the whole bot, nothing is sent to it until the limit lifts", async () => {
    // One at a time, as a paced adapter releases them: the rows after the first 429 must wait.
    const p = setup({}, 1);
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    for (let i = 0; i < 10; i++) await say(h.core, groupActor(`m${i}`), { type: "join", id: "1" });
    await h.advance(START - 24 * HOUR - 1_000 - h.clock.now());
    p.clear();
    p.attempts.length = 0;
    p.failures.push({ ok: false, failure: "rate_limited", retryAfterMs: 30_000, scope: "bot" });
    const limitedAt = START - 24 * HOUR;
    await h.advance(29 * 1_000, 500);
    // One request hit the limit; the other ten waited instead of hammering the platform.
    expect(p.attempts).toHaveLength(1);
    await h.advance(5_000, 500);
    expect(p.log().filter((l) => l.startsWith("dm")).length).toBe(10);
    expect(Math.min(...p.sent.map((s) => s.at))).toBeGreaterThanOrEqual(limitedAt + 30_000);
  });

  it("does not DM members who never opened a chat on platforms that need it, and mentions them instead", async () => {
    const p = setup({ dmNeedsOptIn: true });
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await say(h.core, groupActor("stranger"), { type: "join", id: "1" });
    await say(h.core, groupActor("friend", { inPrivateChat: true, community: undefined }), {
      type: "start",
      payload: "mob_1",
    });
    await h.advance(START - 24 * HOUR - h.clock.now());
    const posts = p.sent.filter((s) => s.via !== "edit");
    expect(byInstant(posts, (s) => `${s.via} ${s.to} ${s.notice.kind}`)).toEqual([
      "channel chan1 call_to_action",
      "channel chan1 reminder",
      "dm friend reminder",
    ]);
    const reminder = p.sent.find((s) => s.via === "channel" && s.notice.kind === "reminder");
    const mentioned = reminder?.notice.lines.flat().filter((x) => x.kind === "mention");
    expect(mentioned?.map((m) => (m.kind === "mention" ? m.member.userId : ""))).toEqual([
      "stranger",
    ]);
  });
});

describe("reminders carry buttons", () => {
  it("a member who can't make it leaves from the DM reminder and gets no further reminder", async () => {
    const p = setup();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await say(h.core, groupActor("a"), { type: "join", id: "1" });
    await say(h.core, groupActor("b"), { type: "join", id: "1" });
    await h.advance(START - 24 * HOUR - h.clock.now());
    const dm = p.sent.find((s) => s.via === "dm" && s.to === "a");
    const leave = dm?.notice.actions.flat().find((a) => a.label === "Can't make it");
    expect(leave?.id).toBe("mob:1:leave");
    const inPrivate = groupActor("a", { community: undefined, inPrivateChat: true });
    expect(await say(h.core, inPrivate, { type: "action", actionId: leave?.id ?? "" })).toBe(
      "You left the mob at Cave.",
    );
    p.clear();
    await h.advance(START - 2 * HOUR - h.clock.now());
    expect(p.log().filter((l) => l.startsWith("dm"))).toEqual(["dm b reminder"]);
  });
});

describe("editing the call-to-action", () => {
  it("a join while the call-to-action is still being sent is shown by an edit once it is out", async () => {
    const p = setup();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    // The call-to-action is claimed (in flight) when alice joins.
    const inFlight = await h.store.claimDue(h.clock.now(), 1, new Map(), HELD);
    expect(inFlight.map((r) => r.kind)).toEqual(["call_to_action"]);
    await say(h.core, groupActor("alice"), { type: "join", id: "1" });
    await h.drain();
    expect(p.log()).toEqual([]);
    await h.store.retryAt(inFlight[0]?.id ?? 0, h.clock.now(), "back", false);
    await h.advance(5_000, 500);
    expect(p.log()).toEqual(["channel chan1 call_to_action", "edit chan1:1 call_to_action"]);
  });

  it("edits asked for before the call-to-action existed (a draft) are dropped quietly", async () => {
    const p = setup();
    await orgCreates(h.core, { shop: "Cave", when: "2026-12-05 18:00", draft: "yes" });
    await say(h.core, organizer(), { type: "edit", id: "1", pledge: "20" });
    await h.advance(5_000, 500);
    expect(p.log()).toEqual([]);
    expect((await h.store.rowsFor("mob", 1)).filter((r) => r.state === "failed")).toEqual([]);
  });
});
