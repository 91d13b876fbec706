-- Reserved: migration 014 is the tamper-evident audit log, built on another branch (issue 14).
-- This empty placeholder only keeps the numbering contiguous (db/migrate.ts refuses gaps) so that
-- 015_audit_console.sql runs on this branch. DELETE THIS FILE when merging that branch's 014.
SELECT 1;
