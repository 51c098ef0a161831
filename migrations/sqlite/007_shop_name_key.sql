-- Shops of one community are the same shop when their names fold to the same key (the name
-- in lower case, as JavaScript's toLowerCase folds it), kept in `name_key` and written by the
-- repositories, so SQLite and PostgreSQL agree. `name COLLATE NOCASE` folded ASCII letters
-- only: "Épicerie" and "épicerie" could be two shops here, one for PostgreSQL and for merging
-- communities. Such shops become the oldest of them: its mobs and theirs point to it, and it
-- takes the address and takings it lacked from the others (the oldest first).
-- cashmob_shop_key() is the repositories' rule, given to the connection by the runner.
ALTER TABLE shops ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE shops SET name_key = cashmob_shop_key(name);

UPDATE shops SET
  address = coalesce(address, (SELECT d.address FROM shops d
    WHERE d.community_id = shops.community_id AND d.name_key = shops.name_key
      AND d.address IS NOT NULL ORDER BY d.id LIMIT 1)),
  takings_minor = coalesce(takings_minor, (SELECT d.takings_minor FROM shops d
    WHERE d.community_id = shops.community_id AND d.name_key = shops.name_key
      AND d.takings_minor IS NOT NULL ORDER BY d.id LIMIT 1))
WHERE id IN (SELECT min(id) FROM shops GROUP BY community_id, name_key HAVING count(*) > 1);

UPDATE mobs SET shop_id = (SELECT min(k.id) FROM shops s
    JOIN shops k ON k.community_id = s.community_id AND k.name_key = s.name_key
  WHERE s.id = mobs.shop_id)
WHERE shop_id NOT IN (SELECT min(id) FROM shops GROUP BY community_id, name_key);

DELETE FROM shops WHERE id NOT IN (SELECT min(id) FROM shops GROUP BY community_id, name_key);

DROP INDEX shops_by_name;
CREATE UNIQUE INDEX shops_by_name ON shops (community_id, name_key);
