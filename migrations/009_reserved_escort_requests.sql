-- PLACEHOLDER, branch issue-12-hook only: migration numbers must have no gap (db/migrate.ts), and
-- 009 belongs to the escort requests built in parallel. Delete this file when that 009 is merged.
SELECT 1;
