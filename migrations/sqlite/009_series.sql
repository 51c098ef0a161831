-- Series: a mob that comes back (every N weeks, or the nth weekday of each month), a new shop
-- each time. Only the next occurrence is planned at a time (`next_at`); the outbox holds the
-- transition that opens its vote, so a restart or a crash neither skips nor doubles one.
CREATE TABLE series (
  id            INTEGER PRIMARY KEY,
  community_id  INTEGER NOT NULL REFERENCES communities (id),
  -- The rule as JSON (domain/series-rule.ts), read in the community's zone.
  rule          TEXT    NOT NULL,
  -- The first occurrence: `every N weeks` counts its weeks from it.
  anchor_at     INTEGER NOT NULL,
  -- The occurrence being prepared (its vote, then its mob).
  next_at       INTEGER NOT NULL,
  -- How long before each occurrence its vote opens.
  vote_lead_ms  INTEGER NOT NULL CHECK (vote_lead_ms > 0),
  -- What each occurrence's mob gets, as /newmob takes it.
  pledge_minor  INTEGER NOT NULL,
  currency      TEXT    NOT NULL,
  meeting_point TEXT,
  party         TEXT,
  capacity      INTEGER,
  duration_ms   INTEGER NOT NULL,
  goal_minor    INTEGER,
  status        TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped')),
  created_by    INTEGER NOT NULL REFERENCES members (id),
  created_at    INTEGER NOT NULL,
  stopped_at    INTEGER
) STRICT;
CREATE INDEX series_by_community ON series (community_id, status);

-- The series whose occurrence a vote chooses the shop for (NULL: a vote an organizer opened).
ALTER TABLE votes ADD COLUMN series_id INTEGER REFERENCES series (id);
CREATE INDEX votes_by_series ON votes (series_id) WHERE series_id IS NOT NULL;
