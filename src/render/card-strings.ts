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
  /** Under one usual day: its share, as a percentage. */
  readonly shareOfUsualDay: (percent: string) => string;
  readonly cancelled: string;
}

const en: CardStrings = {
  kicker: "CASH MOB",
  secretShop: "Secret shop",
  going: (n) => `${n} going`,
  pledgeEach: (amount) => `${amount} each`,
  pledgedOfGoal: (pledged, goal) => `${pledged} pledged of ${goal}`,
  resultsSoon: "Results soon",
  mobbers: (n) => `${n} came`,
  spent: (total, average) => (average ? `${total} spent · ${average} each` : `${total} spent`),
  ofGoal: (percent) => `${percent} of the goal`,
  usualDay: (ratio) => `${ratio} a usual day`,
  shareOfUsualDay: (percent) => `${percent} of a usual day`,
  cancelled: "Cancelled",
};

const fr: CardStrings = {
  kicker: "CASH MOB",
  secretShop: "Boutique secrète",
  going: (n) => `${n} ${n === "1" || n === "0" ? "inscrit" : "inscrits"}`,
  pledgeEach: (amount) => `${amount} chacun`,
  pledgedOfGoal: (pledged, goal) => `${pledged} promis sur ${goal}`,
  resultsSoon: "Bilan bientôt",
  mobbers: (n) => `${n} ${n === "1" || n === "0" ? "présent" : "présents"}`,
  spent: (total, average) =>
    average ? `${total} dépensés · ${average} chacun` : `${total} dépensés`,
  ofGoal: (percent) => `${percent} de l'objectif`,
  usualDay: (ratio) => `${ratio} une journée habituelle`,
  shareOfUsualDay: (percent) => `${percent} d'une journée habituelle`,
  cancelled: "Annulé",
};

export const cardStrings: Readonly<Record<WebLocale, CardStrings>> = { en, fr };
