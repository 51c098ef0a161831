-- Secrets the bot makes once and keeps: the key that signs merchant links when LINK_SECRET is
-- unset, so links handed out before a restart keep working after it.
CREATE TABLE secrets (
  name        TEXT    PRIMARY KEY,
  value       TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
