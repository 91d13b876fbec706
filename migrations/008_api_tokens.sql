-- @sqlite
-- Machine credentials (API tokens) for integrations: sent as `Authorization: Bearer kk_<id>_<secret>`.
-- Only a SHA-256 of the secret is stored; the token text is shown once, at creation.
-- A token acts with its own role (never more than its creator's) and scopes (a JSON array of
-- scope codes, see src/server/security/api-token.ts); an enterprise token is bound to its enterprise.
-- Actions taken with a token are audited with actor_name 'token:<id>' and actor_id its creator.
CREATE TABLE api_tokens (
  id            TEXT PRIMARY KEY CHECK (length(id) = 12),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  secret_hash   TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('bureau_admin', 'bureau_officer', 'enterprise_user')),
  enterprise_id INTEGER REFERENCES enterprises (id),
  scopes        TEXT NOT NULL, -- JSON array of scope codes
  created_by    INTEGER NOT NULL REFERENCES users (id),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  expires_at    TEXT NOT NULL,
  revoked_at    TEXT,
  revoked_by    INTEGER REFERENCES users (id),
  last_used_at  TEXT,
  last_used_ip  TEXT,
  CHECK ((role = 'enterprise_user') = (enterprise_id IS NOT NULL))
);
CREATE INDEX api_tokens_enterprise ON api_tokens (enterprise_id);
-- @postgres
CREATE TABLE api_tokens (
  id            TEXT PRIMARY KEY CHECK (length(id) = 12),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  secret_hash   TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('bureau_admin', 'bureau_officer', 'enterprise_user')),
  enterprise_id BIGINT REFERENCES enterprises (id),
  scopes        TEXT NOT NULL,
  created_by    BIGINT NOT NULL REFERENCES users (id),
  created_at    TEXT NOT NULL DEFAULT kakou_now(),
  expires_at    TEXT NOT NULL,
  revoked_at    TEXT,
  revoked_by    BIGINT REFERENCES users (id),
  last_used_at  TEXT,
  last_used_ip  TEXT,
  CHECK ((role = 'enterprise_user') = (enterprise_id IS NOT NULL))
);
CREATE INDEX api_tokens_enterprise ON api_tokens (enterprise_id);
