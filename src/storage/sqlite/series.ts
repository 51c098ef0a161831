import { encodeSeriesRule } from "../../domain/series.js";
import type { SeriesRepository } from "../../ports/repositories.js";
import { toSeries, toVote } from "../rows.js";
import { found, type Sql } from "./sql.js";

const INSERT = `INSERT INTO series (community_id, rule, anchor_at, next_at, vote_lead_ms,
    pledge_minor, currency, meeting_point, party, capacity, duration_ms, goal_minor,
    created_by, created_at)
  VALUES (@communityId, @rule, @anchorAt, @nextAt, @voteLeadMs, @pledgeMinor, @currency,
    @meetingPoint, @party, @capacity, @durationMs, @goalMinor, @createdBy, @now) RETURNING *`;
const GET = "SELECT * FROM series WHERE id = ?";
const ACTIVE = "SELECT * FROM series WHERE community_id = ? AND status = 'active' ORDER BY id";
const ADVANCE = "UPDATE series SET next_at = ? WHERE id = ? AND next_at = ? AND status = 'active'";
const STOP =
  "UPDATE series SET status = 'stopped', stopped_at = ? WHERE id = ? AND status = 'active'";
const OPEN_VOTE =
  "SELECT * FROM votes WHERE series_id = ? AND status = 'open' ORDER BY id DESC LIMIT 1";

export function series(sql: Sql): SeriesRepository {
  return {
    async insertSeries(s, now) {
      const row = sql.one(INSERT, { ...s, rule: encodeSeriesRule(s.rule), now });
      return toSeries(found(row, "the new series"));
    },
    async getSeries(id) {
      const r = sql.one(GET, id);
      return r ? toSeries(r) : null;
    },
    async activeSeries(communityId) {
      return sql.rows(ACTIVE, communityId).map(toSeries);
    },
    async advanceSeries(id, from, to) {
      return sql.run(ADVANCE, to, id, from) === 1;
    },
    async stopSeries(id, now) {
      return sql.run(STOP, now, id) === 1;
    },
    async openVoteOfSeries(seriesId) {
      const r = sql.one(OPEN_VOTE, seriesId);
      return r ? toVote(r) : null;
    },
  };
}
