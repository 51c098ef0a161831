import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordMerchantAnswer } from "../../src/app/merchant.js";
import type { Command } from "../../src/ports/inbound.js";
import { groupActor, HOUR, organizer, reply, say } from "../fakes/core-harness.js";
import { type Harness, recordingHarness } from "../fakes/core-scene.js";
import { coreWebPort } from "../fakes/core-web.js";
import { noticeText, type RecordingPlatform } from "../fakes/recording-platform.js";

let h: Harness;
let p: RecordingPlatform;
beforeEach(() => {
  ({ h, platform: p } = recordingHarness());
});
afterEach(() => h.close());

const START = Date.UTC(2026, 11, 5, 18);
const draft = (extra: Partial<Extract<Command, { type: "create" }>> = {}): Command => ({
  type: "create",
  shop: "Cave",
  when: "2026-12-05 18:00",
  draft: "true",
  takings: "400",
  ...extra,
});
const merchant = (status: string, note?: string): Command => ({
  type: "merchant",
  id: "1",
  status,
  ...(note ? { note } : {}),
});
/** What `/mob 1` shows the actor: the answer, and (organizers) its private part. */
async function infoText(actor = organizer()): Promise<string> {
  const r = await reply(h.core, actor, { type: "info", id: "1" });
  return [noticeText(r.notice), ...(r.secret ? [noticeText(r.secret)] : [])].join("\n");
}

/** The tally post, once its time came. */
async function tallied(): Promise<string> {
  await h.advance(START + 15 * HOUR - h.clock.now(), HOUR);
  const tally = p.sent.find((s) => s.notice.kind === "tally");
  return tally ? noticeText(tally.notice) : "";
}

function snapshot(): Promise<string> {
  return h.snapshot(["communities", "mobs", "outbox"]);
}

describe("the merchant's answer", () => {
  it("organizers record asked, agreed or declined with a note; who and when show to organizers only", async () => {
    await say(h.core, organizer(), draft());
    expect(await infoText()).toContain("Merchant: not asked");
    expect(await say(h.core, organizer(), merchant("asked", "called Monday"))).toBe(
      "Mob #1: the merchant's answer is recorded (asked).",
    );
    h.clock.advance(HOUR);
    const agreed = await reply(h.core, organizer(), merchant("agreed", "happy to host 40"));
    expect(noticeText(agreed.notice)).toBe(
      ["Mob #1: the merchant's answer is recorded (agreed).", "Announce it with /confirm 1."].join(
        "\n",
      ),
    );
    expect(await infoText()).toContain(
      "Merchant: agreed (recorded by org, Tue 1 Dec 2026, 13:00 (UTC)) · happy to host 40",
    );
    expect((await h.store.getMob(1))?.merchant).toMatchObject({
      status: "agreed",
      note: "happy to host 40",
      source: "organizer",
      recordedAt: h.clock.now(),
    });
    // Members see neither the answer nor the usual takings.
    await say(h.core, organizer(), { type: "confirm", id: "1" });
    h.clock.set(START + 30 * 60_000);
    const member = await infoText(groupActor("ann"));
    expect(member).not.toContain("Merchant");
    expect(member).not.toContain("takings");
    expect(await infoText()).toContain("Usual daily takings: €400.00");
  });

  it("the merchant's link records through the same state machine: other_date is theirs to give, asked is not", async () => {
    await say(h.core, organizer(), draft());
    const mob = await h.store.getMob(1);
    if (!mob) throw new Error("no mob");
    const now = h.clock.now();
    const viaLink = (status: "asked" | "other_date" | "agreed") =>
      h.uow.run((tx) =>
        recordMerchantAnswer(
          tx,
          mob,
          { status, note: null, source: "merchant_link", recordedBy: null, publishTakings: true },
          now,
        ),
      );
    expect(await viaLink("asked")).toMatchObject({ ok: false, code: "MERCHANT_STATUS_INVALID" });
    expect((await h.store.getMob(1))?.merchant.status).toBe("not_asked");
    const answered = await viaLink("other_date");
    expect(answered.ok && answered.value.merchant).toEqual({
      status: "other_date",
      note: null,
      recordedBy: null,
      recordedAt: now,
      source: "merchant_link",
    });
    expect(answered.ok && answered.value.takingsPublic).toBe(true);
    expect(await infoText()).toContain(
      "Merchant: would rather have another date (answered through their link, Tue 1 Dec 2026, 12:00 (UTC))",
    );
  });

  it("refuses a non-organizer, a bad answer, a note too long, and a mob that is over, changing nothing", async () => {
    await say(h.core, organizer(), draft({ draft: undefined, takings: undefined }));
    await say(h.core, groupActor("ann"), { type: "list" });
    const before = await snapshot();
    const cases: [Command, string, boolean?][] = [
      [
        merchant("agreed"),
        "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
        false,
      ],
      [merchant("maybe"), "The merchant's answer is asked, agreed or declined."],
      [{ type: "merchant", id: "1" }, "The merchant's answer is asked, agreed or declined."],
      [
        merchant("agreed", "n".repeat(301)),
        "The note is too long (301 characters); keep it under 300.",
      ],
      [{ type: "merchant", id: "1", publish: "perhaps" }, "Publish must be yes or no."],
      [
        { type: "merchant", id: "7", status: "agreed" },
        "There is no mob #7 here; /mobs lists this community's mobs.",
      ],
    ];
    for (const [command, sentence, asOrganizer] of cases) {
      const who = asOrganizer === false ? groupActor("ann") : organizer();
      expect(await say(h.core, who, command)).toBe(sentence);
    }
    h.clock.set(START + 3 * HOUR);
    expect(await say(h.core, organizer(), merchant("declined"))).toBe(
      "Mob #1 is over; the merchant's answer can no longer change.",
    );
    expect(await snapshot()).toBe(before);
  });
});

describe("the merchant gate", () => {
  it("is off by default: /confirm announces a draft whatever the merchant said", async () => {
    await say(h.core, organizer(), draft());
    expect(await say(h.core, organizer(), { type: "confirm", id: "1" })).toBe(
      "The merchant agreed: mob #1 is announced.",
    );
  });

  it("with the gate on, /confirm is refused until the merchant agreed, then announces", async () => {
    expect(await say(h.core, groupActor("ann"), { type: "settings", gate: "on" })).toBe(
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    );
    const settings = await reply(h.core, organizer(), { type: "settings", gate: "on" });
    expect(noticeText(settings.notice)).toContain("merchant gate: on");
    await say(h.core, organizer(), draft());
    await h.drain();
    const before = await snapshot();
    expect(await say(h.core, organizer(), { type: "confirm", id: "1" })).toBe(
      "The merchant of mob #1 has not agreed yet (not asked) and this community announces a mob only once they have; record their yes with /merchant 1 agreed.",
    );
    expect(await snapshot()).toBe(before);
    await say(h.core, organizer(), merchant("declined", "too busy in December"));
    expect(await say(h.core, organizer(), { type: "confirm", id: "1" })).toMatch(
      /has not agreed yet \(declined\)/,
    );
    expect(p.sent.some((s) => s.notice.kind === "call_to_action")).toBe(false);
    await say(h.core, organizer(), merchant("agreed"));
    expect(await say(h.core, organizer(), { type: "confirm", id: "1" })).toBe(
      "The merchant agreed: mob #1 is announced.",
    );
    await h.drain();
    expect(p.sent.filter((s) => s.notice.kind === "call_to_action")).toHaveLength(1);
  });

  it("with the gate on, a mob can only be created as a draft", async () => {
    await say(h.core, organizer(), { type: "settings", gate: "yes" });
    const before = await snapshot();
    expect(await say(h.core, organizer(), draft({ draft: undefined }))).toBe(
      "This community announces a mob only once the merchant agreed: create it as a draft (draft), record their answer, then confirm it.",
    );
    expect(await snapshot()).toBe(before);
    expect(await say(h.core, organizer(), { type: "settings", gate: "maybe" })).toBe(
      "Usage: /settings gate on|off",
    );
    await say(h.core, organizer(), { type: "settings", gate: "off" });
    expect(await say(h.core, organizer(), draft({ draft: undefined }))).toBe(
      "Mob #1 is announced.",
    );
  });
});

describe("the usual takings stay private", () => {
  it("the public tally leaves them out until the merchant agrees to publish; organizers see the comparison privately", async () => {
    await say(h.core, organizer(), draft({ draft: undefined, takings: "100" }));
    await say(h.core, groupActor("ann"), { type: "join", id: "1" });
    h.clock.set(START + 30 * 60_000);
    await say(h.core, groupActor("ann"), { type: "spent", id: "1", amount: "50" });
    const tally = await tallied();
    expect(tally).toContain("Spent: €50.00 by 1 person");
    expect(tally).not.toContain("takings");
    const member = await reply(h.core, groupActor("ann"), { type: "tally", id: "1" });
    expect(noticeText(member.notice)).not.toContain("takings");
    expect(member.secret).toBeUndefined();
    const own = await reply(h.core, organizer(), { type: "tally", id: "1" });
    expect(noticeText(own.notice)).not.toContain("takings");
    expect(own.secret && noticeText(own.secret)).toBe(
      [
        "50% of the shop's usual daily takings",
        "Only organizers see this; the public tally shows it once the merchant agrees.",
      ].join("\n"),
    );
    expect(await say(h.core, organizer(), { type: "merchant", id: "1", publish: "yes" })).toBe(
      "Mob #1: the merchant agreed to publish the comparison with their usual takings in the tally.",
    );
    expect(
      noticeText((await reply(h.core, groupActor("ann"), { type: "tally", id: "1" })).notice),
    ).toContain("50% of the shop's usual daily takings");
  });
});

describe("the tally of a mob a vote chose", () => {
  it("shows voted, going, came and spent as separate numbers", async () => {
    for (const [u, shop] of [
      ["ann", "Librairie du Parc"],
      ["bob", "Fromagerie"],
    ])
      await say(h.core, groupActor(u as string), { type: "nominate", shop: shop as string });
    await say(h.core, organizer(), { type: "vote", when: "2026-12-05 18:00" });
    for (const [u, n] of [
      ["v1", 1],
      ["v2", 1],
      ["v3", 2],
    ])
      await say(h.core, groupActor(u as string), { type: "action", actionId: `vote:1:${n}` });
    await say(h.core, organizer(), { type: "closevote", id: "1" });
    await say(h.core, organizer(), merchant("agreed"));
    await say(h.core, organizer(), { type: "confirm", id: "1" });
    for (const u of ["ann", "v1", "v2"])
      await say(h.core, groupActor(u), { type: "join", id: "1" });
    h.clock.set(START - 30 * 60_000);
    const code = (await h.store.getMob(1))?.checkinCode ?? "";
    await say(h.core, groupActor("ann"), { type: "checkin", id: "1", code });
    h.clock.set(START + 30 * 60_000);
    await say(h.core, groupActor("v1"), { type: "spent", id: "1", amount: "20" });
    expect((await tallied()).split("\n").slice(0, 6)).toEqual([
      "Tally: cash mob at Librairie du Parc",
      "Voted: 2 for this shop (of 3 ballots)",
      "Going: 3",
      "Came: 2",
      "Spent: €20.00 by 1 person",
      "Average: €20.00",
    ]);
  });
});

describe("the merchant's link tells the organizer at most once a minute", () => {
  const dms = () => p.sent.filter((s) => s.via === "dm" && s.to === "org").map((s) => s.notice);

  it("30 answers in 80 ms steps are one DM carrying the latest; the next ones wait a minute, merged", async () => {
    await say(h.core, organizer(), draft());
    const port = coreWebPort(h);
    const statuses = ["agreed", "declined", "other_date"] as const;
    for (let i = 1; i <= 30; i++) {
      const answer = statuses[(i + 1) % 3] ?? "agreed";
      const note = `answer ${i}`;
      const now = h.clock.now();
      expect(
        await port.recordMerchantAnswer({ mobId: 1, answer, note, usualTakingsMinor: null, now }),
      ).toEqual({ ok: true });
      h.clock.set(now + 80);
    }
    expect(
      (await h.store.rowsFor("mob", 1)).filter((r) => r.kind === "merchant_answer"),
    ).toHaveLength(1);
    await h.drain();
    expect(dms()).toHaveLength(1);
    expect(noticeText(dms()[0] ?? fail())).toContain("answer 30");
    expect(noticeText(dms()[0] ?? fail())).toContain("answered: declined");
    const firstAt = h.clock.now();

    for (const [i, note] of ["later 1", "later 2", "later 3"].entries()) {
      h.clock.set(firstAt + 10_000 * (i + 1));
      await port.recordMerchantAnswer({
        mobId: 1,
        answer: "agreed",
        note,
        usualTakingsMinor: null,
        now: h.clock.now(),
      });
      await h.drain();
    }
    expect(dms()).toHaveLength(1);
    h.clock.set(firstAt + 59_999);
    await h.drain();
    expect(dms()).toHaveLength(1);
    h.clock.set(firstAt + 60_000);
    await h.drain();
    expect(dms()).toHaveLength(2);
    expect(noticeText(dms()[1] ?? fail())).toContain("answered: agreed");
    expect(noticeText(dms()[1] ?? fail())).toContain("later 3");
  });

  it("an answer long after the last DM is told at once", async () => {
    await say(h.core, organizer(), draft());
    const port = coreWebPort(h);
    const answer = { mobId: 1, answer: "agreed", note: null, usualTakingsMinor: null } as const;
    await port.recordMerchantAnswer({ ...answer, now: h.clock.now() });
    await h.drain();
    h.clock.set(h.clock.now() + 5 * 60_000);
    await port.recordMerchantAnswer({ ...answer, answer: "declined", now: h.clock.now() });
    await h.drain();
    expect(dms().map((n) => noticeText(n).split("\n")[0])).toEqual([
      "Mob #1: the merchant of Cave answered: agreed",
      "Mob #1: the merchant of Cave answered: declined",
    ]);
  });
});

function fail(): never {
  throw new Error("expected a DM");
}
