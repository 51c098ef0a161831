-- A claimed (`sending`) row is held under a lease: which process holds it (`lease_holder`, its
-- replica id) and until when (`lease_until`, epoch ms), renewed while its send is in flight.
-- SQLite has one process, which still puts every row left in flight back at start; the
-- columns are here so both engines keep one schema (a move between them copies every column).
ALTER TABLE outbox ADD COLUMN lease_holder TEXT;
ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
CREATE INDEX outbox_leases ON outbox (lease_until) WHERE state = 'sending';
