import { fail, ok, type Result } from "./errors.js";
import type { MobState } from "./mob.js";

/**
 * The merchant's answer to a mob. `other_date` comes only from the merchant's
 * own link (they would rather have it another day).
 */
export type MerchantStatus = "not_asked" | "asked" | "agreed" | "declined" | "other_date";

/** Who recorded an answer: an organizer by command, or the merchant through their private link. */
export type MerchantSource = "organizer" | "merchant_link";

export interface MerchantAnswer {
  readonly status: MerchantStatus;
  readonly note: string | null;
  /** The organizer who recorded it (null: not asked yet, or the merchant's link). */
  readonly recordedBy: number | null;
  readonly recordedAt: number | null;
  readonly source: MerchantSource | null;
}

export const NOT_ASKED: MerchantAnswer = {
  status: "not_asked",
  note: null,
  recordedBy: null,
  recordedAt: null,
  source: null,
};

/** What each source may record. */
const ANSWERS: Record<MerchantSource, readonly MerchantStatus[]> = {
  organizer: ["asked", "agreed", "declined"],
  merchant_link: ["agreed", "declined", "other_date"],
};

/** `asked` / `agreed` / `declined` as typed (English or French); null when not one. */
export function parseMerchantStatus(text: string): MerchantStatus | null {
  const t = text.trim().toLowerCase();
  const words: Record<string, MerchantStatus> = {
    asked: "asked",
    demandé: "asked",
    demande: "asked",
    agreed: "agreed",
    yes: "agreed",
    "d'accord": "agreed",
    accord: "agreed",
    oui: "agreed",
    declined: "declined",
    no: "declined",
    refusé: "declined",
    refuse: "declined",
    non: "declined",
  };
  return words[t] ?? null;
}

/**
 * The merchant's answer may change while the mob is still ahead (a merchant
 * may say yes after a first no); once it is over or cancelled, it is history.
 */
export function nextMerchantAnswer(
  mob: { readonly id: number; readonly state: MobState },
  status: MerchantStatus,
  source: MerchantSource,
): Result<MerchantStatus> {
  if (!ANSWERS[source].includes(status)) return fail("MERCHANT_STATUS_INVALID", "status");
  if (mob.state !== "draft" && mob.state !== "announced")
    return fail("MERCHANT_TOO_LATE", undefined, { id: mob.id, state: mob.state });
  return ok(status);
}

/** With the merchant gate on, only an agreed merchant lets a mob be announced. */
export const gateOpen = (gate: boolean, answer: Pick<MerchantAnswer, "status">): boolean =>
  !gate || answer.status === "agreed";
