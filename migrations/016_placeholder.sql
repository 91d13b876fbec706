-- Placeholder: 016 is reserved for another issue-14 branch. It does nothing; drop this file when
-- that branch's 016 is merged (migrate.ts refuses a gap in the numbering).
SELECT 1;
