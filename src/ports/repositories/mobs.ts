// Mobs and what happens around them: shops, participants, the waitlist, photos, history.
import type { PastMob, PastTotals } from "../../domain/history.js";
import type { MerchantAnswer } from "../../domain/merchant.js";
import type {
  Mob,
  MobPatch,
  NewMob,
  Participant,
  ParticipantView,
  RsvpCounts,
  RsvpStatus,
  Waiting,
} from "../../domain/mob.js";
import type { NewPhoto, PhotoMeta } from "../../domain/photo.js";

export interface MobRepository {
  insertShop(
    communityId: number,
    name: string,
    address: string | null,
    takingsMinor: number | null,
    now: number,
  ): Promise<number>;
  setShopTakings(shopId: number, takingsMinor: number): Promise<void>;
  insertMob(mob: NewMob): Promise<Mob>;
  getMob(id: number): Promise<Mob | null>;
  /**
   * The mob, held until the unit ends: another unit locking it waits, so a use case that
   * changes a mob's participants or state reads and decides alone (capacity, transitions).
   * On SQLite units take their turn anyway, and this is `getMob`.
   */
  lockMob(id: number): Promise<Mob | null>;
  updateMob(id: number, patch: MobPatch, now: number): Promise<Mob>;
  getMobByPublicId(publicId: string): Promise<Mob | null>;
  /** Mobs of a community that have ended (announced or tallied), latest first. */
  listPastMobs(communityId: number, now: number, limit: number): Promise<Mob[]>;
  /** Mobs of a community not yet ended at `now` (drafts too when asked), soonest first. */
  listOpenMobs(
    communityId: number,
    now: number,
    includeDrafts: boolean,
    limit: number,
  ): Promise<Mob[]>;
  /** Records the merchant's answer on the mob (the last one recorded counts). */
  setMerchantAnswer(mobId: number, answer: MerchantAnswer): Promise<void>;
  /** The merchant agreed (or no longer) to publish the comparison with their usual takings. */
  setTakingsPublic(mobId: number, published: boolean): Promise<void>;
  /**
   * The shop and start of each of a community's mobs (announced or tallied), and
   * whether it was secret (its shop is then named only from its reveal on).
   */
  mobbedShops(
    communityId: number,
  ): Promise<{ readonly name: string; readonly lastAt: number; readonly secret: boolean }[]>;
}

export interface ParticipantRepository {
  getParticipant(mobId: number, memberId: number): Promise<Participant | null>;
  /**
   * Records going/maybe from a chat (null: a private chat); a pledge given
   * replaces theirs, none keeps it; the first chat they joined from is kept.
   */
  setRsvp(
    mobId: number,
    memberId: number,
    status: RsvpStatus,
    now: number,
    pledgeMinor?: number | null,
    chatId?: number | null,
  ): Promise<void>;
  removeParticipant(mobId: number, memberId: number): Promise<void>;
  setSpent(mobId: number, memberId: number, spentMinor: number, now: number): Promise<void>;
  setCheckedIn(mobId: number, memberId: number, now: number): Promise<void>;
  counts(mobId: number): Promise<RsvpCounts>;
  /** The counts and what the people going pledged together (their own pledge, else the mob's), in one read. */
  pledged(mobId: number): Promise<RsvpCounts & { readonly pledgedMinor: number }>;
  participants(mobId: number): Promise<ParticipantView[]>;
}

/**
 * A full mob's waitlist, in the order people joined it. Its callers hold the mob locked
 * (`lockMob`), so places are given one at a time; someone waiting is not a participant.
 */
export interface WaitlistRepository {
  /** Puts the member at the end of the mob's waitlist (where they are, if already on it). */
  addWaiting(mobId: number, waiting: Waiting, now: number): Promise<void>;
  /** The member's place on the waitlist (1: next to get a place), or null when not on it. */
  waitingPlace(mobId: number, memberId: number): Promise<number | null>;
  /** The first `limit` waiting, in order; the waiting entry of who already goes is left out. */
  firstWaiting(mobId: number, limit: number): Promise<Waiting[]>;
  /** Takes the member off the waitlist; false when they were not on it. */
  removeWaiting(mobId: number, memberId: number): Promise<boolean>;
}

export interface PhotoRepository {
  /** Adds a photo under the mob's next number; null when the album already has the same picture. */
  insertPhoto(photo: NewPhoto): Promise<PhotoMeta | null>;
  /** The album in the order sent; removed photos left out. */
  photosOf(mobId: number): Promise<PhotoMeta[]>;
  /** A photo still in the album, or null. */
  getPhoto(mobId: number, number: number): Promise<PhotoMeta | null>;
  photoBytes(mobId: number, number: number): Promise<Uint8Array | null>;
  /** Removes a photo (its bytes are deleted, its number is not reused); false when there was none. */
  dropPhoto(mobId: number, number: number, now: number): Promise<boolean>;
}

export interface HistoryRepository {
  /** Mobs of a community that happened (ended or tallied by `now`, not cancelled), latest first. */
  pastMobs(communityId: number, now: number, limit: number): Promise<PastMob[]>;
  /** The same mobs, all of them, added up. */
  pastTotals(communityId: number, now: number): Promise<PastTotals>;
}
