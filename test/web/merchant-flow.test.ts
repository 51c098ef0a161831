import { afterEach, describe, expect, it } from "vitest";
import { createWebApp } from "../../src/web/app.js";
import { groupActor, organizer, reply, say } from "../fakes/core-harness.js";
import { type Harness, orgCreates, recordingHarness } from "../fakes/core-scene.js";
import { coreWebPort } from "../fakes/core-web.js";
import { noticeText, type RecordingPlatform } from "../fakes/recording-platform.js";

/**
 * The whole merchant flow on the real core: /merchantlink hands the organizer
 * a signed link privately, the merchant answers through the real web form,
 * the organizer is told by DM, and with the gate on the draft can be confirmed.
 */
const SECRET = "s".repeat(40);
let h: Harness;
afterEach(() => h.close());

function setup(linkSecret: string | null = SECRET) {
  let platform: RecordingPlatform;
  ({ h, platform } = recordingHarness({
    settings: { publicUrl: "https://mobs.example.org", linkSecret },
  }));
  const port = coreWebPort(h);
  const app = createWebApp({
    port,
    clock: h.clock,
    publicUrl: "https://mobs.example.org",
    linkSecret: SECRET,
  });
  return { platform, app };
}

describe("the merchant's private link, end to end", () => {
  it("the organizer gets the link privately, the merchant says yes through the form, the organizer is told, the gate opens", async () => {
    const { platform, app } = setup();
    await say(h.core, organizer(), { type: "settings", gate: "on" });
    await orgCreates(h.core, { shop: "Cave", when: "2026-12-05 18:00", draft: "yes" });
    expect(await say(h.core, organizer(), { type: "confirm", id: "1" })).toMatch(/merchant/i);

    expect(await say(h.core, groupActor("ann"), { type: "merchantlink", id: "1" })).toMatch(
      /^Only organizers/,
    );
    const asked = await reply(h.core, organizer(), { type: "merchantlink", id: "1" });
    expect(asked.notice.title).toBe("I've sent you the merchant's link privately.");
    const secret = noticeText(asked.secret ?? asked.notice);
    const url = /https:\/\/mobs\.example\.org(\/merchant\/\S+)/.exec(secret)?.[1];
    expect(url).toBeDefined();
    expect(noticeText(asked.notice)).not.toContain("/merchant/");
    expect((await h.store.getMob(1))?.merchant.status).toBe("asked");

    const page = await app.request(url ?? "");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Cave");
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const answered = await app.request(url ?? "", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({
        csrf,
        answer: "agreed",
        note: "After 17:00",
        takings: "900",
      }).toString(),
    });
    expect(answered.status).toBe(303);
    expect((await h.store.getMob(1))?.merchant).toMatchObject({
      status: "agreed",
      note: "After 17:00",
    });

    await h.drain();
    const told = platform.sent.find((s) => s.via === "dm" && s.to === "org");
    expect(told && noticeText(told.notice)).toContain(
      "Mob #1: the merchant of Cave answered: agreed",
    );
    expect(told && noticeText(told.notice)).toContain("/confirm 1");
    // Never in a chat: the shop of a draft is not public.
    expect(platform.sent.filter((s) => s.via === "channel")).toEqual([]);
    expect(await say(h.core, organizer(), { type: "confirm", id: "1" })).toBe(
      "The merchant agreed: mob #1 is announced.",
    );
  });

  it("with the web side off there is no link to give, said in one sentence", async () => {
    setup(null);
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-05 18:00" });
    expect(await say(h.core, organizer(), { type: "merchantlink", id: "1" })).toMatch(
      /^The web side is off \(HTTP_PORT=off\)/,
    );
    expect((await h.store.getMob(1))?.merchant.status).toBe("not_asked");
  });
});
