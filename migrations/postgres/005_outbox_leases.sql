-- A claimed (`sending`) row is held under a lease: which process holds it (`lease_holder`, its
-- replica id) and until when (`lease_until`, epoch ms), renewed while its send is in flight.
-- A row whose lease has ended goes back to pending at the next claim, by whichever process
-- claims, so the rows of a process that died go out again without a start-up requeue.
-- Rows left `sending` before this migration have no lease: the next claim takes them back.
ALTER TABLE outbox ADD COLUMN lease_holder text;
ALTER TABLE outbox ADD COLUMN lease_until bigint;
CREATE INDEX outbox_leases ON outbox (lease_until) WHERE state = 'sending';
