-- What every sender must know of a platform (both engines keep one schema). `paused_until`:
-- nothing goes to it before then (a bot-wide 429, or the back-off while it is down).
-- `backoff_ms` > 0: the platform is down, and after the pause one row probes it; the first
-- that gets through brings the backlog back at the platform's own rate.
-- `leases` is PostgreSQL's (a job one replica does at a time); SQLite has one process, and
-- the table exists so both engines keep one schema.
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  until INTEGER NOT NULL
);
CREATE TABLE platform_state (
  platform TEXT PRIMARY KEY,
  paused_until INTEGER NOT NULL,
  backoff_ms INTEGER NOT NULL DEFAULT 0,
  down_since INTEGER
);
-- A check-in code the bot could not DM (the person never opened a private chat with it): the
-- group is remembered here, so their `/start` brings the codes, after a restart too.
CREATE TABLE withheld_secrets (
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (platform, user_id, chat_id)
);
-- Forgotten after the outbox's retention (housekeeping).
CREATE INDEX withheld_secrets_by_age ON withheld_secrets (at);
