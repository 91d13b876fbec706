-- @sqlite
-- Issue 14, retention (docs/audit-log.md "Personal fields and retention"): after the configured
-- period the personal members of events and records are replaced by the marker 已删除/erased
-- (ERASED in src/core/audit/retention.ts), counts and decisions stay. The tables below are
-- append-only or write-once; each trigger that guards a personal column is recreated so that it
-- admits exactly one more change, the erasure, computed here in SQL so that nothing else can pass
-- for one. Everything else these triggers refused they still refuse.

-- 1. events. The device's hash and signature cover canonical; erasing a member changes canonical,
-- so the event keeps hash, sig and prev_hash (the device chain and the audit log's device.event
-- entry, which committed the hash at receipt, stay provable) and says redacted_at: "content
-- erased, hash kept". Only escort_handover events carry personal members (escortName,
-- escortPhoneLast4); checks and charter checks carry none by design (scanner to-input.ts).
ALTER TABLE events ADD COLUMN redacted_at TEXT;
DROP TRIGGER events_content_immutable;
CREATE TRIGGER events_content_immutable
BEFORE UPDATE OF id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, sig ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable (only the chain flags change)'); END;
CREATE TRIGGER events_redaction_only
BEFORE UPDATE OF payload, canonical, redacted_at ON events
WHEN OLD.redacted_at IS NOT NULL OR NEW.redacted_at IS NULL OR OLD.type IS NOT 'escort_handover'
  OR NEW.payload IS NOT json_remove(json_replace(OLD.payload, '$.escortName', '已删除/erased'), '$.escortPhoneLast4')
  OR NEW.canonical IS NOT json_remove(json_replace(OLD.canonical, '$.payload.escortName', '已删除/erased'), '$.payload.escortPhoneLast4')
BEGIN SELECT RAISE(ABORT, 'events are immutable (only the chain flags change, and a retention erasure of personal members, once)'); END;
CREATE INDEX events_retention ON events (received_at) WHERE type = 'escort_handover' AND redacted_at IS NULL;

-- 2. escort_requests: people (names, masked IDs), the dispatched escort, the handover's escort.
-- Only a closed request is erased. The escort_mismatch flag is kept: a mismatching handover name
-- becomes a different marker.
ALTER TABLE escort_requests ADD COLUMN redacted_at TEXT;
DROP TRIGGER escort_requests_identity_immutable;
CREATE TRIGGER escort_requests_identity_immutable
BEFORE UPDATE OF id, check_event_id, device_id, checkpoint_id, enterprise_id, pass_no, plate, people, reasons, rule_set_version, waiting_since, created_at ON escort_requests
WHEN NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'what the checkpoint recorded of an escort request is immutable'); END;
DROP TRIGGER escort_requests_dispatch_before_handover;
CREATE TRIGGER escort_requests_dispatch_before_handover
BEFORE UPDATE OF escort_name, escort_phone_enc, escort_phone_last4, dispatched_at, dispatched_by, dispatch_recorded_at ON escort_requests
WHEN (OLD.handover_event_id IS NOT NULL OR OLD.arrived_at IS NOT NULL) AND NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'the dispatch is fixed once the vehicle was handed over'); END;
DROP TRIGGER escort_requests_handover_once;
CREATE TRIGGER escort_requests_handover_once
BEFORE UPDATE OF handover_event_id, handover_at, handover_escort_name, handover_phone_last4 ON escort_requests
WHEN OLD.handover_event_id IS NOT NULL AND NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'a handover is recorded once'); END;
CREATE TRIGGER escort_requests_redaction
BEFORE UPDATE OF redacted_at ON escort_requests
WHEN OLD.redacted_at IS NOT NULL OR NEW.redacted_at IS NULL OR OLD.status IS NOT 'closed'
  OR NEW.id IS NOT OLD.id OR NEW.check_event_id IS NOT OLD.check_event_id OR NEW.device_id IS NOT OLD.device_id
  OR NEW.checkpoint_id IS NOT OLD.checkpoint_id OR NEW.enterprise_id IS NOT OLD.enterprise_id OR NEW.pass_no IS NOT OLD.pass_no
  OR NEW.plate IS NOT OLD.plate OR NEW.reasons IS NOT OLD.reasons OR NEW.rule_set_version IS NOT OLD.rule_set_version
  OR NEW.waiting_since IS NOT OLD.waiting_since OR NEW.created_at IS NOT OLD.created_at OR NEW.status IS NOT OLD.status
  OR NEW.updated_at IS NOT OLD.updated_at OR NEW.dispatched_at IS NOT OLD.dispatched_at OR NEW.dispatched_by IS NOT OLD.dispatched_by
  OR NEW.dispatch_recorded_at IS NOT OLD.dispatch_recorded_at OR NEW.handover_event_id IS NOT OLD.handover_event_id
  OR NEW.handover_at IS NOT OLD.handover_at OR NEW.arrived_at IS NOT OLD.arrived_at OR NEW.arrived_by IS NOT OLD.arrived_by
  OR NEW.arrival_recorded_at IS NOT OLD.arrival_recorded_at OR NEW.closed_at IS NOT OLD.closed_at
  OR NEW.people IS NOT (SELECT json_group_array(json(json_replace(p.value, '$.name', '已删除/erased', '$.idMasked', '已删除/erased'))) FROM json_each(OLD.people) p)
  OR NEW.escort_name IS NOT (CASE WHEN OLD.escort_name IS NULL THEN NULL ELSE '已删除/erased' END)
  OR NEW.escort_phone_enc IS NOT NULL OR NEW.escort_phone_last4 IS NOT NULL OR NEW.handover_phone_last4 IS NOT NULL
  OR NEW.handover_escort_name IS NOT (CASE WHEN OLD.handover_escort_name IS NULL THEN NULL
                                           WHEN OLD.escort_mismatch = 1 THEN '已删除/erased ≠' ELSE '已删除/erased' END)
BEGIN SELECT RAISE(ABORT, 'an escort request is erased once, when closed, and only its personal fields'); END;

-- 3. Isolation records: the responsible person's name may become the marker once the isolation ended.
DROP TRIGGER escort_isolations_immutable;
CREATE TRIGGER escort_isolations_immutable
BEFORE UPDATE OF id, request_id, person_index, place, start_date, planned_end, responsible, recorded_at, recorded_by ON escort_isolations
WHEN NEW.id IS NOT OLD.id OR NEW.request_id IS NOT OLD.request_id OR NEW.person_index IS NOT OLD.person_index
  OR NEW.place IS NOT OLD.place OR NEW.start_date IS NOT OLD.start_date OR NEW.planned_end IS NOT OLD.planned_end
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
  OR (NEW.responsible IS NOT OLD.responsible AND (NEW.responsible IS NOT '已删除/erased' OR OLD.ended_on IS NULL))
BEGIN SELECT RAISE(ABORT, 'an isolation arrangement is fixed once recorded'); END;
DROP TRIGGER charter_custody_isolations_immutable;
CREATE TRIGGER charter_custody_isolations_immutable
BEFORE UPDATE OF id, custody_id, place, start_date, planned_end, responsible, recorded_at, recorded_by ON charter_custody_isolations
WHEN NEW.id IS NOT OLD.id OR NEW.custody_id IS NOT OLD.custody_id
  OR NEW.place IS NOT OLD.place OR NEW.start_date IS NOT OLD.start_date OR NEW.planned_end IS NOT OLD.planned_end
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
  OR (NEW.responsible IS NOT OLD.responsible AND (NEW.responsible IS NOT '已删除/erased' OR OLD.ended_on IS NULL))
BEGIN SELECT RAISE(ABORT, 'an isolation arrangement is fixed once recorded'); END;

-- 4. escort_timeline: append-only, except that the names in a step's detail become the marker and
-- a phone suffix goes (json_replace only replaces members that are there).
DROP TRIGGER escort_timeline_no_update;
CREATE TRIGGER escort_timeline_no_update BEFORE UPDATE ON escort_timeline
WHEN NEW.id IS NOT OLD.id OR NEW.request_id IS NOT OLD.request_id OR NEW.kind IS NOT OLD.kind OR NEW.at IS NOT OLD.at
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.actor_type IS NOT OLD.actor_type OR NEW.actor_name IS NOT OLD.actor_name
  OR NEW.ref IS NOT OLD.ref
  OR NEW.detail IS NOT json_remove(json_replace(OLD.detail, '$.escortName', '已删除/erased', '$.responsible', '已删除/erased'), '$.phoneLast4')
BEGIN SELECT RAISE(ABORT, 'escort_timeline is append-only'); END;
-- @postgres
-- SQLite's json_replace and json_remove as text: each gives back the document minified, in its own
-- member order (not jsonb's order and spacing), so the triggers below compare the erased text byte
-- for byte as SQLite's do, and the retention queries can compute it the same way on both engines.
-- Paths are SQLite's, member names only ('$.a.b'); a TEXT value is inserted as a JSON string, and a
-- member that is not there is left out (replace) or ignored (remove), as SQLite does.
CREATE FUNCTION kakou_json_min(doc json) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT AS $$
DECLARE
  kind text := json_typeof(doc);
  out text;
BEGIN
  IF kind = 'object' THEN
    SELECT '{' || coalesce(string_agg(to_json(e.key)::text || ':' || kakou_json_min(e.value), ',' ORDER BY e.ord), '') || '}'
      INTO out FROM json_each(doc) WITH ORDINALITY AS e(key, value, ord);
  ELSIF kind = 'array' THEN
    SELECT '[' || coalesce(string_agg(kakou_json_min(e.value), ',' ORDER BY e.ord), '') || ']'
      INTO out FROM json_array_elements(doc) WITH ORDINALITY AS e(value, ord);
  ELSE
    -- Scalars keep their text (number forms and string escapes as written).
    out := btrim(doc::text, E' \t\n\r');
  END IF;
  RETURN out;
END $$;

-- `val` NULL removes the member at `path`; otherwise it replaces it, when it is there.
CREATE FUNCTION kakou_json_edit(doc json, path text[], val json) RETURNS json LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT AS $$
DECLARE
  out text;
BEGIN
  IF doc IS NULL OR json_typeof(doc) <> 'object' OR coalesce(cardinality(path), 0) = 0 THEN RETURN doc; END IF;
  SELECT '{' || coalesce(string_agg(to_json(e.key)::text || ':' ||
           CASE WHEN e.key IS DISTINCT FROM path[1] THEN kakou_json_min(e.value)
                WHEN cardinality(path) > 1 THEN kakou_json_min(kakou_json_edit(e.value, path[2:], val))
                ELSE kakou_json_min(val) END, ',' ORDER BY e.ord)
           FILTER (WHERE NOT (e.key = path[1] AND cardinality(path) = 1 AND val IS NULL)), '') || '}'
    INTO out FROM json_each(doc) WITH ORDINALITY AS e(key, value, ord);
  RETURN out::json;
END $$;

CREATE FUNCTION kakou_json_path(path text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  IF path !~ '^\$(\.[A-Za-z0-9_]+)+$' THEN
    RAISE EXCEPTION 'kakou_json_path: only member paths such as $.a.b are supported, not %', path;
  END IF;
  RETURN string_to_array(substr(path, 3), '.');
END $$;

CREATE FUNCTION kakou_json_replace(doc text, path text, val text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT AS $$ SELECT kakou_json_min(kakou_json_edit(doc::json, kakou_json_path(path), to_json(val))) $$;
CREATE FUNCTION kakou_json_remove(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT AS $$ SELECT kakou_json_min(kakou_json_edit(doc::json, kakou_json_path(path), NULL)) $$;

-- 1. events
ALTER TABLE events ADD COLUMN redacted_at TEXT;
DROP TRIGGER events_content_immutable ON events;
CREATE TRIGGER events_content_immutable
BEFORE UPDATE OF id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, sig ON events
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('events are immutable (only the chain flags change)');
CREATE TRIGGER events_redaction_only
BEFORE UPDATE OF payload, canonical, redacted_at ON events
FOR EACH ROW WHEN (OLD.redacted_at IS NOT NULL OR NEW.redacted_at IS NULL OR OLD.type IS DISTINCT FROM 'escort_handover'
  OR NEW.payload IS DISTINCT FROM kakou_json_remove(kakou_json_replace(OLD.payload, '$.escortName', '已删除/erased'), '$.escortPhoneLast4')
  OR NEW.canonical IS DISTINCT FROM kakou_json_remove(kakou_json_replace(OLD.canonical, '$.payload.escortName', '已删除/erased'), '$.payload.escortPhoneLast4'))
EXECUTE FUNCTION kakou_refuse('events are immutable (only the chain flags change, and a retention erasure of personal members, once)');
CREATE INDEX events_retention ON events (received_at) WHERE type = 'escort_handover' AND redacted_at IS NULL;

-- 2. escort_requests
ALTER TABLE escort_requests ADD COLUMN redacted_at TEXT;
DROP TRIGGER escort_requests_identity_immutable ON escort_requests;
CREATE TRIGGER escort_requests_identity_immutable
BEFORE UPDATE OF id, check_event_id, device_id, checkpoint_id, enterprise_id, pass_no, plate, people, reasons, rule_set_version, waiting_since, created_at ON escort_requests
FOR EACH ROW WHEN (NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL))
EXECUTE FUNCTION kakou_refuse('what the checkpoint recorded of an escort request is immutable');
DROP TRIGGER escort_requests_dispatch_before_handover ON escort_requests;
CREATE TRIGGER escort_requests_dispatch_before_handover
BEFORE UPDATE OF escort_name, escort_phone_enc, escort_phone_last4, dispatched_at, dispatched_by, dispatch_recorded_at ON escort_requests
FOR EACH ROW WHEN ((OLD.handover_event_id IS NOT NULL OR OLD.arrived_at IS NOT NULL) AND NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL))
EXECUTE FUNCTION kakou_refuse('the dispatch is fixed once the vehicle was handed over');
DROP TRIGGER escort_requests_handover_once ON escort_requests;
CREATE TRIGGER escort_requests_handover_once
BEFORE UPDATE OF handover_event_id, handover_at, handover_escort_name, handover_phone_last4 ON escort_requests
FOR EACH ROW WHEN (OLD.handover_event_id IS NOT NULL AND NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL))
EXECUTE FUNCTION kakou_refuse('a handover is recorded once');
CREATE FUNCTION escort_requests_redaction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.redacted_at IS NOT NULL OR NEW.redacted_at IS NULL OR OLD.status IS DISTINCT FROM 'closed'
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.check_event_id IS DISTINCT FROM OLD.check_event_id OR NEW.device_id IS DISTINCT FROM OLD.device_id
     OR NEW.checkpoint_id IS DISTINCT FROM OLD.checkpoint_id OR NEW.enterprise_id IS DISTINCT FROM OLD.enterprise_id OR NEW.pass_no IS DISTINCT FROM OLD.pass_no
     OR NEW.plate IS DISTINCT FROM OLD.plate OR NEW.reasons IS DISTINCT FROM OLD.reasons OR NEW.rule_set_version IS DISTINCT FROM OLD.rule_set_version
     OR NEW.waiting_since IS DISTINCT FROM OLD.waiting_since OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.status IS DISTINCT FROM OLD.status
     OR NEW.updated_at IS DISTINCT FROM OLD.updated_at OR NEW.dispatched_at IS DISTINCT FROM OLD.dispatched_at OR NEW.dispatched_by IS DISTINCT FROM OLD.dispatched_by
     OR NEW.dispatch_recorded_at IS DISTINCT FROM OLD.dispatch_recorded_at OR NEW.handover_event_id IS DISTINCT FROM OLD.handover_event_id
     OR NEW.handover_at IS DISTINCT FROM OLD.handover_at OR NEW.arrived_at IS DISTINCT FROM OLD.arrived_at OR NEW.arrived_by IS DISTINCT FROM OLD.arrived_by
     OR NEW.arrival_recorded_at IS DISTINCT FROM OLD.arrival_recorded_at OR NEW.closed_at IS DISTINCT FROM OLD.closed_at
     -- json_group_array(json(json_replace(p.value, '$.name', M, '$.idMasked', M))) FROM json_each(OLD.people)
     OR NEW.people IS DISTINCT FROM (
          SELECT '[' || coalesce(string_agg(kakou_json_replace(kakou_json_replace(p.value::text, '$.name', '已删除/erased'), '$.idMasked', '已删除/erased'), ',' ORDER BY p.ord), '') || ']'
            FROM json_array_elements(OLD.people::json) WITH ORDINALITY AS p(value, ord))
     OR NEW.escort_name IS DISTINCT FROM (CASE WHEN OLD.escort_name IS NULL THEN NULL ELSE '已删除/erased' END)
     OR NEW.escort_phone_enc IS NOT NULL OR NEW.escort_phone_last4 IS NOT NULL OR NEW.handover_phone_last4 IS NOT NULL
     OR NEW.handover_escort_name IS DISTINCT FROM (CASE WHEN OLD.handover_escort_name IS NULL THEN NULL
                                                        WHEN OLD.escort_mismatch = 1 THEN '已删除/erased ≠' ELSE '已删除/erased' END) THEN
    RAISE EXCEPTION USING MESSAGE = 'an escort request is erased once, when closed, and only its personal fields',
      ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER escort_requests_redaction
BEFORE UPDATE OF redacted_at ON escort_requests
FOR EACH ROW EXECUTE FUNCTION escort_requests_redaction();

-- 3. Isolation records
DROP TRIGGER escort_isolations_immutable ON escort_isolations;
CREATE TRIGGER escort_isolations_immutable
BEFORE UPDATE OF id, request_id, person_index, place, start_date, planned_end, responsible, recorded_at, recorded_by ON escort_isolations
FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id OR NEW.request_id IS DISTINCT FROM OLD.request_id OR NEW.person_index IS DISTINCT FROM OLD.person_index
  OR NEW.place IS DISTINCT FROM OLD.place OR NEW.start_date IS DISTINCT FROM OLD.start_date OR NEW.planned_end IS DISTINCT FROM OLD.planned_end
  OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at OR NEW.recorded_by IS DISTINCT FROM OLD.recorded_by
  OR (NEW.responsible IS DISTINCT FROM OLD.responsible AND (NEW.responsible IS DISTINCT FROM '已删除/erased' OR OLD.ended_on IS NULL)))
EXECUTE FUNCTION kakou_refuse('an isolation arrangement is fixed once recorded');
DROP TRIGGER charter_custody_isolations_immutable ON charter_custody_isolations;
CREATE TRIGGER charter_custody_isolations_immutable
BEFORE UPDATE OF id, custody_id, place, start_date, planned_end, responsible, recorded_at, recorded_by ON charter_custody_isolations
FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id OR NEW.custody_id IS DISTINCT FROM OLD.custody_id
  OR NEW.place IS DISTINCT FROM OLD.place OR NEW.start_date IS DISTINCT FROM OLD.start_date OR NEW.planned_end IS DISTINCT FROM OLD.planned_end
  OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at OR NEW.recorded_by IS DISTINCT FROM OLD.recorded_by
  OR (NEW.responsible IS DISTINCT FROM OLD.responsible AND (NEW.responsible IS DISTINCT FROM '已删除/erased' OR OLD.ended_on IS NULL)))
EXECUTE FUNCTION kakou_refuse('an isolation arrangement is fixed once recorded');

-- 4. escort_timeline
DROP TRIGGER escort_timeline_no_update ON escort_timeline;
CREATE TRIGGER escort_timeline_no_update BEFORE UPDATE ON escort_timeline
FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id OR NEW.request_id IS DISTINCT FROM OLD.request_id OR NEW.kind IS DISTINCT FROM OLD.kind
  OR NEW.at IS DISTINCT FROM OLD.at OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at OR NEW.actor_type IS DISTINCT FROM OLD.actor_type
  OR NEW.actor_name IS DISTINCT FROM OLD.actor_name OR NEW.ref IS DISTINCT FROM OLD.ref
  OR NEW.detail IS DISTINCT FROM kakou_json_remove(kakou_json_replace(kakou_json_replace(OLD.detail, '$.escortName', '已删除/erased'), '$.responsible', '已删除/erased'), '$.phoneLast4'))
EXECUTE FUNCTION kakou_refuse('escort_timeline is append-only');
