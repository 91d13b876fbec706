/**
 * Where SQLite and PostgreSQL must be spelled differently in a repository written with Kysely, in one place
 * (issue 16; docs/database.md, "PostgreSQL conventions"). Everything else goes through Kysely's builder.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Store } from './store.js';

/**
 * The database's current time as ISO text with milliseconds (`2026-12-01T04:05:06.789Z`), what the schema's
 * `created_at` / `updated_at` defaults write: SQLite's strftime, PostgreSQL's kakou_now() (migration 001).
 * Fixed for the whole statement on both engines.
 */
export function isoNow(store: Pick<Store, 'engine'>): RawBuilder<string> {
  return store.engine === 'postgres' ? sql<string>`kakou_now()` : sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
}

/** `%`, `_` and the escape character itself taken literally in a LIKE pattern (with ESCAPE '\'). */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `column LIKE pattern`, ignoring the case of ASCII letters on both engines, with the user's text taken
 * literally. SQLite's LIKE ignores ASCII case and has no escape character unless told; PostgreSQL's LIKE is
 * case-sensitive and escapes with a backslash by default. lower() on both sides (ASCII only on SQLite, and on
 * PostgreSQL under the C collation every Kakou database has) and an explicit ESCAPE make them agree.
 */
function likeText(column: Expression<string>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${column}) like lower(${pattern}) escape '\\'`;
}
/** The column contains `text` (case of ASCII letters ignored). */
export const containsText = (column: Expression<string>, text: string) => likeText(column, `%${escapeLike(text)}%`);
/** The column starts with `text` (case of ASCII letters ignored). */
export const startsWithText = (column: Expression<string>, text: string) => likeText(column, `${escapeLike(text)}%`);

/**
 * A UNIQUE (or primary key) violation, as either engine reports it: better-sqlite3's
 * SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, PostgreSQL's SQLSTATE 23505. `constraint` narrows it to one
 * constraint: PostgreSQL names it (`vehicles_enterprise_id_plate_key`), SQLite lists its columns in the
 * message (`UNIQUE constraint failed: vehicles.enterprise_id, vehicles.plate`), so pass both forms.
 */
export function isUniqueViolation(error: unknown, constraint?: { postgres: string; sqlite: string }): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: pgConstraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === '23505') return !constraint || pgConstraint === constraint.postgres;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return !constraint || (typeof message === 'string' && message.endsWith(`constraint failed: ${constraint.sqlite}`));
  }
  return false;
}
