import { afterEach, describe, expect, it } from "vitest";
import { createWebApp } from "../../src/web/app.js";
import { groupActor, HOUR, organizer, reply, say } from "../fakes/core-harness.js";
import { type Harness, orgCreates, recordingHarness } from "../fakes/core-scene.js";
import { coreWebPort } from "../fakes/core-web.js";

/**
 * The web side on the real core: pages built from the SQLite store through
 * CoreWebPort, served by the real hono app.
 */
const START = Date.UTC(2026, 11, 5, 18, 0);
let h: Harness;
afterEach(() => h.close());

function setup() {
  const scene = recordingHarness({
    on: "telegram",
    settings: { publicUrl: "https://mobs.example.org" },
  });
  h = scene.h;
  const platform = scene.platform;
  const port = coreWebPort(h, {
    joinLink: (chat, mob, ref) => `https://example.test/join/${chat.externalId}/${mob.id}/${ref}`,
    platforms: () => ({ telegram: "connected" }),
  });
  const app = createWebApp({
    port,
    clock: h.clock,
    publicUrl: "https://mobs.example.org",
    linkSecret: "x".repeat(32),
  });
  return { platform, app, port };
}

const publicId = async (id: number) => (await h.store.getMob(id))?.publicId ?? "";

describe("the web side on the real store", () => {
  it("a mob's page shows what the chat shows, with no member name, code or chat id", async () => {
    const { app, platform } = setup();
    const created = await reply(h.core, organizer("org", "telegram"), {
      type: "create",
      shop: "Librairie du Parc",
      when: "2026-12-05 18:00",
      address: "3 rue des Lilas",
      goal: "300",
      takings: "777",
    });
    const code = /: ([A-Z2-9]{6})\b/.exec(
      created.secret?.lines
        .flat()
        .map((l) => ("text" in l ? l.text : ""))
        .join("\n") ?? "",
    )?.[1];
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    await say(h.core, groupActor("zoe-the-member", {}, "telegram"), { type: "join", id: "1" });
    await h.drain();
    const res = await app.request(`/m/${await publicId(1)}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Librairie du Parc");
    expect(html).toContain("1 going");
    expect(html).toContain(`https://example.test/join/chan1/1/chan1:1`);
    // The page's random public id and the card's digest may hold any digits or letters.
    const id = await publicId(1);
    const said = html.replaceAll(id, "<id>").replace(/\?v=[\w-]+/g, "?v=<digest>");
    for (const secret of ["zoe-the-member", code ?? "?", "777", "g1"])
      expect(said).not.toContain(secret);
    // The call-to-action in the chat links to this page and its calendar.
    const cta = platform.sent.find((s) => s.notice.kind === "call_to_action");
    const links = cta?.notice.lines
      .flat()
      .filter((p) => p.kind === "link")
      .map((p) => (p.kind === "link" ? p.url : ""));
    expect(links).toContain(`https://mobs.example.org/m/${await publicId(1)}`);
    expect(links).toContain(`https://mobs.example.org/m/${await publicId(1)}.ics`);
  });

  it("a secret shop stays off the page, the card and the calendar until its reveal", async () => {
    const { app } = setup();
    await orgCreates(h.core, { shop: "Cave Mystère", when: "2026-12-05 18:00", secret: "yes" });
    const id = await publicId(1);
    for (const path of [`/m/${id}`, `/m/${id}.ics`]) {
      expect(await (await app.request(path)).text()).not.toContain("Mystère");
    }
    h.clock.set(START - HOUR);
    expect(await (await app.request(`/m/${id}`)).text()).toContain("Cave Mystère");
  });

  it("a draft is not public, and a sequential id finds nothing", async () => {
    const { app } = setup();
    await orgCreates(h.core, { shop: "Cave", when: "2026-12-05 18:00", draft: "yes" });
    expect((await app.request(`/m/${await publicId(1)}`)).status).toBe(404);
    expect((await app.request("/m/1")).status).toBe(404);
  });

  it("the community page lists upcoming and past mobs with the community's totals, and the feed carries every mob", async () => {
    const { app } = setup();
    await say(h.core, organizer(), { type: "create", shop: "Cave", when: "2026-12-02 18:00" });
    await say(h.core, organizer(), { type: "create", shop: "Épicerie", when: "2026-12-09 18:00" });
    for (const m of ["a", "b"]) await say(h.core, groupActor(m), { type: "join", id: "1" });
    h.clock.set(Date.UTC(2026, 11, 2, 19, 0));
    await say(h.core, groupActor("a"), { type: "spent", id: "1", amount: "20" });
    await say(h.core, groupActor("b"), { type: "spent", id: "1", amount: "30" });
    await h.advance(14 * HOUR, HOUR);
    const community = await h.store.getCommunity((await h.store.getMob(1))?.communityId ?? 0);
    const html = await (await app.request(`/c/${community?.publicId}`)).text();
    expect(html).toContain("Épicerie");
    expect(html).toContain("Cave");
    expect(html).toContain("€50.00");
    const feed = await (await app.request(`/c/${community?.publicId}.ics`)).text();
    expect(feed.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });

  it("health is 200 while the database takes writes, and names what is wrong otherwise", async () => {
    const { app } = setup();
    const ok = await app.request("/healthz");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      database: "ok",
      engine: "sqlite",
      platforms: { telegram: "connected" },
    });
    h.db.pragma("query_only = ON");
    const broken = await app.request("/healthz");
    expect(broken.status).toBe(503);
    expect(JSON.stringify(await broken.json())).toContain("the database cannot take a write");
  });
});

describe("a page that goes viral", () => {
  it("its view is built from the database at most once a second, so counts lag at most that long", async () => {
    const { port } = setup();
    await say(h.core, organizer("org", "telegram"), {
      type: "create",
      shop: "Cave",
      when: "2026-12-05 18:00",
    });
    const id = await publicId(1);
    expect((await port.mobPage(id, h.clock.now()))?.going).toBe(0);
    await say(h.core, groupActor("a", {}, "telegram"), { type: "join", id: "1" });
    expect((await port.mobPage(id, h.clock.now() + 999))?.going).toBe(0);
    expect((await port.mobPage(id, h.clock.now() + 1_000))?.going).toBe(1);
  });
});
