-- @sqlite
-- Foundation: enterprises, accounts, sessions and the audit trail.
-- Timestamps are ISO-8601 UTC text with milliseconds unless a column says otherwise.

CREATE TABLE enterprises (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  credit_code   TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
  address       TEXT NOT NULL,
  region_code   TEXT NOT NULL CHECK (length(region_code) = 6),
  duty_phone    TEXT NOT NULL,
  -- 复工备案: only 'approved' enterprises may apply for passes.
  status        TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'approved', 'suspended')),
  status_reason TEXT,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name         TEXT NOT NULL,
  role                 TEXT NOT NULL CHECK (role IN ('bureau_admin', 'bureau_officer', 'enterprise_user')),
  enterprise_id        INTEGER REFERENCES enterprises (id),
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
  locale               TEXT NOT NULL DEFAULT 'zh' CHECK (locale IN ('zh', 'en')),
  disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  -- An enterprise user belongs to exactly one enterprise; bureau staff to none.
  CHECK ((role = 'enterprise_user') = (enterprise_id IS NOT NULL))
);
CREATE INDEX users_enterprise ON users (enterprise_id);

-- Only a hash of the session token is stored, so a leaked database copy holds no usable session.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL, -- unix ms
  last_seen_at INTEGER NOT NULL, -- unix ms
  expires_at   INTEGER NOT NULL, -- unix ms, absolute limit
  ip           TEXT,
  user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Append-only: no UPDATE or DELETE is ever issued against it (enforced by triggers).
-- prev_hash/hash are filled by the tamper-evidence chain (a later migration may backfill).
CREATE TABLE audit_log (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor_type    TEXT NOT NULL CHECK (actor_type IN ('user', 'device', 'system')),
  actor_id      INTEGER,
  actor_name    TEXT NOT NULL,
  action        TEXT NOT NULL,
  subject_type  TEXT NOT NULL,
  subject_id    TEXT,
  enterprise_id INTEGER,
  reason        TEXT,
  detail        TEXT NOT NULL DEFAULT '{}', -- JSON
  ip            TEXT,
  prev_hash     TEXT,
  hash          TEXT
);
CREATE INDEX audit_subject ON audit_log (subject_type, subject_id);
CREATE INDEX audit_enterprise ON audit_log (enterprise_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- @postgres
-- The same schema on PostgreSQL; docs/database.md has the conventions (types, times, JSON,
-- triggers). First the helpers every later step may use.

-- SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now'): ISO-8601 UTC with milliseconds, the same for the
-- whole statement (statement_timestamp, as SQLite's 'now' is fixed per statement).
CREATE FUNCTION kakou_now() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

-- JSON stays TEXT (its exact bytes are hashed and signed). kakou_jsonb reads it as SQLite's JSON
-- functions do where json_valid would say 0: NULL instead of an error, so CHECKs can use it.
CREATE FUNCTION kakou_jsonb(doc text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN doc::jsonb;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;
-- json_valid(doc): NULL for NULL, as SQLite's.
-- Helpers that call other helpers pin search_path to this schema (SET search_path FROM CURRENT): a
-- restore by pg_dump runs with an empty search_path while the CHECKs and generated columns that
-- use them are evaluated.
CREATE FUNCTION kakou_json_valid(doc text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT AS $$ SELECT kakou_jsonb(doc) IS NOT NULL $$;

-- date(d) IS d: d is a calendar date written YYYY-MM-DD (true for NULL, as date(NULL) IS NULL).
CREATE FUNCTION kakou_is_date(d text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF d IS NULL THEN RETURN true; END IF;
  IF d !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN RETURN false; END IF;
  RETURN to_char(make_date(substr(d, 1, 4)::int, substr(d, 6, 2)::int, substr(d, 9, 2)::int), 'YYYY-MM-DD') = d;
EXCEPTION WHEN others THEN
  RETURN false;
END $$;

-- round(unixepoch(t, 'subsec') * 1000): epoch milliseconds of an ISO-8601 time as SQLite reads it
-- (YYYY-MM-DD, then optionally [T ]HH:MM[:SS[.fff]], then optionally Z or ±HH:MM; no zone is UTC),
-- NULL when it does not read as one. IMMUTABLE (no session time zone involved), so generated
-- columns and indexes may use it. SQLite also reads julian day numbers and normalises impossible
-- dates such as 02-30; device times are never written so, and this returns NULL for them.
CREATE FUNCTION kakou_unixepoch_ms(t text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  m text[];
  offset_min int := 0;
BEGIN
  m := regexp_match(t, '^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]*)?))?)?\s*(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))?\s*$');
  IF m IS NULL THEN RETURN NULL; END IF;
  IF m[7] IS NOT NULL THEN
    offset_min := (m[8]::int * 60 + m[9]::int) * (CASE m[7] WHEN '+' THEN 1 ELSE -1 END);
  END IF;
  RETURN round((extract(epoch FROM make_timestamp(m[1]::int, m[2]::int, m[3]::int, coalesce(m[4], '0')::int,
                coalesce(m[5], '0')::int, coalesce(rtrim(m[6], '.'), '0')::double precision)) - offset_min * 60) * 1000)::bigint;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;
-- CAST(strftime('%s', t) AS INTEGER): whole epoch seconds.
CREATE FUNCTION kakou_unixepoch(t text) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path FROM CURRENT AS $$ SELECT kakou_unixepoch_ms(t) / 1000 $$;

-- SQLite's SELECT RAISE(ABORT, message) in a trigger: the trigger's first argument is the message,
-- the very text SQLite gives (application code and tests match on it). SQLSTATE 23000 (integrity
-- constraint violation), as SQLite reports a RAISE(ABORT) as a constraint failure.
CREATE FUNCTION kakou_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'integrity_constraint_violation';
END $$;

-- users.username is COLLATE NOCASE on SQLite: citext compares lower() of both sides, and lower()
-- under the C collation folds ASCII letters only, exactly as NOCASE does. (A trusted extension:
-- the database's owner may create it.)
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE enterprises (
  id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  credit_code   TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
  address       TEXT NOT NULL,
  region_code   TEXT NOT NULL CHECK (length(region_code) = 6),
  duty_phone    TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'approved', 'suspended')),
  status_reason TEXT,
  created_at    TEXT NOT NULL DEFAULT kakou_now(),
  updated_at    TEXT NOT NULL DEFAULT kakou_now()
);

CREATE TABLE users (
  id                   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  username             CITEXT NOT NULL UNIQUE,
  display_name         TEXT NOT NULL,
  role                 TEXT NOT NULL CHECK (role IN ('bureau_admin', 'bureau_officer', 'enterprise_user')),
  enterprise_id        BIGINT REFERENCES enterprises (id),
  password_hash        TEXT NOT NULL,
  must_change_password BIGINT NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
  locale               TEXT NOT NULL DEFAULT 'zh' CHECK (locale IN ('zh', 'en')),
  disabled             BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at           TEXT NOT NULL DEFAULT kakou_now(),
  CHECK ((role = 'enterprise_user') = (enterprise_id IS NOT NULL))
);
CREATE INDEX users_enterprise ON users (enterprise_id);

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  ip           TEXT,
  user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
  seq           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at            TEXT NOT NULL DEFAULT kakou_now(),
  actor_type    TEXT NOT NULL CHECK (actor_type IN ('user', 'device', 'system')),
  actor_id      BIGINT,
  actor_name    TEXT NOT NULL,
  action        TEXT NOT NULL,
  subject_type  TEXT NOT NULL,
  subject_id    TEXT,
  enterprise_id BIGINT,
  reason        TEXT,
  detail        TEXT NOT NULL DEFAULT '{}',
  ip            TEXT,
  prev_hash     TEXT,
  hash          TEXT
);
CREATE INDEX audit_subject ON audit_log (subject_type, subject_id);
CREATE INDEX audit_enterprise ON audit_log (enterprise_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('audit_log is append-only');
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('audit_log is append-only');
-- TRUNCATE skips row triggers on PostgreSQL (SQLite has none): every table that refuses DELETE
-- refuses it too.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('audit_log is append-only');
