-- @sqlite
-- Failed password checks (sign-in, password change), for throttling guesses without letting a
-- stranger lock an account out (see README, Security). One row per attempt: written before the
-- password is checked (so parallel guesses count at once) and deleted again when it was right.
-- `key` is a SHA-256 of the scope's key text (address, account name, or both), never the text:
-- a user name typed at sign-in can be anything, an ID number or a password included.
-- Rows older than the longest window are purged.
CREATE TABLE auth_failures (
  id    INTEGER PRIMARY KEY,
  scope TEXT NOT NULL,
  key   TEXT NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX auth_failures_key ON auth_failures (scope, key, at_ms);
