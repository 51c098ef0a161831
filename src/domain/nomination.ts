/** A shop a member put forward for a cash mob (DESIGN.md, "Choosing the shop"). */
export type NominationStatus = "queued" | "dropped" | "chosen";

export interface Nomination extends NewNomination {
  readonly id: number;
  readonly status: NominationStatus;
  readonly dropReason: string | null;
  /** The draft mob a vote made of it. */
  readonly mobId: number | null;
  readonly createdAt: number;
}

/** A nomination as the queue shows it: who put it forward and how many seconded it. */
export interface QueuedNomination extends Nomination {
  readonly nominatorName: string;
  readonly seconds: number;
}

/** Most seconded first, then the earliest nominated: the queue's order, and the ties' rule. */
export function byQueueOrder(
  a: Pick<QueuedNomination, "seconds" | "createdAt" | "id">,
  b: Pick<QueuedNomination, "seconds" | "createdAt" | "id">,
): number {
  return b.seconds - a.seconds || a.createdAt - b.createdAt || a.id - b.id;
}

/**
 * A shop name folded for comparison: case, accents, typographic apostrophes
 * and spacing do not make another shop ("Librairie du Parc" = "librairie  du parc",
 * "Épicerie" = "epicerie", "L’Atelier" = "l'atelier").
 */
export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** What organizers check before a shop goes to a vote, in the order shown. */
export const ELIGIBILITY = ["independent", "fewLocations", "roomForCrowd", "carryHome"] as const;
export type EligibilityItem = (typeof ELIGIBILITY)[number];

export interface NewNomination {
  readonly communityId: number;
  readonly name: string;
  /** The name folded (see foldName): the same shop nominated again is a second. */
  readonly nameKey: string;
  readonly address: string | null;
  readonly why: string | null;
  readonly nominatedBy: number;
}

/** When each shop was last mobbed, by folded name (see MobRepository.mobbedShops). */
export type MobbedShops = ReadonlyMap<string, number>;

export function mobbedIndex(shops: readonly { name: string; lastAt: number }[]): MobbedShops {
  const index = new Map<string, number>();
  for (const s of shops) {
    const key = foldName(s.name);
    index.set(key, Math.max(index.get(key) ?? 0, s.lastAt));
  }
  return index;
}
