-- @sqlite
-- Issue 14, the administrative action log (/bureau/audit/actions, GET /api/v1/audit/actions):
-- indexes for its filters on a large log. docs/audit-console.md "Action log" has the queries and
-- their EXPLAIN QUERY PLAN (asserted by test/server/audit-actions/plans.test.ts).
--
-- seq is the INTEGER PRIMARY KEY (the rowid), and SQLite ends every index with the rowid, so an
-- index on (x) is in fact on (x, seq): "x = ? ORDER BY seq DESC" plus the keyset cursor
-- "seq < ?" is one range scan read backwards, no sort, no OFFSET. Already there from 001:
-- audit_subject (subject_type, subject_id) and audit_enterprise (enterprise_id).
--
--   audit_log_action  the action filter (one code, or IN over an area's codes)
--   audit_log_actor   a user as actor (actor_type = 'user' AND actor_id = ?)
--   audit_log_actor_name  a device or system actor by its name (device id, 'cli', …)
--   audit_log_at      turns a time range into a seq range (see the repository): the log's own
--                     order is seq, and most device.event entries would otherwise be walked
CREATE INDEX audit_log_action ON audit_log (action);
CREATE INDEX audit_log_actor ON audit_log (actor_type, actor_id);
CREATE INDEX audit_log_actor_name ON audit_log (actor_name);
CREATE INDEX audit_log_at ON audit_log (at);
-- The default view leaves device.event out (one entry per check received: most of the log). This
-- partial index holds the other entries only, in seq order, so "newest administrative actions" does
-- not walk past millions of device events; the query says exactly `action <> 'device.event'`.
CREATE INDEX audit_log_admin ON audit_log (seq) WHERE action <> 'device.event';
-- @postgres
-- PostgreSQL indexes do not end with a rowid: the repository's "x = ? ORDER BY seq DESC" is still
-- served by an index on (x) through a bitmap or a sort on the matching rows; left as on SQLite so
-- both engines have the same indexes (docs/database.md, "What is left").
CREATE INDEX audit_log_action ON audit_log (action);
CREATE INDEX audit_log_actor ON audit_log (actor_type, actor_id);
CREATE INDEX audit_log_actor_name ON audit_log (actor_name);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_admin ON audit_log (seq) WHERE action <> 'device.event';
