-- Issue 16: state that several nodes on one database must share (docs/database.md, "Shared state for
-- several nodes").
--
-- rate_limits: the @fastify/rate-limit counters (features/rate-limits). `key` is a keyed hash (HMAC with
-- the data key) of the limit's scope and the client key, never the client address or a user name in
-- clear; `window_end` is the end of the fixed window in epoch milliseconds. A hit after window_end
-- starts a new window at count 1. Expired rows are pruned.
--
-- job_leases: one row per background job (features/jobs). The node that takes the lease runs the job;
-- the others skip it. `holder` is the node running it now (NULL when no run is in progress),
-- `lease_until` when that lease lapses if the holder died (epoch ms), and the last run's start, end and
-- outcome, which also say when the job is next due.
-- @sqlite
CREATE TABLE rate_limits (
  key TEXT NOT NULL PRIMARY KEY,
  count INTEGER NOT NULL CHECK (count >= 0),
  window_end INTEGER NOT NULL
);
CREATE INDEX rate_limits_window_end ON rate_limits (window_end);
CREATE TABLE job_leases (
  name TEXT NOT NULL PRIMARY KEY,
  holder TEXT,
  lease_until INTEGER NOT NULL DEFAULT 0,
  last_started_at INTEGER,
  last_ended_at INTEGER,
  last_outcome TEXT CHECK (last_outcome IN ('ok', 'failed')),
  last_error TEXT
);
-- @postgres
CREATE TABLE rate_limits (
  key TEXT NOT NULL PRIMARY KEY,
  count BIGINT NOT NULL CHECK (count >= 0),
  window_end BIGINT NOT NULL
);
CREATE INDEX rate_limits_window_end ON rate_limits (window_end);
CREATE TABLE job_leases (
  name TEXT NOT NULL PRIMARY KEY,
  holder TEXT,
  lease_until BIGINT NOT NULL DEFAULT 0,
  last_started_at BIGINT,
  last_ended_at BIGINT,
  last_outcome TEXT CHECK (last_outcome IN ('ok', 'failed')),
  last_error TEXT
);
