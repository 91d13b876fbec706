-- Reserved: migration 016 belongs to another issue-14 branch. This empty placeholder only keeps the
-- numbering contiguous (db/migrate.ts refuses gaps) so that 018_audit_actions.sql runs on this
-- branch. DELETE THIS FILE when merging the branch that owns 016 (and rebuild any dev database
-- migrated on this branch: it has version 016 recorded for the placeholder).
SELECT 1;
