-- cashmob: foreign_keys off
-- Communities across chats: a community is platform-free and lives in any number of chats
-- (Discord channels, Telegram groups, console rooms); a mob is said in all of them.
-- Tables are rebuilt, so the runner turns foreign keys off for this migration and runs
-- foreign_key_check before committing (SQLite's documented procedure).

-- Communities lose their platform and external id (those belong to chats now) and gain an
-- unguessable public id for the web side.
CREATE TABLE communities_new (
  id             INTEGER PRIMARY KEY,
  public_id      TEXT    NOT NULL UNIQUE,
  name           TEXT    NOT NULL,
  timezone       TEXT    NOT NULL,
  locale         TEXT    NOT NULL,
  currency       TEXT    NOT NULL,
  organizer_rule TEXT    NOT NULL DEFAULT 'platform' CHECK (organizer_rule IN ('platform', 'anyone')),
  created_at     INTEGER NOT NULL
) STRICT;
INSERT INTO communities_new (id, public_id, name, timezone, locale, currency, organizer_rule, created_at)
  SELECT id, lower(hex(randomblob(12))), name, timezone, locale, currency, organizer_rule, created_at
  FROM communities;

-- Which community a platform's "space" (Discord server, Telegram group, console room) belongs
-- to by default: a command typed in a Discord channel that is not a linked chat still reaches
-- its server's community.
CREATE TABLE spaces (
  platform     TEXT    NOT NULL,
  space_id     TEXT    NOT NULL,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  PRIMARY KEY (platform, space_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX spaces_by_community ON spaces (community_id);
INSERT INTO spaces (platform, space_id, community_id)
  SELECT platform, external_id, id FROM communities;

-- The chats a community's posts go to. The language is each chat's own.
CREATE TABLE chats (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  platform     TEXT    NOT NULL,
  -- Discord server, Telegram chat, console room.
  space_id     TEXT    NOT NULL,
  -- Where posts go: Discord channel, Telegram chat, console room.
  external_id  TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  locale       TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  UNIQUE (platform, external_id)
) STRICT;
CREATE INDEX chats_by_community ON chats (community_id, id);
CREATE INDEX chats_by_space ON chats (platform, space_id);
-- Every existing community had one chat where its posts went: its mobs' channels (Discord)
-- or the group itself (Telegram, console).
INSERT INTO chats (community_id, platform, space_id, external_id, name, locale, created_at)
  SELECT c.id, c.platform, c.external_id, c.external_id, c.name, c.locale, c.created_at
  FROM communities c WHERE c.platform <> 'discord';
INSERT INTO chats (community_id, platform, space_id, external_id, name, locale, created_at)
  SELECT c.id, 'discord', c.external_id, m.channel_id, c.name, c.locale, min(m.created_at)
  FROM communities c JOIN mobs m ON m.community_id = c.id
  WHERE c.platform = 'discord'
  GROUP BY c.id, m.channel_id;

-- Mobs are no longer tied to one channel; they gain a public id.
CREATE TABLE mobs_new (
  id             INTEGER PRIMARY KEY,
  public_id      TEXT    NOT NULL UNIQUE,
  community_id   INTEGER NOT NULL REFERENCES communities (id),
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
) STRICT;
INSERT INTO mobs_new (id, public_id, community_id, shop_id, address, meeting_point, starts_at,
    duration_ms, pledge_minor, currency, secret, capacity, goal_minor, status, created_by,
    checkin_code, cancel_reason, created_at, updated_at)
  SELECT id, lower(hex(randomblob(12))), community_id, shop_id, address, meeting_point, starts_at,
    duration_ms, pledge_minor, currency, secret, capacity, goal_minor, status, created_by,
    checkin_code, cancel_reason, created_at, updated_at
  FROM mobs;

-- The chat someone joined from: where they are mentioned when a DM cannot reach them.
ALTER TABLE participants ADD COLUMN chat_id INTEGER REFERENCES chats (id);
UPDATE participants SET chat_id = (
  SELECT ch.id FROM mobs m JOIN communities c ON c.id = m.community_id
    JOIN chats ch ON ch.community_id = c.id AND ch.platform = c.platform
      AND ch.external_id = CASE WHEN c.platform = 'discord' THEN m.channel_id ELSE c.external_id END
  WHERE m.id = participants.mob_id);

-- A member's private channel with the bot, once known (Discord DM channel id), so a DM
-- needs one request, not two.
ALTER TABLE members ADD COLUMN dm_channel TEXT;

-- The outbox is addressed: to the whole community (fanned out into chats and DMs when due),
-- to one chat, or to one member on their own platform. What a row is about is a subject
-- (a mob today; a vote or a series later), not always a mob.
CREATE TABLE outbox_new (
  id            INTEGER PRIMARY KEY,
  key           TEXT    NOT NULL UNIQUE,
  community_id  INTEGER NOT NULL REFERENCES communities (id),
  subject       TEXT    NOT NULL,
  subject_id    INTEGER NOT NULL,
  kind          TEXT    NOT NULL,
  target        TEXT    NOT NULL CHECK (target IN ('community', 'chat', 'dm', 'edit', 'event')),
  chat_id       INTEGER REFERENCES chats (id),
  member_id     INTEGER REFERENCES members (id),
  -- The platform the row goes out on (its chat's, or its member's); NULL for a community row.
  -- Each platform gets its own share of the rows in flight, so a slow one never starves another.
  platform      TEXT,
  -- Rows sharing a batch are sent as one message (mentions of unreachable members).
  batch         TEXT,
  payload       TEXT    NOT NULL DEFAULT '{}',
  due_at        INTEGER NOT NULL,
  state         TEXT    NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'withdrawn')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  ref           TEXT,
  last_error    TEXT,
  created_at    INTEGER NOT NULL,
  settled_at    INTEGER,
  CHECK ((target IN ('chat', 'edit', 'event')) = (chat_id IS NOT NULL)),
  CHECK (target <> 'dm' OR member_id IS NOT NULL)
) STRICT;
-- Old rows: a pending channel post is now a community post (it fans out into every chat when
-- due, as it fanned out DMs before); a post caught mid-send by a crash, a sent one, a mention
-- batch, an edit and an event stay addressed to the chat they were for, with their keys (so a
-- re-send keeps its Discord nonce).
INSERT INTO outbox_new (id, key, community_id, subject, subject_id, kind, target, chat_id,
    member_id, batch, payload, due_at, state, attempts, ref, last_error, created_at, settled_at,
    platform)
  SELECT o.id, o.key, m.community_id, 'mob', o.mob_id, o.kind,
    CASE
      WHEN o.target = 'channel' AND o.state = 'pending' AND o.batch IS NULL THEN 'community'
      WHEN o.target = 'channel' THEN 'chat'
      ELSE o.target
    END,
    CASE
      WHEN o.target = 'dm' THEN NULL
      WHEN o.target = 'channel' AND o.state = 'pending' AND o.batch IS NULL THEN NULL
      ELSE (SELECT ch.id FROM communities c JOIN chats ch ON ch.community_id = c.id
              AND ch.platform = c.platform
              AND ch.external_id = CASE WHEN c.platform = 'discord' THEN m.channel_id ELSE c.external_id END
            WHERE c.id = m.community_id)
    END,
    o.member_id, o.batch, o.payload, o.due_at, o.state, o.attempts, o.ref, o.last_error,
    o.created_at, o.settled_at,
    CASE
      WHEN o.target = 'dm' THEN (SELECT mb.platform FROM members mb WHERE mb.id = o.member_id)
      WHEN o.target = 'channel' AND o.state = 'pending' AND o.batch IS NULL THEN NULL
      ELSE (SELECT c.platform FROM communities c WHERE c.id = m.community_id)
    END
  FROM outbox o JOIN mobs m ON m.id = o.mob_id;

DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (due_at) WHERE state = 'pending';
CREATE INDEX outbox_due_by_platform ON outbox (platform, due_at) WHERE state = 'pending';
CREATE INDEX outbox_by_subject ON outbox (subject, subject_id, kind, chat_id);
-- For the foreign key when two communities merge (a link), never a hot path.
CREATE INDEX outbox_by_community ON outbox (community_id);
CREATE INDEX outbox_batch ON outbox (batch) WHERE batch IS NOT NULL AND state = 'pending';
CREATE INDEX outbox_settled ON outbox (settled_at) WHERE state IN ('sent', 'failed', 'skipped', 'withdrawn');

DROP TABLE mobs;
ALTER TABLE mobs_new RENAME TO mobs;
CREATE INDEX mobs_by_community ON mobs (community_id, starts_at);
CREATE INDEX mobs_by_shop ON mobs (shop_id);

DROP TABLE communities;
ALTER TABLE communities_new RENAME TO communities;

-- One-time codes that link a chat into another chat's community (valid 15 minutes).
CREATE TABLE link_codes (
  code          TEXT    PRIMARY KEY,
  community_id  INTEGER NOT NULL REFERENCES communities (id),
  created_by    INTEGER NOT NULL REFERENCES members (id),
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  used_at       INTEGER,
  used_by_chat  INTEGER REFERENCES chats (id)
) STRICT, WITHOUT ROWID;
CREATE INDEX link_codes_by_community ON link_codes (community_id);
