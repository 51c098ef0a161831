import { describe, expect, it } from "vitest";
import {
  cleanText,
  LIMITS,
  parseBoolean,
  parseLabel,
  parseOptionalLabel,
  truncate,
} from "../../src/domain/text.js";

describe("cleanText removes what can hide or reorder text in a chat", () => {
  it.each([
    ["  Librairie   du  Parc  ", "Librairie du Parc"],
    ["Cave\n\tà vins", "Cave à vins"],
    ["Bell\u0007e", "Belle"],
    ["null\u0000byte", "nullbyte"],
    ["esc\u001b[31mred", "esc[31mred"],
    ["del\u007f", "del"],
    ["c1\u0085\u009fx", "c1x"],
    ["\u202eevil\u202c", "evil"],
    ["\u202a\u202b\u202dmixed", "mixed"],
    ["\u2066isolate\u2069", "isolate"],
    ["zero\u200bwidth", "zerowidth"],
    ["\u200e\u200fmarks\u061c", "marks"],
    ["soft\u00adhyphen", "softhyphen"],
    ["\ufeffbom\u2060joiner\u180e", "bomjoiner"],
    ["👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"],
    ["می\u200cخواهم", "می\u200cخواهم"],
    ["ok", "ok"],
  ])("%j becomes %j", (input, output) => {
    expect(cleanText(input)).toBe(output);
  });

  it.each([
    ["one\r\ntwo\rthree\u2028four", "one\ntwo\nthree\nfour"],
    ["  a \t b \n\n\n\n c\u200b ", "a b\n\nc"],
    ["\u202eline\u202c\n\u2066two\u2069", "line\ntwo"],
  ])("with lines, %j becomes %j", (input, output) => {
    expect(cleanText(input, { lines: true })).toBe(output);
  });
});

describe("parseLabel accepts a short visible label", () => {
  it.each([["Librairie du Parc"], ["Café 🍷"], ["🍷"], ["42"], ["مكتبة"], ["书店"], ["👨‍👩‍👧"]])(
    "%j is accepted as it is",
    (text) => {
      expect(parseLabel(text, "shop", LIMITS.shop)).toEqual({ ok: true, value: text });
    },
  );

  it.each([
    [""],
    ["   "],
    ["\u200b"],
    ["\u200b\u200c\u200d\u2060\ufeff"],
    ["\u202e\u202c"],
    ["\u0000\u0001"],
    ["\n\t"],
  ])("%j, with nothing visible, is refused as TEXT_EMPTY", (text) => {
    expect(parseLabel(text, "shop", LIMITS.shop)).toEqual({
      ok: false,
      code: "TEXT_EMPTY",
      field: "shop",
    });
  });

  it("length is counted in code points, so 100 emoji fit a 100-character name", () => {
    const name = "🍷".repeat(100);
    expect(name.length).toBe(200);
    expect(parseLabel(name, "shop", 100)).toEqual({ ok: true, value: name });
  });

  it("one character over the limit is refused, saying the length and the limit", () => {
    expect(parseLabel("🍷".repeat(101), "shop", 100)).toEqual({
      ok: false,
      code: "TEXT_TOO_LONG",
      field: "shop",
      params: { max: 100, length: 101 },
    });
  });

  it("the limit applies after cleaning, so stripped characters do not count", () => {
    const padded = `\u202e${"a".repeat(100)}\u202c   `;
    expect(parseLabel(padded, "shop", 100)).toEqual({ ok: true, value: "a".repeat(100) });
  });
});

describe("optional labels", () => {
  it.each([[undefined], [""], ["   "], ["\u202e"]])("%j means not given", (text) => {
    expect(parseOptionalLabel(text, "address", LIMITS.address)).toEqual({ ok: true, value: null });
  });

  it("a given address is cleaned and checked like a label", () => {
    expect(parseOptionalLabel(" 3  rue des Lilas ", "address", LIMITS.address)).toEqual({
      ok: true,
      value: "3 rue des Lilas",
    });
    expect(parseOptionalLabel("x".repeat(201), "address", LIMITS.address)).toMatchObject({
      ok: false,
      code: "TEXT_TOO_LONG",
    });
  });
});

describe("truncate", () => {
  it.each([
    ["short", 10, "short"],
    ["exactly10!", 10, "exactly10!"],
    ["much too long", 5, "much…"],
    ["🍷🍷🍷🍷", 3, "🍷🍷…"],
  ])("%j cut to %d is %j", (text, max, out) => {
    expect(truncate(text, max)).toBe(out);
    expect([...truncate(text, max)].length).toBeLessThanOrEqual(max);
  });
});

describe("parseBoolean", () => {
  it.each([
    ["yes", true],
    ["Oui", true],
    ["1", true],
    ["on", true],
    ["no", false],
    ["NON", false],
    ["0", false],
    ["off", false],
    ["", null],
    [undefined, null],
  ])("%j is %s", (text, value) => {
    expect(parseBoolean(text, "secret")).toEqual({ ok: true, value });
  });

  it.each([["maybe"], ["2"], ["yess"]])("%j is refused as BOOLEAN_INVALID", (text) => {
    expect(parseBoolean(text, "secret")).toEqual({
      ok: false,
      code: "BOOLEAN_INVALID",
      field: "secret",
    });
  });
});
