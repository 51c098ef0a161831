import { afterEach, describe, expect, it } from "vitest";
import { groupActor, HOUR, MINUTE, organizer, reply, say } from "../fakes/core-harness.js";
import { type Harness, orgCreates, recordingHarness, timeline } from "../fakes/core-scene.js";
import { noticeText, type RecordingPlatform } from "../fakes/recording-platform.js";
import { byInstant } from "../fakes/same-instant.js";

let h: Harness;
afterEach(() => h?.close());

function setup() {
  let platform: RecordingPlatform;
  ({ h, platform } = recordingHarness());
  return platform;
}

// Mob at 2026-12-05 18:00 UTC, 4 days after T0.
const START = Date.UTC(2026, 11, 5, 18, 0);

/** The organizer's /create of a mob at `shop` at START, with any other fields given. */
const createAt = (shop: string, extra: Record<string, string> = {}) =>
  orgCreates(h.core, { shop, when: "2026-12-05 18:00", ...extra });

describe("a mob's whole life on a fake clock", () => {
  it("posts the call-to-action, reminders, start, spend question and tally at their times, to the right people", async () => {
    const p = setup();
    const created = await reply(h.core, organizer(), {
      type: "create",
      shop: "Librairie du Parc",
      when: "2026-12-05 18:00",
      pledge: "15",
      address: "3 rue des Lilas",
      goal: "300",
      takings: "400",
    });
    expect(created.notice.title).toBe("Mob #1 is announced.");
    expect(
      created.secret?.lines
        .flat()
        .map((x) => ("text" in x ? x.text : ""))
        .join(""),
    ).toMatch(/[A-Z2-9]{6}/);
    await h.drain();
    expect(p.log()).toEqual(["channel chan1 call_to_action"]);
    expect(noticeText(p.sent[0]!.notice)).toContain("0 going · 0 maybe");

    expect(await say(h.core, groupActor("alice"), { type: "action", actionId: "mob:1:join" })).toBe(
      "You're in! See you at Librairie du Parc.",
    );
    await say(h.core, groupActor("bob"), { type: "action", actionId: "mob:1:maybe" });
    await say(h.core, groupActor("carol"), { type: "join", id: "1" });
    await h.advance(5_000, 1_000);
    const edits = p.sent.filter((s) => s.via === "edit");
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(noticeText(edits.at(-1)!.notice)).toContain("2 going · 1 maybe");
    p.clear();

    await h.advance(START + 3 * HOUR + 12 * HOUR - h.clock.now());
    expect(timeline(p.sent)).toEqual([
      "12-04T18:00 channel chan1 reminder",
      "12-04T18:00 dm alice reminder",
      "12-04T18:00 dm bob reminder",
      "12-04T18:00 dm carol reminder",
      "12-05T16:00 channel chan1 reminder",
      "12-05T16:00 dm alice reminder",
      "12-05T16:00 dm carol reminder",
      "12-05T18:00 channel chan1 start",
      "12-05T20:00 channel chan1 spend_question",
      "12-05T20:00 dm alice spend_question",
      "12-05T20:00 dm carol spend_question",
      "12-06T08:00 channel chan1 tally",
    ]);
    const tally = noticeText(p.sent.at(-1)!.notice);
    expect(tally).toContain("No spend reported yet.");
  });

  it("tallies going, came and spent separately, the average, the goal, and the usual takings the merchant agreed to publish", async () => {
    const p = setup();
    await createAt("Cave", { goal: "100", takings: "50" });
    expect(await say(h.core, groupActor("a"), { type: "join", id: "1", pledge: "20" })).toBe(
      "You're in! See you at Cave.",
    );
    for (const u of ["b", "c"]) await say(h.core, groupActor(u), { type: "join", id: "1" });
    h.clock.set(START + 30 * MINUTE);
    expect(await say(h.core, groupActor("a"), { type: "spent", id: "1", amount: "20" })).toBe(
      "Thanks! €20.00 recorded.",
    );
    await say(h.core, groupActor("b"), { type: "action", actionId: "mob:1:spent:1500" });
    expect(await say(h.core, groupActor("b"), { type: "spent", id: "1", amount: "25,50" })).toBe(
      "Updated: €25.50 recorded.",
    );
    const code = (await h.store.getMob(1))!.checkinCode;
    expect(
      await say(h.core, groupActor("c"), { type: "checkin", id: "1", code: code.toLowerCase() }),
    ).toBe("Checked in at Cave. Happy mobbing!");
    expect(await say(h.core, organizer(), { type: "merchant", id: "1", publish: "yes" })).toBe(
      "Mob #1: the merchant agreed to publish the comparison with their usual takings in the tally.",
    );
    await h.advance(START + 15 * HOUR - h.clock.now());
    const tally = p.sent.find((s) => s.notice.kind === "tally");
    expect(tally && noticeText(tally.notice)).toBe(
      [
        "Tally: cash mob at Cave",
        "Going: 3",
        "Came: 3",
        "Spent: €45.50 by 2 people",
        "Average: €22.75",
        "Pledged: €50.00 · 91% delivered",
        "Goal: €100.00 · 46% of the goal",
        "91% of the shop's usual daily takings",
      ].join("\n"),
    );
    expect((await h.store.getMob(1))!.status).toBe("tallied");
    expect(await say(h.core, groupActor("a"), { type: "spent", id: "1", amount: "5" })).toBe(
      "Mob #1 has already been tallied; spends can no longer change.",
    );
  });

  it("reveals a secret shop by DM and in the channel an hour before, and hides it until then", async () => {
    const p = setup();
    await createAt("Chez Tom", { secret: "yes", address: "1 rue X" });
    await say(h.core, groupActor("alice"), { type: "join", id: "1" });
    await h.drain();
    expect(noticeText(p.sent[0]!.notice)).not.toContain("Chez Tom");
    expect(noticeText(p.sent[0]!.notice)).not.toContain("1 rue X");
    expect(await say(h.core, groupActor("alice"), { type: "info", id: "1" })).toBe(
      "#1 Cash mob: a secret shop",
    );
    await h.advance(START - HOUR - h.clock.now());
    const reveal = p.sent.filter((s) => s.notice.kind === "reveal");
    expect(byInstant(reveal, (s) => `${s.via} ${s.to} ${new Date(s.at).toISOString()}`)).toEqual([
      "channel chan1 2026-12-05T17:00:00.000Z",
      "dm alice 2026-12-05T17:00:00.000Z",
    ]);
    expect(noticeText(reveal.find((s) => s.via === "dm")!.notice)).toContain("1 rue X");
  });

  it("mentions in the channel the participants a DM cannot reach, and stops trying them", async () => {
    const p = setup();
    p.noDm.add("closed");
    await createAt("Cave");
    await say(h.core, groupActor("open"), { type: "join", id: "1" });
    await say(h.core, groupActor("closed"), { type: "join", id: "1" });
    await h.advance(START - 24 * HOUR - h.clock.now());
    const line = (s: (typeof p.sent)[number]) => `${s.via} ${s.to} ${s.notice.kind}`;
    expect(byInstant(p.sent, line).slice(-3)).toEqual([
      "channel chan1 reminder",
      "channel chan1 unreachable_mentions",
      "dm open reminder",
    ]);
    const mentions = p.sent.find((s) => s.notice.kind === "unreachable_mentions");
    expect(noticeText(mentions!.notice)).toContain("@closed");
    p.clear();
    await h.advance(START - 2 * HOUR - h.clock.now());
    expect(byInstant(p.sent, line)).toEqual(["channel chan1 reminder", "dm open reminder"]);
    expect(noticeText(p.sent.find((s) => s.via === "channel")!.notice)).toContain(
      "I couldn't reach these mobbers privately: @closed",
    );
  });
});
