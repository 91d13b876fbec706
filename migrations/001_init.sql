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
