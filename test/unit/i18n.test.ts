import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../../src/domain/errors.js";
import { en } from "../../src/i18n/en.js";
import { fr } from "../../src/i18n/fr.js";
import { catalog, errorSentence, supportedLocale } from "../../src/i18n/index.js";

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
