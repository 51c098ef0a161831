-- Cashmob schema, version 1. Instants are UTC milliseconds; money is integer minor units.

CREATE TABLE communities (
  id             INTEGER PRIMARY KEY,
  platform       TEXT    NOT NULL,
  external_id    TEXT    NOT NULL,
  name           TEXT    NOT NULL,
  timezone       TEXT    NOT NULL,
  locale         TEXT    NOT NULL,
  currency       TEXT    NOT NULL,
  -- 'platform': the platform's admins/Manage Events organize; 'anyone': every member may.
  organizer_rule TEXT    NOT NULL DEFAULT 'platform' CHECK (organizer_rule IN ('platform', 'anyone')),
  created_at     INTEGER NOT NULL,
  UNIQUE (platform, external_id)
);

CREATE TABLE members (
  id           INTEGER PRIMARY KEY,
  platform     TEXT    NOT NULL,
  user_id      TEXT    NOT NULL,
  display_name TEXT    NOT NULL,
  locale       TEXT,
  -- NULL: never tried; 1: a DM went through or they opened a private chat; 0: no DM channel.
  dm_reachable INTEGER CHECK (dm_reachable IN (0, 1)),
  created_at   INTEGER NOT NULL,
  UNIQUE (platform, user_id)
);

CREATE TABLE shops (
  id             INTEGER PRIMARY KEY,
  community_id   INTEGER NOT NULL REFERENCES communities (id),
  name           TEXT    NOT NULL,
  address        TEXT,
  takings_minor  INTEGER CHECK (takings_minor > 0),
  created_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX shops_by_name ON shops (community_id, name COLLATE NOCASE);

CREATE TABLE mobs (
  id             INTEGER PRIMARY KEY,
  community_id   INTEGER NOT NULL REFERENCES communities (id),
  channel_id     TEXT    NOT NULL,
  shop_id        INTEGER NOT NULL REFERENCES shops (id),
  address        TEXT,
  meeting_point  TEXT,
  starts_at      INTEGER NOT NULL,
  duration_ms    INTEGER NOT NULL CHECK (duration_ms > 0),
  pledge_minor   INTEGER NOT NULL CHECK (pledge_minor > 0),
  currency       TEXT    NOT NULL,
  secret         INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
  capacity       INTEGER CHECK (capacity > 0),
  goal_minor     INTEGER CHECK (goal_minor > 0),
  status         TEXT    NOT NULL CHECK (status IN ('draft', 'announced', 'cancelled', 'tallied')),
  created_by     INTEGER NOT NULL REFERENCES members (id),
  checkin_code   TEXT    NOT NULL,
  cancel_reason  TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX mobs_by_community ON mobs (community_id, starts_at);

CREATE TABLE participants (
  mob_id         INTEGER NOT NULL REFERENCES mobs (id),
  member_id      INTEGER NOT NULL REFERENCES members (id),
  status         TEXT    NOT NULL CHECK (status IN ('going', 'maybe')),
  -- What this person means to spend; NULL means the mob's pledge.
  pledge_minor   INTEGER CHECK (pledge_minor > 0),
  joined_at      INTEGER NOT NULL,
  spent_minor    INTEGER CHECK (spent_minor > 0),
  spent_at       INTEGER,
  checked_in_at  INTEGER,
  PRIMARY KEY (mob_id, member_id)
) WITHOUT ROWID;
CREATE INDEX participants_by_member ON participants (member_id);

-- Every outgoing message is a row here before it is sent (DESIGN.md).
CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  key         TEXT    NOT NULL UNIQUE,
  mob_id      INTEGER NOT NULL REFERENCES mobs (id),
  kind        TEXT    NOT NULL,
  target      TEXT    NOT NULL CHECK (target IN ('channel', 'dm', 'edit', 'event')),
  member_id   INTEGER REFERENCES members (id),
  -- Rows sharing a batch are sent as one message (mentions of unreachable members).
  batch       TEXT,
  payload     TEXT    NOT NULL DEFAULT '{}',
  due_at      INTEGER NOT NULL,
  state       TEXT    NOT NULL DEFAULT 'pending'
              CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'withdrawn')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  ref         TEXT,
  last_error  TEXT,
  created_at  INTEGER NOT NULL,
  settled_at  INTEGER
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE state = 'pending';
CREATE INDEX outbox_by_mob ON outbox (mob_id, kind);
CREATE INDEX outbox_batch ON outbox (batch) WHERE batch IS NOT NULL AND state = 'pending';
CREATE INDEX outbox_settled ON outbox (settled_at) WHERE state IN ('sent', 'failed', 'skipped', 'withdrawn');
