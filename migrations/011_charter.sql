-- @sqlite
-- Item 7 of the Kunshan measures: return-to-work charter transport (开通客运专车专列), up to the
-- bureau's approval of a run. See docs/charter.md.
--
-- carriers ─┬─ users (role carrier_user, carrier_id)
--           └─ charter_runs ─┬─ charter_run_needs ── charter_needs ── enterprises
--                            └─ charter_passengers (per run and receiving enterprise)
-- Timestamps are ISO-8601 UTC text with milliseconds; dates are China calendar dates (YYYY-MM-DD).

-- Transport operators the bureau registers (e.g. the city transport group 交发集团).
CREATE TABLE carriers (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 100),
  credit_code  TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
  duty_phone   TEXT NOT NULL,
  disabled     INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The new role needs the users table's CHECKs changed, which SQLite can only do by rebuilding the
-- table (sqlite.org/lang_altertable.html, "other kinds of table schema changes"). That procedure
-- needs foreign keys off, or dropping the old table would cascade to sessions and trip every other
-- REFERENCES users: the marker below makes db/migrate.ts run this file with foreign_keys=OFF and
-- check PRAGMA foreign_key_check before it commits. Every row and id is kept.
-- migrate: foreign_keys=off
CREATE TABLE users_011 (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name         TEXT NOT NULL,
  role                 TEXT NOT NULL CHECK (role IN ('bureau_admin', 'bureau_officer', 'enterprise_user', 'carrier_user')),
  enterprise_id        INTEGER REFERENCES enterprises (id),
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
  locale               TEXT NOT NULL DEFAULT 'zh' CHECK (locale IN ('zh', 'en')),
  disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  -- Last, so 001's columns keep their order.
  carrier_id           INTEGER REFERENCES carriers (id),
  -- An enterprise user belongs to exactly one enterprise, a carrier user to exactly one carrier; bureau staff to neither.
  CHECK ((role = 'enterprise_user') = (enterprise_id IS NOT NULL)),
  CHECK ((role = 'carrier_user') = (carrier_id IS NOT NULL))
);
INSERT INTO users_011 (id, username, display_name, role, enterprise_id, carrier_id, password_hash, must_change_password, locale, disabled, created_at)
  SELECT id, username, display_name, role, enterprise_id, NULL, password_hash, must_change_password, locale, disabled, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_011 RENAME TO users;
CREATE INDEX users_enterprise ON users (enterprise_id);
CREATE INDEX users_carrier ON users (carrier_id);

-- A transport need posted by an enterprise: workers to bring back from one origin region.
CREATE TABLE charter_needs (
  id             INTEGER PRIMARY KEY,
  enterprise_id  INTEGER NOT NULL REFERENCES enterprises (id),
  origin_region  TEXT NOT NULL CHECK (length(origin_region) = 6),
  workers        INTEGER NOT NULL CHECK (workers BETWEEN 1 AND 2000),
  earliest_date  TEXT NOT NULL CHECK (date(earliest_date) IS earliest_date),
  latest_date    TEXT NOT NULL CHECK (date(latest_date) IS latest_date AND latest_date >= earliest_date),
  contact_name   TEXT NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 40),
  -- The contact phone is for the carriers planning a run: a duty number, shown to them in full.
  contact_phone  TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  -- open: no seats offered yet; partly_served / served: seats of planned or approved runs cover part / all;
  -- cancelled: withdrawn by the enterprise (only while no live run serves it).
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'partly_served', 'served', 'cancelled')),
  created_by     INTEGER NOT NULL REFERENCES users (id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  cancelled_at   TEXT
);
CREATE INDEX charter_needs_enterprise ON charter_needs (enterprise_id, status);
CREATE INDEX charter_needs_open ON charter_needs (status, earliest_date);
CREATE TRIGGER charter_needs_no_delete BEFORE DELETE ON charter_needs
BEGIN SELECT RAISE(ABORT, 'charter needs are never deleted'); END;

-- A charter coach run planned by a carrier. The driver's ID number and phone are AES-256-GCM
-- ciphertext like people's; only the last four ID characters are kept in clear (for the pass).
CREATE TABLE charter_runs (
  id                INTEGER PRIMARY KEY,
  carrier_id        INTEGER NOT NULL REFERENCES carriers (id),
  plate             TEXT NOT NULL,
  driver_name       TEXT NOT NULL CHECK (length(driver_name) BETWEEN 1 AND 20),
  driver_id_enc     TEXT NOT NULL,
  driver_id_last4   TEXT NOT NULL CHECK (length(driver_id_last4) = 4),
  driver_phone_enc  TEXT NOT NULL,
  departure_at      TEXT NOT NULL,            -- ISO UTC
  arrival_by        TEXT NOT NULL,            -- ISO UTC: the end of the run's validity window
  route             TEXT NOT NULL CHECK (length(route) BETWEEN 2 AND 500),
  origin_region     TEXT NOT NULL CHECK (length(origin_region) = 6),
  -- planned: waiting for the enterprises served; confirmed: every one confirmed its passenger list;
  -- approved / rejected: the bureau's decision (final); cancelled: withdrawn by the carrier before approval.
  status            TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'confirmed', 'approved', 'rejected', 'cancelled')),
  created_by        INTEGER NOT NULL REFERENCES users (id),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  decided_by        INTEGER REFERENCES users (id),
  decided_at        TEXT,
  decision_reason   TEXT,
  CHECK (arrival_by > departure_at),
  CHECK ((status IN ('approved', 'rejected')) = (decided_at IS NOT NULL))
);
CREATE INDEX charter_runs_carrier ON charter_runs (carrier_id, status);
CREATE INDEX charter_runs_status ON charter_runs (status, departure_at);
CREATE TRIGGER charter_runs_decided_final
BEFORE UPDATE ON charter_runs
WHEN OLD.status IN ('approved', 'rejected', 'cancelled')
BEGIN SELECT RAISE(ABORT, 'a decided or cancelled charter run is final'); END;
CREATE TRIGGER charter_runs_no_delete BEFORE DELETE ON charter_runs
BEGIN SELECT RAISE(ABORT, 'charter runs are never deleted'); END;

-- The needs a run serves and the seats it offers each; the enterprise's confirmation is per row.
CREATE TABLE charter_run_needs (
  run_id          INTEGER NOT NULL REFERENCES charter_runs (id),
  need_id         INTEGER NOT NULL REFERENCES charter_needs (id),
  enterprise_id   INTEGER NOT NULL REFERENCES enterprises (id),  -- the need's, copied for scoping
  seats           INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 80),
  confirmed_at    TEXT,
  confirmed_by    INTEGER REFERENCES users (id),
  PRIMARY KEY (run_id, need_id)
);
CREATE INDEX charter_run_needs_need ON charter_run_needs (need_id);
CREATE INDEX charter_run_needs_enterprise ON charter_run_needs (enterprise_id, run_id);

-- Passengers of a run, each received by one enterprise. ID number and phone exactly as people's:
-- ciphertext, a keyed blind index (duplicates within a run refused), the last four in clear.
CREATE TABLE charter_passengers (
  id             INTEGER PRIMARY KEY,
  run_id         INTEGER NOT NULL REFERENCES charter_runs (id),
  need_id        INTEGER NOT NULL REFERENCES charter_needs (id),
  enterprise_id  INTEGER NOT NULL REFERENCES enterprises (id),
  seq            INTEGER NOT NULL CHECK (seq >= 1),          -- order within the enterprise's list
  name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
  id_number_enc  TEXT NOT NULL,
  id_hmac        TEXT NOT NULL,
  id_last4       TEXT NOT NULL CHECK (length(id_last4) = 4),
  phone_enc      TEXT NOT NULL,
  origin_region  TEXT NOT NULL CHECK (length(origin_region) = 6),
  -- [{ "code": "420100", "lastDay": "2026-02-10" }]: places stayed in during the look-back period
  stays          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(stays) AND json_type(stays) = 'array'),
  created_at     TEXT NOT NULL,
  UNIQUE (run_id, id_hmac),
  UNIQUE (run_id, need_id, seq)
);
CREATE INDEX charter_passengers_run ON charter_passengers (run_id, enterprise_id, seq);

-- A manifest is replaced as a whole while the run is being planned; once the bureau has decided
-- (or the carrier withdrew the run) it is what the decision was about, and never changes.
CREATE TRIGGER charter_passengers_frozen_insert BEFORE INSERT ON charter_passengers
WHEN (SELECT status FROM charter_runs WHERE id = NEW.run_id) NOT IN ('planned', 'confirmed')
BEGIN SELECT RAISE(ABORT, 'the manifest of a decided charter run is fixed'); END;
CREATE TRIGGER charter_passengers_frozen_delete BEFORE DELETE ON charter_passengers
WHEN (SELECT status FROM charter_runs WHERE id = OLD.run_id) NOT IN ('planned', 'confirmed')
BEGIN SELECT RAISE(ABORT, 'the manifest of a decided charter run is fixed'); END;
CREATE TRIGGER charter_passengers_no_update BEFORE UPDATE ON charter_passengers
BEGIN SELECT RAISE(ABORT, 'a passenger row is replaced, never edited'); END;
-- @postgres
CREATE TABLE carriers (
  id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 100),
  credit_code  TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18),
  duty_phone   TEXT NOT NULL,
  disabled     BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at   TEXT NOT NULL DEFAULT kakou_now()
);

-- SQLite rebuilds users to change a CHECK; PostgreSQL alters it in place (same end schema, carrier_id last).
ALTER TABLE users ADD COLUMN carrier_id BIGINT REFERENCES carriers (id);
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('bureau_admin', 'bureau_officer', 'enterprise_user', 'carrier_user'));
ALTER TABLE users ADD CONSTRAINT users_carrier_check CHECK ((role = 'carrier_user') = (carrier_id IS NOT NULL));
CREATE INDEX users_carrier ON users (carrier_id);

CREATE TABLE charter_needs (
  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id),
  origin_region  TEXT NOT NULL CHECK (length(origin_region) = 6),
  workers        BIGINT NOT NULL CHECK (workers BETWEEN 1 AND 2000),
  earliest_date  TEXT NOT NULL CHECK (kakou_is_date(earliest_date)),
  latest_date    TEXT NOT NULL CHECK (kakou_is_date(latest_date) AND latest_date >= earliest_date),
  contact_name   TEXT NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 40),
  contact_phone  TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'partly_served', 'served', 'cancelled')),
  created_by     BIGINT NOT NULL REFERENCES users (id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  cancelled_at   TEXT
);
CREATE INDEX charter_needs_enterprise ON charter_needs (enterprise_id, status);
CREATE INDEX charter_needs_open ON charter_needs (status, earliest_date);
CREATE TRIGGER charter_needs_no_delete BEFORE DELETE ON charter_needs
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('charter needs are never deleted');
CREATE TRIGGER charter_needs_no_truncate BEFORE TRUNCATE ON charter_needs
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('charter needs are never deleted');

CREATE TABLE charter_runs (
  id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  carrier_id        BIGINT NOT NULL REFERENCES carriers (id),
  plate             TEXT NOT NULL,
  driver_name       TEXT NOT NULL CHECK (length(driver_name) BETWEEN 1 AND 20),
  driver_id_enc     TEXT NOT NULL,
  driver_id_last4   TEXT NOT NULL CHECK (length(driver_id_last4) = 4),
  driver_phone_enc  TEXT NOT NULL,
  departure_at      TEXT NOT NULL,
  arrival_by        TEXT NOT NULL,
  route             TEXT NOT NULL CHECK (length(route) BETWEEN 2 AND 500),
  origin_region     TEXT NOT NULL CHECK (length(origin_region) = 6),
  status            TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'confirmed', 'approved', 'rejected', 'cancelled')),
  created_by        BIGINT NOT NULL REFERENCES users (id),
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  decided_by        BIGINT REFERENCES users (id),
  decided_at        TEXT,
  decision_reason   TEXT,
  CHECK (arrival_by > departure_at),
  CHECK ((status IN ('approved', 'rejected')) = (decided_at IS NOT NULL))
);
CREATE INDEX charter_runs_carrier ON charter_runs (carrier_id, status);
CREATE INDEX charter_runs_status ON charter_runs (status, departure_at);
CREATE TRIGGER charter_runs_decided_final
BEFORE UPDATE ON charter_runs
FOR EACH ROW WHEN (OLD.status IN ('approved', 'rejected', 'cancelled'))
EXECUTE FUNCTION kakou_refuse('a decided or cancelled charter run is final');
CREATE TRIGGER charter_runs_no_delete BEFORE DELETE ON charter_runs
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('charter runs are never deleted');
CREATE TRIGGER charter_runs_no_truncate BEFORE TRUNCATE ON charter_runs
FOR EACH STATEMENT EXECUTE FUNCTION kakou_refuse('charter runs are never deleted');

CREATE TABLE charter_run_needs (
  run_id          BIGINT NOT NULL REFERENCES charter_runs (id),
  need_id         BIGINT NOT NULL REFERENCES charter_needs (id),
  enterprise_id   BIGINT NOT NULL REFERENCES enterprises (id),
  seats           BIGINT NOT NULL CHECK (seats BETWEEN 1 AND 80),
  confirmed_at    TEXT,
  confirmed_by    BIGINT REFERENCES users (id),
  PRIMARY KEY (run_id, need_id)
);
CREATE INDEX charter_run_needs_need ON charter_run_needs (need_id);
CREATE INDEX charter_run_needs_enterprise ON charter_run_needs (enterprise_id, run_id);

CREATE TABLE charter_passengers (
  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  run_id         BIGINT NOT NULL REFERENCES charter_runs (id),
  need_id        BIGINT NOT NULL REFERENCES charter_needs (id),
  enterprise_id  BIGINT NOT NULL REFERENCES enterprises (id),
  seq            BIGINT NOT NULL CHECK (seq >= 1),
  name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
  id_number_enc  TEXT NOT NULL,
  id_hmac        TEXT NOT NULL,
  id_last4       TEXT NOT NULL CHECK (length(id_last4) = 4),
  phone_enc      TEXT NOT NULL,
  origin_region  TEXT NOT NULL CHECK (length(origin_region) = 6),
  stays          TEXT NOT NULL DEFAULT '[]' CHECK (kakou_json_valid(stays) AND jsonb_typeof(kakou_jsonb(stays)) = 'array'),
  created_at     TEXT NOT NULL,
  UNIQUE (run_id, id_hmac),
  UNIQUE (run_id, need_id, seq)
);
CREATE INDEX charter_passengers_run ON charter_passengers (run_id, enterprise_id, seq);

-- Trigger conditions with a subquery cannot be a trigger's WHEN on PostgreSQL: they are tested in
-- the function, which raises the same message.
CREATE FUNCTION charter_passengers_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM charter_runs WHERE id = (CASE TG_OP WHEN 'DELETE' THEN OLD.run_id ELSE NEW.run_id END)) NOT IN ('planned', 'confirmed') THEN
    RAISE EXCEPTION USING MESSAGE = 'the manifest of a decided charter run is fixed', ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER charter_passengers_frozen_insert BEFORE INSERT ON charter_passengers
FOR EACH ROW EXECUTE FUNCTION charter_passengers_frozen();
CREATE TRIGGER charter_passengers_frozen_delete BEFORE DELETE ON charter_passengers
FOR EACH ROW EXECUTE FUNCTION charter_passengers_frozen();
CREATE TRIGGER charter_passengers_no_update BEFORE UPDATE ON charter_passengers
FOR EACH ROW EXECUTE FUNCTION kakou_refuse('a passenger row is replaced, never edited');
