-- Several bots (replicas) on one database.
-- `leases`: a named job only one replica may do at a time (the sender of a platform, the one
-- Telegram poller), who holds it and until when (epoch ms). Renewed by its holder; anyone may
-- take one that has ended, so a replica that died is replaced within one lease.
CREATE TABLE leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  until bigint NOT NULL
);
-- `platform_state`: what every replica must know of a platform. `paused_until`: nothing goes
-- to it before then (a bot-wide 429, or the back-off while it is down). `backoff_ms` > 0: the
-- platform is down, and after the pause one row probes it; the first that gets through brings
-- the backlog back at the platform's own rate.
CREATE TABLE platform_state (
  platform text PRIMARY KEY,
  paused_until bigint NOT NULL,
  backoff_ms bigint NOT NULL DEFAULT 0,
  down_since bigint
);
-- New rows wake the other replicas at once (LISTEN cashmob_outbox), polling stays the fallback.
-- Once per statement, delivered at commit, and a transaction's identical notices coalesce.
CREATE FUNCTION cashmob_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cashmob_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
  FOR EACH STATEMENT EXECUTE FUNCTION cashmob_outbox_notify();
-- A check-in code the bot could not DM (the person never opened a private chat with it): the
-- group is remembered here, so their `/start` on any replica brings the codes.
CREATE TABLE withheld_secrets (
  platform text NOT NULL,
  user_id text NOT NULL,
  chat_id text NOT NULL,
  at bigint NOT NULL,
  PRIMARY KEY (platform, user_id, chat_id)
);
-- Forgotten after the outbox's retention (housekeeping).
CREATE INDEX withheld_secrets_by_age ON withheld_secrets (at);
