import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTextCommand, parseTextCommand } from "../../../src/app/command-text.js";
import { commandSyntax } from "../../../src/i18n/syntax.js";
import type { Command } from "../../../src/ports/inbound.js";

/** One typed word: no spaces, no pipes, not starting like a key=value part. */
const word = fc.stringMatching(/^[A-Za-z0-9#.,'-]{1,12}$/);
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
const phrase = fc
  .array(fc.stringMatching(/^[A-Za-z0-9.,'-]{1,12}$/), { minLength: 1, maxLength: 4 })
  .map((w) => w.join(" "));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const drop = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const commands: fc.Arbitrary<Command> = fc.oneof(
  fc.constant({ type: "list" } as const),
  fc.constantFrom("history", "unlink", "nominations", "help").map((type) => ({ type }) as Command),
  fc
    .record({
      type: fc.constantFrom(
        "info",
        "leave",
        "confirm",
        "tally",
        "closevote",
        "merchantlink",
        "export",
      ),
      id: word,
    })
    .map((c) => c as Command),
  fc.record({ id: word, pledge: opt(word) }).map((c) => drop({ type: "join", ...c }) as Command),
  word.map((id) => ({ type: "join", id, maybe: true }) as Command),
  fc.record({ id: word, reason: opt(words) }).map((c) => drop({ type: "cancel", ...c }) as Command),
  fc
    .record({ id: word, reason: opt(words) })
    .map((c) => drop({ type: "dropshop", ...c }) as Command),
  fc.record({ id: word, amount: words }).map((c) => ({ type: "spent", ...c }) as Command),
  fc.record({ id: word, code: word }).map((c) => ({ type: "checkin", ...c }) as Command),
  fc
    .record({ id: word, message: opt(words) })
    .map((c) => drop({ type: "thanks", ...c }) as Command),
  fc
    .record({ id: word, status: fc.constantFrom("asked", "agreed", "declined"), note: opt(words) })
    .map((c) => drop({ type: "merchant", ...c }) as Command),
  fc
    .record({ id: word, publish: fc.constantFrom("yes", "no") })
    .map((c) => ({ type: "merchant", ...c }) as Command),
  opt(word.map((w) => w.replace(/#/g, "")))
    .filter((c) => c !== "")
    .map((code) => drop({ type: "link", code }) as Command),
  fc
    .record({ shop: phrase, address: opt(phrase), why: opt(phrase) })
    .map((c) => drop({ type: "nominate", ...c }) as Command),
  fc
    .record({ when: phrase, closes: opt(phrase) })
    .map((c) => drop({ type: "vote", ...c }) as Command),
  opt(word).map((payload) => drop({ type: "start", payload }) as Command),
);

describe("command text", () => {
  it("parses back every command it writes", () => {
    fc.assert(
      fc.property(commands, (command) => {
        const text = formatTextCommand(command);
        expect(text).not.toBeNull();
        expect(parseTextCommand(text as string)).toEqual({ ok: true, command });
      }),
    );
  });

  it.each([
    [{ type: "confirm", id: "12" }, "/confirm 12"],
    [{ type: "join", id: "12", pledge: "20" }, "/join 12 20"],
    [{ type: "join", id: "12", maybe: true }, "/maybe 12"],
    [{ type: "cancel", id: "12", reason: "shop closed" }, "/cancelmob 12 shop closed"],
    [{ type: "merchant", id: "12", status: "agreed" }, "/merchant 12 agreed"],
    [{ type: "merchant", id: "12", publish: "yes" }, "/merchant 12 publish yes"],
    [{ type: "closevote", id: "3" }, "/closevote 3"],
    [{ type: "link", code: "ABCD-EFGH" }, "/link ABCD-EFGH"],
    [{ type: "nominate", shop: "Fromagerie", why: "cheese" }, "/nominate Fromagerie | | cheese"],
    [
      { type: "vote", when: "friday 18:00", closes: "thursday" },
      "/vote friday 18:00 | closes=thursday",
    ],
    [{ type: "start", payload: "mob_12" }, "/start mob_12"],
  ] as [Command, string][])("%j is typed %j", (command, text) => {
    expect(formatTextCommand(command)).toBe(text);
    expect(parseTextCommand(text)).toEqual({ ok: true, command });
  });

  it("names typed commands in sentences as it writes them", () => {
    const typed = commandSyntax("telegram");
    expect(typed.confirm(12)).toBe("/confirm 12");
    expect(typed.closevote(3)).toBe("/closevote 3");
    expect(typed.merchant(12, "agreed")).toBe("/merchant 12 agreed");
    expect(typed.link("ABCD-EFGH")).toBe("/link ABCD-EFGH");
    expect(typed.link()).toBe("/link");
  });

  it("has no typed form for a button press or a photo's file", () => {
    expect(formatTextCommand({ type: "action", actionId: "mob:1:join" })).toBeNull();
    expect(formatTextCommand({ type: "ballot", voteId: "1", nominationId: "2" })).toBeNull();
  });
});
