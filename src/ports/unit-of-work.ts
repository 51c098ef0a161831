import type {
  ChatRepository,
  CommunityRepository,
  CoordinationRepository,
  HistoryRepository,
  InboundEvents,
  LinkCodeRepository,
  MemberRepository,
  MobRepository,
  NominationRepository,
  OutboxQueries,
  OutboxRepository,
  ParticipantRepository,
  PhotoRepository,
  SecretRepository,
  SeriesRepository,
  VoteRepository,
  WaitlistRepository,
  WithheldRepository,
} from "./repositories.js";

/** Every repository, as one unit of work sees them. A use case declares the ones it needs. */
export interface Tx
  extends CommunityRepository,
    ChatRepository,
    MemberRepository,
    LinkCodeRepository,
    MobRepository,
    NominationRepository,
    VoteRepository,
    SeriesRepository,
    ParticipantRepository,
    WaitlistRepository,
    PhotoRepository,
    HistoryRepository,
    OutboxRepository,
    OutboxQueries,
    InboundEvents,
    SecretRepository,
    CoordinationRepository,
    WithheldRepository {}

export type StorageEngine = "sqlite" | "postgres";

/**
 * Runs work against storage atomically: everything `fn` writes through `tx`
 * lands, or (when it throws) nothing does. A unit of work never waits on a
 * platform or the network: read, decide, write, return; send afterwards.
 * A `run` inside another joins it (one transaction). On SQLite, which has one
 * writer, units take their turn; on PostgreSQL they run side by side, so a use case
 * that reads and then decides for a mob (capacity, state) holds it first (`lockMob`),
 * and one whose settling write answers false (another unit closed the vote, used the
 * code) throws `ConcurrentChange`: the engine runs the unit again, and the rerun
 * answers as a late repeat would. Units are therefore rerun-safe: nothing outside the
 * database is touched until `run` returns.
 */
export interface UnitOfWork {
  readonly engine: StorageEngine;
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Throws when the database cannot take a write now (for the health check). */
  probeWrite(): Promise<void>;
  /** Releases the engine (connections, file); further runs fail. */
  close(): Promise<void>;
}
