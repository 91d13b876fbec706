-- @sqlite
-- Checkpoint rule sets: data published by the bureau, never code (see src/core/rules/rule-set.ts).
-- Timestamps are ISO-8601 UTC text with milliseconds, so text order is time order.

-- Published versions only; each row is immutable once written. Version 1 (the
-- core default) is inserted by the rules feature at start-up, not here, so it
-- always matches the code's DEFAULT_RULE_SET.
CREATE TABLE rule_sets (
  version        INTEGER PRIMARY KEY CHECK (version >= 1),
  rules          TEXT NOT NULL CHECK (json_valid(rules)),  -- the full core RuleSet (version, author, reason, times included)
  author_id      INTEGER REFERENCES users (id),            -- null for the system
  author_name    TEXT NOT NULL CHECK (length(author_name) > 0),
  reason         TEXT NOT NULL CHECK (length(reason) > 0),
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  published_at   TEXT NOT NULL,
  effective_from TEXT NOT NULL,                            -- in force from here until a later effective_from
  CHECK (json_extract(rules, '$.version') = version)
);
CREATE INDEX rule_sets_effective ON rule_sets (effective_from, version);

CREATE TRIGGER rule_sets_no_update BEFORE UPDATE ON rule_sets
BEGIN SELECT RAISE(ABORT, 'published rule sets are immutable'); END;
CREATE TRIGGER rule_sets_no_delete BEFORE DELETE ON rule_sets
BEGIN SELECT RAISE(ABORT, 'published rule sets are immutable'); END;

-- The one draft the bureau administrators edit; no row = no changes yet
-- (the draft then reads as a copy of the latest published version).
CREATE TABLE rule_set_draft (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  rules           TEXT NOT NULL CHECK (json_valid(rules)),  -- the editable fields only
  based_on        INTEGER REFERENCES rule_sets (version),
  updated_by_id   INTEGER REFERENCES users (id),
  updated_by_name TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
