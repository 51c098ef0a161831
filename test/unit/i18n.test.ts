import { describe, expect, it } from "vitest";
import type { Community } from "../../src/domain/community.js";
import type { ErrorCode } from "../../src/domain/errors.js";
import { NOT_ASKED } from "../../src/domain/merchant.js";
import type { Mob } from "../../src/domain/mob.js";
import { en } from "../../src/i18n/en.js";
import { fr } from "../../src/i18n/fr.js";
import { catalog, errorSentence, supportedLocale } from "../../src/i18n/index.js";
import { NoticeBuilder } from "../../src/i18n/notices.js";
import type { Line } from "../../src/ports/platform.js";

const codes = Object.keys(en.errors) as ErrorCode[];

/** Every parameter some sentence may use, with a plausible value. */
const params = {
  id: 12,
  state: "cancelled",
  capacity: 30,
  usage: "/join <id>",
  zone: "Europe/Paris",
  max: 10_000,
  length: 140,
  shop: "Librairie du Parc",
  reason: "a chain",
  closes: "Thu 3 Dec 2026, 12:00 (UTC)",
  command: "/closevote 2",
  status: "asked",
  photo: 3,
  how: "/photo 12 <file>",
};

describe("errorSentence: one clear sentence for every error code", () => {
  it("English and French know the same error codes", () => {
    expect(Object.keys(fr.errors).sort()).toEqual([...codes].sort());
    expect(codes.length).toBeGreaterThan(20);
  });

  const cases = codes.flatMap((code) => [
    [code, "en"],
    [code, "fr"],
  ]) as [ErrorCode, "en" | "fr"][];

  it.each(cases)("%s reads as one sentence in %s", (code, locale) => {
    const sentence = errorSentence({ code, field: "pledge", params }, locale);
    expect(sentence.trim()).toBe(sentence);
    expect(sentence.length).toBeGreaterThan(10);
    expect(sentence).not.toMatch(/\n|undefined|null|NaN|\[object|\$\{/);
    expect(sentence).toMatch(/^[A-ZÀ-Ý]/);
  });

  it("a sentence about a field names the field in the reader's language", () => {
    expect(errorSentence({ code: "AMOUNT_NOT_POSITIVE", field: "pledge" }, "en")).toBe(
      "The pledge must be more than zero.",
    );
    expect(errorSentence({ code: "AMOUNT_NOT_POSITIVE", field: "pledge" }, "fr")).toBe(
      "La promesse doit être supérieur à zéro.",
    );
    expect(
      errorSentence(
        { code: "TEXT_TOO_LONG", field: "shop", params: { max: 100, length: 140 } },
        "en",
      ),
    ).toBe("The shop name is too long (140 characters); keep it under 100.");
  });

  it("every field a sentence may name has a translation in both languages", () => {
    expect(Object.keys(fr.fields).sort()).toEqual(Object.keys(en.fields).sort());
  });

  it("a regional locale falls back to its language, an unknown one to English", () => {
    const error = { code: "MOB_NOT_FOUND", field: "id", params: { id: 4 } } as const;
    expect(errorSentence(error, "fr-CA")).toBe(errorSentence(error, "fr"));
    expect(errorSentence(error, "de")).toBe(errorSentence(error, "en"));
  });
});

describe("locales", () => {
  it.each([
    ["en", "en"],
    ["en-GB", "en"],
    ["fr", "fr"],
    ["fr_FR", "fr"],
    ["FR-ca", "fr"],
    ["de", null],
    ["", null],
    [undefined, null],
    [null, null],
  ])("%j is %j", (tag, locale) => {
    expect(supportedLocale(tag)).toBe(locale);
  });

  it("both catalogues say every interface text, none left empty", () => {
    for (const locale of ["en", "fr"]) {
      for (const [key, value] of Object.entries(catalog(locale).t)) {
        if (typeof value === "string") expect(value.trim(), `${locale}.${key}`).not.toBe("");
      }
    }
    expect(Object.keys(fr.t).sort()).toEqual(Object.keys(en.t).sort());
  });
});

describe("a mob's details (/mob <id>)", () => {
  const community: Community = {
    id: 1,
    publicId: "c0ffee",
    name: "Lille",
    timezone: "Europe/Paris",
    locale: "en",
    currency: "EUR",
    organizerRule: "platform",
    merchantGate: false,
  };
  const mob: Mob = {
    id: 3,
    publicId: "beef",
    communityId: 1,
    shopId: 1,
    shopName: "Librairie du Parc",
    address: null,
    meetingPoint: null,
    party: null,
    startsAt: Date.UTC(2026, 11, 5, 17, 0),
    durationMs: 90 * 60_000,
    pledgeMinor: 1500,
    currency: "EUR",
    secret: false,
    capacity: null,
    goalMinor: null,
    takingsMinor: null,
    takingsPublic: false,
    merchant: NOT_ASKED,
    status: "announced",
    createdBy: 1,
    checkinCode: "K7Q2XA",
    cancelReason: null,
    createdAt: 0,
    updatedAt: 0,
  };
  const plain = (line: Line) => line.map((part) => ("text" in part ? part.text : "")).join("");
  const lines = (locale: string) =>
    new NoticeBuilder(community, locale, "telegram")
      .info(mob, "announced", { going: 0, maybe: 0, waiting: 0 }, true)
      .lines.map(plain);

  it.each([
    [
      "en",
      "When: Sat 5 Dec 2026, 18:00 (Europe/Paris)",
      "Until: Sat 5 Dec 2026, 19:30 (Europe/Paris)",
    ],
    [
      "fr",
      "Quand\u00a0: sam. 5 déc. 2026, 18:00 (Europe/Paris)",
      "Jusqu'à\u00a0: sam. 5 déc. 2026, 19:30 (Europe/Paris)",
    ],
  ])("in %s, labels the end instant as the end, right under the start", (locale, when, until) => {
    expect(lines(locale).slice(0, 2)).toEqual([when, until]);
    expect(lines(locale).join("\n")).not.toMatch(/Duration|Durée/);
  });
});
