-- @sqlite
-- The escort loop (Kunshan measures items 6 and 7): from an ESCORT decision at a checkpoint to the
-- enterprise's isolation record. See docs/escorts.md.
--
-- One request per stored ESCORT check event, made when the check (or, in any order, its handover)
-- is ingested. What the checkpoint saw is copied once and never rewritten; what the enterprise and
-- the checkpoint add later is written once each. Triggers guard this as for events and the audit
-- log: the identity of a request never changes, its status only moves forward, a handover and an
-- arrival are set once, an isolation arrangement is fixed once recorded (only its end is added,
-- once), the timeline is append-only, and nothing here is ever deleted.
-- Timestamps are ISO-8601 UTC text with milliseconds; dates are China calendar dates (YYYY-MM-DD).

CREATE TABLE escort_requests (
  id                   INTEGER PRIMARY KEY,
  check_event_id       TEXT NOT NULL UNIQUE REFERENCES events (id),
  device_id            TEXT NOT NULL REFERENCES devices (id),
  checkpoint_id        INTEGER NOT NULL REFERENCES checkpoints (id),
  -- The pass's enterprise, or for a vehicle without a pass the receiver staff picked; null when the
  -- check named none known here (the bureau still sees the request).
  enterprise_id        INTEGER REFERENCES enterprises (id),
  pass_no              TEXT,
  plate                TEXT NOT NULL,
  -- [{ index, passIndex, name, idMasked, role, keyArea }]: names and masked IDs as the pass shows them, never more
  people               TEXT NOT NULL CHECK (json_valid(people) AND json_type(people) = 'array'),
  reasons              TEXT NOT NULL CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
  rule_set_version     INTEGER NOT NULL CHECK (rule_set_version >= 0),
  waiting_since        TEXT NOT NULL,                -- the check's device time, in UTC
  created_at           TEXT NOT NULL,
  status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dispatched', 'in_transit', 'arrived', 'closed')),
  updated_at           TEXT NOT NULL,
  -- Dispatch: whom the enterprise sends, and when they set off (the enterprise's word).
  escort_name          TEXT CHECK (escort_name IS NULL OR length(escort_name) BETWEEN 1 AND 20),
  escort_phone_enc     TEXT,                         -- AES-256-GCM like people's phones
  escort_phone_last4   TEXT CHECK (escort_phone_last4 IS NULL OR length(escort_phone_last4) = 4),
  dispatched_at        TEXT,
  dispatched_by        INTEGER REFERENCES users (id),
  dispatch_recorded_at TEXT,
  -- Handover at the checkpoint: the escort_handover event, and whom it names.
  handover_event_id    TEXT UNIQUE REFERENCES events (id),
  handover_at          TEXT,                         -- the handover's device time, in UTC
  handover_escort_name TEXT,
  handover_phone_last4 TEXT,
  -- Arrival at the enterprise's premises.
  arrived_at           TEXT,
  arrived_by           INTEGER REFERENCES users (id),
  arrival_recorded_at  TEXT,
  closed_at            TEXT,
  -- A different person at the handover than the one dispatched is flagged, never refused: the
  -- vehicle must not wait longer because a colleague came instead. A function of what is stored.
  escort_mismatch      INTEGER GENERATED ALWAYS AS (
    CASE WHEN handover_event_id IS NULL OR escort_name IS NULL THEN NULL
         WHEN replace(escort_name, ' ', '') <> replace(handover_escort_name, ' ', '') THEN 1
         WHEN escort_phone_last4 IS NOT NULL AND handover_phone_last4 IS NOT NULL AND escort_phone_last4 <> handover_phone_last4 THEN 1
         ELSE 0 END) VIRTUAL,
  CHECK ((escort_name IS NULL) = (dispatched_at IS NULL)),
  CHECK (status NOT IN ('in_transit', 'arrived', 'closed') OR handover_event_id IS NOT NULL OR arrived_at IS NOT NULL),
  CHECK (status NOT IN ('arrived', 'closed') OR arrived_at IS NOT NULL),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX escort_requests_enterprise ON escort_requests (enterprise_id, status);
CREATE INDEX escort_requests_checkpoint ON escort_requests (checkpoint_id, waiting_since);
CREATE INDEX escort_requests_active ON escort_requests (status) WHERE status <> 'closed';

CREATE TRIGGER escort_requests_identity_immutable
BEFORE UPDATE OF id, check_event_id, device_id, checkpoint_id, enterprise_id, pass_no, plate, people, reasons, rule_set_version, waiting_since, created_at ON escort_requests
BEGIN SELECT RAISE(ABORT, 'what the checkpoint recorded of an escort request is immutable'); END;
-- open < dispatched < in_transit < arrived < closed: the positions in this string grow in that order.
CREATE TRIGGER escort_requests_status_forward
BEFORE UPDATE OF status ON escort_requests
WHEN instr('open dispatched in_transit arrived closed', NEW.status) < instr('open dispatched in_transit arrived closed', OLD.status)
BEGIN SELECT RAISE(ABORT, 'an escort request never goes back'); END;
CREATE TRIGGER escort_requests_dispatch_before_handover
BEFORE UPDATE OF escort_name, escort_phone_enc, escort_phone_last4, dispatched_at, dispatched_by, dispatch_recorded_at ON escort_requests
WHEN OLD.handover_event_id IS NOT NULL OR OLD.arrived_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the dispatch is fixed once the vehicle was handed over'); END;
CREATE TRIGGER escort_requests_handover_once
BEFORE UPDATE OF handover_event_id, handover_at, handover_escort_name, handover_phone_last4 ON escort_requests
WHEN OLD.handover_event_id IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a handover is recorded once'); END;
CREATE TRIGGER escort_requests_arrival_once
BEFORE UPDATE OF arrived_at, arrived_by, arrival_recorded_at ON escort_requests
WHEN OLD.arrived_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an arrival is recorded once'); END;
CREATE TRIGGER escort_requests_no_delete BEFORE DELETE ON escort_requests
BEGIN SELECT RAISE(ABORT, 'escort requests are never deleted'); END;

-- Isolation arrangements (item 7), one per person of a request, by the person's index in `people`.
CREATE TABLE escort_isolations (
  id                INTEGER PRIMARY KEY,
  request_id        INTEGER NOT NULL REFERENCES escort_requests (id),
  person_index      INTEGER NOT NULL CHECK (person_index >= 0),
  place             TEXT NOT NULL CHECK (length(place) BETWEEN 2 AND 200),
  start_date        TEXT NOT NULL CHECK (date(start_date) IS start_date),
  planned_end       TEXT NOT NULL CHECK (date(planned_end) IS planned_end AND planned_end > start_date),
  responsible       TEXT NOT NULL CHECK (length(responsible) BETWEEN 1 AND 40),
  recorded_at       TEXT NOT NULL,
  recorded_by       INTEGER REFERENCES users (id),
  ended_on          TEXT CHECK (ended_on IS NULL OR (date(ended_on) IS ended_on AND ended_on >= start_date)),
  end_recorded_at   TEXT,
  ended_by          INTEGER REFERENCES users (id),
  UNIQUE (request_id, person_index)
);
CREATE INDEX escort_isolations_open ON escort_isolations (planned_end) WHERE ended_on IS NULL;

CREATE TRIGGER escort_isolations_immutable
BEFORE UPDATE OF id, request_id, person_index, place, start_date, planned_end, responsible, recorded_at, recorded_by ON escort_isolations
BEGIN SELECT RAISE(ABORT, 'an isolation arrangement is fixed once recorded'); END;
CREATE TRIGGER escort_isolations_end_once
BEFORE UPDATE OF ended_on, end_recorded_at, ended_by ON escort_isolations
WHEN OLD.ended_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the end of an isolation is recorded once'); END;
CREATE TRIGGER escort_isolations_no_delete BEFORE DELETE ON escort_isolations
BEGIN SELECT RAISE(ABORT, 'isolation records are never deleted'); END;

-- The timeline of each request, as the enterprise and the bureau read it. Append-only. `at` is when
-- the step happened by its own source (the device's clock for the decision and the handover, the
-- time the enterprise gave for a dispatch or an arrival, server time otherwise); `recorded_at` is
-- when the server learnt it. `ref` makes a step that may be reported twice (a replayed upload, an
-- overdue sweep) land once: the event id, or the overdue kind.
CREATE TABLE escort_timeline (
  id          INTEGER PRIMARY KEY,
  request_id  INTEGER NOT NULL REFERENCES escort_requests (id),
  kind        TEXT NOT NULL CHECK (kind IN ('requested', 'notified', 'dispatched', 'handed_over', 'arrived', 'isolation_started', 'isolation_ended', 'overdue', 'closed')),
  at          TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  actor_type  TEXT NOT NULL CHECK (actor_type IN ('user', 'device', 'system')),
  actor_name  TEXT NOT NULL,
  ref         TEXT,
  detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
);
CREATE INDEX escort_timeline_request ON escort_timeline (request_id, at, id);
CREATE UNIQUE INDEX escort_timeline_once ON escort_timeline (request_id, kind, ref) WHERE ref IS NOT NULL;

CREATE TRIGGER escort_timeline_no_update BEFORE UPDATE ON escort_timeline
BEGIN SELECT RAISE(ABORT, 'escort_timeline is append-only'); END;
CREATE TRIGGER escort_timeline_no_delete BEFORE DELETE ON escort_timeline
BEGIN SELECT RAISE(ABORT, 'escort_timeline is append-only'); END;

-- An enterprise's history is the checks of its own passes: found by the pass id the check names.
CREATE INDEX events_check_pass ON events (json_extract(payload, '$.passNo')) WHERE type = 'check';
-- @postgres
CREATE TABLE escort_requests (
  id                   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  check_event_id       TEXT NOT NULL UNIQUE REFERENCES events (id),
  device_id            TEXT NOT NULL REFERENCES devices (id),
  checkpoint_id        BIGINT NOT NULL REFERENCES checkpoints (id),
  enterprise_id        BIGINT REFERENCES enterprises (id),
  pass_no              TEXT,
  plate                TEXT NOT NULL,
  people               TEXT NOT NULL CHECK (kakou_json_valid(people) AND jsonb_typeof(kakou_jsonb(people)) = 'array'),
  reasons              TEXT NOT NULL CHECK (kakou_json_valid(reasons) AND jsonb_typeof(kakou_jsonb(reasons)) = 'array'),
  rule_set_version     BIGINT NOT NULL CHECK (rule_set_version >= 0),
  waiting_since        TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dispatched', 'in_transit', 'arrived', 'closed')),
  updated_at           TEXT NOT NULL,
  escort_name          TEXT CHECK (escort_name IS NULL OR length(escort_name) BETWEEN 1 AND 20),
  escort_phone_enc     TEXT,
  escort_phone_last4   TEXT CHECK (escort_phone_last4 IS NULL OR length(escort_phone_last4) = 4),
  dispatched_at        TEXT,
  dispatched_by        BIGINT REFERENCES users (id),
  dispatch_recorded_at TEXT,
  handover_event_id    TEXT UNIQUE REFERENCES events (id),
  handover_at          TEXT,
  handover_escort_name TEXT,
  handover_phone_last4 TEXT,
  arrived_at           TEXT,
  arrived_by           BIGINT REFERENCES users (id),
  arrival_recorded_at  TEXT,
  closed_at            TEXT,
  -- VIRTUAL on SQLite; PostgreSQL 15 has STORED generated columns only: the same value, kept in the row.
  escort_mismatch      BIGINT GENERATED ALWAYS AS (
    CASE WHEN handover_event_id IS NULL OR escort_name IS NULL THEN NULL
         WHEN replace(escort_name, ' ', '') <> replace(handover_escort_name, ' ', '') THEN 1
         WHEN escort_phone_last4 IS NOT NULL AND handover_phone_last4 IS NOT NULL AND escort_phone_last4 <> handover_phone_last4 THEN 1
         ELSE 0 END) STORED,
  CHECK ((escort_name IS NULL) = (dispatched_at IS NULL)),
  CHECK (status NOT IN ('in_transit', 'arrived', 'closed') OR handover_event_id IS NOT NULL OR arrived_at IS NOT NULL),
  CHECK (status NOT IN ('arrived', 'closed') OR arrived_at IS NOT NULL),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX escort_requests_enterprise ON escort_requests (enterprise_id, status);
CREATE INDEX escort_requests_checkpoint ON escort_requests (checkpoint_id, waiting_since);
CREATE INDEX escort_requests_active ON escort_requests (status) WHERE status <> 'closed';

CREATE TRIGGER escort_requests_identity_immutable
BEFORE UPDATE OF id, check_event_id, device_id, checkpoint_id, enterprise_id, pass_no, plate, people, reasons, rule_set_version, waiting_since, created_at ON escort_requests
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('what the checkpoint recorded of an escort request is immutable');
CREATE TRIGGER escort_requests_status_forward
BEFORE UPDATE OF status ON escort_requests
FOR EACH ROW WHEN (strpos('open dispatched in_transit arrived closed', NEW.status) < strpos('open dispatched in_transit arrived closed', OLD.status))
EXECUTE FUNCTION kakou_refuse('an escort request never goes back');
CREATE TRIGGER escort_requests_dispatch_before_handover
BEFORE UPDATE OF escort_name, escort_phone_enc, escort_phone_last4, dispatched_at, dispatched_by, dispatch_recorded_at ON escort_requests
FOR EACH ROW WHEN (OLD.handover_event_id IS NOT NULL OR OLD.arrived_at IS NOT NULL)
EXECUTE FUNCTION kakou_refuse('the dispatch is fixed once the vehicle was handed over');
CREATE TRIGGER escort_requests_handover_once
BEFORE UPDATE OF handover_event_id, handover_at, handover_escort_name, handover_phone_last4 ON escort_requests
FOR EACH ROW WHEN (OLD.handover_event_id IS NOT NULL)
EXECUTE FUNCTION kakou_refuse('a handover is recorded once');
CREATE TRIGGER escort_requests_arrival_once
BEFORE UPDATE OF arrived_at, arrived_by, arrival_recorded_at ON escort_requests
FOR EACH ROW WHEN (OLD.arrived_at IS NOT NULL)
EXECUTE FUNCTION kakou_refuse('an arrival is recorded once');
CREATE TRIGGER escort_requests_no_delete BEFORE DELETE ON escort_requests
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('escort requests are never deleted');
CREATE TRIGGER escort_requests_no_truncate BEFORE TRUNCATE ON escort_requests
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('escort requests are never deleted');

CREATE TABLE escort_isolations (
  id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  request_id        BIGINT NOT NULL REFERENCES escort_requests (id),
  person_index      BIGINT NOT NULL CHECK (person_index >= 0),
  place             TEXT NOT NULL CHECK (length(place) BETWEEN 2 AND 200),
  start_date        TEXT NOT NULL CHECK (kakou_is_date(start_date)),
  planned_end       TEXT NOT NULL CHECK (kakou_is_date(planned_end) AND planned_end > start_date),
  responsible       TEXT NOT NULL CHECK (length(responsible) BETWEEN 1 AND 40),
  recorded_at       TEXT NOT NULL,
  recorded_by       BIGINT REFERENCES users (id),
  ended_on          TEXT CHECK (ended_on IS NULL OR (kakou_is_date(ended_on) AND ended_on >= start_date)),
  end_recorded_at   TEXT,
  ended_by          BIGINT REFERENCES users (id),
  UNIQUE (request_id, person_index)
);
CREATE INDEX escort_isolations_open ON escort_isolations (planned_end) WHERE ended_on IS NULL;

CREATE TRIGGER escort_isolations_immutable
BEFORE UPDATE OF id, request_id, person_index, place, start_date, planned_end, responsible, recorded_at, recorded_by ON escort_isolations
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('an isolation arrangement is fixed once recorded');
CREATE TRIGGER escort_isolations_end_once
BEFORE UPDATE OF ended_on, end_recorded_at, ended_by ON escort_isolations
FOR EACH ROW WHEN (OLD.ended_on IS NOT NULL)
EXECUTE FUNCTION kakou_refuse('the end of an isolation is recorded once');
CREATE TRIGGER escort_isolations_no_delete BEFORE DELETE ON escort_isolations
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('isolation records are never deleted');
CREATE TRIGGER escort_isolations_no_truncate BEFORE TRUNCATE ON escort_isolations
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('isolation records are never deleted');

CREATE TABLE escort_timeline (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  request_id  BIGINT NOT NULL REFERENCES escort_requests (id),
  kind        TEXT NOT NULL CHECK (kind IN ('requested', 'notified', 'dispatched', 'handed_over', 'arrived', 'isolation_started', 'isolation_ended', 'overdue', 'closed')),
  at          TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  actor_type  TEXT NOT NULL CHECK (actor_type IN ('user', 'device', 'system')),
  actor_name  TEXT NOT NULL,
  ref         TEXT,
  detail      TEXT NOT NULL DEFAULT '{}' CHECK (kakou_json_valid(detail))
);
CREATE INDEX escort_timeline_request ON escort_timeline (request_id, at, id);
CREATE UNIQUE INDEX escort_timeline_once ON escort_timeline (request_id, kind, ref) WHERE ref IS NOT NULL;

CREATE TRIGGER escort_timeline_no_update BEFORE UPDATE ON escort_timeline
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('escort_timeline is append-only');
CREATE TRIGGER escort_timeline_no_delete BEFORE DELETE ON escort_timeline
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('escort_timeline is append-only');
CREATE TRIGGER escort_timeline_no_truncate BEFORE TRUNCATE ON escort_timeline
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('escort_timeline is append-only');

CREATE INDEX events_check_pass ON events ((payload::jsonb ->> 'passNo')) WHERE type = 'check';
