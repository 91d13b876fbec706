-- @sqlite
-- Outbound notification of enterprises: signed HTTPS webhooks, queued and retried from here.
--
-- webhook_endpoints: where an enterprise wants its events POSTed. The signing secret must be
-- available in clear to compute each signature, so it is not hashed like an API token: it is
-- AES-256-GCM encrypted with the data key (security/data-key.ts, context 'webhook_endpoints.secret').
-- A copied database file alone therefore yields no secret. The clear text is shown once, at
-- creation or rotation.
CREATE TABLE webhook_endpoints (
  id             INTEGER PRIMARY KEY,
  enterprise_id  INTEGER NOT NULL REFERENCES enterprises (id),
  url            TEXT NOT NULL CHECK (length(url) BETWEEN 10 AND 500),
  enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  secret_enc     TEXT NOT NULL,
  -- shown in the portal so an enterprise can tell which secret its receiver holds; never the secret
  secret_hint    TEXT NOT NULL,
  secret_rotated_at TEXT NOT NULL,
  created_by     INTEGER NOT NULL REFERENCES users (id),
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  -- a deleted endpoint keeps its rows so the delivery log still names it; it is never sent to again
  deleted_at     TEXT
);
CREATE INDEX webhook_endpoints_enterprise ON webhook_endpoints (enterprise_id);

-- One row per (event, endpoint): the queue and the delivery log at once. The worker picks
-- status = 'pending' AND next_attempt_at <= now; a restart loses nothing.
CREATE TABLE webhook_deliveries (
  id              TEXT PRIMARY KEY,            -- sent as x-kakou-delivery (a UUID)
  event_id        TEXT NOT NULL,               -- the body's "id": the same on every endpoint and on a re-send
  endpoint_id     INTEGER NOT NULL REFERENCES webhook_endpoints (id),
  enterprise_id   INTEGER NOT NULL REFERENCES enterprises (id),
  event_type      TEXT NOT NULL,
  payload         TEXT NOT NULL,               -- the exact JSON body sent (signed as it is)
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at TEXT,                        -- null once delivered or failed
  last_attempt_at TEXT,
  last_status     INTEGER,                     -- HTTP status of the last answer, null when none came
  last_error      TEXT,                        -- short reason of the last failure (timeout, refused address, …)
  resend_of       TEXT REFERENCES webhook_deliveries (id),
  created_at      TEXT NOT NULL,
  delivered_at    TEXT,
  CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
