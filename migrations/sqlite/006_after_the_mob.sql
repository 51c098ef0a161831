-- After the mob: the after-party place and the photos people send.

-- The after-party: a third place (with the meeting point and the shop), hidden with a secret
-- shop until its reveal.
ALTER TABLE mobs ADD COLUMN party TEXT;

-- Photos sent from the start until the tally. The bytes live here rather than as files
-- beside the database: a photo is written in the same transaction as the checks on it (per
-- member, per mob, the same picture twice), the nightly backup carries them, and removing
-- a mob's photo leaves no file behind. They are small (at most 5 MB, 30 a mob).
-- `number` is the mob's own numbering (1, 2, …), what organizers type to remove one; it is
-- never reused, so a removed photo keeps its row with the bytes gone.
CREATE TABLE photos (
  id          INTEGER PRIMARY KEY,
  mob_id      INTEGER NOT NULL REFERENCES mobs (id),
  number      INTEGER NOT NULL CHECK (number > 0),
  member_id   INTEGER NOT NULL REFERENCES members (id),
  type        TEXT    NOT NULL CHECK (type IN ('jpeg', 'png', 'webp')),
  width       INTEGER NOT NULL CHECK (width > 0),
  height      INTEGER NOT NULL CHECK (height > 0),
  size        INTEGER NOT NULL,
  -- NULL once removed.
  bytes       BLOB,
  sha256      TEXT,
  created_at  INTEGER NOT NULL,
  dropped_at  INTEGER,
  UNIQUE (mob_id, number),
  UNIQUE (mob_id, sha256),
  CHECK ((dropped_at IS NULL) = (bytes IS NOT NULL))
) STRICT;
CREATE INDEX photos_by_member ON photos (mob_id, member_id);
