import { describe, expect, it } from "vitest";
import { checkCsrf, csrfField, csrfNonce } from "../../src/web/csrf.js";
import { formatSpan } from "../../src/web/format.js";
import { googleCalendarUrl } from "../../src/web/links.js";
import { parseMerchantForm } from "../../src/web/merchant-form.js";
import { pickLocale, visitorLocale } from "../../src/web/strings/index.js";

describe("pickLocale", () => {
  it.each<[string | undefined, "en" | "fr", "en" | "fr"]>([
    [undefined, "fr", "fr"],
    ["", "en", "en"],
    ["fr-FR,fr;q=0.9,en;q=0.8", "en", "en"],
    ["fr-FR,fr;q=0.9", "en", "fr"],
    ["en-US", "fr", "en"],
    ["de-DE,de;q=0.9", "fr", "fr"],
    ["de, en;q=0.5", "fr", "en"],
    ["fr;q=0, en", "fr", "en"],
    ["*", "fr", "fr"],
  ])("Accept-Language %j with a %s community reads %s", (header, community, expected) => {
    expect(pickLocale(header, community)).toBe(expected);
  });

  it("with no community, takes the visitor's best supported language", () => {
    expect(visitorLocale("de, fr;q=0.8, en;q=0.5")).toBe("fr");
    expect(visitorLocale("ja")).toBe("en");
  });
});

describe("parseMerchantForm", () => {
  it.each<[Record<string, unknown>, ReturnType<typeof parseMerchantForm>]>([
    [
      { answer: "agreed", note: "", takings: "" },
      { ok: true, answer: "agreed", note: null, usualTakingsMinor: null },
    ],
    [
      { answer: "other_date", note: " Rather\r\nthe 12th\u0007 ", takings: "1 200,50" },
      { ok: true, answer: "other_date", note: "Rather\nthe 12th", usualTakingsMinor: 120_050 },
    ],
    [
      { answer: "agreed", note: "\u202eSee\u200b you\u202c\r\n\u2066soon\u2069", takings: "" },
      { ok: true, answer: "agreed", note: "See you\nsoon", usualTakingsMinor: null },
    ],
    [
      { answer: "declined", takings: "€850" },
      { ok: true, answer: "declined", note: null, usualTakingsMinor: 85_000 },
    ],
    [
      { answer: ["agreed"], note: "x" },
      { ok: false, error: "ANSWER_MISSING", values: { answer: null, note: "x", takings: "" } },
    ],
    [
      { answer: "agreed", takings: "0" },
      { ok: false, error: "TAKINGS_INVALID", values: { answer: "agreed", note: "", takings: "0" } },
    ],
    [
      { answer: "agreed", takings: "99999999" },
      {
        ok: false,
        error: "TAKINGS_INVALID",
        values: { answer: "agreed", note: "", takings: "99999999" },
      },
    ],
  ])("%j", (body, expected) => {
    expect(parseMerchantForm(body, "EUR")).toEqual(expected);
  });

  it("counts the note in characters, not UTF-16 units", () => {
    expect(parseMerchantForm({ answer: "agreed", note: "é".repeat(500) }, "EUR").ok).toBe(true);
    expect(parseMerchantForm({ answer: "agreed", note: "😀".repeat(500) }, "EUR").ok).toBe(true);
    expect(parseMerchantForm({ answer: "agreed", note: "😀".repeat(501) }, "EUR")).toMatchObject({
      ok: false,
      error: "NOTE_TOO_LONG",
    });
  });
});

describe("csrf", () => {
  const secret = "s".repeat(40);
  it("accepts the field it issued with its cookie, for this token only, for a day", () => {
    const nonce = csrfNonce(undefined);
    const field = csrfField(secret, "tok", nonce, 0);
    expect(checkCsrf(secret, "tok", field, nonce, 3_600_000)).toBe(true);
    expect(checkCsrf(secret, "other", field, nonce, 0)).toBe(false);
    expect(checkCsrf(secret, "tok", field, csrfNonce(undefined), 0)).toBe(false);
    expect(checkCsrf(secret, "tok", field, nonce, 24 * 3_600_000 + 1000)).toBe(false);
  });

  it("keeps the browser's nonce, so two open tabs both work", () => {
    const nonce = csrfNonce(undefined);
    expect(csrfNonce(nonce)).toBe(nonce);
    expect(csrfNonce("bad value")).not.toBe("bad value");
  });
});

describe("web formatting and links", () => {
  it("a span past midnight names both days", () => {
    const start = Date.UTC(2026, 11, 31, 22);
    expect(formatSpan(start, start + 3 * 3_600_000, "Europe/Paris", "en")).toBe(
      "Thursday 31 December 2026, 23:00–Friday 1 January, 02:00 (Europe/Paris)",
    );
  });

  it("the Google Calendar link carries UTC times and the zone", () => {
    const url = new URL(
      googleCalendarUrl({
        title: "Cash mob: A & B",
        startsAt: Date.UTC(2026, 11, 5, 17),
        endsAt: Date.UTC(2026, 11, 5, 19),
        details: "line 1\nline 2",
        location: "Place",
        timezone: "Europe/Paris",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://calendar.google.com/calendar/render");
    expect(url.searchParams.get("action")).toBe("TEMPLATE");
    expect(url.searchParams.get("text")).toBe("Cash mob: A & B");
    expect(url.searchParams.get("dates")).toBe("20261205T170000Z/20261205T190000Z");
    expect(url.searchParams.get("ctz")).toBe("Europe/Paris");
    expect(url.searchParams.get("details")).toBe("line 1\nline 2");
  });
});
