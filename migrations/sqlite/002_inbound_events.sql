-- Platform events already handled (Telegram update ids, Discord interaction ids), so an
-- update redelivered after a crash is not handled twice. Pruned with the outbox.
CREATE TABLE inbound_events (
  key         TEXT    PRIMARY KEY,
  handled_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX inbound_events_by_time ON inbound_events (handled_at);
