/**
 * Storage ports: narrow async repositories, used inside a unit of work. The
 * engines (src/storage/sqlite, src/storage/postgres) implement them; the core
 * sees only these and the domain types they carry.
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

export interface CommunityRepository {
  /** Adds a community with a fresh public id. */
  insertCommunity(
    c: Omit<Community, "id" | "publicId" | "merchantGate"> & { merchantGate?: boolean },
    now: number,
  ): Promise<Community>;
  getCommunity(id: number): Promise<Community | null>;
  getCommunityByPublicId(publicId: string): Promise<Community | null>;
  updateCommunity(
    id: number,
    patch: Partial<
      Pick<
        Community,
        "name" | "timezone" | "locale" | "currency" | "organizerRule" | "merchantGate"
      >
    >,
  ): Promise<Community>;
  /** The community a platform space (Discord server, Telegram group) belongs to by default. */
  communityOfSpace(platform: PlatformName, spaceId: string): Promise<number | null>;
  setSpace(platform: PlatformName, spaceId: string, communityId: number): Promise<void>;
  /**
   * Makes `communityId` the space's community unless the space has one already: returns the
   * community the space belongs to now (another unit may have claimed it first).
   */
  claimSpace(platform: PlatformName, spaceId: string, communityId: number): Promise<number>;
  /**
   * Moves everything of community `from` (mobs, shops, spaces, link codes, nominations,
   * votes, pending posts) into `into`, then deletes `from`. Shops of the same name become
   * one; a queued nomination of a shop `into` has queued too gives it its seconds.
   */
  mergeCommunity(from: number, into: number, now: number): Promise<void>;
}

export interface ChatRepository {
  findChat(platform: PlatformName, externalId: string): Promise<Chat | null>;
  getChat(id: number): Promise<Chat | null>;
  insertChat(chat: Omit<Chat, "id">, now: number): Promise<Chat>;
  /** A community's chats, oldest first. */
  chatsOf(communityId: number): Promise<Chat[]>;
  moveChat(chatId: number, communityId: number): Promise<Chat>;
  updateChat(id: number, patch: Partial<Pick<Chat, "name" | "locale">>): Promise<Chat>;
}

export interface MemberRepository {
  upsertMember(
    platform: PlatformName,
    userId: string,
    displayName: string,
    locale: string | null,
    now: number,
  ): Promise<Member>;
  getMember(id: number): Promise<Member | null>;
  setReachable(memberId: number, reachable: boolean): Promise<void>;
  setDmChannel(memberId: number, channel: string | null): Promise<void>;
}

export interface LinkCodeRepository {
  insertLinkCode(code: Omit<LinkCode, "usedAt">, now: number): Promise<void>;
  getLinkCode(code: string): Promise<LinkCode | null>;
  /** Marks an unused code used by this chat; false when it was used already (by another unit too). */
  useLinkCode(code: string, chatId: number, now: number): Promise<boolean>;
}

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

export interface NominationRepository {
  insertNomination(nomination: NewNomination, now: number): Promise<Nomination>;
  getNomination(id: number): Promise<Nomination | null>;
  /** The latest nomination of that (folded) name in that state. */
  findNomination(
    communityId: number,
    nameKey: string,
    status: NominationStatus,
  ): Promise<Nomination | null>;
  /** Adds a second; false when this member had already seconded it. */
  addSecond(nominationId: number, memberId: number, now: number): Promise<boolean>;
  secondsOf(nominationId: number): Promise<number>;
  /** Fills an address or a reason the nomination did not have yet. */
  fillNomination(id: number, address: string | null, why: string | null): Promise<void>;
  /** The queue: most seconded first, then the earliest nominated. */
  queuedNominations(communityId: number, limit: number): Promise<QueuedNomination[]>;
  countQueued(communityId: number): Promise<number>;
  /** Drops a queued nomination; false when it was no longer queued (settled by another unit). */
  dropNomination(id: number, by: number, reason: string | null, now: number): Promise<boolean>;
  /**
   * A vote chose it: it leaves the queue, pointing to the draft mob made of it; false when
   * it was no longer queued.
   */
  chooseNomination(id: number, mobId: number, now: number): Promise<boolean>;
}

export interface VoteRepository {
  /** Opens a vote on these nominations, shown in this order. */
  insertVote(vote: NewVote, nominationIds: readonly number[], now: number): Promise<Vote>;
  getVote(id: number): Promise<Vote | null>;
  openVotes(communityId: number): Promise<Vote[]>;
  /** The vote's shops in the order shown, with their votes and seconds now. */
  voteOptions(voteId: number): Promise<VoteOption[]>;
  /** The nomination this member voted for, if they did. */
  ballotOf(voteId: number, memberId: number): Promise<number | null>;
  /** Casts or moves a member's one ballot. */
  castBallot(
    voteId: number,
    memberId: number,
    nominationId: number,
    chatId: number | null,
    now: number,
  ): Promise<void>;
  /** How many members voted. */
  ballotCount(voteId: number): Promise<number>;
  /** Closes an open vote; false when it was closed already (by another unit too). */
  closeVote(
    id: number,
    result: { closedBy: number | null; winnerId: number | null; mobId: number | null },
    now: number,
  ): Promise<boolean>;
  /** The vote that chose a mob's shop: its ballots for that shop, and all of them. */
  voteOfMob(mobId: number): Promise<{ voteId: number; forShop: number; total: number } | null>;
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

/**
 * Who holds the rows a claim marks `sending` (a replica id: one per process) and until when
 * (epoch ms). A row whose lease has ended is anyone's again: the next claim puts it back in
 * the queue, so the rows of a process that died go out again without a start-up requeue.
 */
export interface Lease {
  readonly holder: string;
  readonly until: number;
}

/** The outbox as the dispatcher and the use cases write it: rows in, claimed, settled. */
export interface OutboxRepository {
  /**
   * Inserts rows whose key is new; a known key is left as it is, except a
   * withdrawn row, which comes back (a mob moved back to its old time).
   * Returns how many rows were added or revived.
   */
  enqueue(rows: readonly NewOutboxRow[], now: number): Promise<number>;
  /**
   * Marks due rows `sending` and returns them, oldest due first: up to `limit`
   * per platform less what `busy` says is already in flight on it (key: the
   * platform, "" for community rows), so a slow platform never holds back another. The
   * rows are held under `lease`; rows whose lease ended by `now` (their holder died, or
   * written before leases) go back to pending first, and are claimable with the rest.
   */
  claimDue(
    now: number,
    limit: number,
    busy: ReadonlyMap<string, number>,
    lease: Lease,
  ): Promise<OutboxRow[]>;
  /** Claims the pending rows of a batch (whatever their due time), held under `lease`. */
  claimBatch(batch: string, limit: number, lease: Lease): Promise<OutboxRow[]>;
  /** Extends the lease of every row `holder` holds (a send of its is still in flight). */
  renewLeases(holder: string, until: number): Promise<number>;
  /** The rows `holder` holds go back to pending (a graceful stop hands them back). */
  releaseLeases(holder: string): Promise<number>;
  markSent(id: number, ref: string | null, now: number): Promise<void>;
  /** Back to pending at `dueAt`; counts an attempt when `countAttempt`. */
  retryAt(id: number, dueAt: number, error: string, countAttempt: boolean): Promise<void>;
  settle(
    id: number,
    state: "failed" | "skipped" | "withdrawn",
    error: string | null,
    now: number,
  ): Promise<void>;
  /** Withdraws a subject's pending rows of these kinds (all kinds when omitted). */
  withdrawPending(
    subject: OutboxSubject,
    subjectId: number,
    now: number,
    kinds?: readonly string[],
  ): Promise<number>;
  /**
   * After a crash, on an engine only one process uses (SQLite): every row left `sending` goes
   * back to pending, to be sent again, whatever its lease.
   */
  requeueInFlight(): Promise<number>;
  nextDueAt(): Promise<number | null>;
  /** Deletes settled rows older than `before`; returns how many. */
  pruneSettled(before: number): Promise<number>;
  /** Rows waiting to be sent, and the due time of the oldest one that is due (for metrics). */
  backlog(now: number): Promise<{ readonly pending: number; readonly oldestDueAt: number | null }>;
}

/** What the outbox holds for a subject: asked by the use cases (edits, catch-up, coalescing). */
export interface OutboxQueries {
  /** The platform reference of the newest sent row in this scope. */
  sentRef(scope: RowScope): Promise<string | null>;
  hasPending(scope: RowScope): Promise<boolean>;
  /** A row in this scope is waiting or being sent. */
  hasUnsettled(scope: RowScope): Promise<boolean>;
  /** A row in this scope exists in any state but withdrawn (it went, goes, or gave up). */
  hasAny(scope: RowScope): Promise<boolean>;
  /** When the last row in this scope was claimed or settled (for edit coalescing). */
  lastActivityAt(scope: RowScope): Promise<number | null>;
  rowsFor(subject: OutboxSubject, subjectId: number): Promise<OutboxRow[]>;
}

export interface InboundEvents {
  /** Records a platform event as handled; false when it already was (a redelivery). */
  markHandled(key: string, now: number): Promise<boolean>;
  /** Forgets events handled before `before`; returns how many. */
  pruneHandled(before: number): Promise<number>;
}

export interface SecretRepository {
  /** The secret kept under `name`, made with `make` (and kept) the first time it is asked for. */
  secret(name: string, make: () => string, now: number): Promise<string>;
}
