import { describe, expect, it } from "vitest";
import { CARD_HEIGHT, CARD_WIDTH, cardContent, cardKey, drawCard } from "../../src/render/card.js";
import { CardCache } from "../../src/web/card-cache.js";
import { T0, webHarness } from "../fakes/web-harness.js";
import { GOOD_TALLY, tallyOf } from "../fakes/web-port.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe("IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("GET /m/<public id>/card.png", () => {
  it("is a 1200×630 PNG with a strong ETag, embeddable by link previews", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const res = await h.request(`/m/${mob.publicId}/card.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const png = new Uint8Array(await res.arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
  });

  it("answers 304 to If-None-Match with the current ETag, and a fresh card once a count changes", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const first = await h.request(`/m/${mob.publicId}/card.png`);
    const etag = first.headers.get("etag") ?? "";
    const again = await h.request(`/m/${mob.publicId}/card.png`, {
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect((await again.arrayBuffer()).byteLength).toBe(0);

    mob.going += 1;
    const changed = await h.request(`/m/${mob.publicId}/card.png`, {
      headers: { "if-none-match": etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("the page's og:image URL carries the card's current ETag, so previews refresh when it changes", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const html = await (await h.request(`/m/${mob.publicId}`)).text();
    const etag = (await h.request(`/m/${mob.publicId}/card.png`)).headers.get("etag");
    expect(html).toContain(`card.png?v=${etag?.replaceAll('"', "")}"`);
    const versioned = await h.request(`/m/${mob.publicId}/card.png?v=${etag?.replaceAll('"', "")}`);
    expect(versioned.headers.get("cache-control")).toBe("public, max-age=86400");
  });

  it("a count nobody sees on the card (maybe) does not redraw it", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const etag = (await h.request(`/m/${mob.publicId}/card.png`)).headers.get("etag");
    mob.maybe += 5;
    expect((await h.request(`/m/${mob.publicId}/card.png`)).headers.get("etag")).toBe(etag);
    expect(h.cards.size).toBe(1);
  });
});

describe("the card", () => {
  it("draws the same bytes for the same content", async () => {
    const h = webHarness();
    const view = h.port.mobPage(h.port.addMob(h.community).publicId, T0);
    if (!view) throw new Error("no view");
    const a = await drawCard(cardContent(view));
    const b = await drawCard(cardContent(view));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(pngSize(a)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
  });

  it("shows what people notice: shop, date in the community's language, going, progress", () => {
    const h = webHarness();
    const fr = h.port.addCommunity({ locale: "fr", name: "Croix-Rousse" });
    const mob = h.port.addMob(fr, {
      startsAt: Date.UTC(2026, 11, 5, 17),
      going: 1234,
      pledgedMinor: 25_000,
      goalMinor: 50_000,
    });
    const view = h.port.mobPage(mob.publicId, T0);
    if (!view) throw new Error("no view");
    expect(cardContent(view)).toEqual({
      locale: "fr",
      kicker: "CASH MOB · Croix-Rousse",
      title: "Librairie du Parc",
      when: "samedi 5 décembre 2026 · 18:00",
      tone: "upcoming",
      headline: "1\u202f234 inscrits",
      detail: "250,00\u00a0€ promis sur 500,00\u00a0€",
      progress: 0.5,
      badge: null,
    });
  });

  it("a shop not yet revealed is drawn as a secret shop (the real store's views: privacy.test.ts)", () => {
    const h = webHarness();
    const secret = h.port.addMob(h.community, { secret: true });
    const hidden = h.port.mobPage(secret.publicId, T0);
    if (!hidden) throw new Error("no view");
    expect(cardContent(hidden).title).toBe("Secret shop");
  });

  it("after the mob shows mobbers, total, average and the goal", () => {
    const h = webHarness();
    const done = h.port.addMob(h.community, {
      status: "tallied",
      tally: GOOD_TALLY,
    });
    const view = h.port.mobPage(done.publicId, T0);
    if (!view) throw new Error("no view");
    expect(cardContent(view)).toMatchObject({
      tone: "results",
      headline: "31 came",
      detail: "€1,240.50 spent · €40.02 each",
      progress: 1,
      badge: "248% of the goal · ×1.8 a usual day",
    });
  });

  it("under one usual day, the card says the share of it as a percentage, never ×0.1", () => {
    const h = webHarness();
    const tally = tallyOf(3, 5_000, { vsUsualDay: 0.1 });
    const small = h.port.addMob(h.community, { status: "tallied", tally });
    const view = h.port.mobPage(small.publicId, T0);
    if (!view) throw new Error("no view");
    expect(cardContent(view).badge).toBe("10% of a usual day");
    const fr = h.port.addCommunity({ locale: "fr", name: "Croix-Rousse" });
    const french = h.port.addMob(fr, { status: "tallied", tally });
    const frView = h.port.mobPage(french.publicId, T0);
    if (!frView) throw new Error("no view");
    expect(cardContent(frView)).toMatchObject({
      headline: "3 présents",
      badge: "10\u00a0% d'une journée habituelle",
    });
  });

  it("cuts a very long shop name rather than overflowing", () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, { shopName: "A".repeat(300) });
    const view = h.port.mobPage(mob.publicId, T0);
    if (!view) throw new Error("no view");
    const title = cardContent(view).title;
    expect(title.length).toBeLessThanOrEqual(60);
    expect(title.endsWith("…")).toBe(true);
  });

  it("the key changes with every field the card shows", () => {
    const h = webHarness();
    const view = h.port.mobPage(h.port.addMob(h.community).publicId, T0);
    if (!view) throw new Error("no view");
    const base = cardContent(view);
    const keys = new Set([
      cardKey(base),
      cardKey({ ...base, title: "Other" }),
      cardKey({ ...base, headline: "13 going" }),
      cardKey({ ...base, progress: 0.37 }),
      cardKey({ ...base, when: "Sunday" }),
    ]);
    expect(keys.size).toBe(5);
  });
});

describe("CardCache", () => {
  const png = (n: number) => new Uint8Array(n);

  it("draws once for concurrent requests of the same card, then serves it from memory", async () => {
    const cache = new CardCache();
    let draws = 0;
    const draw = async () => {
      draws++;
      await new Promise((r) => setTimeout(r, 5));
      return png(10);
    };
    const [a, b] = await Promise.all([cache.get("k", draw), cache.get("k", draw)]);
    expect(a).toBe(b);
    expect(await cache.get("k", draw)).toBe(a);
    expect(draws).toBe(1);
  });

  it("forgets the least recently used card past its entry or byte bound", async () => {
    const cache = new CardCache(2, 1_000);
    await cache.get("a", async () => png(10));
    await cache.get("b", async () => png(10));
    cache.peek("a");
    await cache.get("c", async () => png(10));
    expect(cache.peek("b")).toBeNull();
    expect(cache.peek("a")).not.toBeNull();
    await cache.get("big", async () => png(995));
    expect(cache.size).toBe(1);
  });

  it("a failed drawing is not cached", async () => {
    const cache = new CardCache();
    await expect(cache.get("k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.get("k", async () => png(3))).toHaveLength(3);
  });
});

describe("drawable card text", () => {
  it("leaves off what the bundled font cannot draw, so no 'no glyph' box appears", async () => {
    const { drawable } = await import("../../src/render/card.js");
    expect(drawable("Librairie 📚 du Parc ✨")).toBe("Librairie du Parc");
    expect(drawable("Œuvres · Ёлка · Ελιά · Phở")).toBe("Œuvres · Ёлка · Ελιά · Phở");
    expect(drawable("書店")).toBe("");
  });
});
