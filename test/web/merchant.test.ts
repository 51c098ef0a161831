import { describe, expect, it } from "vitest";
import {
  createMerchantLink,
  MERCHANT_LINK_MAX_MS,
  signMerchantToken,
  verifyMerchantToken,
} from "../../src/web/merchant-link.js";
import { LINK_SECRET, PUBLIC_URL, T0, webHarness } from "../fakes/web-harness.js";
import type { FakeMob } from "../fakes/web-port.js";

const DAY = 86_400_000;

type Harness = ReturnType<typeof webHarness>;

/** The merchant link `/merchantlink` would hand out for this mob, as a path. */
function linkPath(h: Harness, mob: FakeMob): string {
  const { url } = createMerchantLink({
    secret: LINK_SECRET,
    mobId: mob.id,
    startsAt: mob.startsAt,
    now: h.clock.now(),
    publicUrl: PUBLIC_URL,
  });
  return url.slice(PUBLIC_URL.length);
}

/** Opens the form as a browser would: the page, its hidden CSRF field and its cookie. */
async function openForm(h: Harness, path: string) {
  const res = await h.request(path);
  expect(res.status).toBe(200);
  const html = await res.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { html, csrf, cookie, res };
}

/** A fresh harness with one mob (`patch` applied) and its merchant link's form, opened. */
async function formFor(patch: Parameters<Harness["port"]["addMob"]>[1] = {}) {
  const h = webHarness();
  const mob = h.port.addMob(h.community, patch);
  const path = linkPath(h, mob);
  return { h, mob, path, ...(await openForm(h, path)) };
}

function post(
  h: Harness,
  path: string,
  fields: Record<string, string>,
  cookie: string,
  init: RequestInit = {},
) {
  return h.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams(fields).toString(),
    ...init,
  });
}

describe("the merchant's private page", () => {
  it("shows the proposal: date, expected crowd, pledge and what a cash mob is", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, {
      startsAt: Date.UTC(2026, 11, 5, 17),
      endsAt: Date.UTC(2026, 11, 5, 19),
      status: "draft",
    });
    const { html, res } = await openForm(h, linkPath(h, mob));
    for (const shown of [
      "A cash mob for Librairie du Parc",
      "Quartier des Lilas would like to bring a cash mob to your shop.",
      "Saturday 5 December 2026, 18:00–20:00 (Europe/Paris)",
      "about 15 people",
      "each spends at least €15.00",
      "A flash mob that shops",
      '<meta name="robots" content="noindex, nofollow"/>',
    ])
      expect(html).toContain(shown);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("set-cookie")).toMatch(
      /^cashmob_csrf=[A-Za-z0-9_-]{22}; Max-Age=86400; Path=\/merchant; HttpOnly; Secure; SameSite=Strict$/,
    );
  });

  it("records a Yes with a note and the usual takings, then thanks the merchant", async () => {
    const { h, mob, path, csrf, cookie } = await formFor({ status: "draft" });
    const res = await post(
      h,
      path,
      { csrf, answer: "agreed", note: "  Come after 17:00, please.\r\n  ", takings: "850,50" },
      cookie,
    );
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(new URL(location, `http://127.0.0.1:8080${path}`).pathname).toBe(path);
    expect(h.port.answers).toEqual([
      {
        mobId: mob.id,
        answer: "agreed",
        note: "Come after 17:00, please.",
        usualTakingsMinor: 85_050,
        now: T0,
      },
    ]);
    const after = await h.request(
      `${new URL(location, `http://127.0.0.1:8080${path}`).pathname}?answered=1`,
    );
    const html = await after.text();
    expect(html).toContain("Thank you! Your answer is recorded and the organizers are told.");
    expect(html).toContain("You answered &quot;Yes, welcome!&quot; on Thu 26 Nov 2026, 11:00.");
    expect(html).toMatch(/<input type="radio" name="answer" value="agreed" checked=""/);
  });

  it("lets the merchant change the answer until the mob starts, then closes the link", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const path = linkPath(h, mob);
    const first = await openForm(h, path);
    expect((await post(h, path, { csrf: first.csrf, answer: "agreed" }, first.cookie)).status).toBe(
      303,
    );
    h.clock.advance(DAY);
    const second = await openForm(h, path);
    expect(
      (
        await post(
          h,
          path,
          { csrf: second.csrf, answer: "other_date", note: "Rather the 12th" },
          second.cookie,
        )
      ).status,
    ).toBe(303);
    expect(h.port.answers.map((a) => a.answer)).toEqual(["agreed", "other_date"]);

    h.clock.set(mob.startsAt);
    const closed = await h.request(path);
    expect(closed.status).toBe(410);
    const html = await closed.text();
    expect(html).toContain("Answers are closed");
    expect(html).toContain("You answered &quot;Yes, but on another date&quot;");
    expect(html).not.toContain("<form");
    const late = await post(h, path, { csrf: second.csrf, answer: "declined" }, second.cookie);
    expect(late.status).toBe(409);
    expect(h.port.answers).toHaveLength(2);
  });

  it("a bad answer gets one sentence, keeps what was typed, and records nothing", async () => {
    const { h, path, csrf, cookie } = await formFor();
    const cases: [Record<string, string>, string][] = [
      [{ note: "hello" }, "Choose one of the three answers."],
      [{ answer: "maybe" }, "Choose one of the three answers."],
      [
        { answer: "agreed", note: "x".repeat(501) },
        "The note is too long: 500 characters at most.",
      ],
      [
        { answer: "agreed", takings: "lots" },
        "The usual takings must be an amount like 850 or 850.50, or left empty.",
      ],
      [
        { answer: "agreed", takings: "-5" },
        "The usual takings must be an amount like 850 or 850.50, or left empty.",
      ],
    ];
    for (const [fields, sentence] of cases) {
      const res = await post(h, path, { csrf, ...fields }, cookie);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const html = await res.text();
      expect(html).toContain(`<p class="error" role="alert">${sentence}</p>`);
    }
    const kept = await (
      await post(h, path, { csrf, answer: "agreed", note: "<b>hi</b>", takings: "lots" }, cookie)
    ).text();
    expect(kept).toContain("&lt;b&gt;hi&lt;/b&gt;</textarea>");
    expect(kept).toContain('value="lots"');
    expect(h.port.answers).toEqual([]);
  });

  it("escapes a shop named like a script on the merchant's page", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community, { shopName: "<script>alert('m')</script>" });
    const { html } = await openForm(h, linkPath(h, mob));
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;");
  });

  it("is in French for a French community", async () => {
    const h = webHarness();
    const fr = h.port.addCommunity({ locale: "fr", name: "Croix-Rousse" });
    const mob = h.port.addMob(fr);
    const { html } = await openForm(h, linkPath(h, mob));
    expect(html).toContain("Un cash mob pour Librairie du Parc");
    expect(html).toContain("Oui, avec plaisir\u00a0!");
  });
});

describe("a merchant link that cannot be used gets a clear page", () => {
  it("a tampered signature, a swapped mob id or a cut link: 400, nothing recorded", async () => {
    const { h, path, csrf, cookie } = await formFor();
    const other = h.port.addMob(h.community);
    const token = path.slice("/merchant/".length);
    const [payload = "", sig = ""] = token.split(".");
    const otherPayload = linkPath(h, other).slice("/merchant/".length).split(".")[0];
    const flipped = `${sig.slice(0, 10)}${sig[10] === "A" ? "B" : "A"}${sig.slice(11)}`;
    for (const bad of [
      `${payload}.${flipped}`,
      `${otherPayload}.${sig}`,
      token.slice(0, -3),
      "nonsense",
      `${token}x`,
    ]) {
      const res = await h.request(`/merchant/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(await res.text()).toContain("This link is not valid");
      const posted = await post(h, `/merchant/${bad}`, { csrf, answer: "agreed" }, cookie);
      expect(posted.status).toBe(400);
    }
    expect(h.port.answers).toEqual([]);
  });

  it("an expired link: 410", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const token = signMerchantToken(LINK_SECRET, mob.id, T0 - 1000);
    const res = await h.request(`/merchant/${token}`, { headers: { "accept-language": "fr" } });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("Ce lien a expiré");
  });

  it("a link signed with another secret: 400", async () => {
    const h = webHarness();
    const mob = h.port.addMob(h.community);
    const token = signMerchantToken("another-secret-another-secret-1234", mob.id, T0 + DAY);
    expect((await h.request(`/merchant/${token}`)).status).toBe(400);
  });

  it("a cancelled mob: 410; a mob that no longer exists: 404", async () => {
    const h = webHarness();
    const cancelled = h.port.addMob(h.community, { status: "cancelled" });
    const res = await h.request(linkPath(h, cancelled));
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("This mob was cancelled");
    const gone = h.port.addMob(h.community);
    const path = linkPath(h, gone);
    h.port.mobs.delete(gone.id);
    expect((await h.request(path)).status).toBe(404);
  });

  it("a POST without the form's CSRF token, with another link's, or without the cookie: 403", async () => {
    const { h, path, csrf, cookie } = await formFor();
    const other = h.port.addMob(h.community);
    const foreign = await openForm(h, linkPath(h, other));
    const attempts: [Record<string, string>, string][] = [
      [{ answer: "agreed" }, cookie],
      [{ answer: "agreed", csrf: foreign.csrf }, foreign.cookie],
      [{ answer: "agreed", csrf }, ""],
      [{ answer: "agreed", csrf }, "cashmob_csrf=AAAAAAAAAAAAAAAAAAAAAA"],
      [{ answer: "agreed", csrf: `${csrf}x` }, cookie],
    ];
    for (const [fields, jar] of attempts) {
      const res = await post(h, path, fields, jar);
      expect(res.status, JSON.stringify(fields)).toBe(403);
      expect(await res.text()).toContain("This form is out of date");
    }
    h.clock.advance(DAY + 1000);
    expect((await post(h, path, { answer: "agreed", csrf }, cookie)).status).toBe(403);
    expect(h.port.answers).toEqual([]);
  });

  it("an oversized body: 413, nothing recorded", async () => {
    const { h, path, csrf, cookie } = await formFor();
    const res = await post(h, path, { csrf, answer: "agreed", note: "x".repeat(20_000) }, cookie);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("That was too much text");
    expect(h.port.answers).toEqual([]);
  });

  it("past 20 posts in an hour, a mob's links answer 429 with a sentence and record nothing, until the hour has passed", async () => {
    const { h, mob, path, csrf, cookie } = await formFor();
    const first = h.clock.now();
    for (let i = 1; i <= 20; i++) {
      const res = await post(h, path, { csrf, answer: "agreed", note: `note ${i}` }, cookie);
      expect(res.status, `post ${i}`).toBe(303);
      h.clock.set(first + i * 80);
    }
    // Another link of the same mob (made a minute later) shares the budget.
    h.clock.set(first + 60_000);
    const other = linkPath(h, mob);
    const form = await openForm(h, other);
    const res = await post(h, other, { csrf: form.csrf, answer: "declined" }, form.cookie);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe(String(3_600 - 60));
    const html = await res.text();
    expect(html).toContain("Too many answers through this link");
    expect(html).toContain("Nothing was recorded. This link takes 20 answers an hour at most");
    expect(h.port.answers).toHaveLength(20);
    expect(h.port.answers.at(-1)).toMatchObject({ answer: "agreed", note: "note 20" });

    h.clock.set(first + 3_600_000);
    const again = await openForm(h, other);
    const later = await post(h, other, { csrf: again.csrf, answer: "declined" }, again.cookie);
    expect(later.status).toBe(303);
    expect(h.port.answers.at(-1)).toMatchObject({ answer: "declined" });
  });

  it("one mob's flood leaves another mob's link answering", async () => {
    const h = webHarness();
    const flooded = h.port.addMob(h.community);
    const quiet = h.port.addMob(h.community);
    const path = linkPath(h, flooded);
    const { csrf, cookie } = await openForm(h, path);
    for (let i = 0; i < 21; i++) await post(h, path, { csrf, answer: "agreed" }, cookie);
    expect((await post(h, path, { csrf, answer: "agreed" }, cookie)).status).toBe(429);
    const q = linkPath(h, quiet);
    const form = await openForm(h, q);
    expect((await post(h, q, { csrf: form.csrf, answer: "agreed" }, form.cookie)).status).toBe(303);
  });
});

describe("merchant tokens", () => {
  it("last until the mob starts, at most 30 days", () => {
    const soon = createMerchantLink({
      secret: LINK_SECRET,
      mobId: 7,
      startsAt: T0 + DAY,
      now: T0,
      publicUrl: null,
    });
    expect(soon.expiresAt).toBe(T0 + DAY);
    expect(soon.url).toMatch(/^\/merchant\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const far = createMerchantLink({
      secret: LINK_SECRET,
      mobId: 7,
      startsAt: T0 + 90 * DAY,
      now: T0,
      publicUrl: PUBLIC_URL,
    });
    expect(far.expiresAt).toBe(T0 + MERCHANT_LINK_MAX_MS);
    expect(far.url.startsWith(`${PUBLIC_URL}/merchant/`)).toBe(true);
  });

  it("carry the mob id and expiry, checked with the secret", () => {
    const token = signMerchantToken(LINK_SECRET, 123_456, T0 + DAY);
    expect(verifyMerchantToken(LINK_SECRET, token, T0)).toEqual({
      ok: true,
      mobId: 123_456,
      expiresAt: T0 + DAY,
    });
    expect(verifyMerchantToken(LINK_SECRET, token, T0 + DAY)).toEqual({
      ok: false,
      problem: "expired",
      mobId: 123_456,
    });
    expect(verifyMerchantToken(`${LINK_SECRET}!`, token, T0)).toEqual({
      ok: false,
      problem: "invalid",
    });
  });
});
