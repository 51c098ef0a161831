-- The waitlist of a full mob (capacity=): who pressed Join when no place was left, in the
-- order they came (`ticket`, counted per mob while the mob is locked). Someone waiting is
-- not a participant; when a place opens, the first waiting become participants going, with
-- the pledge they gave and the chat they joined from (where to mention them when no DM goes).
CREATE TABLE waitlist (
  mob_id        INTEGER NOT NULL REFERENCES mobs (id),
  member_id     INTEGER NOT NULL REFERENCES members (id),
  ticket        INTEGER NOT NULL CHECK (ticket > 0),
  pledge_minor  INTEGER CHECK (pledge_minor > 0),
  chat_id       INTEGER REFERENCES chats (id),
  waiting_since INTEGER NOT NULL,
  PRIMARY KEY (mob_id, member_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX waitlist_in_order ON waitlist (mob_id, ticket);
