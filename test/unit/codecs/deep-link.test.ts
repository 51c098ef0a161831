import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeStartPayload,
  encodeStartPayload,
  MAX_START_PAYLOAD,
  type StartPayload,
} from "../../../src/domain/codecs/deep-link.js";
import { checkinUrls, telegramStartUrl } from "../../../src/web/links.js";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const mobId = fc.integer({ min: 1, max: 999_999_999 });
const code = fc.string({ unit: fc.constantFrom(...CODE_ALPHABET), minLength: 6, maxLength: 6 });
const chatId = fc.oneof(
  fc.bigInt({ min: -(10n ** 19n) + 1n, max: -1n }).map(String),
  fc.string({ unit: fc.constantFrom(..."abcXYZ019-"), minLength: 1, maxLength: 58 }),
);
const payloads: fc.Arbitrary<StartPayload> = fc.oneof(
  mobId.map((id) => ({ kind: "join" as const, mobId: id })),
  fc.record({ kind: fc.constant("checkin" as const), mobId, code }),
  chatId.map((id) => ({ kind: "codes" as const, chatId: id })),
  fc.constant({ kind: "files" as const }),
);

describe("the deep-link start payload codec", () => {
  it("reads back every payload it writes, within Telegram's 64 characters of A-Z a-z 0-9 _ -", () => {
    fc.assert(
      fc.property(payloads, (payload) => {
        const text = encodeStartPayload(payload);
        expect(text).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
        expect(decodeStartPayload(text)).toEqual(payload);
      }),
    );
  });

  it.each([
    ["mob_12", { kind: "join", mobId: 12 }],
    ["in_12_K7QX2M", { kind: "checkin", mobId: 12, code: "K7QX2M" }],
    ["in_12_k7qx2m", { kind: "checkin", mobId: 12, code: "K7QX2M" }],
    ["codes_-1001234567890", { kind: "codes", chatId: "-1001234567890" }],
    ["files", { kind: "files" }],
  ])("%j is %j", (text, payload) => {
    expect(decodeStartPayload(text)).toEqual(payload);
  });

  it.each([
    [undefined],
    [""],
    ["mob_"],
    ["mob_0"],
    ["mob_1234567890"],
    ["mob_12 "],
    ["in_12"],
    ["in_12_"],
    ["in_12_ABC-DE"],
    ["in_x_ABCDEF"],
    ["in_12_ABCDEFGHIJKLMNOPQ"],
    ["codes_"],
    ["codes_a_b"],
    ["hello"],
    [`codes_${"1".repeat(MAX_START_PAYLOAD)}`],
  ])("%j is nothing we wrote: a plain /start", (text) => {
    expect(decodeStartPayload(text)).toBeNull();
  });

  it("never throws on junk: anything it does not know is null", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const payload = decodeStartPayload(text);
        if (payload !== null)
          expect(encodeStartPayload(payload).toUpperCase()).toBe(text.toUpperCase());
      }),
    );
  });

  it("refuses to write a payload no link can carry", () => {
    expect(() => encodeStartPayload({ kind: "join", mobId: 0 })).toThrow();
    expect(() => encodeStartPayload({ kind: "checkin", mobId: 3, code: "AB CD" })).toThrow();
    expect(() => encodeStartPayload({ kind: "codes", chatId: "x".repeat(59) })).toThrow();
  });
});

describe("check-in links", () => {
  it("the Telegram deep link and, with PUBLIC_URL, the web page", () => {
    expect(
      checkinUrls({
        id: 42,
        publicId: "Ab3_x",
        checkinCode: "K7QX2M",
        botUsername: "cashmob_bot",
        publicUrl: "https://mobs.example.org",
      }),
    ).toEqual({
      telegram: "https://t.me/cashmob_bot?start=in_42_K7QX2M",
      web: "https://mobs.example.org/m/Ab3_x/in?code=K7QX2M",
    });
  });

  it("each link only when its platform or address is known", () => {
    const mob = { id: 42, publicId: "p", checkinCode: "K7QX2M" };
    expect(checkinUrls({ ...mob, botUsername: null, publicUrl: null })).toEqual({
      telegram: null,
      web: null,
    });
    expect(checkinUrls({ ...mob, botUsername: "@cashmob_bot", publicUrl: null }).telegram).toBe(
      "https://t.me/cashmob_bot?start=in_42_K7QX2M",
    );
  });

  it("a join link carries mob_<id>, as the call-to-action's button does today", () => {
    expect(telegramStartUrl("cashmob_bot", { kind: "join", mobId: 7 })).toBe(
      "https://t.me/cashmob_bot?start=mob_7",
    );
  });
});
