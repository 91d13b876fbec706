-- @sqlite
-- Checkpoints, their staff, and the scanner devices enrolled at them.
-- Timestamps are ISO-8601 UTC text with milliseconds unless a column says unix ms.

CREATE TABLE checkpoints (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 60),
  location    TEXT NOT NULL CHECK (length(location) BETWEEN 2 AND 200),
  region_code TEXT NOT NULL CHECK (length(region_code) = 6),
  direction   TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'both')),
  -- A closed checkpoint keeps its staff, devices and history; no new device may enroll there.
  status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Checkpoint staff (卡口值守人员): not portal accounts. They identify themselves at a
-- scanner with badge and PIN, checked offline against pin_hash
-- (pbkdf2-sha256$<iterations>$<salt>$<hash>, see src/core/device/pin.ts).
-- Rows are never deleted: check events name the badge.
CREATE TABLE staff (
  id            INTEGER PRIMARY KEY,
  checkpoint_id INTEGER NOT NULL REFERENCES checkpoints (id),
  badge         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  pin_hash      TEXT NOT NULL,
  pin_set_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX staff_checkpoint ON staff (checkpoint_id);

-- One-time device enrollment codes. The code is <id><secret>: id is its public
-- first group, secret_hash the SHA-256 of the rest. Single use, short-lived,
-- and a few wrong secrets for one id burn the code.
CREATE TABLE enrollment_codes (
  id            TEXT PRIMARY KEY,
  checkpoint_id INTEGER NOT NULL REFERENCES checkpoints (id),
  secret_hash   TEXT NOT NULL,
  created_by    INTEGER REFERENCES users (id),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  expires_at    INTEGER NOT NULL,             -- unix ms
  attempts      INTEGER NOT NULL DEFAULT 0,   -- wrong secrets given for this id
  used_at       TEXT,
  device_id     TEXT
);
CREATE INDEX enrollment_codes_checkpoint ON enrollment_codes (checkpoint_id);

-- Scanner devices. The private key never leaves the device (non-extractable Web
-- Crypto key); public_jwk verifies its signed requests. Never deleted: events
-- and the audit trail name the device.
CREATE TABLE devices (
  id                 TEXT PRIMARY KEY,
  checkpoint_id      INTEGER NOT NULL REFERENCES checkpoints (id),
  public_jwk         TEXT NOT NULL,           -- JSON {kty, crv, x, y}
  key_thumbprint     TEXT NOT NULL UNIQUE,    -- RFC 7638: one key enrolls one device
  label              TEXT,
  enrollment_code_id TEXT REFERENCES enrollment_codes (id),
  enrolled_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  enrolled_ip        TEXT,
  last_seen_at       TEXT,
  last_ip            TEXT,
  -- As last reported by the device (POST /api/v1/devices/heartbeat).
  app_version        TEXT,
  queue_length       INTEGER,
  bundle_age_sec     INTEGER,
  reported_at        TEXT,
  revoked_at         TEXT,
  revoked_by         INTEGER REFERENCES users (id),
  revoke_reason      TEXT
);
CREATE INDEX devices_checkpoint ON devices (checkpoint_id);

-- Replay cache: each nonce a device used, kept until its request could no longer pass the clock check.
CREATE TABLE device_nonces (
  device_id  TEXT NOT NULL,
  nonce      TEXT NOT NULL,
  expires_at INTEGER NOT NULL,                -- unix ms
  PRIMARY KEY (device_id, nonce)
) WITHOUT ROWID;
CREATE INDEX device_nonces_expiry ON device_nonces (expires_at);
