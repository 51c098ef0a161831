import { afterEach, describe, expect, it } from "vitest";
import { groupActor, HOUR, organizer, reply, say } from "../fakes/core-harness.js";
import { type Harness, orgCreates, recordingHarness } from "../fakes/core-scene.js";
import { coreWebPort } from "../fakes/core-web.js";
import { noticeText } from "../fakes/recording-platform.js";

/**
 * The merchant's private link on the real core: the web port records answers
 * through the same use case as organizers' /merchant, and the public tally
 * compares with the usual takings only once the merchant agreed to publish it.
 */
const START = Date.UTC(2026, 11, 5, 18, 0);
let h: Harness;
afterEach(() => h.close());

function setup() {
  ({ h } = recordingHarness());
  return coreWebPort(h);
}

describe("the merchant answers through their link", () => {
  it("the answer and their usual takings are recorded on the mob, for organizers' eyes, until the mob starts", async () => {
    const port = setup();
    await orgCreates(h.core, { shop: "Cave", when: "2026-12-05 18:00", draft: "yes" });
    expect((await port.merchantProposal(1, h.clock.now()))?.answer).toEqual({
      status: "not_asked",
      note: null,
      at: null,
    });
    const answer = {
      mobId: 1,
      answer: "other_date",
      note: "Saturdays are busy; a Thursday?",
      usualTakingsMinor: 80_000,
      now: h.clock.now(),
    } as const;
    expect(await port.recordMerchantAnswer(answer)).toEqual({ ok: true });
    expect((await port.merchantProposal(1, h.clock.now()))?.answer).toEqual({
      status: "other_date",
      note: "Saturdays are busy; a Thursday?",
      at: h.clock.now(),
    });
    // For the organizer's eyes only: the private part of their /mob.
    const asked = await reply(h.core, organizer(), { type: "info", id: "1" });
    const info = asked.secret ? noticeText(asked.secret) : "";
    expect(info).toContain(
      "Merchant: would rather have another date (answered through their link, Tue 1 Dec 2026, 12:00 (UTC)) · Saturdays are busy; a Thursday?",
    );
    expect(info).toContain("Usual daily takings: €800.00");
    expect(await port.recordMerchantAnswer({ ...answer, answer: "agreed", note: null })).toEqual({
      ok: true,
    });
    expect(await say(h.core, organizer(), { type: "confirm", id: "1" })).toBe(
      "The merchant agreed: mob #1 is announced.",
    );
    expect(
      await port.recordMerchantAnswer({ ...answer, answer: "declined", now: START + HOUR }),
    ).toEqual({ ok: false, code: "ANSWER_CLOSED" });
    expect(await port.recordMerchantAnswer({ ...answer, mobId: 9 })).toEqual({
      ok: false,
      code: "MOB_NOT_FOUND",
    });
    expect((await h.store.getMob(1))?.merchant.status).toBe("agreed");
  });

  it("the public page compares the spend with the usual takings only once the merchant agreed to publish it", async () => {
    const port = setup();
    await orgCreates(h.core, { shop: "Cave", when: "2026-12-05 18:00", takings: "100" });
    await say(h.core, groupActor("ann"), { type: "join", id: "1" });
    h.clock.set(START + HOUR);
    await say(h.core, groupActor("ann"), { type: "spent", id: "1", amount: "50" });
    await h.advance(15 * HOUR, HOUR);
    const page = async () =>
      (await port.mobPage((await h.store.getMob(1))?.publicId ?? "", h.clock.now()))?.tally;
    expect((await page())?.vsUsualDay).toBeNull();
    await say(h.core, organizer(), { type: "merchant", id: "1", publish: "yes" });
    // A public page's view is rebuilt at most once a second.
    h.clock.advance(1_000);
    expect((await page())?.vsUsualDay).toBe(0.5);
  });
});
