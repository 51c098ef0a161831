import { describe, expect, it } from "vitest";
import {
  AMOUNT_LIMITS,
  currencyDigits,
  formatMoney,
  parseAmount,
  parseCurrency,
  quickAmounts,
} from "../../src/domain/money.js";

describe("parseAmount reads amounts as people type them, in minor units", () => {
  it.each([
    ["15", "EUR", 1500],
    ["15.50", "EUR", 1550],
    ["15,50", "EUR", 1550],
    ["15.5", "EUR", 1550],
    ["€15", "EUR", 1500],
    ["15€", "EUR", 1500],
    ["15 EUR", "EUR", 1500],
    ["15 eur", "EUR", 1500],
    ["$15", "USD", 1500],
    ["1 000", "EUR", 100_000],
    ["1\u00a0000", "EUR", 100_000],
    ["1\u202f000", "EUR", 100_000],
    ["1'000", "CHF", 100_000],
    ["  20  ", "EUR", 2000],
    ["0.01", "EUR", 1],
    ["10000", "EUR", 1_000_000],
    ["1500", "JPY", 1500],
    ["¥1500", "JPY", 1500],
    ["1.500", "KWD", 1500],
  ])("%j in %s is %d minor units", (text, currency, minor) => {
    expect(parseAmount(text, currency, "amount")).toEqual({ ok: true, value: minor });
  });

  it.each([
    ["0", "AMOUNT_NOT_POSITIVE"],
    ["0.00", "AMOUNT_NOT_POSITIVE"],
    ["-5", "AMOUNT_NOT_POSITIVE"],
    ["−5", "AMOUNT_NOT_POSITIVE"],
    ["- 5", "AMOUNT_NOT_POSITIVE"],
    ["€-5", "AMOUNT_NOT_POSITIVE"],
    ["NaN", "AMOUNT_INVALID"],
    ["Infinity", "AMOUNT_INVALID"],
    ["1e9", "AMOUNT_INVALID"],
    ["15.555", "AMOUNT_INVALID"],
    ["0.001", "AMOUNT_INVALID"],
    ["15.", "AMOUNT_INVALID"],
    [".5", "AMOUNT_INVALID"],
    ["1.000,50", "AMOUNT_INVALID"],
    ["fifteen", "AMOUNT_INVALID"],
    ["EUR", "AMOUNT_INVALID"],
    ["", "AMOUNT_INVALID"],
    ["   ", "AMOUNT_INVALID"],
    ["10001", "AMOUNT_TOO_LARGE"],
    ["10000.01", "AMOUNT_TOO_LARGE"],
    ["999999999999", "AMOUNT_TOO_LARGE"],
  ])("%j is refused as %s and names the field", (text, code) => {
    const result = parseAmount(text, "EUR", "pledge");
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ code, field: "pledge" });
  });

  it("a yen amount with decimals is refused: JPY has no minor unit", () => {
    expect(parseAmount("15.5", "JPY", "amount")).toMatchObject({
      ok: false,
      code: "AMOUNT_INVALID",
    });
  });

  it("a too-large amount says the most accepted", () => {
    expect(parseAmount("10001", "EUR", "amount")).toEqual({
      ok: false,
      code: "AMOUNT_TOO_LARGE",
      field: "amount",
      params: { max: AMOUNT_LIMITS.perPerson },
    });
  });

  it("a mob goal may go up to the per-mob limit", () => {
    expect(parseAmount("250000", "EUR", "goal", AMOUNT_LIMITS.perMob)).toEqual({
      ok: true,
      value: 25_000_000,
    });
    expect(parseAmount("10000001", "EUR", "goal", AMOUNT_LIMITS.perMob)).toMatchObject({
      ok: false,
      code: "AMOUNT_TOO_LARGE",
    });
  });
});

describe("currencies", () => {
  it.each([
    ["EUR", 2],
    ["usd", 2],
    ["JPY", 0],
    ["KWD", 3],
    ["EURO", null],
    ["XYZ", null],
    ["", null],
    ["€", null],
  ])("%j has %s decimals", (code, digits) => {
    expect(currencyDigits(code)).toBe(digits);
  });

  it("parseCurrency upper-cases a known code and refuses an unknown one", () => {
    expect(parseCurrency(" gbp ")).toEqual({ ok: true, value: "GBP" });
    expect(parseCurrency("bitcoin")).toEqual({
      ok: false,
      code: "CURRENCY_INVALID",
      field: "currency",
    });
  });
});

describe("formatMoney shows amounts in the reader's language", () => {
  it.each([
    [1550, "EUR", "en", "€15.50"],
    [1550, "EUR", "fr", "15,50\u00a0€"],
    [1500, "USD", "en", "$15.00"],
    [1500, "JPY", "en", "¥1,500"],
    [123_456, "EUR", "fr", "1\u202f234,56\u00a0€"],
  ])("%d %s in %s is %j", (minor, currency, locale, text) => {
    expect(formatMoney(minor, currency, locale)).toBe(text);
  });
});

describe("quickAmounts offers whole amounts around the pledge", () => {
  it.each([
    [1500, "EUR", [1500, 2300, 3000, 4500]],
    [1000, "JPY", [1000, 1500, 2000, 3000]],
    [10, "EUR", [100]],
  ])("a pledge of %d %s offers %j", (pledge, currency, amounts) => {
    expect(quickAmounts(pledge, currency)).toEqual(amounts);
  });
});

describe("parseAmount refuses what would be misread", () => {
  it("another currency's code is not taken as this one's", () => {
    expect(parseAmount("15 USD", "EUR", "amount")).toMatchObject({
      ok: false,
      code: "AMOUNT_INVALID",
    });
    expect(parseAmount("15 eur", "EUR", "amount")).toEqual({ ok: true, value: 1500 });
  });

  it("a number with many digits is too large, not unreadable", () => {
    expect(parseAmount("1234567890123", "EUR", "amount")).toMatchObject({
      ok: false,
      code: "AMOUNT_TOO_LARGE",
    });
    expect(parseAmount("9".repeat(400), "EUR", "amount")).toMatchObject({
      ok: false,
      code: "AMOUNT_TOO_LARGE",
    });
  });
});
