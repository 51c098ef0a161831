/** What a community's past mobs add up to. */

/** A mob that happened, as the history lists it. */
export interface PastMob {
  readonly mobId: number;
  readonly shopName: string;
  readonly startsAt: number;
  readonly currency: string;
  /** People who reported a spend or checked in (as the tally counts them). */
  readonly mobbers: number;
  readonly totalMinor: number;
}

export interface PastTotals {
  /** Mobs that drew at least one mobber (one nobody reported on is listed, not counted). */
  readonly mobs: number;
  readonly mobbers: number;
  /** Per currency, most spent first (a community may have mobbed in two). */
  readonly spent: readonly { readonly currency: string; readonly totalMinor: number }[];
}
