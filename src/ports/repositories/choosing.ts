// Choosing the shop: nominations, votes, and series whose votes come back.
import type {
  NewNomination,
  Nomination,
  NominationStatus,
  QueuedNomination,
} from "../../domain/nomination.js";
import type { NewSeries, Series } from "../../domain/series.js";
import type { NewVote, Vote, VoteOption } from "../../domain/vote.js";

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

/** Series of mobs: the rule, the occurrence being prepared, and whether it still runs. */
export interface SeriesRepository {
  insertSeries(series: NewSeries, now: number): Promise<Series>;
  getSeries(id: number): Promise<Series | null>;
  /** A community's running series, oldest first. */
  activeSeries(communityId: number): Promise<Series[]>;
  /**
   * Moves the series from occurrence `from` to `to`; false when it was no longer at `from`
   * or no longer running (another unit moved or stopped it).
   */
  advanceSeries(id: number, from: number, to: number): Promise<boolean>;
  /** Ends a running series; false when it had ended already. */
  stopSeries(id: number, now: number): Promise<boolean>;
  /** The series' open vote (for its occurrence), if one is open. */
  openVoteOfSeries(seriesId: number): Promise<Vote | null>;
}
