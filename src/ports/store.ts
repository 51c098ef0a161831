/**
 * The synchronous store the SQLite engine is built on, while the core moves to
 * the async repositories of ./repositories.ts inside a unit of work
 * (./unit-of-work.ts). Domain types are re-exported from here for the files not
 * moved yet; new code imports them from src/domain.
 */
import type { Chat, Community, LinkCode, Member } from "../domain/community.js";
import type { PastMob, PastTotals } from "../domain/history.js";
import type { MerchantAnswer } from "../domain/merchant.js";
import type {
  Mob,
  MobPatch,
  NewMob,
  Participant,
  ParticipantView,
  RsvpCounts,
  RsvpStatus,
} from "../domain/mob.js";
import type {
  NewNomination,
  Nomination,
  NominationStatus,
  QueuedNomination,
} from "../domain/nomination.js";
import type { NewOutboxRow, OutboxRow, OutboxSubject, RowScope } from "../domain/outbox.js";
import type { NewPhoto, PhotoMeta } from "../domain/photo.js";
import type { PlatformName } from "../domain/platform-name.js";
import type { NewVote, Vote, VoteOption } from "../domain/vote.js";

export type { Chat, Community, LinkCode, Member } from "../domain/community.js";
export type { PastMob, PastTotals } from "../domain/history.js";
export type { MobPatch, NewMob, ParticipantView, RsvpCounts } from "../domain/mob.js";
export type { NewNomination } from "../domain/nomination.js";
export type {
  NewOutboxRow,
  OutboxRow,
  OutboxState,
  OutboxSubject,
  OutboxTarget,
  RowScope,
} from "../domain/outbox.js";
export type { NewPhoto, PhotoMeta } from "../domain/photo.js";
export type { NewVote } from "../domain/vote.js";

export interface MobRepository {
  insertShop(
    communityId: number,
    name: string,
    address: string | null,
    takingsMinor: number | null,
    now: number,
  ): number;
  setShopTakings(shopId: number, takingsMinor: number): void;
  insertMob(mob: NewMob): Mob;
  getMob(id: number): Mob | null;
  lockMob(id: number): Mob | null;
  updateMob(id: number, patch: MobPatch, now: number): Mob;
  getMobByPublicId(publicId: string): Mob | null;
  /** Mobs of a community that have ended (announced or tallied), latest first. */
  listPastMobs(communityId: number, now: number, limit: number): Mob[];
  /** Mobs of a community not yet ended at `now` (drafts too when asked), soonest first. */
  listOpenMobs(communityId: number, now: number, includeDrafts: boolean, limit: number): Mob[];
  /** Records the merchant's answer on the mob (the last one recorded counts). */
  setMerchantAnswer(mobId: number, answer: MerchantAnswer): void;
  /** The merchant agreed (or no longer) to publish the comparison with their usual takings. */
  setTakingsPublic(mobId: number, published: boolean): void;
  /**
   * The shop and start of each of a community's mobs (announced or tallied), and
   * whether it was secret (its shop is then named only from its reveal on).
   */
  mobbedShops(
    communityId: number,
  ): { readonly name: string; readonly lastAt: number; readonly secret: boolean }[];
}

export interface NominationRepository {
  insertNomination(nomination: NewNomination, now: number): Nomination;
  getNomination(id: number): Nomination | null;
  /** The latest nomination of that (folded) name in that state. */
  findNomination(communityId: number, nameKey: string, status: NominationStatus): Nomination | null;
  /** Adds a second; false when this member had already seconded it. */
  addSecond(nominationId: number, memberId: number, now: number): boolean;
  secondsOf(nominationId: number): number;
  /** Fills an address or a reason the nomination did not have yet. */
  fillNomination(id: number, address: string | null, why: string | null): void;
  /** The queue: most seconded first, then the earliest nominated. */
  queuedNominations(communityId: number, limit: number): QueuedNomination[];
  countQueued(communityId: number): number;
  dropNomination(id: number, by: number, reason: string | null, now: number): boolean;
  /** A vote chose it: it leaves the queue, pointing to the draft mob made of it. */
  chooseNomination(id: number, mobId: number, now: number): boolean;
}

export interface VoteRepository {
  /** Opens a vote on these nominations, shown in this order. */
  insertVote(vote: NewVote, nominationIds: readonly number[], now: number): Vote;
  getVote(id: number): Vote | null;
  openVotes(communityId: number): Vote[];
  /** The vote's shops in the order shown, with their votes and seconds now. */
  voteOptions(voteId: number): VoteOption[];
  /** The nomination this member voted for, if they did. */
  ballotOf(voteId: number, memberId: number): number | null;
  /** Casts or moves a member's one ballot. */
  castBallot(
    voteId: number,
    memberId: number,
    nominationId: number,
    chatId: number | null,
    now: number,
  ): void;
  /** How many members voted. */
  ballotCount(voteId: number): number;
  closeVote(
    id: number,
    result: { closedBy: number | null; winnerId: number | null; mobId: number | null },
    now: number,
  ): boolean;
  /** The vote that chose a mob's shop: its ballots for that shop, and all of them. */
  voteOfMob(mobId: number): { voteId: number; forShop: number; total: number } | null;
}

export interface ParticipantRepository {
  getParticipant(mobId: number, memberId: number): Participant | null;
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
  ): void;
  removeParticipant(mobId: number, memberId: number): void;
  setSpent(mobId: number, memberId: number, spentMinor: number, now: number): void;
  setCheckedIn(mobId: number, memberId: number, now: number): void;
  counts(mobId: number): RsvpCounts;
  /** The counts and what the people going pledged together (their own pledge, else the mob's), in one read. */
  pledged(mobId: number): RsvpCounts & { readonly pledgedMinor: number };
  participants(mobId: number): ParticipantView[];
}

export interface CommunityRepository {
  /** Adds a community with a fresh public id. */
  insertCommunity(
    c: Omit<Community, "id" | "publicId" | "merchantGate"> & { merchantGate?: boolean },
    now: number,
  ): Community;
  getCommunity(id: number): Community | null;
  getCommunityByPublicId(publicId: string): Community | null;
  updateCommunity(
    id: number,
    patch: Partial<
      Pick<
        Community,
        "name" | "timezone" | "locale" | "currency" | "organizerRule" | "merchantGate"
      >
    >,
  ): Community;
  /** The community a platform space (Discord server, Telegram group) belongs to by default. */
  communityOfSpace(platform: PlatformName, spaceId: string): number | null;
  setSpace(platform: PlatformName, spaceId: string, communityId: number): void;
  claimSpace(platform: PlatformName, spaceId: string, communityId: number): number;
  /**
   * Moves everything of community `from` (mobs, shops, spaces, link codes, nominations,
   * votes, pending posts) into `into`, then deletes `from`. Shops of the same name become
   * one; a queued nomination of a shop `into` has queued too gives it its seconds.
   */
  mergeCommunity(from: number, into: number, now: number): void;
}

export interface ChatRepository {
  findChat(platform: PlatformName, externalId: string): Chat | null;
  getChat(id: number): Chat | null;
  insertChat(chat: Omit<Chat, "id">, now: number): Chat;
  /** A community's chats, oldest first. */
  chatsOf(communityId: number): Chat[];
  moveChat(chatId: number, communityId: number): Chat;
  updateChat(id: number, patch: Partial<Pick<Chat, "name" | "locale">>): Chat;
}

export interface MemberRepository {
  upsertMember(
    platform: PlatformName,
    userId: string,
    displayName: string,
    locale: string | null,
    now: number,
  ): Member;
  getMember(id: number): Member | null;
  setReachable(memberId: number, reachable: boolean): void;
  setDmChannel(memberId: number, channel: string | null): void;
}

export interface LinkCodeRepository {
  insertLinkCode(code: Omit<LinkCode, "usedAt">, now: number): void;
  getLinkCode(code: string): LinkCode | null;
  useLinkCode(code: string, chatId: number, now: number): boolean;
}

export interface Outbox {
  /**
   * Inserts rows whose key is new; a known key is left as it is, except a
   * withdrawn row, which comes back (a mob moved back to its old time).
   * Returns how many rows were added or revived.
   */
  enqueue(rows: readonly NewOutboxRow[], now: number): number;
  /**
   * Marks due rows `sending` and returns them, oldest due first: up to `limit`
   * per platform less what `busy` says is already in flight on it (key: the
   * platform, "" for community rows), so a slow platform never holds back another.
   */
  claimDue(now: number, limit: number, busy?: ReadonlyMap<string, number>): OutboxRow[];
  /** Claims the pending rows of a batch (whatever their due time). */
  claimBatch(batch: string, limit: number): OutboxRow[];
  markSent(id: number, ref: string | null, now: number): void;
  /** Back to pending at `dueAt`; counts an attempt when `countAttempt`. */
  retryAt(id: number, dueAt: number, error: string, countAttempt: boolean): void;
  settle(
    id: number,
    state: "failed" | "skipped" | "withdrawn",
    error: string | null,
    now: number,
  ): void;
  /** Withdraws a subject's pending rows of these kinds (all kinds when omitted). */
  withdrawPending(
    subject: OutboxSubject,
    subjectId: number,
    now: number,
    kinds?: readonly string[],
  ): number;
  /** After a crash: rows left `sending` go back to pending, to be sent again. */
  requeueInFlight(): number;
  nextDueAt(): number | null;
  /** The platform reference of the newest sent row in this scope. */
  sentRef(scope: RowScope): string | null;
  hasPending(scope: RowScope): boolean;
  /** A row in this scope is waiting or being sent. */
  hasUnsettled(scope: RowScope): boolean;
  /** A row in this scope exists in any state but withdrawn (it went, goes, or gave up). */
  hasAny(scope: RowScope): boolean;
  /** When the last row in this scope was claimed or settled (for edit coalescing). */
  lastActivityAt(scope: RowScope): number | null;
  /** Deletes settled rows older than `before`; returns how many. */
  pruneSettled(before: number): number;
  rowsFor(subject: OutboxSubject, subjectId: number): OutboxRow[];
  /** Rows waiting to be sent, and the due time of the oldest one that is due (for metrics). */
  backlog(now: number): { readonly pending: number; readonly oldestDueAt: number | null };
}

export interface PhotoRepository {
  /** Adds a photo under the mob's next number; null when the album already has the same picture. */
  insertPhoto(photo: NewPhoto): PhotoMeta | null;
  /** The album in the order sent; removed photos left out. */
  photosOf(mobId: number): PhotoMeta[];
  /** A photo still in the album, or null. */
  getPhoto(mobId: number, number: number): PhotoMeta | null;
  photoBytes(mobId: number, number: number): Uint8Array | null;
  /** Removes a photo (its bytes are deleted, its number is not reused); false when there was none. */
  dropPhoto(mobId: number, number: number, now: number): boolean;
}

export interface HistoryRepository {
  /** Mobs of a community that happened (ended or tallied by `now`, not cancelled), latest first. */
  pastMobs(communityId: number, now: number, limit: number): PastMob[];
  /** The same mobs, all of them, added up. */
  pastTotals(communityId: number, now: number): PastTotals;
}

export interface InboundEvents {
  /** Records a platform event as handled; false when it already was (a redelivery). */
  markHandled(key: string, now: number): boolean;
  /** Forgets events handled before `before`; returns how many. */
  pruneHandled(before: number): number;
}

/** Everything the core needs from storage. */
export interface Store
  extends CommunityRepository,
    ChatRepository,
    MemberRepository,
    LinkCodeRepository,
    MobRepository,
    NominationRepository,
    VoteRepository,
    ParticipantRepository,
    PhotoRepository,
    HistoryRepository,
    Outbox,
    InboundEvents {
  /** The secret kept under `name`, made with `make` (and kept) the first time it is asked for. */
  secret(name: string, make: () => string, now: number): string;
  /** Throws when the database cannot take a write now (for the health check). */
  probeWrite(): void;
  /** Runs `fn` atomically: all its writes land, or none. */
  transaction<T>(fn: () => T): T;
}

/**
 * Storage errors the bot cannot work around (disk full, file read-only,
 * corrupt, I/O error): the process should stop with a clear message rather
 * than keep answering with apologies. Returns a plain description, or null.
 */
export function fatalStorageFailure(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  if (code === "SQLITE_FULL") return "the disk is full";
  if (code.startsWith("SQLITE_READONLY")) return "the database file is read-only";
  if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB") return "the database file is corrupt";
  if (code.startsWith("SQLITE_IOERR")) return "the disk reported an I/O error";
  if (code === "SQLITE_CANTOPEN") return "the database file cannot be opened";
  return null;
}
