import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionToCommand } from "../../../src/app/action-ids.js";
import {
  actionId,
  type Button,
  decodeButtonId,
  decodeQuickAmount,
  encodeButtonId,
  encodeQuickAmount,
} from "../../../src/domain/codecs/button-id.js";

const id = fc.integer({ min: 1, max: 999_999_999 });
const minor = fc.integer({ min: 0, max: 999_999_999_999 });
const buttons: fc.Arbitrary<Button> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("join" as const, "maybe" as const, "leave" as const),
    mobId: id,
  }),
  fc.record({ kind: fc.constant("spent" as const), mobId: id, minor }),
  fc.record({ kind: fc.constant("vote" as const), voteId: id, nominationId: id }),
);

describe("the button-id codec", () => {
  it("reads back every id it writes, within Telegram's 64 bytes and Discord's 100", () => {
    fc.assert(
      fc.property(buttons, (button) => {
        const text = encodeButtonId(button);
        expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64);
        expect(decodeButtonId(text)).toEqual(button);
      }),
    );
  });

  it("never throws on junk, and what it reads it writes back the same", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: fc.constantFrom(..."mobvte:0123456789joinspal"), maxLength: 30 }),
        ),
        (text) => {
          const button = decodeButtonId(text);
          if (button !== null) expect(encodeButtonId(button)).toBe(text);
        },
      ),
    );
  });

  // The wire strings are a public contract (docs/commands.md, `/press` in the console).
  it.each([
    ["mob:12:join", { kind: "join", mobId: 12 }, actionId.join(12)],
    ["mob:12:maybe", { kind: "maybe", mobId: 12 }, actionId.maybe(12)],
    ["mob:12:leave", { kind: "leave", mobId: 12 }, actionId.leave(12)],
    ["mob:12:spent:1500", { kind: "spent", mobId: 12, minor: 1500 }, actionId.spent(12, 1500)],
    ["vote:3:7", { kind: "vote", voteId: 3, nominationId: 7 }, actionId.vote(3, 7)],
  ])("%s is %j", (text, button, built) => {
    expect(decodeButtonId(text)).toEqual(button);
    expect(built).toBe(text);
  });

  it.each([
    "",
    "mob:12",
    "mob:12:",
    "mob:12:JOIN",
    "mob:12:join ",
    "mob:0:join",
    "mob:012:join",
    "mob:1234567890:join",
    "mob:12:spent",
    "mob:12:spent:",
    "mob:12:spent:-5",
    "mob:12:spent:1.5",
    "mob:12:spent:1234567890123",
    "vote:3",
    "vote:3:7:1",
    "vote:x:7",
    "mob_12",
  ])("%j is nothing the bot wrote", (text) => {
    expect(decodeButtonId(text)).toBeNull();
    expect(actionToCommand(text)).toBeNull();
  });

  it("a pressed button is the command it stands for", () => {
    expect(actionToCommand("mob:12:maybe")).toEqual({ type: "join", id: "12", maybe: true });
    expect(actionToCommand("mob:12:spent:1500")).toEqual({
      type: "spent",
      id: "12",
      amount: "minor:1500",
    });
    expect(actionToCommand("vote:3:7")).toEqual({ type: "ballot", voteId: "3", nominationId: "7" });
  });
});

describe("the quick-amount text", () => {
  it("reads back every amount it writes", () => {
    fc.assert(
      fc.property(minor, (m) => {
        expect(decodeQuickAmount(encodeQuickAmount(m))).toBe(m);
      }),
    );
  });

  it.each(["12.50", "minor:", "minor:-1", "minor:1e3", "MINOR:5", " minor:5", "15"])(
    "%j is typed text, not a quick amount",
    (text) => expect(decodeQuickAmount(text)).toBeNull(),
  );
});
