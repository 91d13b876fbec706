-- @sqlite
-- Issue 14, audit console: the indexes behind the check search (/bureau/checks, GET /api/v1/audit/checks).
--
-- What the search filters on lives in the payload JSON. Each such value is exposed as a VIRTUAL
-- generated column (computed on read, nothing stored in the row; the immutability triggers of 013
-- are unaffected) and indexed with the search's sort key after it, (received_at, id), so that a
-- filter plus "newest first" plus a keyset cursor is one index range scan with no sort step and no
-- OFFSET. See docs/audit-console.md for the queries and their EXPLAIN QUERY PLAN.
--
--   ac_plate     the plate as staff read it, with the separators normalizePlate drops (space, middle
--                dot, hyphen) removed and upper-cased; the search normalises its input with normalizePlate
--   ac_decision  the decision (checks and charter checks)
--   ac_pass      the pass id presented (jti), null without a pass
--   ac_staff     the staff badge
--   ac_receiver  the receiving enterprise's credit code as the device recorded it (observations)
--   ac_fever     1 when the reasons include temp.fever_confirmed
--   ac_keyarea   1 when a keyarea.* reason other than keyarea.none is given
--   ac_anomaly   1 when any chain or reference flag is set (flags change; the index follows them)
-- Reasons are matched in the JSON text of the array with their quotes, so "temp.fever_confirmed"
-- does not match a longer code that starts with it.
ALTER TABLE events ADD COLUMN ac_plate TEXT GENERATED ALWAYS AS (
  upper(replace(replace(replace(replace(json_extract(payload, '$.plate'), ' ', ''), '·', ''), '-', ''), '・', ''))) VIRTUAL;
ALTER TABLE events ADD COLUMN ac_decision TEXT GENERATED ALWAYS AS (json_extract(payload, '$.decision')) VIRTUAL;
ALTER TABLE events ADD COLUMN ac_pass TEXT GENERATED ALWAYS AS (json_extract(payload, '$.passNo')) VIRTUAL;
ALTER TABLE events ADD COLUMN ac_staff TEXT GENERATED ALWAYS AS (json_extract(payload, '$.staffBadge')) VIRTUAL;
ALTER TABLE events ADD COLUMN ac_receiver TEXT GENERATED ALWAYS AS (json_extract(payload, '$.observations.receivingEnterprise')) VIRTUAL;
ALTER TABLE events ADD COLUMN ac_fever INTEGER GENERATED ALWAYS AS (
  instr(coalesce(json_extract(payload, '$.reasons'), ''), '"temp.fever_confirmed"') > 0) VIRTUAL;
ALTER TABLE events ADD COLUMN ac_keyarea INTEGER GENERATED ALWAYS AS (
  instr(replace(coalesce(json_extract(payload, '$.reasons'), ''), '"keyarea.none"', ''), '"keyarea.') > 0) VIRTUAL;
ALTER TABLE events ADD COLUMN ac_anomaly INTEGER GENERATED ALWAYS AS (
  gap OR broken_link OR fork OR unknown_staff OR cross_checkpoint) VIRTUAL;

-- The sort key alone: a time range, or no filter at all (the first page, a deep keyset page).
CREATE INDEX events_ac_time ON events (received_at, id);
-- Checkpoint (as the IN list of its devices) and device.
CREATE INDEX events_ac_device ON events (device_id, received_at, id);
CREATE INDEX events_ac_plate ON events (ac_plate, received_at, id) WHERE ac_plate IS NOT NULL;
CREATE INDEX events_ac_decision ON events (ac_decision, received_at, id) WHERE ac_decision IS NOT NULL;
CREATE INDEX events_ac_pass ON events (ac_pass, received_at, id) WHERE ac_pass IS NOT NULL;
CREATE INDEX events_ac_staff ON events (ac_staff, received_at, id);
CREATE INDEX events_ac_receiver ON events (ac_receiver, received_at, id) WHERE ac_receiver IS NOT NULL;
-- Rare conditions: partial indexes hold only the matching rows.
CREATE INDEX events_ac_fever ON events (received_at, id) WHERE ac_fever = 1;
CREATE INDEX events_ac_keyarea ON events (received_at, id) WHERE ac_keyarea = 1;
CREATE INDEX events_ac_anomaly ON events (received_at, id) WHERE ac_anomaly = 1;
-- Person search goes through the passes that carry them: people by name and by ID suffix.
CREATE INDEX people_ac_name ON people (name);
CREATE INDEX people_ac_last4 ON people (id_last4);
CREATE INDEX pass_people_ac_person ON pass_people (person_id);
-- @postgres
-- VIRTUAL on SQLite; PostgreSQL 15 has STORED generated columns only: the same values, kept in the
-- row (recomputed when payload or a flag changes). json_extract(payload, '$.a') is
-- (payload::jsonb ->> 'a'): text for a string member, as json_extract gives; for the reasons array
-- it is the array's JSON text, in which the quoted codes are looked for as on SQLite.
ALTER TABLE events ADD COLUMN ac_plate TEXT GENERATED ALWAYS AS (
  upper(replace(replace(replace(replace((payload::jsonb ->> 'plate'), ' ', ''), '·', ''), '-', ''), '・', ''))) STORED;
ALTER TABLE events ADD COLUMN ac_decision TEXT GENERATED ALWAYS AS ((payload::jsonb ->> 'decision')) STORED;
ALTER TABLE events ADD COLUMN ac_pass TEXT GENERATED ALWAYS AS ((payload::jsonb ->> 'passNo')) STORED;
ALTER TABLE events ADD COLUMN ac_staff TEXT GENERATED ALWAYS AS ((payload::jsonb ->> 'staffBadge')) STORED;
ALTER TABLE events ADD COLUMN ac_receiver TEXT GENERATED ALWAYS AS ((payload::jsonb #>> '{observations,receivingEnterprise}')) STORED;
ALTER TABLE events ADD COLUMN ac_fever BIGINT GENERATED ALWAYS AS (
  (strpos(coalesce((payload::jsonb ->> 'reasons'), ''), '"temp.fever_confirmed"') > 0)::int) STORED;
ALTER TABLE events ADD COLUMN ac_keyarea BIGINT GENERATED ALWAYS AS (
  (strpos(replace(coalesce((payload::jsonb ->> 'reasons'), ''), '"keyarea.none"', ''), '"keyarea.') > 0)::int) STORED;
ALTER TABLE events ADD COLUMN ac_anomaly BIGINT GENERATED ALWAYS AS (
  (gap <> 0 OR broken_link <> 0 OR fork <> 0 OR unknown_staff <> 0 OR cross_checkpoint <> 0)::int) STORED;

CREATE INDEX events_ac_time ON events (received_at, id);
CREATE INDEX events_ac_device ON events (device_id, received_at, id);
CREATE INDEX events_ac_plate ON events (ac_plate, received_at, id) WHERE ac_plate IS NOT NULL;
CREATE INDEX events_ac_decision ON events (ac_decision, received_at, id) WHERE ac_decision IS NOT NULL;
CREATE INDEX events_ac_pass ON events (ac_pass, received_at, id) WHERE ac_pass IS NOT NULL;
CREATE INDEX events_ac_staff ON events (ac_staff, received_at, id);
CREATE INDEX events_ac_receiver ON events (ac_receiver, received_at, id) WHERE ac_receiver IS NOT NULL;
CREATE INDEX events_ac_fever ON events (received_at, id) WHERE ac_fever = 1;
CREATE INDEX events_ac_keyarea ON events (received_at, id) WHERE ac_keyarea = 1;
CREATE INDEX events_ac_anomaly ON events (received_at, id) WHERE ac_anomaly = 1;
CREATE INDEX people_ac_name ON people (name);
CREATE INDEX people_ac_last4 ON people (id_last4);
CREATE INDEX pass_people_ac_person ON pass_people (person_id);
