import { describe, expect, it } from "vitest";
import { decodeEntities } from "../fakes/html-text.js";
import { webHarness } from "../fakes/web-harness.js";
import { GOOD_TALLY, tallyOf } from "../fakes/web-port.js";

/** The value of a meta tag, read back from the served HTML. */
function meta(html: string, key: string): string | undefined {
  const re = new RegExp(
    `<meta (?:property|name)="${key.replace(/[:]/g, "\\:")}" content="([^"]*)"`,
  );
  return re.exec(html)?.[1];
}

describe("GET /m/<public id>", () => {
  it("a full mob's counts show who waits for a place", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, { going: 12, capacity: 12, waiting: 3 });
    const html = decodeEntities(await (await h.request(`/m/${mob.publicId}`)).text());
    expect(html.replace(/<[^>]+>/g, "")).toContain("12 going · 3 maybe / 12 places · 3 waiting");
  });

  it("shows the shop, the time in the community's zone, the meeting point, pledge and counts", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, { startsAt: Date.UTC(2026, 11, 5, 17, 0) });
    mob.endsAt = mob.startsAt + 2 * 3_600_000;
    const res = await h.request(`/m/${mob.publicId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    for (const shown of [
      "<h1>Librairie du Parc</h1>",
      // 17:00 UTC is 18:00 in Paris in December.
      "Saturday 5 December 2026, 18:00–20:00 (Europe/Paris)",
      "Fontaine de la place",
      "Café des Amis",
      "€15.00 each",
      "12 going · 3 maybe",
      '<progress max="50000" value="18000"',
      "€180.00 pledged of a €500.00 goal",
      'href="https://t.me/cashmob_bot?start=mob_1"',
      "Join on Discord: #cash-mobs",
      `href="https://mobs.example.org/m/${mob.publicId}.ics"`,
      "https://calendar.google.com/calendar/render?action=TEMPLATE",
      "https://www.openstreetmap.org/search?query=Fontaine%20de%20la%20place",
    ])
      expect(html).toContain(shown);
    // Nobody waits: the page says nothing of a waitlist.
    expect(html).not.toContain("waiting");
  });

  it("carries Open Graph and Twitter card tags with absolute URLs from PUBLIC_URL", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const html = await (await h.request(`/m/${mob.publicId}`)).text();
    expect(meta(html, "og:title")).toBe("Librairie du Parc · A cash mob by Quartier des Lilas");
    expect(meta(html, "og:url")).toBe(`https://mobs.example.org/m/${mob.publicId}`);
    const image = meta(html, "og:image");
    expect(image).toMatch(
      new RegExp(
        `^https://mobs\\.example\\.org/m/${mob.publicId}/card\\.png\\?v=[A-Za-z0-9_-]{27}$`,
      ),
    );
    expect(meta(html, "og:image:width")).toBe("1200");
    expect(meta(html, "og:image:height")).toBe("630");
    expect(meta(html, "twitter:card")).toBe("summary_large_image");
    expect(meta(html, "twitter:image")).toBe(image);
    expect(meta(html, "og:description")).toContain("12 going");
  });

  it("without PUBLIC_URL, the tags use the request's own origin", async () => {
    const h = webHarness({ publicUrl: null });
    const mob = h.port.addMob(h.community);
    const html = await (await h.request(`/m/${mob.publicId}`)).text();
    expect(meta(html, "og:url")).toBe(`http://127.0.0.1:8080/m/${mob.publicId}`);
    expect(meta(html, "og:image")).toMatch(/^http:\/\/127\.0\.0\.1:8080\/m\/.+\/card\.png\?v=/);
  });

  // What a real store's secret shop, members, codes and takings never show: test/web/privacy.test.ts.
  it("a shop not yet revealed is called a secret shop, in the heading and the tags", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, { secret: true });
    const page = await (await h.request(`/m/${mob.publicId}`)).text();
    expect(page).toContain("<h1>Secret shop</h1>");
    expect(meta(page, "og:title")).toBe("Secret shop · A cash mob by Quartier des Lilas");
    expect(page).toContain("The shop is revealed to the people going, shortly before the start.");
    expect(page).toContain("Fontaine de la place");
  });

  it("shows a shop named like a script as text, in the body and in every tag", async () => {
    const h = webHarness();
    const evil = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`;
    const mob = h.port.addMob(h.community, {
      shopName: evil,
      meetingPoint: `"/><script>alert(3)</script>`,
      cancelReason: null,
    });
    const html = await (await h.request(`/m/${mob.publicId}`)).text();
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(decodeEntities(meta(html, "og:title") ?? "")).toBe(
      `${evil} · A cash mob by Quartier des Lilas`,
    );
  });

  it("after the mob, shows the tally instead of the counts and the join buttons", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, {
      status: "tallied",
      startsAt: Date.UTC(2026, 10, 20, 17),
      endsAt: Date.UTC(2026, 10, 20, 19),
      tally: GOOD_TALLY,
    });
    const html = await (await h.request(`/m/${mob.publicId}`)).text();
    for (const shown of [
      "Results",
      "31<span>Came</span>",
      "€1,240.50<span>Spent</span>",
      "€40.02<span>Average</span>",
      "248%<span>of the goal</span>",
    ])
      expect(html).toContain(shown);
    expect(decodeEntities(html)).toContain("×1.8 a usual day's takings");
    expect(html).not.toContain("Join on Telegram");
    expect(html).not.toContain("Add to calendar");
  });

  it("under one usual day, the results say the share of it as a percentage", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, {
      status: "tallied",
      tally: tallyOf(3, 5_000, { vsUsualDay: 0.1 }),
    });
    const html = decodeEntities(await (await h.request(`/m/${mob.publicId}`)).text());
    expect(html).toContain("10% of a usual day's takings");
    expect(html).not.toContain("×0.1");
  });

  it("a cancelled mob says so, with its reason", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, {
      status: "cancelled",
      cancelReason: "Shop closed for works",
    });
    const html = await (await h.request(`/m/${mob.publicId}`)).text();
    expect(html).toContain('class="badge cancelled"');
    expect(html).toContain("This cash mob is cancelled.");
    expect(html).toContain("Reason: Shop closed for works");
    expect(meta(html, "og:description")).toMatch(/^This cash mob is cancelled\./);
  });

  it("is in French for a French community, and follows a visitor who reads only English", async () => {
    const h = webHarness();
    const fr = h.port.addCommunity({ locale: "fr", name: "Croix-Rousse" });
    const mob = h.port.addMob(fr, {
      startsAt: Date.UTC(2026, 11, 5, 17),
      endsAt: Date.UTC(2026, 11, 5, 19),
    });
    const french = await (
      await h.request(`/m/${mob.publicId}`, {
        headers: { "accept-language": "fr-FR,fr;q=0.9,en;q=0.8" },
      })
    ).text();
    expect(french).toContain('<html lang="fr">');
    expect(french).toContain("samedi 5 décembre 2026, 18:00–20:00 (Europe/Paris)");
    expect(french).toContain("15,00\u00a0€ chacun");
    expect(french).toContain("12 inscrits · 3 peut-être");
    const english = await h.request(`/m/${mob.publicId}`, {
      headers: { "accept-language": "en-US,en;q=0.9" },
    });
    expect(english.headers.get("vary")).toContain("Accept-Language");
    expect(await english.text()).toContain('<html lang="en">');
    const fallback = await (
      await h.request(`/m/${mob.publicId}`, { headers: { "accept-language": "de-DE" } })
    ).text();
    expect(fallback).toContain('<html lang="fr">');
  });

  it("a draft, an unknown id or a malformed id is a plain 404 page", async () => {
    const h = webHarness();
    const draft = h.port.addMob(h.community, { status: "draft" });
    for (const path of [
      `/m/${draft.publicId}`,
      "/m/doesNotExist1",
      "/m/1",
      "/m/%3Cscript%3E",
      `/m/${draft.publicId}.ics`,
      `/m/${draft.publicId}/card.png`,
      "/c/nope-nope",
      "/nothing",
    ]) {
      const res = await h.request(path);
      expect(res.status, path).toBe(404);
    }
    const html = await (await h.request("/m/doesNotExist1")).text();
    expect(html).toContain("Nothing here");
  });

  it("sends security headers: a CSP with no script, no framing, no referrer", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const res = await h.request(`/m/${mob.publicId}`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("script-src");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=15552000");
  });

  it("every answer that forbids framing in its CSP says DENY in X-Frame-Options too", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    for (const path of [
      `/m/${mob.publicId}`,
      `/c/${h.community.publicId}`,
      "/m/doesNotExist1",
      "/merchant/not-a-token",
      "/healthz",
    ]) {
      const res = await h.request(path);
      expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });

  it("the stylesheet's hash in the CSP matches the inline stylesheet served", async () => {
    const { createHash } = await import("node:crypto");
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const res = await h.request(`/m/${mob.publicId}`);
    const css = /<style>([\s\S]*?)<\/style>/.exec(await res.text())?.[1] ?? "";
    const hash = createHash("sha256").update(css).digest("base64");
    expect(res.headers.get("content-security-policy")).toContain(`'sha256-${hash}'`);
  });
});

describe("pages served from memory", () => {
  it("a count that changes shows at once, under a new ETag", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, { going: 12 });
    const first = await h.request(`/m/${mob.publicId}`);
    expect(await first.text()).toContain("12 going");
    mob.going = 13;
    const second = await h.request(`/m/${mob.publicId}`);
    expect(await second.text()).toContain("13 going");
    expect(second.headers.get("etag")).not.toBe(first.headers.get("etag"));
  });

  it("a revisit with the page's ETag costs a 304 and no body", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const first = await h.request(`/m/${mob.publicId}`);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    const again = await h.request(`/m/${mob.publicId}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("each language is its own page", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    await h.request(`/m/${mob.publicId}`, { headers: { "accept-language": "en" } });
    const fr = await h.request(`/m/${mob.publicId}`, { headers: { "accept-language": "fr" } });
    expect(await fr.text()).toContain('<html lang="fr">');
  });
});

describe("GET /c/<public id>", () => {
  it("lists upcoming mobs, past mobs with their totals, and the community's totals", async () => {
    const h = webHarness();
    h.port.addMob(h.community, { shopName: "Épicerie Lune", going: 9 });
    h.port.addMob(h.community, {
      shopName: "Vélo Fixe",
      status: "cancelled",
      cancelReason: "rain",
    });
    const past = [
      ["Disquaire Sillon", Date.UTC(2026, 9, 3, 16), tallyOf(20, 80_000, { averageMinor: 4000 })],
      ["Fleuriste Rose", Date.UTC(2026, 10, 7, 16), tallyOf(12, 30_050, { averageMinor: 2504 })],
    ] as const;
    for (const [shopName, startsAt, tally] of past)
      h.port.addMob(h.community, {
        shopName,
        status: "tallied",
        startsAt,
        endsAt: startsAt + 2 * 3_600_000,
        tally,
      });
    h.port.addMob(h.community, { shopName: "Brouillon Secret", status: "draft" });
    const res = await h.request(`/c/${h.community.publicId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Quartier des Lilas: cash mobs");
    expect(html).toContain("2 mobs, 32 mobbers, €1,100.50 spent in local shops");
    expect(html).toContain("9 going");
    expect(html).toMatch(/<s><a href="[^"]+">Vélo Fixe<\/a><\/s>/);
    expect(html).toContain("20 came, €800.00 spent");
    // Past mobs, latest first.
    expect(html.indexOf("Fleuriste Rose")).toBeLessThan(html.indexOf("Disquaire Sillon"));
    expect(html).not.toContain("Brouillon");
    expect(html).toContain(`href="webcal://mobs.example.org/c/${h.community.publicId}.ics"`);
  });
});
