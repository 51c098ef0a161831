import type { VoteRepository } from "../../ports/repositories.js";
import { orNull, toVote, toVoteOption } from "../rows.js";
import { SECONDS_OF } from "./nominations.js";
import { found, type Sql } from "./sql.js";

const INSERT = `INSERT INTO votes (community_id, mob_at, closes_at, opened_by, series_id, created_at)
  VALUES (@communityId, @mobAt, @closesAt, @openedBy, @seriesId, @now) RETURNING *`;
const INSERT_OPTION =
  "INSERT INTO vote_options (vote_id, nomination_id, position) VALUES (?, ?, ?)";
const GET = "SELECT * FROM votes WHERE id = ?";
const OPEN = "SELECT * FROM votes WHERE community_id = ? AND status = 'open' ORDER BY id";
const OPTIONS = `SELECT o.nomination_id, o.position, n.name, n.address, n.status, n.created_at,
    ${SECONDS_OF} AS seconds,
    (SELECT count(*) FROM ballots b
      WHERE b.vote_id = o.vote_id AND b.nomination_id = o.nomination_id) AS votes
  FROM vote_options o JOIN nominations n ON n.id = o.nomination_id
  WHERE o.vote_id = ? ORDER BY o.position`;
const BALLOT_OF = "SELECT nomination_id FROM ballots WHERE vote_id = ? AND member_id = ?";
const CAST = `INSERT INTO ballots (vote_id, member_id, nomination_id, chat_id, cast_at)
  VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (vote_id, member_id) DO UPDATE SET nomination_id = excluded.nomination_id,
    chat_id = coalesce(excluded.chat_id, ballots.chat_id), cast_at = excluded.cast_at`;
const BALLOT_COUNT = "SELECT count(*) AS n FROM ballots WHERE vote_id = ?";
const CLOSE = `UPDATE votes SET status = 'closed', closed_by = @closedBy, winner_id = @winnerId,
    mob_id = @mobId, closed_at = @now WHERE id = @id AND status = 'open'`;
const OF_MOB = `SELECT v.id AS vote_id,
    (SELECT count(*) FROM ballots b WHERE b.vote_id = v.id) AS total,
    (SELECT count(*) FROM ballots b WHERE b.vote_id = v.id AND b.nomination_id = v.winner_id)
      AS for_shop
  FROM votes v WHERE v.mob_id = ? ORDER BY v.id DESC LIMIT 1`;

export function votes(sql: Sql): VoteRepository {
  return {
    async insertVote(vote, nominationIds, now) {
      const created = toVote(
        found(sql.one(INSERT, { ...vote, seriesId: vote.seriesId ?? null, now }), "the new vote"),
      );
      nominationIds.forEach((n, i) => {
        sql.run(INSERT_OPTION, created.id, n, i + 1);
      });
      return created;
    },
    async getVote(id) {
      return orNull(sql.one(GET, id), toVote);
    },
    async openVotes(communityId) {
      return sql.rows(OPEN, communityId).map(toVote);
    },
    async voteOptions(voteId) {
      return sql.rows(OPTIONS, voteId).map(toVoteOption);
    },
    async ballotOf(voteId, memberId) {
      return (sql.one(BALLOT_OF, voteId, memberId)?.nomination_id as number | undefined) ?? null;
    },
    async castBallot(voteId, memberId, nominationId, chatId, now) {
      sql.run(CAST, voteId, memberId, nominationId, chatId, now);
    },
    async ballotCount(voteId) {
      return sql.one(BALLOT_COUNT, voteId)?.n as number;
    },
    async closeVote(id, result, now) {
      return sql.run(CLOSE, { id, ...result, now }) === 1;
    },
    async voteOfMob(mobId) {
      const r = sql.one(OF_MOB, mobId);
      return r
        ? { voteId: r.vote_id as number, forShop: r.for_shop as number, total: r.total as number }
        : null;
    },
  };
}
