import type { WebLocale } from "../ports/web.js";

/** The card's few words, per locale; `fr` is typed so a missing string fails to compile. */
export interface CardStrings {
  readonly kicker: string;
  readonly secretShop: string;
  readonly going: (n: string) => string;
  readonly pledgeEach: (amount: string) => string;
  readonly pledgedOfGoal: (pledged: string, goal: string) => string;
  readonly resultsSoon: string;
  readonly mobbers: (n: string) => string;
  readonly spent: (total: string, average: string | null) => string;
  readonly ofGoal: (percent: string) => string;
  readonly usualDay: (ratio: string) => string;
  readonly cancelled: string;
}

const en: CardStrings = {
  kicker: "CASH MOB",
  secretShop: "Secret shop",
  going: (n) => `${n} going`,
  pledgeEach: (amount) => `${amount} each`,
  pledgedOfGoal: (pledged, goal) => `${pledged} pledged of ${goal}`,
  resultsSoon: "Results soon",
  mobbers: (n) => `${n} ${n === "1" ? "mobber" : "mobbers"}`,
  spent: (total, average) => (average ? `${total} spent · ${average} each` : `${total} spent`),
  ofGoal: (percent) => `${percent} of the goal`,
  usualDay: (ratio) => `${ratio} a usual day`,
  cancelled: "Cancelled",
};

const fr: CardStrings = {
  kicker: "CASH MOB",
  secretShop: "Boutique secrète",
  going: (n) => `${n} participants`,
  pledgeEach: (amount) => `${amount} chacun`,
  pledgedOfGoal: (pledged, goal) => `${pledged} promis sur ${goal}`,
  resultsSoon: "Résultats bientôt",
  mobbers: (n) => `${n} ${n === "1" ? "participant" : "participants"}`,
  spent: (total, average) =>
    average ? `${total} dépensés · ${average} chacun` : `${total} dépensés`,
  ofGoal: (percent) => `${percent} de l'objectif`,
  usualDay: (ratio) => `${ratio} une journée habituelle`,
  cancelled: "Annulé",
};

export const cardStrings: Readonly<Record<WebLocale, CardStrings>> = { en, fr };
