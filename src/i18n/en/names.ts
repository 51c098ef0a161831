/** The names of a mob's states and of the merchant's answers, shared by several sections. */
export const STATE_NAMES: Record<string, string> = {
  draft: "a draft",
  announced: "announced",
  live: "live",
  ended: "over",
  tallied: "tallied",
  cancelled: "cancelled",
};

export const MERCHANT_NAMES: Record<string, string> = {
  not_asked: "not asked",
  asked: "asked",
  agreed: "agreed",
  declined: "declined",
  other_date: "would rather have another date",
};
