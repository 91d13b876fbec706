-- @sqlite
-- Item 7 at the checkpoint: the charter_check device event, and what the server makes of it.
--
-- 1. `events` is rebuilt so its type CHECK admits 'charter_check' (SQLite cannot alter a CHECK).
--    Every column, default, CHECK, index and trigger of 005, 006 and 009 is kept exactly; every row
--    keeps its id, content and flags. Other tables REFERENCES events by name, so the marker below
--    makes db/migrate.ts run this file with foreign_keys=OFF and check PRAGMA foreign_key_check
--    before it commits.
-- 2. charter_custody: one task per passenger of an approved run whom a charter check released into
--    the custody of their enterprise (outcome CUSTODY), with the isolation record the enterprise
--    keeps for them (the same shape and rules as escort_isolations, migration 009).
-- 3. charter_check_flags: what a stored charter check says that the server's own records do not
--    back up (unknown run, another manifest, another enterprise). The event is stored all the same;
--    the flag tells the bureau to look. See docs/custody.md.
-- migrate: foreign_keys=off
CREATE TABLE events_013 (
  id              TEXT PRIMARY KEY,                -- the event's UUID, lower case
  device_id       TEXT NOT NULL REFERENCES devices (id),
  seq             INTEGER NOT NULL CHECK (seq >= 1),
  device_time     TEXT NOT NULL,                   -- as the device wrote it, with its UTC offset
  received_at     TEXT NOT NULL,                   -- ISO UTC, first receipt
  clock_offset_ms INTEGER NOT NULL,                -- received_at − device_time at first receipt
  prev_hash       TEXT NOT NULL CHECK (length(prev_hash) = 43),
  hash            TEXT NOT NULL CHECK (length(hash) = 43), -- eventHash: base64url SHA-256 of canonical
  type            TEXT NOT NULL CHECK (type IN ('check', 'escort_handover', 'staff_sign_in', 'staff_sign_out', 'charter_check')),
  payload         TEXT NOT NULL CHECK (json_valid(payload)), -- JSON (RFC 8785 form), for queries
  canonical       TEXT NOT NULL,                   -- exactly the text the device signed
  sig             TEXT NOT NULL,                   -- base64url ECDSA P-256 over canonical
  gap             INTEGER NOT NULL DEFAULT 0 CHECK (gap IN (0, 1)),
  broken_link     INTEGER NOT NULL DEFAULT 0 CHECK (broken_link IN (0, 1)),
  fork            INTEGER NOT NULL DEFAULT 0 CHECK (fork IN (0, 1)),
  unknown_staff   INTEGER NOT NULL DEFAULT 0 CHECK (unknown_staff IN (0, 1)),
  cross_checkpoint INTEGER NOT NULL DEFAULT 0 CHECK (cross_checkpoint IN (0, 1))
);
INSERT INTO events_013 (id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig,
                        gap, broken_link, fork, unknown_staff, cross_checkpoint)
  SELECT id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig,
         gap, broken_link, fork, unknown_staff, cross_checkpoint FROM events ORDER BY rowid;
DROP TABLE events;
ALTER TABLE events_013 RENAME TO events;

-- 005
CREATE INDEX events_device_seq ON events (device_id, seq);
CREATE INDEX events_flagged ON events (device_id, seq) WHERE gap = 1 OR broken_link = 1 OR fork = 1;
CREATE TRIGGER events_content_immutable
BEFORE UPDATE OF id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable (only the chain flags change)'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are never deleted'); END;
-- 006
CREATE INDEX events_handover_check ON events (json_extract(payload, '$.checkEventId')) WHERE type = 'escort_handover';
-- 009
CREATE INDEX events_check_pass ON events (json_extract(payload, '$.passNo')) WHERE type = 'check';
-- new: charter checks by run, to project them and to find them again
CREATE INDEX events_charter_run ON events (json_extract(payload, '$.runId')) WHERE type = 'charter_check';

-- Custody tasks. Keyed by (run, passenger): a coach checked again (another checkpoint, a re-check)
-- adds nothing. The hand-over is the earliest charter check (by device time, then event id) that
-- released the passenger into custody, whatever order uploads arrive in: until the enterprise has
-- recorded an isolation, an earlier check stored later moves the hand-over back to it, and nothing
-- else of a task ever changes. The enterprise is the server's record of the passenger
-- (charter_passengers), never the device's `ent`; a disagreement is flagged in charter_check_flags.
CREATE TABLE charter_custody (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES charter_runs (id),
  passenger_id    INTEGER NOT NULL REFERENCES charter_passengers (id),
  place           INTEGER NOT NULL CHECK (place >= 0),      -- manifest place (0 = 乘客 1), canonical order
  enterprise_id   INTEGER NOT NULL REFERENCES enterprises (id),
  event_id        TEXT NOT NULL REFERENCES events (id),     -- the charter check that handed the passenger over
  device_id       TEXT NOT NULL REFERENCES devices (id),
  checkpoint_id   INTEGER NOT NULL REFERENCES checkpoints (id),
  handed_over_at  TEXT NOT NULL,                            -- the check's device time, ISO UTC
  created_at      TEXT NOT NULL,                            -- when the server stored it
  UNIQUE (run_id, passenger_id)
);
CREATE INDEX charter_custody_enterprise ON charter_custody (enterprise_id, handed_over_at);
CREATE INDEX charter_custody_event ON charter_custody (event_id);
CREATE TRIGGER charter_custody_immutable BEFORE UPDATE ON charter_custody
WHEN NEW.id IS NOT OLD.id OR NEW.run_id IS NOT OLD.run_id OR NEW.passenger_id IS NOT OLD.passenger_id OR NEW.place IS NOT OLD.place
  OR NEW.enterprise_id IS NOT OLD.enterprise_id OR NEW.created_at IS NOT OLD.created_at
  OR (NEW.handed_over_at, NEW.event_id) >= (OLD.handed_over_at, OLD.event_id)
  OR EXISTS (SELECT 1 FROM charter_custody_isolations i WHERE i.custody_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a custody hand-over only moves to an earlier check, and only before the isolation is recorded'); END;
CREATE TRIGGER charter_custody_no_delete BEFORE DELETE ON charter_custody
BEGIN SELECT RAISE(ABORT, 'custody tasks are never deleted'); END;

-- The enterprise's isolation record of a custody task: exactly escort_isolations' shape and rules
-- (one per task instead of one per person of a request).
CREATE TABLE charter_custody_isolations (
  id                INTEGER PRIMARY KEY,
  custody_id        INTEGER NOT NULL UNIQUE REFERENCES charter_custody (id),
  place             TEXT NOT NULL CHECK (length(place) BETWEEN 2 AND 200),
  start_date        TEXT NOT NULL CHECK (date(start_date) IS start_date),
  planned_end       TEXT NOT NULL CHECK (date(planned_end) IS planned_end AND planned_end > start_date),
  responsible       TEXT NOT NULL CHECK (length(responsible) BETWEEN 1 AND 40),
  recorded_at       TEXT NOT NULL,
  recorded_by       INTEGER REFERENCES users (id),
  ended_on          TEXT CHECK (ended_on IS NULL OR (date(ended_on) IS ended_on AND ended_on >= start_date)),
  end_recorded_at   TEXT,
  ended_by          INTEGER REFERENCES users (id)
);
CREATE INDEX charter_custody_isolations_open ON charter_custody_isolations (planned_end) WHERE ended_on IS NULL;
CREATE TRIGGER charter_custody_isolations_immutable
BEFORE UPDATE OF id, custody_id, place, start_date, planned_end, responsible, recorded_at, recorded_by ON charter_custody_isolations
BEGIN SELECT RAISE(ABORT, 'an isolation arrangement is fixed once recorded'); END;
CREATE TRIGGER charter_custody_isolations_end_once
BEFORE UPDATE OF ended_on, end_recorded_at, ended_by ON charter_custody_isolations
WHEN OLD.ended_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the end of an isolation is recorded once'); END;
CREATE TRIGGER charter_custody_isolations_no_delete BEFORE DELETE ON charter_custody_isolations
BEGIN SELECT RAISE(ABORT, 'isolation records are never deleted'); END;

-- Each limit a task passed (custody/overdue.ts), recorded once by the sweep that announces it.
CREATE TABLE charter_custody_overdue (
  id          INTEGER PRIMARY KEY,
  custody_id  INTEGER NOT NULL REFERENCES charter_custody (id),
  kind        TEXT NOT NULL CHECK (kind IN ('isolation_unrecorded', 'isolation_end')),
  since       TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (custody_id, kind)
);
CREATE TRIGGER charter_custody_overdue_immutable BEFORE UPDATE ON charter_custody_overdue
BEGIN SELECT RAISE(ABORT, 'overdue records are fixed once written'); END;
CREATE TRIGGER charter_custody_overdue_no_delete BEFORE DELETE ON charter_custody_overdue
BEGIN SELECT RAISE(ABORT, 'overdue records are never deleted'); END;

-- What a stored charter check names that the server does not back up. One row per event, kind and
-- place (place -1 when the flag is about the whole check), written once by the projector:
--   unknown_run   runId is not an approved run here (unknown, or never approved): nothing projected
--   md_mismatch   the run is approved but its manifest digest differs from the check's md: nothing projected
--   count_mismatch the md matches but the check lists another number of passengers: nothing projected
--   ent_mismatch  the device's `ent` for a place differs from the server's enterprise of that passenger;
--                 the task (if any) goes to the server's enterprise
CREATE TABLE charter_check_flags (
  id          INTEGER PRIMARY KEY,
  event_id    TEXT NOT NULL REFERENCES events (id),
  kind        TEXT NOT NULL CHECK (kind IN ('unknown_run', 'md_mismatch', 'count_mismatch', 'ent_mismatch')),
  place       INTEGER NOT NULL DEFAULT -1 CHECK (place >= -1),
  detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
  created_at  TEXT NOT NULL,
  UNIQUE (event_id, kind, place)
);
CREATE TRIGGER charter_check_flags_immutable BEFORE UPDATE ON charter_check_flags
BEGIN SELECT RAISE(ABORT, 'charter check flags are fixed once written'); END;
CREATE TRIGGER charter_check_flags_no_delete BEFORE DELETE ON charter_check_flags
BEGIN SELECT RAISE(ABORT, 'charter check flags are never deleted'); END;
-- @postgres
-- SQLite rebuilds events to change its type CHECK; PostgreSQL alters the constraint in place.
ALTER TABLE events DROP CONSTRAINT events_type_check,
  ADD CONSTRAINT events_type_check CHECK (type IN ('check', 'escort_handover', 'staff_sign_in', 'staff_sign_out', 'charter_check'));
CREATE INDEX events_charter_run ON events ((payload::jsonb ->> 'runId')) WHERE type = 'charter_check';

CREATE TABLE charter_custody (
  id              BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  run_id          BIGINT NOT NULL REFERENCES charter_runs (id),
  passenger_id    BIGINT NOT NULL REFERENCES charter_passengers (id),
  place           BIGINT NOT NULL CHECK (place >= 0),
  enterprise_id   BIGINT NOT NULL REFERENCES enterprises (id),
  event_id        TEXT NOT NULL REFERENCES events (id),
  device_id       TEXT NOT NULL REFERENCES devices (id),
  checkpoint_id   BIGINT NOT NULL REFERENCES checkpoints (id),
  handed_over_at  TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (run_id, passenger_id)
);
CREATE INDEX charter_custody_enterprise ON charter_custody (enterprise_id, handed_over_at);
CREATE INDEX charter_custody_event ON charter_custody (event_id);
CREATE FUNCTION charter_custody_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.run_id IS DISTINCT FROM OLD.run_id OR NEW.passenger_id IS DISTINCT FROM OLD.passenger_id
     OR NEW.place IS DISTINCT FROM OLD.place OR NEW.enterprise_id IS DISTINCT FROM OLD.enterprise_id
     OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR (NEW.handed_over_at, NEW.event_id) >= (OLD.handed_over_at, OLD.event_id)
     OR EXISTS (SELECT 1 FROM charter_custody_isolations i WHERE i.custody_id = OLD.id) THEN
    RAISE EXCEPTION USING MESSAGE = 'a custody hand-over only moves to an earlier check, and only before the isolation is recorded',
      ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER charter_custody_immutable BEFORE UPDATE ON charter_custody
FOR EACH ROW EXECUTE FUNCTION charter_custody_immutable();
CREATE TRIGGER charter_custody_no_delete BEFORE DELETE ON charter_custody
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('custody tasks are never deleted');
CREATE TRIGGER charter_custody_no_truncate BEFORE TRUNCATE ON charter_custody
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('custody tasks are never deleted');

CREATE TABLE charter_custody_isolations (
  id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  custody_id        BIGINT NOT NULL UNIQUE REFERENCES charter_custody (id),
  place             TEXT NOT NULL CHECK (length(place) BETWEEN 2 AND 200),
  start_date        TEXT NOT NULL CHECK (kakou_is_date(start_date)),
  planned_end       TEXT NOT NULL CHECK (kakou_is_date(planned_end) AND planned_end > start_date),
  responsible       TEXT NOT NULL CHECK (length(responsible) BETWEEN 1 AND 40),
  recorded_at       TEXT NOT NULL,
  recorded_by       BIGINT REFERENCES users (id),
  ended_on          TEXT CHECK (ended_on IS NULL OR (kakou_is_date(ended_on) AND ended_on >= start_date)),
  end_recorded_at   TEXT,
  ended_by          BIGINT REFERENCES users (id)
);
CREATE INDEX charter_custody_isolations_open ON charter_custody_isolations (planned_end) WHERE ended_on IS NULL;
CREATE TRIGGER charter_custody_isolations_immutable
BEFORE UPDATE OF id, custody_id, place, start_date, planned_end, responsible, recorded_at, recorded_by ON charter_custody_isolations
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('an isolation arrangement is fixed once recorded');
CREATE TRIGGER charter_custody_isolations_end_once
BEFORE UPDATE OF ended_on, end_recorded_at, ended_by ON charter_custody_isolations
FOR EACH ROW WHEN (OLD.ended_on IS NOT NULL)
EXECUTE FUNCTION kakou_refuse('the end of an isolation is recorded once');
CREATE TRIGGER charter_custody_isolations_no_delete BEFORE DELETE ON charter_custody_isolations
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('isolation records are never deleted');
CREATE TRIGGER charter_custody_isolations_no_truncate BEFORE TRUNCATE ON charter_custody_isolations
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('isolation records are never deleted');

CREATE TABLE charter_custody_overdue (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  custody_id  BIGINT NOT NULL REFERENCES charter_custody (id),
  kind        TEXT NOT NULL CHECK (kind IN ('isolation_unrecorded', 'isolation_end')),
  since       TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (custody_id, kind)
);
CREATE TRIGGER charter_custody_overdue_immutable BEFORE UPDATE ON charter_custody_overdue
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('overdue records are fixed once written');
CREATE TRIGGER charter_custody_overdue_no_delete BEFORE DELETE ON charter_custody_overdue
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('overdue records are never deleted');
CREATE TRIGGER charter_custody_overdue_no_truncate BEFORE TRUNCATE ON charter_custody_overdue
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('overdue records are never deleted');

CREATE TABLE charter_check_flags (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  event_id    TEXT NOT NULL REFERENCES events (id),
  kind        TEXT NOT NULL CHECK (kind IN ('unknown_run', 'md_mismatch', 'count_mismatch', 'ent_mismatch')),
  place       BIGINT NOT NULL DEFAULT -1 CHECK (place >= -1),
  detail      TEXT NOT NULL DEFAULT '{}' CHECK (kakou_json_valid(detail)),
  created_at  TEXT NOT NULL,
  UNIQUE (event_id, kind, place)
);
CREATE TRIGGER charter_check_flags_immutable BEFORE UPDATE ON charter_check_flags
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('charter check flags are fixed once written');
CREATE TRIGGER charter_check_flags_no_delete BEFORE DELETE ON charter_check_flags
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('charter check flags are never deleted');
CREATE TRIGGER charter_check_flags_no_truncate BEFORE TRUNCATE ON charter_check_flags
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('charter check flags are never deleted');
