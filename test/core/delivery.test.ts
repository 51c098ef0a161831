import { afterEach, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS } from "../../src/delivery/dispatcher.js";
import {
  groupActor,
  type Harness,
  HOUR,
  MINUTE,
  makeHarness,
  organizer,
  say,
} from "../fakes/core-harness.js";
import { RecordingPlatform } from "../fakes/recording-platform.js";

const START = Date.UTC(2026, 11, 5, 18, 0);
let h: Harness;
afterEach(() => h.close());

function setup(capabilities: ConstructorParameters<typeof RecordingPlatform>[2] = {}) {
  const platform = new RecordingPlatform({ now: () => h.clock.now() }, "console", capabilities);
  h = makeHarness({ platforms: [platform] });
  return platform;
}

describe("posts that fell due while the bot was down", () => {
  it("skips reminders for a mob that already started but still posts the spend question and the tally", async () => {
    const p = setup();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await say(h.core, groupActor("a"), { type: "join", id: "1" });
    await h.drain();
    p.clear();
    // Down from before the first reminder until after the end; back before the tally.
    h.clock.set(START + 3 * HOUR);
    await h.drain();
    expect(p.log().filter((l) => !l.startsWith("edit"))).toEqual([
      "channel chan1 spend_question",
      "dm a spend_question",
    ]);
    const skipped = h.store
      .rowsForMob(1)
      .filter((r) => r.state === "skipped")
      .map((r) => r.kind);
    expect(skipped.sort()).toEqual(["reminder", "reminder", "start"]);
    await h.advance(12 * HOUR);
    expect(p.log().at(-1)).toBe("channel chan1 tally");
  });

  it("still reveals a secret shop and posts the start while the mob is on", async () => {
    const p = setup();
    await say(h.core, organizer(), {
      type: "create",
      shop: "Cave",
      when: "2026-12-05 18:00",
      secret: "yes",
    });
    await h.drain();
    p.clear();
    h.clock.set(START + 30 * MINUTE);
    await h.drain();
    expect(p.log()).toEqual(["channel chan1 reveal", "channel chan1 start"]);
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
    expect(h.store.rowsForMob(1).find((r) => r.kind === "call_to_action")?.attempts).toBe(0);
  });

  it("gives up after a bounded number of transient failures instead of retrying forever", async () => {
    const p = setup();
    for (let i = 0; i < 50; i++) p.failures.push({ ok: false, failure: "transient" });
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    await h.advance(HOUR, 1_000);
    const row = h.store.rowsForMob(1).find((r) => r.kind === "call_to_action");
    expect(row?.state).toBe("failed");
    expect(row?.attempts).toBe(MAX_ATTEMPTS - 1);
    expect(50 - p.failures.length).toBe(MAX_ATTEMPTS);
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
    expect(p.log().filter((l) => !l.startsWith("edit"))).toEqual([
      "channel chan1 call_to_action",
      "channel chan1 reminder",
      "dm friend reminder",
    ]);
    const reminder = p.sent.find((s) => s.notice.kind === "reminder");
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
    const inFlight = h.store.claimDue(h.clock.now(), 1);
    expect(inFlight.map((r) => r.kind)).toEqual(["call_to_action"]);
    await say(h.core, groupActor("alice"), { type: "join", id: "1" });
    await h.drain();
    expect(p.log()).toEqual([]);
    h.store.retryAt(inFlight[0]?.id ?? 0, h.clock.now(), "back", false);
    await h.advance(5_000, 500);
    expect(p.log()).toEqual(["channel chan1 call_to_action", "edit chan1:1 call_to_action"]);
  });

  it("edits asked for before the call-to-action existed (a draft) are dropped quietly", async () => {
    const p = setup();
    await say(h.core, organizer(), {
      type: "create",
      shop: "Cave",
      when: "2026-12-05 18:00",
      draft: "yes",
    });
    await say(h.core, organizer(), { type: "edit", id: "1", pledge: "20" });
    await h.advance(5_000, 500);
    expect(p.log()).toEqual([]);
    expect(h.store.rowsForMob(1).filter((r) => r.state === "failed")).toEqual([]);
  });
});
