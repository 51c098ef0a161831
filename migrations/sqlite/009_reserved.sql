-- Placeholder so the outbox leases migration (010) is in sequence on this branch: version 9
-- belongs to another branch's migration. Merging: keep theirs, drop this file.
SELECT 1;
