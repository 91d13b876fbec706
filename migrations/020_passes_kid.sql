-- @sqlite
-- Issue 15: a signing key's signed_until (features/keys/repository.ts) is the latest valid_to of
-- the passes it signed. Without an index on passes.kid that was a scan of every pass, once per
-- key, which the evaluate route and bundle polls ran on every request (about 135 ms at 100,000
-- passes, docs/performance/server.md). Covering and partial as the query is written
-- (p.kid = ? AND p.token IS NOT NULL, reading valid_to), so the table itself is not read.
CREATE INDEX passes_kid ON passes (kid, valid_to) WHERE token IS NOT NULL;
-- @postgres
CREATE INDEX passes_kid ON passes (kid, valid_to) WHERE token IS NOT NULL;
