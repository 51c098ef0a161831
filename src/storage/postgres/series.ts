import { encodeSeriesRule } from "../../domain/series.js";
import type { SeriesRepository } from "../../ports/repositories.js";
import { toSeries, toVote } from "../rows.js";
import { found, type Sql } from "./sql.js";

export function series(sql: Sql): SeriesRepository {
  return {
    async insertSeries(s, now) {
      const r = await sql.one(
        `INSERT INTO series (community_id, rule, anchor_at, next_at, vote_lead_ms, pledge_minor,
            currency, meeting_point, party, capacity, duration_ms, goal_minor, created_by,
            created_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *`,
        [
          s.communityId,
          encodeSeriesRule(s.rule),
          s.anchorAt,
          s.nextAt,
          s.voteLeadMs,
          s.pledgeMinor,
          s.currency,
          s.meetingPoint,
          s.party,
          s.capacity,
          s.durationMs,
          s.goalMinor,
          s.createdBy,
          now,
        ],
      );
      return toSeries(found(r, "the new series"));
    },
    async getSeries(id) {
      const r = await sql.one("SELECT * FROM series WHERE id = $1", [id]);
      return r ? toSeries(r) : null;
    },
    async activeSeries(communityId) {
      const rows = await sql.rows(
        "SELECT * FROM series WHERE community_id = $1 AND status = 'active' ORDER BY id",
        [communityId],
      );
      return rows.map(toSeries);
    },
    async advanceSeries(id, from, to) {
      // A unit moving the same series waits for this one, then finds it moved: one true.
      const moved = await sql.run(
        "UPDATE series SET next_at = $3 WHERE id = $1 AND next_at = $2 AND status = 'active'",
        [id, from, to],
      );
      return moved === 1;
    },
    async stopSeries(id, now) {
      const stopped = await sql.run(
        "UPDATE series SET status = 'stopped', stopped_at = $2 WHERE id = $1 AND status = 'active'",
        [id, now],
      );
      return stopped === 1;
    },
    async openVoteOfSeries(seriesId) {
      const r = await sql.one(
        "SELECT * FROM votes WHERE series_id = $1 AND status = 'open' ORDER BY id DESC LIMIT 1",
        [seriesId],
      );
      return r ? toVote(r) : null;
    },
  };
}
