import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../../src/domain/errors.js";
import {
  type Ordinal,
  parseSeriesRule,
  type SeriesRule,
  type Weekday,
} from "../../src/domain/series-rule.js";
import { errorSentence } from "../../src/i18n/index.js";
import { formatSeriesRule } from "../../src/i18n/series-rule.js";
import { seriesRules } from "../support/series-rules.js";

const weekly = (weeks: number, weekday: Weekday, hour: number, minute = 0): SeriesRule => ({
  kind: "weekly",
  weeks,
  weekday,
  time: { hour, minute },
});
const monthly = (ordinal: Ordinal, weekday: Weekday, hour: number, minute = 0): SeriesRule => ({
  kind: "monthly",
  ordinal,
  weekday,
  time: { hour, minute },
});

describe("parseSeriesRule reads the rules people type, in English", () => {
  it.each([
    ["every 2 weeks saturday 18:00", weekly(2, 6, 18)],
    ["every week saturday 18:00", weekly(1, 6, 18)],
    ["every 1 week saturday 18:00", weekly(1, 6, 18)],
    ["every 3 weeks thursday 19:30", weekly(3, 4, 19, 30)],
    ["Every 2 Weeks SATURDAY 18:00", weekly(2, 6, 18)],
    ["every 2 weeks on Saturday at 18:00", weekly(2, 6, 18)],
    ["every week sat 6pm", weekly(1, 6, 18)],
    ["Every week, Saturday, 18:00.", weekly(1, 6, 18)],
    ["every week sun 6:30 pm", weekly(1, 7, 18, 30)],
    ["every week mon 12am", weekly(1, 1, 0)],
    ["every week wed 12pm", weekly(1, 3, 12)],
    ["every saturday 18:00", weekly(1, 6, 18)],
    ["weekly on fridays at 17:45", weekly(1, 5, 17, 45)],
    ["every other week on Sunday at 10", weekly(2, 7, 10)],
    ["fortnightly tue 9:05", weekly(2, 2, 9, 5)],
    ["every two weeks saturday 18:00", weekly(2, 6, 18)],
    ["every 52 weeks saturday 18:00", weekly(52, 6, 18)],
    ["monthly first saturday 15:00", monthly(1, 6, 15)],
    ["monthly second sunday 11:00", monthly(2, 7, 11)],
    ["monthly third wednesday 18:30", monthly(3, 3, 18, 30)],
    ["monthly fourth friday 19:00", monthly(4, 5, 19)],
    ["monthly last saturday 15:00", monthly("last", 6, 15)],
    ["monthly 1st sat 3pm", monthly(1, 6, 15)],
    ["every month on the last Friday at 18:30", monthly("last", 5, 18, 30)],
    ["the first saturday of every month at 15:00", monthly(1, 6, 15)],
  ])("%j", (text, rule) => {
    expect(parseSeriesRule(text)).toEqual({ ok: true, value: rule });
  });
});

describe("parseSeriesRule reads the rules people type, in French", () => {
  it.each([
    ["toutes les 2 semaines samedi 18h", weekly(2, 6, 18)],
    ["chaque semaine samedi 18h", weekly(1, 6, 18)],
    ["chaque semaine jeudi 18h30", weekly(1, 4, 18, 30)],
    ["chaque semaine jeudi 18:30", weekly(1, 4, 18, 30)],
    ["chaque semaine jeudi 18 h 30", weekly(1, 4, 18, 30)],
    ["Toutes les 3 semaines, le MERCREDI à 19H", weekly(3, 3, 19)],
    ["toutes les deux semaines sam 10h", weekly(2, 6, 10)],
    ["tous les samedis à 18h", weekly(1, 6, 18)],
    ["une semaine sur deux mercredi 19h", weekly(2, 3, 19)],
    ["tous les 15 jours dimanche 11h", weekly(2, 7, 11)],
    ["hebdomadaire lundi 20h", weekly(1, 1, 20)],
    ["chaque mois premier samedi 15h", monthly(1, 6, 15)],
    ["chaque mois 1er samedi 15h", monthly(1, 6, 15)],
    ["chaque mois deuxième dimanche 11h", monthly(2, 7, 11)],
    ["chaque mois deuxieme dimanche 11h", monthly(2, 7, 11)],
    ["chaque mois 3e mardi 18h", monthly(3, 2, 18)],
    ["chaque mois quatrième vendredi 19h", monthly(4, 5, 19)],
    ["chaque mois dernier samedi 15h", monthly("last", 6, 15)],
    ["le dernier vendredi du mois à 18h30", monthly("last", 5, 18, 30)],
    ["tous les mois, le premier samedi à 15h", monthly(1, 6, 15)],
  ])("%j", (text, rule) => {
    expect(parseSeriesRule(text)).toEqual({ ok: true, value: rule });
  });
});

describe("parseSeriesRule names what is wrong with a rule it cannot take", () => {
  it.each<[string, ErrorCode]>([
    ["", "SERIES_RULE_UNPARSEABLE"],
    ["saturday 18:00", "SERIES_RULE_UNPARSEABLE"],
    ["samedi 18h", "SERIES_RULE_UNPARSEABLE"],
    ["2026-12-05 18:00", "SERIES_RULE_UNPARSEABLE"],
    ["every week monthly first saturday 15:00", "SERIES_RULE_UNPARSEABLE"],
    ["every week saturday sunday 18:00", "SERIES_RULE_UNPARSEABLE"],
    ["every week saturday 18:00 19:00", "SERIES_RULE_UNPARSEABLE"],
    ["every week saturday 18:00 sharp", "SERIES_RULE_UNPARSEABLE"],
    ["every 2 weeks first saturday 18:00", "SERIES_RULE_UNPARSEABLE"],
    ["every 0 weeks saturday 18:00", "SERIES_INTERVAL_INVALID"],
    ["every 53 weeks saturday 18:00", "SERIES_INTERVAL_INVALID"],
    ["every 2.5 weeks saturday 18:00", "SERIES_INTERVAL_INVALID"],
    ["every 2 months first saturday 15:00", "SERIES_INTERVAL_INVALID"],
    ["tous les 2 mois premier samedi 15h", "SERIES_INTERVAL_INVALID"],
    ["every week satday 18:00", "SERIES_WEEKDAY_INVALID"],
    ["every week 18:00", "SERIES_WEEKDAY_INVALID"],
    ["chaque semaine samdi 18h", "SERIES_WEEKDAY_INVALID"],
    ["every week constructor 18:00", "SERIES_WEEKDAY_INVALID"],
    ["monthly __proto__ saturday 15:00", "SERIES_RULE_UNPARSEABLE"],
    ["every constructor weeks saturday 18:00", "SERIES_RULE_UNPARSEABLE"],
    ["monthly fifth saturday 15:00", "SERIES_ORDINAL_INVALID"],
    ["monthly 5th saturday 15:00", "SERIES_ORDINAL_INVALID"],
    ["chaque mois cinquième samedi 15h", "SERIES_ORDINAL_INVALID"],
    ["monthly saturday 15:00", "SERIES_ORDINAL_INVALID"],
    ["every week saturday", "SERIES_TIME_INVALID"],
    ["every week saturday 25:00", "SERIES_TIME_INVALID"],
    ["every week saturday 24:00", "SERIES_TIME_INVALID"],
    ["every week saturday 18:60", "SERIES_TIME_INVALID"],
    ["every week saturday 18:5", "SERIES_TIME_INVALID"],
    ["every week saturday 13pm", "SERIES_TIME_INVALID"],
    ["chaque semaine samedi 18h75", "SERIES_TIME_INVALID"],
  ])("%j is %s", (text, code) => {
    expect(parseSeriesRule(text)).toEqual({ ok: false, code, field: "rule" });
  });

  it.each<ErrorCode>([
    "SERIES_RULE_UNPARSEABLE",
    "SERIES_INTERVAL_INVALID",
    "SERIES_WEEKDAY_INVALID",
    "SERIES_ORDINAL_INVALID",
    "SERIES_TIME_INVALID",
  ])("%s is one sentence with an example, in English and in French", (code) => {
    const en = errorSentence({ code, field: "rule" }, "en");
    const fr = errorSentence({ code, field: "rule" }, "fr");
    expect(en).toMatch(/^[A-Z].*\.$/);
    expect(fr).toMatch(/^[A-Z].*\.$/);
    expect(en).toMatch(/18:00|18h30/);
    expect(fr).toMatch(/18h/);
    expect(fr).not.toBe(en);
  });
});

describe("formatSeriesRule says a rule back, for /series lists", () => {
  it.each([
    [weekly(1, 6, 18), "every week on Saturday at 18:00", "chaque semaine le samedi à 18h"],
    [
      weekly(2, 3, 9, 5),
      "every 2 weeks on Wednesday at 09:05",
      "toutes les 2 semaines le mercredi à 9h05",
    ],
    [
      monthly(1, 6, 15),
      "every month on the first Saturday at 15:00",
      "chaque mois le premier samedi à 15h",
    ],
    [
      monthly("last", 5, 18, 30),
      "every month on the last Friday at 18:30",
      "chaque mois le dernier vendredi à 18h30",
    ],
    [
      monthly(2, 7, 0),
      "every month on the second Sunday at 00:00",
      "chaque mois le deuxième dimanche à 0h",
    ],
  ])("%j", (rule, en, fr) => {
    expect(formatSeriesRule(rule, "en")).toBe(en);
    expect(formatSeriesRule(rule, "fr-CA")).toBe(fr);
  });

  const rules = seriesRules({ maxWeeks: 52 });

  it("every rule said in English or French parses back to itself", () => {
    fc.assert(
      fc.property(rules, fc.constantFrom("en", "fr"), (rule, locale) => {
        expect(parseSeriesRule(formatSeriesRule(rule, locale))).toEqual({ ok: true, value: rule });
      }),
    );
  });

  it("the text parses back whatever its case and accents", () => {
    const shout = (text: string) => text.toUpperCase();
    const plain = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "");
    fc.assert(
      fc.property(rules, fc.constantFrom("en", "fr"), fc.constantFrom(shout, plain), (r, l, f) => {
        expect(parseSeriesRule(f(formatSeriesRule(r, l)))).toEqual({ ok: true, value: r });
      }),
    );
  });
});
