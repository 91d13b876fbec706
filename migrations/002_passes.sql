-- @sqlite
-- Pass issuance: vehicles, people, applications/passes, signing keys, revocations, settings.

CREATE TABLE vehicles (
  id            INTEGER PRIMARY KEY,
  enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
  plate         TEXT NOT NULL,          -- normalised GA 36 form, e.g. 苏E12345
  vehicle_type  TEXT NOT NULL CHECK (vehicle_type IN ('truck', 'van', 'tractor', 'trailer', 'refrigerated', 'tanker', 'other')),
  region_code   TEXT NOT NULL,          -- registration region from the plate prefix
  archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (enterprise_id, plate)
);

-- Full ID numbers and phones are AES-256-GCM ciphertext (key outside the database);
-- id_hmac (keyed hash) finds duplicates without decrypting.
CREATE TABLE people (
  id                INTEGER PRIMARY KEY,
  enterprise_id     INTEGER NOT NULL REFERENCES enterprises (id),
  name              TEXT NOT NULL,
  role              TEXT NOT NULL CHECK (role IN ('driver', 'escort')),
  id_number_enc     TEXT NOT NULL,
  id_hmac           TEXT NOT NULL,
  id_last4          TEXT NOT NULL CHECK (length(id_last4) = 4),
  phone_enc         TEXT NOT NULL,
  stays             TEXT NOT NULL DEFAULT '[]', -- JSON array of GB/T 2260 codes declared for the look-back period
  stays_declared_at TEXT,
  archived          INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (enterprise_id, id_hmac)
);

CREATE TABLE signing_keys (
  kid          TEXT PRIMARY KEY,
  purpose      TEXT NOT NULL CHECK (purpose IN ('pass', 'bundle')),
  public_jwk   TEXT NOT NULL,            -- JSON
  private_enc  TEXT NOT NULL,            -- AES-256-GCM of the private JWK
  state        TEXT NOT NULL CHECK (state IN ('next', 'active', 'retired')),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  activated_at TEXT,
  retired_at   TEXT,
  last_exp     INTEGER                   -- latest exp (unix s) of anything it signed: published until then
);
-- One active signing key per purpose.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (purpose) WHERE state = 'active';

CREATE TABLE passes (
  id                 INTEGER PRIMARY KEY,
  pass_no            TEXT NOT NULL UNIQUE,        -- the token's jti, printed on the pass
  enterprise_id      INTEGER NOT NULL REFERENCES enterprises (id),
  vehicle_id         INTEGER NOT NULL REFERENCES vehicles (id),
  status             TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'issued', 'rejected', 'revoked')),
  valid_from         TEXT NOT NULL,               -- ISO UTC
  valid_to           TEXT NOT NULL,               -- ISO UTC, exclusive
  origin_region      TEXT NOT NULL,
  destination        TEXT NOT NULL,
  cargo_category     TEXT NOT NULL,
  route_note         TEXT NOT NULL DEFAULT '',
  created_by         INTEGER NOT NULL REFERENCES users (id),
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  submitted_at       TEXT,
  decided_by         INTEGER REFERENCES users (id),
  decided_at         TEXT,
  reject_reason      TEXT,
  token              TEXT,                        -- the signed compact JWS once issued
  kid                TEXT REFERENCES signing_keys (kid),
  revoked_at         TEXT,
  revoked_by         INTEGER REFERENCES users (id),
  revoke_reason      TEXT,
  cancel_requested_at TEXT,
  cancel_reason      TEXT,
  replaces_id        INTEGER REFERENCES passes (id),
  replaced_by_id     INTEGER REFERENCES passes (id)
);
CREATE INDEX passes_enterprise ON passes (enterprise_id, status);
CREATE INDEX passes_status ON passes (status, submitted_at);

-- Crew of a pass, in order: position 0 is the driver.
CREATE TABLE pass_people (
  pass_id   INTEGER NOT NULL REFERENCES passes (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  position  INTEGER NOT NULL CHECK (position BETWEEN 0 AND 3),
  role      TEXT NOT NULL CHECK (role IN ('driver', 'escort')),
  PRIMARY KEY (pass_id, position)
);

-- Revocation feed: version is monotonically increasing; scanners ask for what changed since N.
CREATE TABLE revocations (
  version    INTEGER PRIMARY KEY AUTOINCREMENT,
  pass_no    TEXT NOT NULL UNIQUE,
  revoked_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  reason     TEXT NOT NULL,
  expires_at INTEGER NOT NULL                      -- the pass's exp: entries can be dropped from bundles after it
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('pass.max_validity_days', '14'), ('pass.issuer', 'KSJT');
-- @postgres
CREATE TABLE vehicles (
  id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises (id),
  plate         TEXT NOT NULL,
  vehicle_type  TEXT NOT NULL CHECK (vehicle_type IN ('truck', 'van', 'tractor', 'trailer', 'refrigerated', 'tanker', 'other')),
  region_code   TEXT NOT NULL,
  archived      BIGINT NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at    TEXT NOT NULL DEFAULT kakou_now(),
  updated_at    TEXT NOT NULL DEFAULT kakou_now(),
  UNIQUE (enterprise_id, plate)
);

CREATE TABLE people (
  id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  enterprise_id     BIGINT NOT NULL REFERENCES enterprises (id),
  name              TEXT NOT NULL,
  role              TEXT NOT NULL CHECK (role IN ('driver', 'escort')),
  id_number_enc     TEXT NOT NULL,
  id_hmac           TEXT NOT NULL,
  id_last4          TEXT NOT NULL CHECK (length(id_last4) = 4),
  phone_enc         TEXT NOT NULL,
  stays             TEXT NOT NULL DEFAULT '[]',
  stays_declared_at TEXT,
  archived          BIGINT NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at        TEXT NOT NULL DEFAULT kakou_now(),
  updated_at        TEXT NOT NULL DEFAULT kakou_now(),
  UNIQUE (enterprise_id, id_hmac)
);

CREATE TABLE signing_keys (
  kid          TEXT PRIMARY KEY,
  purpose      TEXT NOT NULL CHECK (purpose IN ('pass', 'bundle')),
  public_jwk   TEXT NOT NULL,
  private_enc  TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('next', 'active', 'retired')),
  created_at   TEXT NOT NULL DEFAULT kakou_now(),
  activated_at TEXT,
  retired_at   TEXT,
  last_exp     BIGINT
);
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (purpose) WHERE state = 'active';

CREATE TABLE passes (
  id                 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  pass_no            TEXT NOT NULL UNIQUE,
  enterprise_id      BIGINT NOT NULL REFERENCES enterprises (id),
  vehicle_id         BIGINT NOT NULL REFERENCES vehicles (id),
  status             TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'issued', 'rejected', 'revoked')),
  valid_from         TEXT NOT NULL,
  valid_to           TEXT NOT NULL,
  origin_region      TEXT NOT NULL,
  destination        TEXT NOT NULL,
  cargo_category     TEXT NOT NULL,
  route_note         TEXT NOT NULL DEFAULT '',
  created_by         BIGINT NOT NULL REFERENCES users (id),
  created_at         TEXT NOT NULL DEFAULT kakou_now(),
  submitted_at       TEXT,
  decided_by         BIGINT REFERENCES users (id),
  decided_at         TEXT,
  reject_reason      TEXT,
  token              TEXT,
  kid                TEXT REFERENCES signing_keys (kid),
  revoked_at         TEXT,
  revoked_by         BIGINT REFERENCES users (id),
  revoke_reason      TEXT,
  cancel_requested_at TEXT,
  cancel_reason      TEXT,
  replaces_id        BIGINT REFERENCES passes (id),
  replaced_by_id     BIGINT REFERENCES passes (id)
);
CREATE INDEX passes_enterprise ON passes (enterprise_id, status);
CREATE INDEX passes_status ON passes (status, submitted_at);

CREATE TABLE pass_people (
  pass_id   BIGINT NOT NULL REFERENCES passes (id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people (id),
  position  BIGINT NOT NULL CHECK (position BETWEEN 0 AND 3),
  role      TEXT NOT NULL CHECK (role IN ('driver', 'escort')),
  PRIMARY KEY (pass_id, position)
);

CREATE TABLE revocations (
  version    BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  pass_no    TEXT NOT NULL UNIQUE,
  revoked_at TEXT NOT NULL DEFAULT kakou_now(),
  reason     TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('pass.max_validity_days', '14'), ('pass.issuer', 'KSJT');
