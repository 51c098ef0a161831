-- Shops of one community are the same shop when their names fold to the same key (the name
-- in lower case, as JavaScript's toLowerCase folds it), kept in `name_key` and written by the
-- repositories, so SQLite and PostgreSQL agree (SQLite's NOCASE folded ASCII letters only).
-- The index on lower(name) kept the names unique once folded, so the backfill is too.
ALTER TABLE shops ADD COLUMN name_key text NOT NULL DEFAULT '';
UPDATE shops SET name_key = lower(name);

DROP INDEX shops_by_name;
CREATE UNIQUE INDEX shops_by_name ON shops (community_id, name_key);
