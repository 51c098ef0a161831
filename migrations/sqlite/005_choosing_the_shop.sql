-- Choosing the shop together: members nominate shops and second them, a vote picks one, and
-- each mob records the merchant's answer. Nothing is rebuilt: new tables and new columns only.

-- With the gate on, a draft is only announced once the merchant agreed.
ALTER TABLE communities ADD COLUMN merchant_gate INTEGER NOT NULL DEFAULT 0
  CHECK (merchant_gate IN (0, 1));

-- The merchant's answer, as last recorded: by an organizer (recorded_by), or by the merchant
-- through their private link (source 'merchant_link', recorded_by NULL). 'other_date' is an
-- answer only the link gives.
ALTER TABLE mobs ADD COLUMN merchant_status TEXT NOT NULL DEFAULT 'not_asked'
  CHECK (merchant_status IN ('not_asked', 'asked', 'agreed', 'declined', 'other_date'));
ALTER TABLE mobs ADD COLUMN merchant_note TEXT;
ALTER TABLE mobs ADD COLUMN merchant_recorded_by INTEGER REFERENCES members (id);
ALTER TABLE mobs ADD COLUMN merchant_recorded_at INTEGER;
ALTER TABLE mobs ADD COLUMN merchant_source TEXT
  CHECK (merchant_source IN ('organizer', 'merchant_link'));
-- The merchant agreed to publish the tally's comparison with their usual daily takings;
-- until then the takings stay with the organizers.
ALTER TABLE mobs ADD COLUMN takings_public INTEGER NOT NULL DEFAULT 0
  CHECK (takings_public IN (0, 1));

-- Shops members put forward. `name_key` is the name folded (case, accents, spacing), so the
-- same shop nominated again is a second, not a duplicate.
CREATE TABLE nominations (
  id            INTEGER PRIMARY KEY,
  community_id  INTEGER NOT NULL REFERENCES communities (id),
  name          TEXT    NOT NULL,
  name_key      TEXT    NOT NULL,
  address       TEXT,
  why           TEXT,
  nominated_by  INTEGER NOT NULL REFERENCES members (id),
  -- queued: waiting for a vote; dropped: an organizer found it ineligible; chosen: a vote won.
  status        TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'dropped', 'chosen')),
  drop_reason   TEXT,
  settled_by    INTEGER REFERENCES members (id),
  mob_id        INTEGER REFERENCES mobs (id),
  created_at    INTEGER NOT NULL,
  settled_at    INTEGER
) STRICT;
CREATE UNIQUE INDEX nominations_queued_name ON nominations (community_id, name_key)
  WHERE status = 'queued';
CREATE INDEX nominations_by_community ON nominations (community_id, status, name_key);
CREATE INDEX nominations_by_mob ON nominations (mob_id) WHERE mob_id IS NOT NULL;

-- Members who nominated a shop already in the queue (the nominator is not a second).
CREATE TABLE seconds (
  nomination_id INTEGER NOT NULL REFERENCES nominations (id),
  member_id     INTEGER NOT NULL REFERENCES members (id),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (nomination_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX seconds_by_member ON seconds (member_id);

-- A vote among queued shops for a mob at `mob_at`. It closes at `closes_at` through an outbox
-- row, so a restart or a crash does not lose the close.
CREATE TABLE votes (
  id            INTEGER PRIMARY KEY,
  community_id  INTEGER NOT NULL REFERENCES communities (id),
  mob_at        INTEGER NOT NULL,
  closes_at     INTEGER NOT NULL CHECK (closes_at < mob_at),
  status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  opened_by     INTEGER NOT NULL REFERENCES members (id),
  -- NULL when it closed on time.
  closed_by     INTEGER REFERENCES members (id),
  winner_id     INTEGER REFERENCES nominations (id),
  mob_id        INTEGER REFERENCES mobs (id),
  created_at    INTEGER NOT NULL,
  closed_at     INTEGER
) STRICT;
CREATE INDEX votes_by_community ON votes (community_id, status);
CREATE INDEX votes_by_mob ON votes (mob_id) WHERE mob_id IS NOT NULL;

-- The shops on a vote's post (up to 10), in the order shown.
CREATE TABLE vote_options (
  vote_id       INTEGER NOT NULL REFERENCES votes (id),
  nomination_id INTEGER NOT NULL REFERENCES nominations (id),
  position      INTEGER NOT NULL,
  PRIMARY KEY (vote_id, nomination_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX vote_options_by_nomination ON vote_options (nomination_id);

-- One ballot per member and vote, moved (updated) until the vote closes.
CREATE TABLE ballots (
  vote_id       INTEGER NOT NULL,
  member_id     INTEGER NOT NULL REFERENCES members (id),
  nomination_id INTEGER NOT NULL,
  -- The chat the press came from (NULL: none known).
  chat_id       INTEGER REFERENCES chats (id),
  cast_at       INTEGER NOT NULL,
  PRIMARY KEY (vote_id, member_id),
  FOREIGN KEY (vote_id, nomination_id) REFERENCES vote_options (vote_id, nomination_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX ballots_by_option ON ballots (vote_id, nomination_id);
CREATE INDEX ballots_by_member ON ballots (member_id);
CREATE INDEX ballots_by_chat ON ballots (chat_id) WHERE chat_id IS NOT NULL;
