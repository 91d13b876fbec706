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
