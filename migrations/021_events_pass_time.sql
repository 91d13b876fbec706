-- @sqlite
-- Issue 15: the impossible-travel scan at ingest (features/anomalies) looks, for each check of a
-- pass, for checks of the same pass at another checkpoint less than minTravelMs apart (device
-- time). It read every check ever stored for the pass: a pass checked thousands of times (the
-- scanner soak checks three passes 10,000 times) made each upload of 500 read millions of rows.
-- ac_device_ms is the device time as epoch milliseconds (NULL if SQLite cannot read it; those
-- rows are still looked at, through the second, normally empty, index), and the first index turns
-- the scan into a range around the new check.
ALTER TABLE events ADD COLUMN ac_device_ms INTEGER GENERATED ALWAYS AS (CAST(round(unixepoch(device_time, 'subsec') * 1000) AS INTEGER)) VIRTUAL;
-- Both partial on ac_device_ms, which no other query names, so the console's pass filter keeps
-- events_ac_pass (its keyset order is received_at, not device time).
CREATE INDEX events_pass_time ON events (ac_pass, ac_device_ms) WHERE ac_device_ms IS NOT NULL AND type IN ('check', 'charter_check');
CREATE INDEX events_pass_untimed ON events (ac_pass) WHERE ac_device_ms IS NULL AND type IN ('check', 'charter_check');
-- @postgres
-- kakou_unixepoch_ms (migration 001) is SQLite's round(unixepoch(t, 'subsec') * 1000), IMMUTABLE so
-- the column can be generated (STORED: PostgreSQL 15 has no VIRTUAL columns).
ALTER TABLE events ADD COLUMN ac_device_ms BIGINT GENERATED ALWAYS AS (kakou_unixepoch_ms(device_time)) STORED;
CREATE INDEX events_pass_time ON events (ac_pass, ac_device_ms) WHERE ac_device_ms IS NOT NULL AND type IN ('check', 'charter_check');
CREATE INDEX events_pass_untimed ON events (ac_pass) WHERE ac_device_ms IS NULL AND type IN ('check', 'charter_check');
