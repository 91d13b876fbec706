-- @sqlite
-- Issue 14, anomalies found by the server (docs/anomalies.md).
--
-- A derived table, not evidence: every row can be recomputed from events, their flags, escort
-- timelines and custody overdue records, so unlike events it may change (a chain anomaly whose flag
-- a late upload cleared is deleted). One row per (kind, subject):
--   subject  the event id (one-event kinds and chain flags); "<earlier id>|<later id>" for
--            impossible_travel; "escort:<request id>:<timeline ref>" / "custody:<task id>:<kind>"
--            for overdue records
--   at       when it happened, ISO UTC, the list's sort key: the event's received_at (as the check
--            search sorts), the later event's for a pair, the limit's passing ("since") for overdue
-- The columns after `at` are copies taken when found, so each filter of the page is an index range.
CREATE TABLE anomalies (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL,
  severity          TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  subject           TEXT NOT NULL,
  at                TEXT NOT NULL,
  event_id          TEXT REFERENCES events (id),
  other_event_id    TEXT REFERENCES events (id),
  device_id         TEXT REFERENCES devices (id),
  checkpoint_id     INTEGER REFERENCES checkpoints (id),
  pass_no           TEXT,
  escort_request_id INTEGER REFERENCES escort_requests (id),
  custody_id        INTEGER REFERENCES charter_custody (id),
  detected_at       TEXT NOT NULL,
  details           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  UNIQUE (kind, subject)
);
CREATE INDEX anomalies_at ON anomalies (at, id);
CREATE INDEX anomalies_kind ON anomalies (kind, at, id);
CREATE INDEX anomalies_checkpoint ON anomalies (checkpoint_id, at, id);
CREATE INDEX anomalies_device ON anomalies (device_id, at, id);
-- The event page lists an event's anomalies, as the one or the other of a pair.
CREATE INDEX anomalies_event ON anomalies (event_id);
CREATE INDEX anomalies_other_event ON anomalies (other_event_id) WHERE other_event_id IS NOT NULL;

-- Events not yet examined: those stored before this migration, and any stored by a path without the
-- anomaly observer (the demo CLI). The server examines events with rowid > `done` in batches at
-- start and on each sweep (features/anomalies/service.ts backfill) and advances `done`; events
-- examined at ingest are seen again there once, harmlessly (INSERT OR IGNORE).
CREATE TABLE anomaly_backfill (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  done INTEGER NOT NULL
);
INSERT INTO anomaly_backfill (id, done) VALUES (1, 0);
