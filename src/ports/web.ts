/**
 * The web port: what the HTTP layer (src/web) reads and writes, as plain view
 * models. The core implements it on its unit of work (each view one unit);
 * tests use an in-memory one.
 *
 * Privacy is the port's promise as much as the page's: a view never carries
 * member names, check-in codes, chat ids or the merchant's takings, and a
 * secret shop comes as `null` until its reveal, so nothing downstream can leak it.
 */
import type { Minor } from "../domain/money.js";

/** A value, or a promise of it: the in-memory port answers at once, the core's after its unit of work. */
export type Awaitable<T> = T | Promise<T>;

export type WebLocale = "en" | "fr";

/** Mob states as the public sees them (drafts are never public: the port answers null). */
export type PublicMobState = "announced" | "live" | "ended" | "tallied" | "cancelled";

export interface CommunityRef {
  readonly publicId: string;
  readonly name: string;
  /** IANA zone, e.g. `Europe/Paris`. */
  readonly timezone: string;
  readonly locale: WebLocale;
}

/** A revealed shop. */
export interface ShopView {
  readonly name: string;
  readonly address: string | null;
}

/** Where a linked chat's members join: a Telegram deep link or a Discord message link. */
export interface JoinLink {
  readonly platform: "telegram" | "discord";
  readonly chatName: string;
  readonly url: string;
}

export interface TallyView {
  readonly mobbers: number;
  readonly totalMinor: Minor;
  readonly averageMinor: Minor | null;
  /** total / goal, when there was a goal. */
  readonly goalRatio: number | null;
  /** total / the shop's usual day, only when the merchant agreed to publish it. */
  readonly vsUsualDay: number | null;
}

/** A photo of the mob's album, as its page shows it (never who sent it). */
export interface PhotoView {
  /** The mob's own numbering, in the photo's URL: `/m/<public id>/photos/<number>`. */
  readonly number: number;
  readonly width: number;
  readonly height: number;
}

/** A photo's bytes, metadata already stripped, with their type. */
export interface PhotoFile {
  readonly bytes: Uint8Array;
  /** `image/jpeg`, `image/png` or `image/webp`. */
  readonly contentType: string;
}

/** One mob, as its public page shows it. */
export interface MobPageView {
  /** Unguessable id used in URLs (never the sequential mob id). */
  readonly publicId: string;
  /** The internal id, for the merchant link and logs; never shown. */
  readonly mobId: number;
  readonly community: CommunityRef;
  readonly state: PublicMobState;
  /** null: a secret shop not yet revealed; its name and address must appear nowhere. */
  readonly shop: ShopView | null;
  readonly meetingPoint: string | null;
  /** The after-party place; null when none, or hidden with a secret shop. */
  readonly party: string | null;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly pledgeMinor: Minor;
  readonly currency: string;
  readonly goalMinor: Minor | null;
  readonly going: number;
  readonly maybe: number;
  /** On the waitlist of a full mob. */
  readonly waiting: number;
  readonly capacity: number | null;
  /** What the people going pledged together, for progress to the goal. */
  readonly pledgedMinor: Minor;
  readonly join: readonly JoinLink[];
  /** Present once the mob is tallied. */
  readonly tally: TallyView | null;
  /** The album, in the order sent; empty before the mob starts. */
  readonly photos: readonly PhotoView[];
  readonly cancelReason: string | null;
  /** Rises with each change people would care about (ICS SEQUENCE). */
  readonly sequence: number;
  /** Last change, ms since the epoch (ICS DTSTAMP). */
  readonly updatedAt: number;
}

/** A mob in a community's lists and calendar feed. */
export interface MobSummaryView {
  readonly publicId: string;
  readonly state: PublicMobState;
  /** null while secret, as in MobPageView. */
  readonly shop: ShopView | null;
  readonly meetingPoint: string | null;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly pledgeMinor: Minor;
  readonly currency: string;
  readonly going: number;
  readonly tally: Pick<TallyView, "mobbers" | "totalMinor"> | null;
  readonly cancelReason: string | null;
  readonly sequence: number;
  readonly updatedAt: number;
}

export interface CommunityPageView extends CommunityRef {
  /** Mobs not yet ended (announced, live, and cancelled ones still ahead), soonest first. */
  readonly upcoming: readonly MobSummaryView[];
  /** Ended and tallied mobs, latest first. */
  readonly past: readonly MobSummaryView[];
  readonly totals: {
    readonly mobs: number;
    readonly mobbers: number;
    readonly totalMinor: Minor;
    readonly currency: string;
  };
}

/**
 * The page a scanned check-in QR opens for people not on Telegram
 * (`/m/<public id>/in?code=…`): how to check in from a chat.
 */
export type CheckinPageView =
  /** The code in the link is not this mob's: nothing of the mob is shown. */
  | { readonly kind: "wrong_code"; readonly locale: WebLocale }
  | {
      readonly kind: "right_code";
      readonly community: CommunityRef;
      /**
       * The mob's number, which the chat commands take. Shown with the right
       * code only: whoever has it stands at the shop, where the organizer gave it.
       */
      readonly mobId: number;
      /** The code as the chat commands take it (upper case). */
      readonly code: string;
      /** null while secret, as in MobPageView. */
      readonly shop: ShopView | null;
      readonly startsAt: number;
      readonly endsAt: number;
      /** Whether check-ins are taken now (`cancelled`: the mob was). */
      readonly checkin: "not_yet" | "open" | "closed" | "cancelled";
      /** When check-ins open: an hour before the start. */
      readonly opensAt: number;
    };

/** The longest note a merchant may leave, in characters. */
export const MERCHANT_NOTE_MAX = 500;

export type MerchantStatus = "not_asked" | "asked" | "agreed" | "declined" | "other_date";
export type MerchantAnswer = "agreed" | "declined" | "other_date";

/** What the merchant's private page shows; the shop is always named (it is theirs). */
export interface MerchantProposalView {
  readonly mobId: number;
  readonly shop: ShopView;
  readonly communityName: string;
  readonly locale: WebLocale;
  readonly timezone: string;
  readonly startsAt: number;
  readonly endsAt: number;
  /** going + maybe: what the merchant should expect; null while nobody has said so (a draft). */
  readonly expectedCrowd: number | null;
  /**
   * How many came to the community's past mobs, on average (null: none yet):
   * a number only, never who, nor any other shop's takings.
   */
  readonly usualTurnout: number | null;
  readonly pledgeMinor: Minor;
  readonly currency: string;
  readonly cancelled: boolean;
  readonly answer: {
    readonly status: MerchantStatus;
    readonly note: string | null;
    readonly at: number | null;
  };
  /** An answer may be given or changed (before the mob starts, and not cancelled). */
  readonly canAnswer: boolean;
}

/** Why the core refused an answer. */
export type MerchantAnswerError = "MOB_NOT_FOUND" | "ANSWER_CLOSED";

export type MerchantAnswerResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: MerchantAnswerError };

export interface MerchantAnswerInput {
  readonly mobId: number;
  readonly answer: MerchantAnswer;
  /** Trimmed, at most MERCHANT_NOTE_MAX characters; null when empty. */
  readonly note: string | null;
  /** The shop's usual daily takings, private to organizers. */
  readonly usualTakingsMinor: Minor | null;
  readonly now: number;
}

/** "ok", or a short reason naming what is wrong. */
export interface HealthView {
  readonly database: "ok" | string;
  /** The storage engine the bot runs on, the one `database` was checked on. */
  readonly engine: "sqlite" | "postgres";
  /** One entry per configured platform. */
  readonly platforms: Readonly<Record<string, "connected" | string>>;
}

/**
 * Everything the web layer needs from the core. Public ids are 6 to 64
 * characters of `A–Z a–z 0–9 _ -` (e.g. 12 random bytes in base64url); the
 * web layer answers 404 to anything else without asking.
 */
export interface WebPort {
  /** A public mob, or null when unknown or still a draft. */
  mobPage(publicId: string, now: number): Awaitable<MobPageView | null>;
  /** Photo `number` of a public mob's album, or null (unknown, removed, or the mob is not public). */
  mobPhoto(publicId: string, number: number, now: number): Awaitable<PhotoFile | null>;
  communityPage(publicId: string, now: number): Awaitable<CommunityPageView | null>;
  /** The check-in page for a mob's code, or null when the mob is unknown or still a draft. */
  checkinPage(publicId: string, code: string, now: number): Awaitable<CheckinPageView | null>;
  /** The proposal behind a merchant link (drafts included), or null when the mob is gone. */
  merchantProposal(mobId: number, now: number): Awaitable<MerchantProposalView | null>;
  /** Records the answer; the core tells the organizer privately and applies the merchant gate. */
  recordMerchantAnswer(input: MerchantAnswerInput): Awaitable<MerchantAnswerResult>;
  /** The database answers a write, and each configured platform is connected. */
  health(): Awaitable<HealthView>;
}
