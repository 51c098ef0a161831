import type { Member } from "./community.js";
import type { MerchantAnswer } from "./merchant.js";
import type { Minor } from "./money.js";

/** What is stored. `live` and `ended` are not stored: they follow from the clock (see stateAt). */
export type StoredStatus = "draft" | "announced" | "cancelled" | "tallied";
export type MobState = "draft" | "announced" | "live" | "ended" | "tallied" | "cancelled";

export interface Mob {
  readonly id: number;
  /** Unguessable id for the public page and calendar (never the sequential id). */
  readonly publicId: string;
  readonly communityId: number;
  readonly shopId: number;
  readonly shopName: string;
  readonly address: string | null;
  readonly meetingPoint: string | null;
  /** The after-party place, if any; secret with the shop until the reveal. */
  readonly party: string | null;
  readonly startsAt: number;
  readonly durationMs: number;
  readonly pledgeMinor: Minor;
  readonly currency: string;
  readonly secret: boolean;
  readonly capacity: number | null;
  readonly goalMinor: Minor | null;
  /** The shop's usual daily takings: for organizers' eyes unless `takingsPublic`. */
  readonly takingsMinor: Minor | null;
  /** The merchant agreed to publish the tally's comparison with their usual takings. */
  readonly takingsPublic: boolean;
  readonly merchant: MerchantAnswer;
  readonly status: StoredStatus;
  readonly createdBy: number;
  readonly checkinCode: string;
  readonly cancelReason: string | null;
  readonly createdAt: number;
  /** Last change of the mob itself (not of its RSVPs). */
  readonly updatedAt: number;
}

export const endsAt = (mob: Pick<Mob, "startsAt" | "durationMs">): number =>
  mob.startsAt + mob.durationMs;

/** The life of a mob: draft → announced → live → ended → tallied, or cancelled. */
export function stateAt(
  mob: Pick<Mob, "status" | "startsAt" | "durationMs">,
  now: number,
): MobState {
  if (mob.status !== "announced") return mob.status;
  if (now < mob.startsAt) return "announced";
  if (now < endsAt(mob)) return "live";
  return "ended";
}

/** Check-in opens this long before the start and closes at the tally. */
export const CHECKIN_OPENS_BEFORE_MS = 60 * 60_000;

/**
 * When a mob takes check-ins: from an hour before its start until its tally
 * (`tallyDelayMs` after its end); never once tallied, cancelled or a draft.
 */
export function checkinOpen(
  mob: Pick<Mob, "startsAt" | "durationMs" | "status">,
  now: number,
  tallyDelayMs: number,
): "not_yet" | "open" | "closed" {
  const state = stateAt(mob, now);
  if (state === "draft" || state === "cancelled" || state === "tallied") return "closed";
  if (now < mob.startsAt - CHECKIN_OPENS_BEFORE_MS) return "not_yet";
  return now < endsAt(mob) + tallyDelayMs ? "open" : "closed";
}

export type RsvpStatus = "going" | "maybe";

export interface Participant {
  readonly memberId: number;
  readonly status: RsvpStatus;
  /** Their own pledge, when they said one; else the mob's. */
  readonly pledgeMinor: Minor | null;
  readonly spentMinor: Minor | null;
  readonly checkedInAt: number | null;
  /** The chat they joined from (null: a private chat); where to mention them when a DM fails. */
  readonly chatId: number | null;
}

/**
 * Someone on a full mob's waitlist: what they bring to the place they get when
 * one opens (their pledge, the chat they joined from).
 */
export interface Waiting {
  readonly memberId: number;
  readonly pledgeMinor: Minor | null;
  readonly chatId: number | null;
}

/**
 * The numbers every post, card and page counts, each defined once here (a
 * vote's ballots are counted by the store: "voted"):
 * - going: said they go (a maybe is not going);
 * - came: checked in at the shop, or reported a spend (who spent there came);
 * - reported a spend: told what they spent.
 */
export const isGoing = (p: Pick<Participant, "status">): boolean => p.status === "going";
export const reportedSpend = (p: Pick<Participant, "spentMinor">): boolean => p.spentMinor !== null;
export const came = (p: Pick<Participant, "spentMinor" | "checkedInAt">): boolean =>
  reportedSpend(p) || p.checkedInAt !== null;

export interface Tally {
  /** People who came (see `came`): the tally's "Came", the thanks', the card's and the page's. */
  readonly mobbers: number;
  /** People who reported a spend. */
  readonly reporters: number;
  /** People who checked in at the shop (came). */
  readonly checkedIn: number;
  readonly totalMinor: Minor;
  readonly averageMinor: Minor | null;
  /** total / goal, when a goal was set. */
  readonly goalRatio: number | null;
  /** total / usual daily takings, when known. */
  readonly takingsRatio: number | null;
  readonly going: number;
  /** What the people going pledged, together. */
  readonly pledgedMinor: Minor;
}

export function computeTally(
  mob: Pick<Mob, "goalMinor" | "takingsMinor" | "pledgeMinor">,
  participants: readonly Participant[],
): Tally {
  let total = 0;
  let reporters = 0;
  let mobbers = 0;
  let going = 0;
  let pledged = 0;
  let checkedIn = 0;
  for (const p of participants) {
    if (isGoing(p)) {
      going++;
      pledged += p.pledgeMinor ?? mob.pledgeMinor;
    }
    if (p.spentMinor !== null) {
      total += p.spentMinor;
      reporters++;
    }
    if (p.checkedInAt !== null) checkedIn++;
    if (came(p)) mobbers++;
  }
  return {
    mobbers,
    reporters,
    checkedIn,
    totalMinor: total,
    averageMinor: reporters > 0 ? Math.round(total / reporters) : null,
    goalRatio: mob.goalMinor ? total / mob.goalMinor : null,
    takingsRatio: mob.takingsMinor ? total / mob.takingsMinor : null,
    going,
    pledgedMinor: pledged,
  };
}

/** How a tally compares with the shop's usual day: a share of it under one day, else a multiple. */
export type UsualDayComparison =
  | { readonly kind: "share"; readonly percent: number }
  | { readonly kind: "multiple"; readonly times: number };

/** `0.1` → 10% of a usual day (never "0.1×"); `1.84` → 1.8 times. */
export function compareWithUsualDay(ratio: number): UsualDayComparison {
  const times = Math.round(ratio * 10) / 10;
  return times < 1
    ? { kind: "share", percent: Math.round(ratio * 100) }
    : { kind: "multiple", times };
}

export interface ParticipantView extends Participant {
  readonly member: Member;
}

export interface NewMob {
  readonly communityId: number;
  readonly shopId: number;
  readonly address: string | null;
  readonly meetingPoint: string | null;
  /** The after-party place; none when absent. */
  readonly party?: string | null;
  readonly startsAt: number;
  readonly durationMs: number;
  readonly pledgeMinor: number;
  readonly currency: string;
  readonly secret: boolean;
  readonly capacity: number | null;
  readonly goalMinor: number | null;
  readonly status: StoredStatus;
  readonly createdBy: number;
  readonly checkinCode: string;
  readonly now: number;
}

export type MobPatch = Partial<
  Pick<
    Mob,
    | "address"
    | "meetingPoint"
    | "party"
    | "startsAt"
    | "durationMs"
    | "pledgeMinor"
    | "capacity"
    | "goalMinor"
    | "status"
    | "cancelReason"
  >
>;

export interface RsvpCounts {
  readonly going: number;
  readonly maybe: number;
  /** On the waitlist of a full mob (not participants: neither going nor maybe). */
  readonly waiting: number;
}
