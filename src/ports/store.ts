/**
 * Storage ports. The SQLite implementation lives in src/storage; the core sees
 * only these. Calls are synchronous (better-sqlite3 is), which makes a use
 * case plus its outbox rows one atomic transaction.
 */
import type { Mob, Participant, RsvpStatus, StoredStatus } from "../domain/mob.js";
import type { PlatformName } from "./platform.js";

export interface Community {
  readonly id: number;
  readonly platform: PlatformName;
  readonly externalId: string;
  readonly name: string;
  readonly timezone: string;
  readonly locale: string;
  readonly currency: string;
  readonly organizerRule: "platform" | "anyone";
}

export interface Member {
  readonly id: number;
  readonly platform: PlatformName;
  readonly userId: string;
  readonly displayName: string;
  readonly locale: string | null;
  /** null: never tried; true: can DM; false: no DM channel. */
  readonly dmReachable: boolean | null;
}

export interface ParticipantView extends Participant {
  readonly member: Member;
}

export interface NewMob {
  readonly communityId: number;
  readonly channelId: string;
  readonly shopId: number;
  readonly address: string | null;
  readonly meetingPoint: string | null;
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
}

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
  updateMob(id: number, patch: MobPatch, now: number): Mob;
  /** Mobs of a community not yet ended at `now` (drafts too when asked), soonest first. */
  listOpenMobs(communityId: number, now: number, includeDrafts: boolean, limit: number): Mob[];
}

export interface ParticipantRepository {
  getParticipant(mobId: number, memberId: number): Participant | null;
  /** Records going/maybe; a pledge given replaces theirs, none keeps it. */
  setRsvp(
    mobId: number,
    memberId: number,
    status: RsvpStatus,
    now: number,
    pledgeMinor?: number | null,
  ): void;
  removeParticipant(mobId: number, memberId: number): void;
  setSpent(mobId: number, memberId: number, spentMinor: number, now: number): void;
  setCheckedIn(mobId: number, memberId: number, now: number): void;
  counts(mobId: number): RsvpCounts;
  participants(mobId: number): ParticipantView[];
}

export interface CommunityRepository {
  findCommunity(platform: PlatformName, externalId: string): Community | null;
  insertCommunity(c: Omit<Community, "id">, now: number): Community;
  getCommunity(id: number): Community | null;
  updateCommunity(
    id: number,
    patch: Partial<Pick<Community, "name" | "timezone" | "locale" | "currency" | "organizerRule">>,
  ): Community;
  upsertMember(
    platform: PlatformName,
    userId: string,
    displayName: string,
    locale: string | null,
    now: number,
  ): Member;
  getMember(id: number): Member | null;
  setReachable(memberId: number, reachable: boolean): void;
}

export type OutboxTarget = "channel" | "dm" | "edit" | "event";
export type OutboxState = "pending" | "sending" | "sent" | "failed" | "skipped" | "withdrawn";

export interface OutboxRow {
  readonly id: number;
  readonly key: string;
  readonly mobId: number;
  readonly kind: string;
  readonly target: OutboxTarget;
  readonly memberId: number | null;
  readonly batch: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly dueAt: number;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly ref: string | null;
}

export interface NewOutboxRow {
  readonly key: string;
  readonly mobId: number;
  readonly kind: string;
  readonly target: OutboxTarget;
  readonly memberId?: number | null;
  readonly batch?: string | null;
  readonly payload?: Readonly<Record<string, unknown>>;
  readonly dueAt: number;
}

export interface Outbox {
  /**
   * Inserts rows whose key is new; a known key is left as it is, except a
   * withdrawn row, which comes back (a mob moved back to its old time).
   * Returns how many rows were added or revived.
   */
  enqueue(rows: readonly NewOutboxRow[], now: number): number;
  /** Marks up to `limit` due rows `sending` and returns them, oldest due first. */
  claimDue(now: number, limit: number): OutboxRow[];
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
  /** Withdraws a mob's pending rows of these kinds (all kinds when omitted). */
  withdrawPending(mobId: number, now: number, kinds?: readonly string[]): number;
  /** After a crash: rows left `sending` go back to pending, to be sent again. */
  requeueInFlight(): number;
  nextDueAt(): number | null;
  /** The platform reference recorded for the first sent row of this mob and kind. */
  sentRef(mobId: number, kind: string): string | null;
  hasPending(mobId: number, kind: string): boolean;
  /** A row of this mob and kind is waiting or being sent. */
  hasUnsettled(mobId: number, kind: string): boolean;
  /** When the last row of this mob and kind was claimed or settled (for edit coalescing). */
  lastActivityAt(mobId: number, kind: string): number | null;
  /** Deletes settled rows older than `before`; returns how many. */
  pruneSettled(before: number): number;
  rowsForMob(mobId: number): OutboxRow[];
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
    MobRepository,
    ParticipantRepository,
    Outbox,
    InboundEvents {
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
