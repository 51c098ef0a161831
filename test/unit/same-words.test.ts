import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/i18n/catalog.js";
import { en } from "../../src/i18n/en.js";
import { fr } from "../../src/i18n/fr.js";
import type { WebLocale } from "../../src/ports/web.js";
import { type CardStrings, cardStrings } from "../../src/render/card-strings.js";
import type { WebStrings } from "../../src/web/strings/catalog.js";
import { webStrings } from "../../src/web/strings/index.js";

/**
 * One word per idea: what the chat calls a thing, the web page and the card
 * call it too (a French reader saw "Promesse" in chat and "Engagement" on the
 * page, and could not tell they were the same thing).
 */
const lower = (s: string) => s.toLowerCase();

/** An idea, and each place's word for it, in one language. */
type Idea = [idea: string, chat: string, ...elsewhere: string[]];

function ideas(chat: Catalog, web: WebStrings, card: CardStrings): Idea[] {
  return [
    ["the pledge", chat.t.pledge, web.pledge],
    ["when", chat.t.when, web.when],
    ["the meeting point", chat.t.meetingPoint, web.meetingPoint],
    ["the after-party", chat.after.party, web.afterParty],
    ["why a mob is cancelled", chat.t.cancelledReason, web.cancelReason],
    ["who came", chat.t.tallyCame, web.mobbers, card.mobbers("2").replace(/^2 /, "")],
    [
      "who is going",
      chat.t.tallyGoing,
      web.going(2).replace(/^2 /, ""),
      card.going("2").replace(/^2 /, ""),
    ],
    ["what was spent", chat.t.tallySpent, web.spent],
    ["the average", chat.t.tallyAverage, web.average],
    ["adding to a calendar", chat.links.calendar, web.calendarTitle],
    ["cancelled", chat.t.stateNames.cancelled ?? "", web.states.cancelled, card.cancelled],
  ];
}

describe.each([
  ["en", en],
  ["fr", fr],
] as const)("in %s, the chat, the page and the card", (locale: WebLocale, chat) => {
  it.each(ideas(chat, webStrings(locale), cardStrings[locale]))(
    "call %s by the same word",
    (_idea, word, ...others) => {
      for (const other of others) expect(lower(other)).toBe(lower(word));
    },
  );

  it("name the secret shop the same way", () => {
    const word = lower(chat.t.secretShop).replace(/^(a|une) /, "");
    expect(lower(webStrings(locale).secretShop)).toBe(word);
    expect(lower(cardStrings[locale].secretShop)).toBe(word);
  });
});

describe("in French", () => {
  it("the tally is 'bilan' in chat, on the page and on the card", () => {
    expect(fr.t.tallyTitle("X")).toMatch(/^Bilan/);
    expect(webStrings("fr").resultsTitle).toBe("Bilan");
    expect(webStrings("fr").states.tallied).toBe("Bilan");
    expect(cardStrings.fr.resultsSoon).toMatch(/^Bilan/);
  });

  it("the shop's usual takings are 'chiffre d'affaires quotidien habituel' in chat and on the merchant's page", () => {
    expect(fr.fields.takings).toContain("chiffre d'affaires quotidien habituel");
    expect(webStrings("fr").takingsLabel("EUR")).toContain("chiffre d'affaires quotidien habituel");
  });

  it("titles put a non-breaking space before the colon, like every label", () => {
    expect(fr.t.ctaTitle("X")).toBe("Cash mob\u00a0: X");
    expect(webStrings("fr").eventSummary("X")).toBe("Cash mob\u00a0: X");
  });
});
