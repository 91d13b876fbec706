-- @sqlite
-- Issue 14: the audit log becomes a hash chain with signed checkpoints (docs/audit-log.md).
--
-- 1. audit_log gains `pd`, the commitment to an entry's personal fields (which move to
--    audit_personal). prev_hash/hash are filled by the server for every new row; rows written
--    before this migration are chained once, in seq order, by the repository on its first start
--    (a migration cannot run JavaScript to compute SHA-256 over RFC 8785 JSON). That backfill is
--    the only UPDATE the database accepts on audit_log: a row whose hash is still NULL may get its
--    prev_hash, hash, pd and (personal fields removed) detail once, nothing else; a chained row is
--    never updated. New rows without a hash are refused, so once the backfill ran no row can be
--    updated again. DELETE stays refused.
-- 2. audit_personal: the personal fields (names, ID suffixes, phones) of an entry, with the salt of
--    their commitment. Retention deletes rows here (the controlled erasure path); audit_log itself
--    never changes, and the chain still verifies because it covers only the salted hash.
-- 3. audit_checkpoints: signed statements (Ed25519 JWS, key purpose 'audit') of the log's size and
--    head hash. Append-only.
-- 4. audit_verifications: the result of each `audit verify` run (CLI or the bureau page).
-- 5. signing_keys is rebuilt so its purpose CHECK admits 'audit' (SQLite cannot alter a CHECK);
--    columns, rows and the one-active-key index kept exactly. passes and charter_passes reference
--    signing_keys by name, hence the marker below (db/migrate.ts runs this with foreign_keys=OFF
--    and checks PRAGMA foreign_key_check before commit).
-- migrate: foreign_keys=off

ALTER TABLE audit_log ADD COLUMN pd TEXT;

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.prev_hash IS NULL
  OR NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at OR NEW.actor_type IS NOT OLD.actor_type
  OR NEW.actor_id IS NOT OLD.actor_id OR NEW.actor_name IS NOT OLD.actor_name OR NEW.action IS NOT OLD.action
  OR NEW.subject_type IS NOT OLD.subject_type OR NEW.subject_id IS NOT OLD.subject_id
  OR NEW.enterprise_id IS NOT OLD.enterprise_id OR NEW.reason IS NOT OLD.reason OR NEW.ip IS NOT OLD.ip
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
BEGIN SELECT RAISE(ABORT, 'audit_log: a new entry must carry prev_hash and hash'); END;

-- Finds the rows still to chain at start-up without scanning the log (empty once the backfill ran).
CREATE INDEX audit_log_unchained ON audit_log (seq) WHERE hash IS NULL;

CREATE TABLE audit_personal (
  seq    INTEGER PRIMARY KEY REFERENCES audit_log (seq),
  salt   TEXT NOT NULL,          -- 16 random bytes, base64url; erased with the fields
  fields TEXT NOT NULL           -- JSON object: the detail's personal members
);
CREATE TRIGGER audit_personal_no_update BEFORE UPDATE ON audit_personal
BEGIN SELECT RAISE(ABORT, 'audit_personal rows are erased, never changed'); END;

CREATE TABLE audit_checkpoints (
  id    INTEGER PRIMARY KEY AUTOINCREMENT,
  size  INTEGER NOT NULL CHECK (size >= 0),   -- entries covered: seq 1..size
  head  TEXT NOT NULL,                        -- hash of entry `size` (GENESIS prev when 0)
  at    TEXT NOT NULL,
  kid   TEXT NOT NULL REFERENCES signing_keys (kid),
  jws   TEXT NOT NULL                         -- compact JWS over {typ, size, head, at}
);
CREATE INDEX audit_checkpoints_size ON audit_checkpoints (size);
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;

CREATE TABLE audit_verifications (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ok           INTEGER NOT NULL CHECK (ok IN (0, 1)),
  entries      INTEGER NOT NULL,
  erased       INTEGER NOT NULL,
  checkpoints  INTEGER NOT NULL,
  head         TEXT NOT NULL,
  failure_kind TEXT,
  failure_seq  INTEGER,
  detail       TEXT,
  by_name      TEXT NOT NULL                -- 'cli' or the bureau user who ran it
);

CREATE TABLE signing_keys_014 (
  kid          TEXT PRIMARY KEY,
  purpose      TEXT NOT NULL CHECK (purpose IN ('pass', 'bundle', 'audit')),
  public_jwk   TEXT NOT NULL,            -- JSON
  private_enc  TEXT NOT NULL,            -- AES-256-GCM of the private JWK
  state        TEXT NOT NULL CHECK (state IN ('next', 'active', 'retired')),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  activated_at TEXT,
  retired_at   TEXT,
  last_exp     INTEGER                   -- latest exp (unix s) of anything it signed: published until then
);
INSERT INTO signing_keys_014 (kid, purpose, public_jwk, private_enc, state, created_at, activated_at, retired_at, last_exp)
  SELECT kid, purpose, public_jwk, private_enc, state, created_at, activated_at, retired_at, last_exp FROM signing_keys;
DROP TABLE signing_keys;
ALTER TABLE signing_keys_014 RENAME TO signing_keys;
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (purpose) WHERE state = 'active';
-- @postgres
ALTER TABLE audit_log ADD COLUMN pd TEXT;

DROP TRIGGER audit_log_no_update ON audit_log;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW WHEN (OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.prev_hash IS NULL
  OR NEW.seq IS DISTINCT FROM OLD.seq OR NEW.at IS DISTINCT FROM OLD.at OR NEW.actor_type IS DISTINCT FROM OLD.actor_type
  OR NEW.actor_id IS DISTINCT FROM OLD.actor_id OR NEW.actor_name IS DISTINCT FROM OLD.actor_name OR NEW.action IS DISTINCT FROM OLD.action
  OR NEW.subject_type IS DISTINCT FROM OLD.subject_type OR NEW.subject_id IS DISTINCT FROM OLD.subject_id
  OR NEW.enterprise_id IS DISTINCT FROM OLD.enterprise_id OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.ip IS DISTINCT FROM OLD.ip)
EXECUTE FUNCTION kakou_refuse('audit_log is append-only');

CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
FOR EACH ROW WHEN (NEW.hash IS NULL OR NEW.prev_hash IS NULL)
EXECUTE FUNCTION kakou_refuse('audit_log: a new entry must carry prev_hash and hash');

CREATE INDEX audit_log_unchained ON audit_log (seq) WHERE hash IS NULL;

CREATE TABLE audit_personal (
  seq    BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY REFERENCES audit_log (seq),
  salt   TEXT NOT NULL,
  fields TEXT NOT NULL
);
CREATE TRIGGER audit_personal_no_update BEFORE UPDATE ON audit_personal
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('audit_personal rows are erased, never changed');

CREATE TABLE audit_checkpoints (
  id    BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  size  BIGINT NOT NULL CHECK (size >= 0),
  head  TEXT NOT NULL,
  at    TEXT NOT NULL,
  kid   TEXT NOT NULL REFERENCES signing_keys (kid),
  jws   TEXT NOT NULL
);
CREATE INDEX audit_checkpoints_size ON audit_checkpoints (size);
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('audit_checkpoints is append-only');
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('audit_checkpoints is append-only');
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('audit_checkpoints is append-only');

CREATE TABLE audit_verifications (
  id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at           TEXT NOT NULL DEFAULT kakou_now(),
  ok           BIGINT NOT NULL CHECK (ok IN (0, 1)),
  entries      BIGINT NOT NULL,
  erased       BIGINT NOT NULL,
  checkpoints  BIGINT NOT NULL,
  head         TEXT NOT NULL,
  failure_kind TEXT,
  failure_seq  BIGINT,
  detail       TEXT,
  by_name      TEXT NOT NULL
);

-- SQLite rebuilds signing_keys to change its purpose CHECK; PostgreSQL alters the constraint in place.
ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_purpose_check,
  ADD CONSTRAINT signing_keys_purpose_check CHECK (purpose IN ('pass', 'bundle', 'audit'));
