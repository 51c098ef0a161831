import type { VoteRepository } from "../../ports/repositories.js";
import { orNull, toVote, toVoteOption } from "../rows.js";
import { SECONDS_OF } from "./nominations.js";
import { found, type Sql } from "./sql.js";

export function votes(sql: Sql): VoteRepository {
  return {
    async insertVote(vote, nominationIds, now) {
      // The vote and its options in one statement, positions 1, 2, … in the order given.
      const r = await sql.one(
        `WITH v AS (INSERT INTO votes (community_id, mob_at, closes_at, opened_by, created_at,
              series_id)
            VALUES ($1, $2, $3, $4, $5, $7) RETURNING *),
          o AS (INSERT INTO vote_options (vote_id, nomination_id, position)
            SELECT v.id, t.n, t.i FROM v, unnest($6::bigint[]) WITH ORDINALITY AS t(n, i))
        SELECT * FROM v`,
        [
          vote.communityId,
          vote.mobAt,
          vote.closesAt,
          vote.openedBy,
          now,
          nominationIds,
          vote.seriesId ?? null,
        ],
      );
      return toVote(found(r, "the new vote"));
    },
    async getVote(id) {
      return orNull(await sql.one("SELECT * FROM votes WHERE id = $1", [id]), toVote);
    },
    async openVotes(communityId) {
      const rows = await sql.rows(
        "SELECT * FROM votes WHERE community_id = $1 AND status = 'open' ORDER BY id",
        [communityId],
      );
      return rows.map(toVote);
    },
    async voteOptions(voteId) {
      const rows = await sql.rows(
        `SELECT o.nomination_id, o.position, n.name, n.address, n.status, n.created_at,
          ${SECONDS_OF} AS seconds,
          (SELECT count(*) FROM ballots b
            WHERE b.vote_id = o.vote_id AND b.nomination_id = o.nomination_id) AS votes
        FROM vote_options o JOIN nominations n ON n.id = o.nomination_id
        WHERE o.vote_id = $1 ORDER BY o.position`,
        [voteId],
      );
      return rows.map(toVoteOption);
    },
    async ballotOf(voteId, memberId) {
      const r = await sql.one(
        "SELECT nomination_id FROM ballots WHERE vote_id = $1 AND member_id = $2",
        [voteId, memberId],
      );
      return (r?.nomination_id as number | undefined) ?? null;
    },
    async castBallot(voteId, memberId, nominationId, chatId, now) {
      await sql.run(
        `INSERT INTO ballots (vote_id, member_id, nomination_id, chat_id, cast_at)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (vote_id, member_id) DO UPDATE SET nomination_id = excluded.nomination_id,
          chat_id = coalesce(excluded.chat_id, ballots.chat_id), cast_at = excluded.cast_at`,
        [voteId, memberId, nominationId, chatId, now],
      );
    },
    async ballotCount(voteId) {
      const r = await sql.one("SELECT count(*) AS n FROM ballots WHERE vote_id = $1", [voteId]);
      return r?.n as number;
    },
    async closeVote(id, result, now) {
      // A unit closing the same vote waits for this one, then finds it closed: one true.
      const closed = await sql.run(
        `UPDATE votes SET status = 'closed', closed_by = $2, winner_id = $3, mob_id = $4,
          closed_at = $5 WHERE id = $1 AND status = 'open'`,
        [id, result.closedBy, result.winnerId, result.mobId, now],
      );
      return closed === 1;
    },
    async voteOfMob(mobId) {
      const r = await sql.one(
        `SELECT v.id AS vote_id,
          (SELECT count(*) FROM ballots b WHERE b.vote_id = v.id) AS total,
          (SELECT count(*) FROM ballots b WHERE b.vote_id = v.id AND b.nomination_id = v.winner_id)
            AS for_shop
        FROM votes v WHERE v.mob_id = $1 ORDER BY v.id DESC LIMIT 1`,
        [mobId],
      );
      return r
        ? { voteId: r.vote_id as number, forShop: r.for_shop as number, total: r.total as number }
        : null;
    },
  };
}
