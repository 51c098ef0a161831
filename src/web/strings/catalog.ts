import type { MerchantAnswer, PublicMobState } from "../../ports/web.js";

/** A problem with the merchant's form, found by the web layer before the core is asked. */
export type MerchantFormError = "ANSWER_MISSING" | "NOTE_TOO_LONG" | "TAKINGS_INVALID";

/** Why a merchant link cannot be used, each with its own page. */
export type LinkProblem =
  | "invalid"
  | "expired"
  | "closed"
  | "cancelled"
  | "gone"
  | "stale_form"
  | "too_large"
  | "too_slow"
  | "too_many";

/**
 * Every sentence of the web pages, per locale. `fr` is typed with this
 * interface, so a string missing in French fails to compile.
 */
export interface WebStrings {
  readonly htmlLang: string;
  /** Open Graph locale, e.g. `en_GB`. */
  readonly ogLocale: string;
  readonly siteName: string;
  readonly whatIsTitle: string;
  readonly whatIs: string;
  readonly notFoundTitle: string;
  readonly notFound: string;
  readonly errorTitle: string;
  readonly error: string;

  readonly byCommunity: (community: string) => string;
  readonly secretShop: string;
  readonly secretShopNote: string;
  readonly states: Readonly<Record<PublicMobState, string>>;
  /** `Pledge: ` / `Engagement : `: a label before its value, in the language's typography. */
  readonly label: (name: string) => string;
  readonly when: string;
  readonly meetingPoint: string;
  readonly shop: string;
  readonly afterParty: string;
  readonly mapLink: string;
  readonly map: (place: string) => string;
  readonly pledge: string;
  readonly pledgeEach: (amount: string) => string;
  readonly going: (n: number) => string;
  readonly maybe: (n: number) => string;
  readonly waiting: (n: number) => string;
  readonly places: (n: number) => string;
  readonly goalProgress: (pledged: string, goal: string) => string;
  readonly joinTitle: string;
  readonly joinOn: (platform: "telegram" | "discord") => string;
  readonly joinNone: string;
  readonly calendarTitle: string;
  readonly icsFile: string;
  readonly googleCalendar: string;
  readonly cancelled: string;
  readonly cancelReason: string;
  readonly resultsSoon: string;
  readonly resultsTitle: string;
  readonly mobbers: string;
  readonly spent: string;
  readonly average: string;
  readonly ofGoal: string;
  readonly vsUsualDay: (ratio: string) => string;
  /** Under one usual day: its share, as a percentage. */
  readonly shareOfUsualDay: (percent: string) => string;
  readonly photosTitle: string;
  readonly photoAlt: (number: number) => string;
  readonly eventSummary: (shop: string) => string;
  readonly moreInfo: string;

  /** The check-in page a scanned QR opens (`/m/<public id>/in?code=…`). */
  readonly checkinTitle: (mob: number) => string;
  readonly checkinIntro: string;
  readonly checkinOnDiscord: string;
  readonly checkinOnTelegram: string;
  readonly checkinNotYet: (at: string) => string;
  readonly checkinOpen: string;
  readonly checkinClosed: string;
  readonly checkinWrongTitle: string;
  readonly checkinWrong: string;

  readonly communityTitle: (community: string) => string;
  readonly upcomingTitle: string;
  readonly pastTitle: string;
  readonly noUpcoming: string;
  readonly noPast: string;
  readonly totals: (mobs: number, mobbers: number, total: string) => string;
  readonly subscribe: string;
  readonly subscribeHint: string;
  readonly pastLine: (mobbers: number, total: string) => string;

  readonly merchantTitle: (shop: string) => string;
  readonly merchantIntro: (community: string) => string;
  readonly expected: string;
  /** The community's past mobs: how many came, on average. */
  readonly usualTurnout: string;
  readonly perMob: (n: number) => string;
  readonly crowd: (n: number) => string;
  readonly merchantPledge: (amount: string) => string;
  readonly answers: Readonly<Record<MerchantAnswer, string>>;
  readonly yourAnswer: string;
  readonly answeredOn: (answer: string, at: string) => string;
  readonly changeUntil: (at: string) => string;
  readonly noteLabel: string;
  readonly noteHint: string;
  readonly takingsLabel: (currency: string) => string;
  readonly takingsHint: string;
  readonly send: string;
  readonly thanks: string;
  readonly formErrors: Readonly<Record<MerchantFormError, (p: { max: number }) => string>>;
  readonly linkProblems: Readonly<Record<LinkProblem, { title: string; text: string }>>;
}
