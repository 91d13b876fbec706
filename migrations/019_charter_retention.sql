-- @sqlite
-- Issue 14, retention of the charter manifests (docs/audit-log.md "Personal fields and retention"):
-- like 017, each trigger that freezes a personal column of migrations 011 and 012 is recreated so
-- that it admits exactly one more change, the erasure, compared here against the exact erased
-- values; everything else these triggers refused they still refuse.
--
-- A run is erased as a whole, marked by charter_runs.redacted_at (the erasure's time): its driver
-- first, then its passengers and its pass, which the triggers below only let go once the run is
-- marked. An erased run is final whatever its status, and its manifest can no longer be replaced.

-- 1. charter_runs: the driver's name, ID (ciphertext and last four) and phone.
ALTER TABLE charter_runs ADD COLUMN redacted_at TEXT;
DROP TRIGGER charter_runs_decided_final;
CREATE TRIGGER charter_runs_decided_final
BEFORE UPDATE ON charter_runs
WHEN OLD.status IN ('approved', 'rejected', 'cancelled') AND NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'a decided or cancelled charter run is final'); END;
CREATE TRIGGER charter_runs_redacted_final
BEFORE UPDATE ON charter_runs
WHEN OLD.redacted_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an erased charter run is final'); END;
-- The erasure itself: only after the run's window ended, only the driver's fields, to exactly these values.
CREATE TRIGGER charter_runs_redaction
BEFORE UPDATE ON charter_runs
WHEN NEW.redacted_at IS NOT OLD.redacted_at AND (
     OLD.redacted_at IS NOT NULL OR NEW.redacted_at IS NULL OR OLD.arrival_by >= NEW.redacted_at
  OR NEW.id IS NOT OLD.id OR NEW.carrier_id IS NOT OLD.carrier_id OR NEW.plate IS NOT OLD.plate
  OR NEW.departure_at IS NOT OLD.departure_at OR NEW.arrival_by IS NOT OLD.arrival_by OR NEW.route IS NOT OLD.route
  OR NEW.origin_region IS NOT OLD.origin_region OR NEW.status IS NOT OLD.status OR NEW.created_by IS NOT OLD.created_by
  OR NEW.created_at IS NOT OLD.created_at OR NEW.updated_at IS NOT OLD.updated_at OR NEW.decided_by IS NOT OLD.decided_by
  OR NEW.decided_at IS NOT OLD.decided_at OR NEW.decision_reason IS NOT OLD.decision_reason
  OR NEW.driver_name IS NOT '已删除/erased' OR NEW.driver_id_enc IS NOT '已删除/erased'
  OR NEW.driver_id_last4 IS NOT '****' OR NEW.driver_phone_enc IS NOT '已删除/erased')
BEGIN SELECT RAISE(ABORT, 'a charter run is erased once, after its window, and only its driver''s personal fields'); END;
CREATE INDEX charter_runs_retention ON charter_runs (arrival_by) WHERE redacted_at IS NULL;

-- 2. charter_passengers: still never edited, except the erasure of every personal column of a
-- passenger of an erased run. id_hmac becomes 'erased:' || id, which keeps UNIQUE (run_id, id_hmac).
DROP TRIGGER charter_passengers_no_update;
CREATE TRIGGER charter_passengers_no_update BEFORE UPDATE ON charter_passengers
WHEN (SELECT redacted_at FROM charter_runs WHERE id = OLD.run_id) IS NULL
  OR OLD.name IS '已删除/erased'
  OR NEW.id IS NOT OLD.id OR NEW.run_id IS NOT OLD.run_id OR NEW.need_id IS NOT OLD.need_id
  OR NEW.enterprise_id IS NOT OLD.enterprise_id OR NEW.seq IS NOT OLD.seq OR NEW.origin_region IS NOT OLD.origin_region
  OR NEW.created_at IS NOT OLD.created_at
  OR NEW.name IS NOT '已删除/erased' OR NEW.id_number_enc IS NOT '已删除/erased' OR NEW.id_hmac IS NOT ('erased:' || OLD.id)
  OR NEW.id_last4 IS NOT '****' OR NEW.phone_enc IS NOT '已删除/erased' OR NEW.stays IS NOT '[]'
BEGIN SELECT RAISE(ABORT, 'a passenger row is replaced, never edited (only erased, once, after its run)'); END;
DROP TRIGGER charter_passengers_frozen_insert;
CREATE TRIGGER charter_passengers_frozen_insert BEFORE INSERT ON charter_passengers
WHEN (SELECT status FROM charter_runs WHERE id = NEW.run_id) NOT IN ('planned', 'confirmed')
  OR (SELECT redacted_at FROM charter_runs WHERE id = NEW.run_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the manifest of a decided charter run is fixed'); END;
DROP TRIGGER charter_passengers_frozen_delete;
CREATE TRIGGER charter_passengers_frozen_delete BEFORE DELETE ON charter_passengers
WHEN (SELECT status FROM charter_runs WHERE id = OLD.run_id) NOT IN ('planned', 'confirmed')
  OR (SELECT redacted_at FROM charter_runs WHERE id = OLD.run_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the manifest of a decided charter run is fixed'); END;

-- 3. charter_passes: the signed pass names the driver with an ID suffix. Its jws may become the
-- marker once its run is erased and it expired before that erasure; jti, digest, counts, dates and
-- the revocation stay (the revocation feed and the checks that presented it keep their meaning).
DROP TRIGGER charter_passes_content_fixed;
CREATE TRIGGER charter_passes_content_fixed BEFORE UPDATE ON charter_passes
WHEN NEW.id IS NOT OLD.id OR NEW.jti IS NOT OLD.jti OR NEW.run_id IS NOT OLD.run_id OR NEW.kid IS NOT OLD.kid
  OR NEW.md IS NOT OLD.md OR NEW.passengers IS NOT OLD.passengers OR NEW.nbf IS NOT OLD.nbf
  OR NEW.exp IS NOT OLD.exp OR NEW.issued_at IS NOT OLD.issued_at OR NEW.issued_by IS NOT OLD.issued_by
  OR (NEW.jws IS NOT OLD.jws AND (NEW.jws IS NOT '已删除/erased'
      OR NOT EXISTS (SELECT 1 FROM charter_runs r WHERE r.id = OLD.run_id AND r.redacted_at IS NOT NULL
                     AND OLD.exp < CAST(strftime('%s', r.redacted_at) AS INTEGER))))
BEGIN SELECT RAISE(ABORT, 'a charter pass is fixed once issued'); END;
DROP TRIGGER charter_passes_revoked_once;
CREATE TRIGGER charter_passes_revoked_once BEFORE UPDATE ON charter_passes
WHEN OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS NOT OLD.revoked_at OR NEW.revoked_by IS NOT OLD.revoked_by
  OR NEW.revoke_reason IS NOT OLD.revoke_reason OR NEW.jws IS OLD.jws)
BEGIN SELECT RAISE(ABORT, 'a charter pass revocation is final'); END;

-- 4. charter_needs had no update guard: the contact becomes the marker (both fields at once), and
-- stays erased.
CREATE TRIGGER charter_needs_contact_erasure BEFORE UPDATE OF contact_name, contact_phone ON charter_needs
WHEN OLD.contact_name IS '已删除/erased' AND (NEW.contact_name IS NOT OLD.contact_name OR NEW.contact_phone IS NOT OLD.contact_phone)
  OR (NEW.contact_name IS '已删除/erased') IS NOT (NEW.contact_phone IS '已删除/erased')
BEGIN SELECT RAISE(ABORT, 'an erased contact stays erased'); END;
-- @postgres
-- 1. charter_runs
ALTER TABLE charter_runs ADD COLUMN redacted_at TEXT;
DROP TRIGGER charter_runs_decided_final ON charter_runs;
CREATE TRIGGER charter_runs_decided_final
BEFORE UPDATE ON charter_runs
FOR EACH ROW WHEN (OLD.status IN ('approved', 'rejected', 'cancelled') AND NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL))
EXECUTE FUNCTION kakou_refuse('a decided or cancelled charter run is final');
CREATE TRIGGER charter_runs_redacted_final
BEFORE UPDATE ON charter_runs
FOR EACH ROW WHEN (OLD.redacted_at IS NOT NULL)
EXECUTE FUNCTION kakou_refuse('an erased charter run is final');
CREATE TRIGGER charter_runs_redaction
BEFORE UPDATE ON charter_runs
FOR EACH ROW WHEN (NEW.redacted_at IS DISTINCT FROM OLD.redacted_at AND (
     OLD.redacted_at IS NOT NULL OR NEW.redacted_at IS NULL OR OLD.arrival_by >= NEW.redacted_at
  OR NEW.id IS DISTINCT FROM OLD.id OR NEW.carrier_id IS DISTINCT FROM OLD.carrier_id OR NEW.plate IS DISTINCT FROM OLD.plate
  OR NEW.departure_at IS DISTINCT FROM OLD.departure_at OR NEW.arrival_by IS DISTINCT FROM OLD.arrival_by OR NEW.route IS DISTINCT FROM OLD.route
  OR NEW.origin_region IS DISTINCT FROM OLD.origin_region OR NEW.status IS DISTINCT FROM OLD.status OR NEW.created_by IS DISTINCT FROM OLD.created_by
  OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.updated_at IS DISTINCT FROM OLD.updated_at OR NEW.decided_by IS DISTINCT FROM OLD.decided_by
  OR NEW.decided_at IS DISTINCT FROM OLD.decided_at OR NEW.decision_reason IS DISTINCT FROM OLD.decision_reason
  OR NEW.driver_name IS DISTINCT FROM '已删除/erased' OR NEW.driver_id_enc IS DISTINCT FROM '已删除/erased'
  OR NEW.driver_id_last4 IS DISTINCT FROM '****' OR NEW.driver_phone_enc IS DISTINCT FROM '已删除/erased'))
EXECUTE FUNCTION kakou_refuse('a charter run is erased once, after its window, and only its driver''s personal fields');
CREATE INDEX charter_runs_retention ON charter_runs (arrival_by) WHERE redacted_at IS NULL;

-- 2. charter_passengers
DROP TRIGGER charter_passengers_no_update ON charter_passengers;
CREATE FUNCTION charter_passengers_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT redacted_at FROM charter_runs WHERE id = OLD.run_id) IS NULL
     OR OLD.name IS NOT DISTINCT FROM '已删除/erased'
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.run_id IS DISTINCT FROM OLD.run_id OR NEW.need_id IS DISTINCT FROM OLD.need_id
     OR NEW.enterprise_id IS DISTINCT FROM OLD.enterprise_id OR NEW.seq IS DISTINCT FROM OLD.seq OR NEW.origin_region IS DISTINCT FROM OLD.origin_region
     OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.name IS DISTINCT FROM '已删除/erased' OR NEW.id_number_enc IS DISTINCT FROM '已删除/erased' OR NEW.id_hmac IS DISTINCT FROM ('erased:' || OLD.id)
     OR NEW.id_last4 IS DISTINCT FROM '****' OR NEW.phone_enc IS DISTINCT FROM '已删除/erased' OR NEW.stays IS DISTINCT FROM '[]' THEN
    RAISE EXCEPTION USING MESSAGE = 'a passenger row is replaced, never edited (only erased, once, after its run)',
      ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER charter_passengers_no_update BEFORE UPDATE ON charter_passengers
FOR EACH ROW EXECUTE FUNCTION charter_passengers_no_update();
-- frozen_insert and frozen_delete (011) share one function: it gains the erased-run condition.
CREATE OR REPLACE FUNCTION charter_passengers_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target_run bigint := CASE TG_OP WHEN 'DELETE' THEN OLD.run_id ELSE NEW.run_id END;
BEGIN
  IF (SELECT status FROM charter_runs WHERE id = target_run) NOT IN ('planned', 'confirmed')
     OR (SELECT redacted_at FROM charter_runs WHERE id = target_run) IS NOT NULL THEN
    RAISE EXCEPTION USING MESSAGE = 'the manifest of a decided charter run is fixed', ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

-- 3. charter_passes
DROP TRIGGER charter_passes_content_fixed ON charter_passes;
CREATE FUNCTION charter_passes_content_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.jti IS DISTINCT FROM OLD.jti OR NEW.run_id IS DISTINCT FROM OLD.run_id OR NEW.kid IS DISTINCT FROM OLD.kid
     OR NEW.md IS DISTINCT FROM OLD.md OR NEW.passengers IS DISTINCT FROM OLD.passengers OR NEW.nbf IS DISTINCT FROM OLD.nbf
     OR NEW.exp IS DISTINCT FROM OLD.exp OR NEW.issued_at IS DISTINCT FROM OLD.issued_at OR NEW.issued_by IS DISTINCT FROM OLD.issued_by
     OR (NEW.jws IS DISTINCT FROM OLD.jws AND (NEW.jws IS DISTINCT FROM '已删除/erased'
         OR NOT EXISTS (SELECT 1 FROM charter_runs r WHERE r.id = OLD.run_id AND r.redacted_at IS NOT NULL
                        AND OLD.exp < kakou_unixepoch(r.redacted_at)))) THEN
    RAISE EXCEPTION USING MESSAGE = 'a charter pass is fixed once issued', ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER charter_passes_content_fixed BEFORE UPDATE ON charter_passes
FOR EACH ROW EXECUTE FUNCTION charter_passes_content_fixed();
DROP TRIGGER charter_passes_revoked_once ON charter_passes;
CREATE TRIGGER charter_passes_revoked_once BEFORE UPDATE ON charter_passes
FOR EACH ROW WHEN (OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by
  OR NEW.revoke_reason IS DISTINCT FROM OLD.revoke_reason OR NEW.jws IS NOT DISTINCT FROM OLD.jws))
EXECUTE FUNCTION kakou_refuse('a charter pass revocation is final');

-- 4. charter_needs
CREATE TRIGGER charter_needs_contact_erasure BEFORE UPDATE OF contact_name, contact_phone ON charter_needs
FOR EACH ROW WHEN ((OLD.contact_name IS NOT DISTINCT FROM '已删除/erased' AND (NEW.contact_name IS DISTINCT FROM OLD.contact_name OR NEW.contact_phone IS DISTINCT FROM OLD.contact_phone))
  OR ((NEW.contact_name IS NOT DISTINCT FROM '已删除/erased') IS DISTINCT FROM (NEW.contact_phone IS NOT DISTINCT FROM '已删除/erased')))
EXECUTE FUNCTION kakou_refuse('an erased contact stays erased');
