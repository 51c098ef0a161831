-- Placeholder so the outbox leases migration (005) is in sequence on this branch: version 4
-- belongs to another branch's migration. Merging: keep theirs, drop this file.
SELECT 1;
