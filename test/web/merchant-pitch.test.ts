import { afterEach, describe, expect, it } from "vitest";
import { createWebApp } from "../../src/web/app.js";
import { groupActor, HOUR, organizer, reply, say } from "../fakes/core-harness.js";
import { type Harness, orgCreates, recordingHarness } from "../fakes/core-scene.js";
import { coreWebPort } from "../fakes/core-web.js";
import { noticeText } from "../fakes/recording-platform.js";

/**
 * The merchant's page is the pitch to the shop when the organizers ask for a
 * yes: on a draft nobody has joined yet, so it says what is true and useful
 * (how many came to this community's past mobs, the pledge) and never
 * "about 0 people"; never who came, nor another shop's takings.
 */
const SECRET = "s".repeat(40);
let h: Harness;
afterEach(() => h.close());

function setup() {
  ({ h } = recordingHarness({
    settings: { publicUrl: "https://mobs.example.org", linkSecret: SECRET },
  }));
  return createWebApp({
    port: coreWebPort(h),
    clock: h.clock,
    publicUrl: "https://mobs.example.org",
    linkSecret: SECRET,
  });
}

/** A past mob at `when` where `came` members checked in. */
async function pastMob(id: number, shop: string, when: string, came: readonly string[]) {
  await say(h.core, organizer(), { type: "create", shop, when, takings: "4321" });
  for (const u of [...came, "stayed-home"])
    await say(h.core, groupActor(u), { type: "join", id: String(id) });
  const mob = await h.store.getMob(id);
  if (!mob) throw new Error("no mob");
  h.clock.set(mob.startsAt + HOUR / 2);
  for (const u of came)
    await say(h.core, groupActor(u), { type: "checkin", id: String(id), code: mob.checkinCode });
  h.clock.set(mob.startsAt + 3 * HOUR);
}

async function merchantPage(app: ReturnType<typeof setup>, id: number): Promise<string> {
  const asked = await reply(h.core, organizer(), { type: "merchantlink", id: String(id) });
  const url = /https:\/\/mobs\.example\.org(\/merchant\/\S+)/.exec(
    noticeText(asked.secret ?? asked.notice),
  )?.[1];
  const page = await app.request(url ?? "");
  expect(page.status).toBe(200);
  return page.text();
}

describe("the merchant's page for a draft", () => {
  it("says how many came to the community's past mobs, never 'about 0 people', never who nor what other shops took", async () => {
    const app = setup();
    await pastMob(1, "Fromagerie Alpha", "2026-12-02 18:00", ["ann", "bob", "cem"]);
    await pastMob(2, "Cave Beta", "2026-12-03 18:00", ["dan", "eve", "fay", "gus", "hal"]);
    await orgCreates(h.core, { shop: "Librairie du Parc", when: "2026-12-12 18:00", draft: "yes" });
    const html = await merchantPage(app, 3);
    expect(html).toContain("<dt>Our mobs usually draw</dt><dd>about 4 people per mob</dd>");
    expect(html).toContain("each spends at least €15.00");
    expect(html).not.toContain("about 0");
    expect(html).not.toContain("Expected");
    for (const leak of ["ann", "hal", "Alpha", "Beta", "4,321", "4321", "stayed-home"])
      expect(html).not.toContain(leak);
  });

  it("a community with no past mob shows no turnout at all", async () => {
    const app = setup();
    await orgCreates(h.core, { shop: "Librairie du Parc", when: "2026-12-12 18:00", draft: "yes" });
    const html = await merchantPage(app, 1);
    expect(html).not.toContain("about 0");
    expect(html).not.toContain("Expected");
    expect(html).not.toContain("usually draw");
    expect(html).toContain("each spends at least €15.00");
  });
});
