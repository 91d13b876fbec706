-- @sqlite
-- Device events (checks, escort handovers, staff sign-in/out) as uploaded by checkpoint devices.
--
-- One row per event id, stored exactly as the device signed it (canonical) and never rewritten:
-- triggers refuse UPDATE of any content column and every DELETE. Only the chain flags change, and
-- only as a function of the device's stored events (so the stored state does not depend on the
-- order in which uploads arrived):
--   gap         seq > 1 and no event of this device with seq − 1 is stored
--   broken_link seq 1 whose prev_hash is not the genesis hash, or events with seq − 1 are stored
--               and none of them hashes to prev_hash
--   fork        another event (another id) of this device has the same seq
-- There is deliberately no UNIQUE (device_id, seq): a second event with one seq is a fork, which is
-- evidence to keep, not an upload to refuse.

CREATE TABLE events (
  id              TEXT PRIMARY KEY,                -- the event's UUID, lower case
  device_id       TEXT NOT NULL REFERENCES devices (id),
  seq             INTEGER NOT NULL CHECK (seq >= 1),
  device_time     TEXT NOT NULL,                   -- as the device wrote it, with its UTC offset
  received_at     TEXT NOT NULL,                   -- ISO UTC, first receipt
  clock_offset_ms INTEGER NOT NULL,                -- received_at − device_time at first receipt
  prev_hash       TEXT NOT NULL CHECK (length(prev_hash) = 43),
  hash            TEXT NOT NULL CHECK (length(hash) = 43), -- eventHash: base64url SHA-256 of canonical
  type            TEXT NOT NULL CHECK (type IN ('check', 'escort_handover', 'staff_sign_in', 'staff_sign_out')),
  payload         TEXT NOT NULL CHECK (json_valid(payload)), -- JSON (RFC 8785 form), for queries
  canonical       TEXT NOT NULL,                   -- exactly the text the device signed
  sig             TEXT NOT NULL,                   -- base64url ECDSA P-256 over canonical
  gap             INTEGER NOT NULL DEFAULT 0 CHECK (gap IN (0, 1)),
  broken_link     INTEGER NOT NULL DEFAULT 0 CHECK (broken_link IN (0, 1)),
  fork            INTEGER NOT NULL DEFAULT 0 CHECK (fork IN (0, 1))
);
CREATE INDEX events_device_seq ON events (device_id, seq);
CREATE INDEX events_flagged ON events (device_id, seq) WHERE gap = 1 OR broken_link = 1 OR fork = 1;

CREATE TRIGGER events_content_immutable
BEFORE UPDATE OF id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable (only the chain flags change)'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are never deleted'); END;

-- Uploads that reuse a stored event's id with different content (canonical form). The stored event
-- is never replaced; each distinct twin is kept here once, with how often it was sent, for the bureau.
CREATE TABLE event_conflicts (
  id                INTEGER PRIMARY KEY,
  event_id          TEXT NOT NULL REFERENCES events (id),
  device_id         TEXT NOT NULL REFERENCES devices (id), -- the device that sent the twin
  hash              TEXT NOT NULL,                  -- eventHash of the twin
  canonical         TEXT NOT NULL,
  sig               TEXT NOT NULL,
  first_received_at TEXT NOT NULL,
  last_received_at  TEXT NOT NULL,
  attempts          INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  UNIQUE (event_id, hash)
);
CREATE INDEX event_conflicts_device ON event_conflicts (device_id);
-- @postgres
CREATE TABLE events (
  id              TEXT PRIMARY KEY,
  device_id       TEXT NOT NULL REFERENCES devices (id),
  seq             BIGINT NOT NULL CHECK (seq >= 1),
  device_time     TEXT NOT NULL,
  received_at     TEXT NOT NULL,
  clock_offset_ms BIGINT NOT NULL,
  prev_hash       TEXT NOT NULL CHECK (length(prev_hash) = 43),
  hash            TEXT NOT NULL CHECK (length(hash) = 43),
  type            TEXT NOT NULL CHECK (type IN ('check', 'escort_handover', 'staff_sign_in', 'staff_sign_out')),
  payload         TEXT NOT NULL CHECK (kakou_json_valid(payload)),
  canonical       TEXT NOT NULL,
  sig             TEXT NOT NULL,
  gap             BIGINT NOT NULL DEFAULT 0 CHECK (gap IN (0, 1)),
  broken_link     BIGINT NOT NULL DEFAULT 0 CHECK (broken_link IN (0, 1)),
  fork            BIGINT NOT NULL DEFAULT 0 CHECK (fork IN (0, 1))
);
CREATE INDEX events_device_seq ON events (device_id, seq);
CREATE INDEX events_flagged ON events (device_id, seq) WHERE gap = 1 OR broken_link = 1 OR fork = 1;

CREATE TRIGGER events_content_immutable
BEFORE UPDATE OF id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig ON events
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('events are immutable (only the chain flags change)');
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('events are never deleted');
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('events are never deleted');

CREATE TABLE event_conflicts (
  id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  event_id          TEXT NOT NULL REFERENCES events (id),
  device_id         TEXT NOT NULL REFERENCES devices (id),
  hash              TEXT NOT NULL,
  canonical         TEXT NOT NULL,
  sig               TEXT NOT NULL,
  first_received_at TEXT NOT NULL,
  last_received_at  TEXT NOT NULL,
  attempts          BIGINT NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  UNIQUE (event_id, hash)
);
CREATE INDEX event_conflicts_device ON event_conflicts (device_id);
