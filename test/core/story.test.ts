import { afterEach, describe, expect, it } from "vitest";
import { groupActor, HOUR, MINUTE, organizer, say } from "../fakes/core-harness.js";
import { type Harness, orgCreates, recordingHarness } from "../fakes/core-scene.js";
import { noticeText, type RecordingPlatform } from "../fakes/recording-platform.js";
import { byInstant } from "../fakes/same-instant.js";

/** Posts that tell the story as it happened: each number and sentence true to the mob. */
let h: Harness;
afterEach(() => h?.close());

function setup() {
  let platform: RecordingPlatform;
  ({ h, platform } = recordingHarness({ capabilities: { editIntervalMs: 0 } }));
  return platform;
}

const START = Date.UTC(2026, 11, 5, 18, 0);
const END = START + 2 * HOUR;
const TALLY = END + 12 * HOUR;

const create = (extra: Record<string, string> = {}) =>
  orgCreates(h.core, { shop: "Librairie du Parc", when: "2026-12-05 18:00", ...extra });

describe("the start post", () => {
  it("says nothing of an after-party when none was set", async () => {
    const p = setup();
    await create();
    await h.advance(START + MINUTE - h.clock.now(), HOUR);
    const start = p.sent.find((s) => s.notice.kind === "start");
    expect(start && noticeText(start.notice)).toBe(
      [
        "We're on: cash mob at Librairie du Parc!",
        "Come along and spend what you pledged (more is welcome).",
        "When: Sat 5 Dec 2026, 18:00 (UTC)",
        "Pledge: €15.00",
      ].join("\n"),
    );
  });

  it("invites to the after-party when there is one", async () => {
    const p = setup();
    await create({ party: "Bar du Coin" });
    await h.advance(START + MINUTE - h.clock.now(), HOUR);
    const start = p.sent.find((s) => s.notice.kind === "start");
    expect(start && noticeText(start.notice)).toContain("and enjoy the after-party.");
  });
});

describe("the reminders", () => {
  it("the 24-hour reminder says 24 hours, even when it goes a little late", async () => {
    const p = setup();
    await create();
    await say(h.core, groupActor("ann"), { type: "join", id: "1" });
    await h.drain();
    // The bot was busy: the reminder due at T-24h goes out three minutes late.
    h.clock.set(START - 24 * HOUR + 3 * MINUTE);
    await h.drain();
    const reminders = p.sent.filter((s) => s.notice.kind === "reminder");
    expect(byInstant(reminders, (s) => `${s.via} ${s.to}`)).toEqual(["channel chan1", "dm ann"]);
    for (const r of reminders)
      expect(r.notice.lines[0]).toEqual([{ kind: "text", text: "Starts in 24 hours." }]);
  });
});

describe("the spend question", () => {
  it("goes by DM only to those going who have not reported a spend yet", async () => {
    const p = setup();
    await create();
    for (const u of ["ann", "bob", "cem"])
      await say(h.core, groupActor(u), { type: "join", id: "1" });
    h.clock.set(START + 30 * MINUTE);
    await say(h.core, groupActor("ann"), { type: "spent", id: "1", amount: "20" });
    await h.advance(END + MINUTE - h.clock.now(), HOUR);
    const asked = p.sent.filter((s) => s.notice.kind === "spend_question");
    expect(byInstant(asked, (s) => `${s.via} ${s.to}`)).toEqual([
      "channel chan1",
      "dm bob",
      "dm cem",
    ]);
  });
});

describe("who came", () => {
  it("the tally, the thanks, the card and /history count the same people as came", async () => {
    const p = setup();
    await create();
    for (const u of ["ann", "bob", "cem", "dan"])
      await say(h.core, groupActor(u), { type: "join", id: "1" });
    h.clock.set(START - 30 * MINUTE);
    const code = (await h.store.getMob(1))?.checkinCode ?? "";
    // ann checks in and reports; bob checks in only; cem reports only; dan stays home.
    for (const u of ["ann", "bob"])
      await say(h.core, groupActor(u), { type: "checkin", id: "1", code });
    h.clock.set(START + 30 * MINUTE);
    for (const u of ["ann", "cem"])
      await say(h.core, groupActor(u), { type: "spent", id: "1", amount: "20" });
    await h.advance(TALLY + MINUTE - h.clock.now(), HOUR);
    await say(h.core, organizer(), { type: "thanks", id: "1" });
    await h.drain();
    const tally = p.sent.find((s) => s.notice.kind === "tally")?.notice;
    const thanks = p.sent.find((s) => s.notice.kind === "thanks")?.notice;
    expect(tally && noticeText(tally)).toContain(
      ["Going: 4", "Came: 3", "Spent: €40.00 by 2 people"].join("\n"),
    );
    expect(tally?.image?.alt).toContain("3 came");
    expect(thanks && noticeText(thanks)).toContain("3 of us came, and €40.00 was spent");
    expect(thanks?.image?.alt).toContain("3 came");
    const history = noticeText(
      (await h.core.handler.handle(groupActor("ann"), { type: "history" })).notice,
    );
    expect(history).toContain("Librairie du Parc · 3 came · €40.00");
  });
});

describe("/settings", () => {
  it("answers a new language in that language", async () => {
    setup();
    const answer = await h.core.handler.handle(organizer(), { type: "settings", locale: "fr" });
    expect(noticeText(answer.notice)).toBe(
      [
        "Réglages de la communauté",
        "Fuseau UTC · langue fr · devise EUR · organisateurs\u00a0: admins · accord du commerçant requis\u00a0: non",
      ].join("\n"),
    );
    expect(await say(h.core, organizer(), { type: "settings", locale: "en" })).toBe(
      "Community settings",
    );
  });

  it("takes any ISO 4217 code the runtime knows, and refuses another with one sentence naming a few", async () => {
    setup();
    for (const code of ["jpy", "XOF", "UAH"]) {
      await say(h.core, organizer(), { type: "settings", currency: code });
      expect((await h.store.getCommunity(1))?.currency).toBe(code.toUpperCase());
    }
    const before = (await h.store.getCommunity(1))?.currency;
    expect(await say(h.core, organizer(), { type: "settings", currency: "XYZ" })).toBe(
      "That is not a currency code I know; use an ISO 4217 code, such as EUR, USD, GBP, CHF or JPY.",
    );
    expect((await h.store.getCommunity(1))?.currency).toBe(before);
  });
});
