import { fail, ok, type Result } from "./errors.js";

/** A vote shows at most this many shops (one button each). */
export const VOTE_MAX_OPTIONS = 10;
/** Unless told otherwise, a vote closes this long after it opens... */
export const VOTE_DEFAULT_LENGTH_MS = 48 * 3_600_000;
/** ...and at least this long before the mob, so the organizers can ask the merchant. */
export const VOTE_CLOSES_BEFORE_MOB_MS = 3_600_000;

export type VoteStatus = "open" | "closed";

export interface Vote {
  readonly id: number;
  readonly communityId: number;
  /** When the mob the vote is for happens. */
  readonly mobAt: number;
  readonly closesAt: number;
  readonly status: VoteStatus;
  readonly openedBy: number;
  readonly closedBy: number | null;
  readonly winnerId: number | null;
  readonly mobId: number | null;
  readonly closedAt: number | null;
  /** The series whose occurrence this vote chooses the shop for; null for a vote an organizer opened. */
  readonly seriesId: number | null;
}

/** One shop on a vote, with what decides the winner. */
export interface VoteOption {
  readonly nominationId: number;
  readonly name: string;
  readonly address: string | null;
  readonly position: number;
  /** Still queued: dropped meanwhile, it cannot win and takes no new votes. */
  readonly queued: boolean;
  readonly seconds: number;
  readonly createdAt: number;
  readonly votes: number;
}

/**
 * When a vote opened at `now` for a mob at `mobAt` closes: as asked, or 48 h
 * after opening but no later than an hour before the mob.
 */
export function closingTime(now: number, mobAt: number, asked: number | null): Result<number> {
  const latest = mobAt - VOTE_CLOSES_BEFORE_MOB_MS;
  if (latest <= now) return fail("VOTE_TOO_LATE");
  if (asked === null) return ok(Math.min(now + VOTE_DEFAULT_LENGTH_MS, latest));
  if (asked > latest) return fail("VOTE_CLOSES_TOO_LATE", "closes");
  return ok(asked);
}

/**
 * The winner among the shops still queued: most votes, then most seconded,
 * then the earliest nominated. Nobody voting means no winner.
 */
export function pickWinner(options: readonly VoteOption[]): VoteOption | null {
  const standing = options.filter((o) => o.queued);
  if (standing.every((o) => o.votes === 0)) return null;
  const order = (a: VoteOption, b: VoteOption) =>
    b.votes - a.votes ||
    b.seconds - a.seconds ||
    a.createdAt - b.createdAt ||
    a.nominationId - b.nominationId;
  return [...standing].sort(order)[0] ?? null;
}

export interface NewVote {
  readonly communityId: number;
  readonly mobAt: number;
  readonly closesAt: number;
  readonly openedBy: number;
  readonly seriesId?: number | null;
}
