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
