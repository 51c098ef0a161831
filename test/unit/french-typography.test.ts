import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../bots/discord/commands.js";
import { MENU } from "../../bots/telegram/commands.js";
import type { Community } from "../../src/domain/community.js";
import { NOT_ASKED } from "../../src/domain/merchant.js";
import type { Mob } from "../../src/domain/mob.js";
import { en } from "../../src/i18n/en.js";
import { fr } from "../../src/i18n/fr.js";
import { NoticeBuilder } from "../../src/i18n/notices.js";
import { cardStrings } from "../../src/render/card-strings.js";
import { webStrings } from "../../src/web/strings/index.js";
import { typographyFaults } from "../fakes/french.js";
import { noticeText } from "../fakes/recording-platform.js";

/**
 * French typography: a non-breaking space (U+00A0, or the narrow U+202F)
 * before : ; ! ? in every French string of every catalogue (chat, web page,
 * card), and in what the builders put around them (labels).
 */

/** One value that reads as a string and as the number 2, for any catalogue function's parameters. */
const ANY = new String("2") as unknown as string;
/** An error's parameters: every one a plausible word. */
const PARAMS = new Proxy({}, { get: () => "X" });

/** Every string a catalogue can say, by path; functions are called with placeholder arguments. */
function strings(value: unknown, path: string, errors = false): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (typeof value === "function") {
    const said = errors
      ? (value as (f: string, p: object) => unknown)("le champ", PARAMS)
      : (value as (...a: unknown[]) => unknown)(...Array(value.length).fill(ANY));
    return strings(said, `${path}()`);
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) =>
      strings(v, `${path}.${k}`, errors || k === "errors"),
    );
  return [];
}

const catalogues: [string, unknown][] = [
  ["chat", fr],
  ["web", webStrings("fr")],
  ["card", cardStrings.fr],
];

describe("French typography", () => {
  it("the checker tells a fault from a URL, a time and a correct mark", () => {
    expect(typographyFaults("Quand: demain")).toHaveLength(1);
    expect(typographyFaults("Quand : demain ; ensuite !")).toHaveLength(3);
    // Only the plain space before ";": not the time's colon, nor the URL's.
    expect(typographyFaults("Quand\u00a0: 18:00 ; voir https://x.org/a?b=c\u00a0!")).toHaveLength(
      1,
    );
    expect(typographyFaults("C'est parti\u00a0: cash mob\u00a0!")).toEqual([]);
  });

  it.each(catalogues)(
    "every French string of the %s catalogue has a non-breaking space before : ; ! ?",
    (_name, catalogue) => {
      const faults = strings(catalogue, "fr").flatMap(([path, text]) =>
        typographyFaults(text).map((f) => `${path}: ${f}`),
      );
      expect(faults).toEqual([]);
    },
  );

  it("the English catalogue keeps English spacing (no space before a colon)", () => {
    const spaced = strings(en, "en").filter(([, text]) => /[\u00a0 ][:;!?]/.test(text));
    expect(spaced).toEqual([]);
  });

  it("the labels a French post is built with take the non-breaking space too", () => {
    const community = { id: 1, timezone: "Europe/Paris", locale: "fr" } as Community;
    const mob = {
      id: 3,
      shopName: "Librairie du Parc",
      address: "3 rue des Lilas",
      meetingPoint: "la fontaine",
      party: "Bar du Coin",
      startsAt: Date.UTC(2026, 11, 5, 17),
      durationMs: 7_200_000,
      pledgeMinor: 1500,
      currency: "EUR",
      secret: false,
      capacity: null,
      goalMinor: 30_000,
      takingsMinor: null,
      takingsPublic: false,
      merchant: NOT_ASKED,
      status: "announced",
      cancelReason: "travaux",
    } as unknown as Mob;
    const b = new NoticeBuilder(community, "fr", "telegram");
    const counts = { going: 2, maybe: 1, waiting: 3 };
    const tally = {
      mobbers: 2,
      reporters: 2,
      checkedIn: 1,
      totalMinor: 4000,
      averageMinor: 2000,
      goalRatio: 0.13,
      takingsRatio: null,
      going: 2,
      pledgedMinor: 3000,
    };
    const posts = [
      b.callToAction(mob, "announced", counts, true, "https://mobs.example.org"),
      b.info(mob, "announced", counts, true),
      b.organizerFacts(mob, false, { merchantRecorder: "Olga" }),
      b.reminder(mob, Date.UTC(2026, 11, 4, 17), [], true),
      b.start(mob),
      b.tally(mob, tally, { voted: { forShop: 3, total: 5 }, showTakings: false }, true),
      b.cancelled(mob, true),
    ];
    const faults = posts.flatMap((n) => typographyFaults(noticeText(n)));
    expect(faults).toEqual([]);
    expect(noticeText(posts[0] as never)).toContain("Quand\u00a0: ");
  });
});

describe("French command descriptions", () => {
  it("Telegram's menu and Discord's French descriptions have a non-breaking space before : ; ! ?", () => {
    const discord = JSON.stringify(COMMANDS, (key, value) =>
      key === "description" || key === "name" ? undefined : value,
    );
    const french = [
      ...MENU.fr.map((c) => c.description),
      ...[...discord.matchAll(/"fr":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] as string),
    ];
    expect(french.length).toBeGreaterThan(20);
    expect(french.filter((d) => typographyFaults(d).length > 0)).toEqual([]);
  });
});
