-- @sqlite
-- Item 7, continued: the charter pass issued when the bureau approves a run, and the entry
-- checkpoints where the coach is expected. See docs/charter.md and docs/charter-pass.md.
-- Timestamps are ISO-8601 UTC text; nbf and exp are epoch seconds as in the signed pass.

-- The entry checkpoint(s) where an approved run's coach is expected, chosen by the bureau when it
-- approves: the expected-runs document of each of these checkpoints carries the run's manifest.
CREATE TABLE charter_run_checkpoints (
  run_id         INTEGER NOT NULL REFERENCES charter_runs (id),
  checkpoint_id  INTEGER NOT NULL REFERENCES checkpoints (id),
  PRIMARY KEY (run_id, checkpoint_id)
) WITHOUT ROWID;
CREATE INDEX charter_run_checkpoints_checkpoint ON charter_run_checkpoints (checkpoint_id, run_id);
-- Written in the approval's transaction, after the run became approved and before its pass is
-- stored; fixed from then on.
CREATE TRIGGER charter_run_checkpoints_approved_only BEFORE INSERT ON charter_run_checkpoints
WHEN (SELECT status FROM charter_runs WHERE id = NEW.run_id) IS NOT 'approved'
  OR EXISTS (SELECT 1 FROM charter_passes WHERE run_id = NEW.run_id)
BEGIN SELECT RAISE(ABORT, 'checkpoints are set when a charter run is approved'); END;
CREATE TRIGGER charter_run_checkpoints_no_update BEFORE UPDATE ON charter_run_checkpoints
BEGIN SELECT RAISE(ABORT, 'the checkpoints of an approved charter run are fixed'); END;
CREATE TRIGGER charter_run_checkpoints_no_delete BEFORE DELETE ON charter_run_checkpoints
BEGIN SELECT RAISE(ABORT, 'the checkpoints of an approved charter run are fixed'); END;

-- The signed charter pass of an approved run (one per run). `jws` is the compact JWS printed as the
-- QR code; `md` the manifest digest it binds. Revocation is set once (and the jti then goes into
-- the shared `revocations` feed, which the scanners check by id for freight and charter alike).
CREATE TABLE charter_passes (
  id             INTEGER PRIMARY KEY,
  jti            TEXT NOT NULL UNIQUE CHECK (length(jti) BETWEEN 1 AND 16),
  run_id         INTEGER NOT NULL UNIQUE REFERENCES charter_runs (id),
  kid            TEXT NOT NULL REFERENCES signing_keys (kid),
  jws            TEXT NOT NULL,
  md             TEXT NOT NULL CHECK (length(md) = 43),
  passengers     INTEGER NOT NULL CHECK (passengers BETWEEN 1 AND 99),
  nbf            INTEGER NOT NULL,
  exp            INTEGER NOT NULL,
  issued_at      TEXT NOT NULL,
  issued_by      INTEGER NOT NULL REFERENCES users (id),
  revoked_at     TEXT,
  revoked_by     INTEGER REFERENCES users (id),
  revoke_reason  TEXT,
  CHECK (exp > nbf),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL))
);
-- A pass is issued for an approved run only.
CREATE TRIGGER charter_passes_approved_only BEFORE INSERT ON charter_passes
WHEN (SELECT status FROM charter_runs WHERE id = NEW.run_id) IS NOT 'approved'
BEGIN SELECT RAISE(ABORT, 'a charter pass is issued for an approved run only'); END;
-- Charter and freight pass ids share the revocation feed: they must not collide.
CREATE TRIGGER charter_passes_jti_not_freight BEFORE INSERT ON charter_passes
WHEN EXISTS (SELECT 1 FROM passes WHERE pass_no = NEW.jti)
BEGIN SELECT RAISE(ABORT, 'charter pass id already used by a freight pass'); END;
CREATE TRIGGER charter_passes_no_delete BEFORE DELETE ON charter_passes
BEGIN SELECT RAISE(ABORT, 'charter passes are never deleted'); END;
CREATE TRIGGER charter_passes_content_fixed BEFORE UPDATE ON charter_passes
WHEN NEW.id IS NOT OLD.id OR NEW.jti IS NOT OLD.jti OR NEW.run_id IS NOT OLD.run_id OR NEW.kid IS NOT OLD.kid
  OR NEW.jws IS NOT OLD.jws OR NEW.md IS NOT OLD.md OR NEW.passengers IS NOT OLD.passengers OR NEW.nbf IS NOT OLD.nbf
  OR NEW.exp IS NOT OLD.exp OR NEW.issued_at IS NOT OLD.issued_at OR NEW.issued_by IS NOT OLD.issued_by
BEGIN SELECT RAISE(ABORT, 'a charter pass is fixed once issued'); END;
CREATE TRIGGER charter_passes_revoked_once BEFORE UPDATE ON charter_passes
WHEN OLD.revoked_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a charter pass revocation is final'); END;
-- @postgres
-- WITHOUT ROWID on SQLite: a plain table keyed by its primary key here.
CREATE TABLE charter_run_checkpoints (
  run_id         BIGINT NOT NULL REFERENCES charter_runs (id),
  checkpoint_id  BIGINT NOT NULL REFERENCES checkpoints (id),
  PRIMARY KEY (run_id, checkpoint_id)
);
CREATE INDEX charter_run_checkpoints_checkpoint ON charter_run_checkpoints (checkpoint_id, run_id);
CREATE FUNCTION charter_run_checkpoints_approved_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM charter_runs WHERE id = NEW.run_id) IS DISTINCT FROM 'approved'
     OR EXISTS (SELECT 1 FROM charter_passes WHERE run_id = NEW.run_id) THEN
    RAISE EXCEPTION USING MESSAGE = 'checkpoints are set when a charter run is approved', ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER charter_run_checkpoints_approved_only BEFORE INSERT ON charter_run_checkpoints
FOR EACH ROW EXECUTE FUNCTION charter_run_checkpoints_approved_only();
CREATE TRIGGER charter_run_checkpoints_no_update BEFORE UPDATE ON charter_run_checkpoints
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('the checkpoints of an approved charter run are fixed');
CREATE TRIGGER charter_run_checkpoints_no_delete BEFORE DELETE ON charter_run_checkpoints
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('the checkpoints of an approved charter run are fixed');
CREATE TRIGGER charter_run_checkpoints_no_truncate BEFORE TRUNCATE ON charter_run_checkpoints
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('the checkpoints of an approved charter run are fixed');

CREATE TABLE charter_passes (
  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  jti            TEXT NOT NULL UNIQUE CHECK (length(jti) BETWEEN 1 AND 16),
  run_id         BIGINT NOT NULL UNIQUE REFERENCES charter_runs (id),
  kid            TEXT NOT NULL REFERENCES signing_keys (kid),
  jws            TEXT NOT NULL,
  md             TEXT NOT NULL CHECK (length(md) = 43),
  passengers     BIGINT NOT NULL CHECK (passengers BETWEEN 1 AND 99),
  nbf            BIGINT NOT NULL,
  exp            BIGINT NOT NULL,
  issued_at      TEXT NOT NULL,
  issued_by      BIGINT NOT NULL REFERENCES users (id),
  revoked_at     TEXT,
  revoked_by     BIGINT REFERENCES users (id),
  revoke_reason  TEXT,
  CHECK (exp > nbf),
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL))
);
CREATE FUNCTION charter_passes_approved_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM charter_runs WHERE id = NEW.run_id) IS DISTINCT FROM 'approved' THEN
    RAISE EXCEPTION USING MESSAGE = 'a charter pass is issued for an approved run only', ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER charter_passes_approved_only BEFORE INSERT ON charter_passes
FOR EACH ROW EXECUTE FUNCTION charter_passes_approved_only();
CREATE FUNCTION charter_passes_jti_not_freight() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM passes WHERE pass_no = NEW.jti) THEN
    RAISE EXCEPTION USING MESSAGE = 'charter pass id already used by a freight pass', ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER charter_passes_jti_not_freight BEFORE INSERT ON charter_passes
FOR EACH ROW EXECUTE FUNCTION charter_passes_jti_not_freight();
CREATE TRIGGER charter_passes_no_delete BEFORE DELETE ON charter_passes
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('charter passes are never deleted');
CREATE TRIGGER charter_passes_no_truncate BEFORE TRUNCATE ON charter_passes
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('charter passes are never deleted');
CREATE TRIGGER charter_passes_content_fixed BEFORE UPDATE ON charter_passes
FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id OR NEW.jti IS DISTINCT FROM OLD.jti OR NEW.run_id IS DISTINCT FROM OLD.run_id
  OR NEW.kid IS DISTINCT FROM OLD.kid OR NEW.jws IS DISTINCT FROM OLD.jws OR NEW.md IS DISTINCT FROM OLD.md
  OR NEW.passengers IS DISTINCT FROM OLD.passengers OR NEW.nbf IS DISTINCT FROM OLD.nbf OR NEW.exp IS DISTINCT FROM OLD.exp
  OR NEW.issued_at IS DISTINCT FROM OLD.issued_at OR NEW.issued_by IS DISTINCT FROM OLD.issued_by)
EXECUTE FUNCTION kakou_refuse('a charter pass is fixed once issued');
CREATE TRIGGER charter_passes_revoked_once BEFORE UPDATE ON charter_passes
FOR EACH ROW WHEN (OLD.revoked_at IS NOT NULL)
EXECUTE FUNCTION kakou_refuse('a charter pass revocation is final');
