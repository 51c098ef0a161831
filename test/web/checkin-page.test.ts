import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/ports/inbound.js";
import { createWebApp } from "../../src/web/app.js";
import {
  groupActor,
  type Harness,
  HOUR,
  MINUTE,
  makeHarness,
  organizer,
  reply,
  say,
} from "../fakes/core-harness.js";
import { coreWebPort } from "../fakes/core-web.js";
import { scanQr } from "../fakes/qr-scan.js";

/**
 * `GET /m/<public id>/in?code=…`, the page a scanned check-in QR opens where
 * no Telegram bot is configured, on the real store through the real core: it
 * says how to check in from Discord and Telegram, and shows nothing private
 * (a secret shop before its reveal, member names; a wrong code learns nothing).
 */
const PUBLIC_URL = "https://mobs.example.org";
const SECRET_SHOP = "Fromagerie Cachée";
const SECRET_ADDRESS = "12 impasse Secrète";
const MEMBER = "Zoé Martin-Privée";
/** Saturday 5 December 2026, 18:00 UTC (the harness's zone). */
const START = Date.UTC(2026, 11, 5, 18, 0);

let h: Harness;
afterEach(() => h.close());

const member = (): Actor => groupActor("m1", { user: { id: "m1", displayName: MEMBER } });

/** A secret mob #1 with one member going; the organizer's private notice, the mob's code and public id. */
async function secretMob(publicUrl: string | null = PUBLIC_URL) {
  h = makeHarness({ settings: { publicUrl } });
  const created = await reply(h.core, organizer(), {
    type: "create",
    shop: SECRET_SHOP,
    address: SECRET_ADDRESS,
    when: "2026-12-05 18:00",
    secret: "yes",
  });
  await say(h.core, member(), { type: "join", id: "1" });
  const mob = await h.store.getMob(1);
  if (!mob) throw new Error("no mob");
  const app = createWebApp({
    port: coreWebPort(h),
    clock: h.clock,
    publicUrl,
    linkSecret: "test-link-secret-0123456789abcdef-0123",
  });
  return {
    secret: created.secret,
    code: mob.checkinCode,
    publicId: mob.publicId,
    get: (path: string, init?: RequestInit) => app.request(`http://127.0.0.1:8080${path}`, init),
  };
}

const checkedIn = async () =>
  (await h.store.participants(1)).filter((p) => p.checkedInAt !== null).length;

describe("the check-in QR without Telegram", () => {
  it("encodes the check-in page when PUBLIC_URL is set, and the page it opens is served", async () => {
    const m = await secretMob();
    const url = `${PUBLIC_URL}/m/${m.publicId}/in?code=${m.code}`;
    expect(m.secret?.image?.mime).toBe("image/png");
    expect(scanQr(m.secret?.image?.bytes ?? new Uint8Array())).toBe(url);
    expect((await m.get(url.slice(PUBLIC_URL.length))).status).toBe(200);
  });

  it("is left out when there is neither a Telegram bot nor PUBLIC_URL: the code comes alone", async () => {
    const m = await secretMob(null);
    expect(m.secret?.image).toBeUndefined();
    expect(m.secret?.lines.flat().map((i) => ("text" in i ? i.text : ""))).toContain(
      `Give this code to mobbers at the shop: ${m.code}`,
    );
  });
});

describe("GET /m/<public id>/in?code=…", () => {
  it("before the reveal: how to check in from Discord and Telegram, when it opens, and no secret shop", async () => {
    const m = await secretMob();
    const res = await m.get(`/m/${m.publicId}/in?code=${m.code.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain("<h1>Check in at mob #1</h1>");
    expect(html).toContain("Secret shop");
    expect(html).toContain(`/mob checkin id:1 code:${m.code}`);
    expect(html).toContain(`/checkin 1 ${m.code}`);
    expect(html).toContain("Check-in opens Sat 5 Dec 2026, 17:00 (UTC).");
    expect(html).toContain('<meta name="robots" content="noindex"');
    for (const hidden of [SECRET_SHOP, "Fromagerie", SECRET_ADDRESS, MEMBER])
      expect(html).not.toContain(hidden);
  });

  it("at the shop: the shop named once revealed, check-in open; closed after the tally", async () => {
    const m = await secretMob();
    h.clock.set(START + 15 * MINUTE);
    const open = await (await m.get(`/m/${m.publicId}/in?code=${m.code}`)).text();
    expect(open).toContain(SECRET_SHOP);
    expect(open).toContain("Check-in is open until the tally.");
    expect(open).not.toContain(MEMBER);
    await h.advance(START + 15 * HOUR - h.clock.now(), HOUR);
    const closed = await (await m.get(`/m/${m.publicId}/in?code=${m.code}`)).text();
    expect(closed).toContain("Check-in for this mob is closed.");
  });

  it("a wrong or missing code is one clear page that shows nothing of the mob, and checks nobody in", async () => {
    const m = await secretMob();
    h.clock.set(START + 15 * MINUTE);
    for (const query of ["?code=AAAAAA", "?code=%3Cscript%3E", ""]) {
      const res = await m.get(`/m/${m.publicId}/in${query}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain("<h1>Not this mob&#39;s code</h1>");
      expect(html).toContain("Ask the organizer at the shop for it, or scan their QR code again.");
      for (const hidden of [SECRET_SHOP, m.code, "mob #1", "<script>"])
        expect(html).not.toContain(hidden);
    }
    expect(await checkedIn()).toBe(0);
  });

  it("an unknown mob, a draft, and any mob without PUBLIC_URL are not found", async () => {
    const m = await secretMob();
    await say(h.core, organizer(), {
      type: "create",
      shop: "Brouillon",
      when: "2026-12-20 18:00",
      draft: "yes",
    });
    const draft = await h.store.getMob(2);
    expect((await m.get(`/m/nosuchmob42/in?code=${m.code}`)).status).toBe(404);
    const res = await m.get(`/m/${draft?.publicId}/in?code=${draft?.checkinCode}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Nothing here");
    h.close();
    const without = await secretMob(null);
    expect((await without.get(`/m/${without.publicId}/in?code=${without.code}`)).status).toBe(404);
  });

  it("is in French for a French visitor", async () => {
    const m = await secretMob();
    const page = await (
      await m.get(`/m/${m.publicId}/in?code=${m.code}`, {
        headers: { "Accept-Language": "fr-FR,fr;q=0.9" },
      })
    ).text();
    expect(page).toContain("<h1>Arrivée au mob n°1</h1>");
    expect(page).toContain(`/checkin 1 ${m.code}`);
  });
});
