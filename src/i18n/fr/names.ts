/** The names of a mob's states and of the merchant's answers, shared by several sections. */
export const STATE_NAMES: Record<string, string> = {
  draft: "un brouillon",
  announced: "annoncé",
  live: "en cours",
  ended: "terminé",
  tallied: "clos",
  cancelled: "annulé",
};

export const MERCHANT_NAMES: Record<string, string> = {
  not_asked: "pas encore demandé",
  asked: "demandé",
  agreed: "d'accord",
  declined: "refusé",
  other_date: "préfère une autre date",
};
