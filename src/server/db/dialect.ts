/**
 * Where SQLite and PostgreSQL must be spelled differently in a repository written with Kysely, in one place
 * (issue 16; docs/database.md, "PostgreSQL conventions"). Everything else goes through Kysely's builder.
 * Where an index is built on an expression, the spelling here is the one the migrations use, so the index
 * still serves the query.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Store } from './store.js';

type Engine = Store['engine'];

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

/** A UNIQUE constraint as each engine names it in its error (see isUniqueViolation). */
export interface UniqueConstraint {
  postgres: string;
  sqlite: string;
}

/**
 * Runs `write`; a violation of `constraint` rejects with `taken()` instead. A service checks that a name or
 * number is free before writing it, which is enough on SQLite (one writer at a time) but not on
 * PostgreSQL, where two requests can both pass the check: the second write then breaks the constraint and
 * answers as the check would have.
 */
export async function takenOnUnique<T>(constraint: UniqueConstraint, taken: () => Error, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw taken();
    throw error;
  }
}

/**
 * A UNIQUE (or primary key) violation, as either engine reports it: better-sqlite3's
 * SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, PostgreSQL's SQLSTATE 23505. `constraint` narrows it to one
 * constraint: PostgreSQL names it (`vehicles_enterprise_id_plate_key`), SQLite lists its columns in the
 * message (`UNIQUE constraint failed: vehicles.enterprise_id, vehicles.plate`), so pass both forms.
 */
export function isUniqueViolation(error: unknown, constraint?: UniqueConstraint): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: pgConstraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === '23505') return !constraint || pgConstraint === constraint.postgres;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return !constraint || (typeof message === 'string' && message.endsWith(`constraint failed: ${constraint.sqlite}`));
  }
  return false;
}

/**
 * A JSON text column's member as text: `json_extract(col, '$.a.b')` on SQLite, `(col::jsonb ->> 'a')` or
 * `(col::jsonb #>> '{a,b}')` on PostgreSQL. Member names are code, never user input (they are inlined).
 * Meant for string members: for a number SQLite's json_extract gives a number, PostgreSQL's ->> its text
 * (compare such a member with a text parameter on PostgreSQL; docs/database.md).
 */
export function jsonText(engine: Engine, col: Expression<string | null>, ...path: [string, ...string[]]): RawBuilder<string | null> {
  for (const p of path) if (!/^[A-Za-z0-9_]+$/.test(p)) throw new Error(`jsonText: not a plain member name: ${p}`);
  if (engine === 'sqlite') return sql<string | null>`json_extract(${col}, ${sql.lit(`$.${path.join('.')}`)})`;
  return path.length === 1
    ? sql<string | null>`(${col}::jsonb ->> ${sql.lit(path[0])})`
    : sql<string | null>`(${col}::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})`;
}

/*
 * China time (UTC+8, no daylight saving) of a stored ISO UTC timestamp. SQLite adds '+8 hours' to the
 * parsed time; PostgreSQL reads the text as a timestamptz, takes its UTC wall time and adds 8 hours, the
 * same fixed offset (not the Asia/Shanghai zone rules, which only differ before 1992).
 */
const pgChinaTime = (col: Expression<string>) => sql`((${col})::timestamptz AT TIME ZONE 'UTC' + interval '8 hours')`;

/** The China hour 0–23 of a stored ISO UTC timestamp, as an integer. */
export function chinaHour(engine: Engine, col: Expression<string>): RawBuilder<number> {
  if (engine === 'sqlite') return sql<number>`CAST(strftime('%H', ${col}, '+8 hours') AS INTEGER)`;
  return sql<number>`CAST(extract(hour FROM ${pgChinaTime(col)}) AS INTEGER)`;
}

/** The China date (YYYY-MM-DD) of a stored ISO UTC timestamp. */
export function chinaDate(engine: Engine, col: Expression<string>): RawBuilder<string> {
  if (engine === 'sqlite') return sql<string>`date(${col}, '+8 hours')`;
  return sql<string>`to_char(${pgChinaTime(col)}, 'YYYY-MM-DD')`;
}

/**
 * `expr IN (the given texts)` as one statement text whatever the list's length (the statement cache keeps one
 * entry): SQLite reads the list from a JSON array parameter (`json_each`), PostgreSQL takes a text[] parameter.
 */
export function inTexts(engine: Engine, expr: Expression<string | null>, values: readonly string[]): RawBuilder<SqlBool> {
  if (engine === 'sqlite') return sql<SqlBool>`${expr} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
  return sql<SqlBool>`${expr} = ANY(${[...values]}::text[])`;
}

/**
 * `expr IN (the given integers)` as one statement text whatever the list's length, as inTexts: a JSON array
 * parameter on SQLite, a bigint[] parameter on PostgreSQL.
 */
export function inIntegers(engine: Engine, expr: Expression<number | null>, values: readonly number[]): RawBuilder<SqlBool> {
  if (engine === 'sqlite') return sql<SqlBool>`${expr} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
  return sql<SqlBool>`${expr} = ANY(${[...values]}::bigint[])`;
}

/**
 * A JSON object as minified text (`{"seq":3,"type":"check"}`), the same bytes on both engines: SQLite's
 * json_object; on PostgreSQL each member through to_json (json_build_object's text has spaces around ':').
 * A member marked `json` is already JSON text (jsonArrayAggText) and goes in as JSON, not as a string.
 * Member names are code, never input (they are inlined).
 */
export function jsonObjectText(engine: Engine, members: ReadonlyArray<readonly [string, Expression<unknown>, 'json'?]>): RawBuilder<string> {
  for (const [name] of members) if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`jsonObjectText: not a plain member name: ${name}`);
  if (engine === 'sqlite') return sql<string>`json_object(${sql.join(members.map(([n, v, json]) => sql`${sql.lit(n)}, ${json ? sql`json(${v})` : v}`))})`;
  const parts = members.map(([n, v, json]) => sql`${sql.lit(`"${n}":`)} || ${json ? v : sql`coalesce(to_json(${v})::text, 'null')`}`);
  return sql<string>`('{' || ${sql.join(parts, sql` || ',' || `)} || '}')`;
}

/**
 * The JSON array of a group's texts, minified and in the given order (an aggregate), as text: SQLite's
 * json_group_array; on PostgreSQL string_agg of each element through to_json (json_agg's text has ', '
 * between elements).
 */
export function jsonArrayAggText(engine: Engine, value: Expression<string>, orderBy: Expression<unknown>): RawBuilder<string> {
  if (engine === 'sqlite') return sql<string>`json_group_array(${value} ORDER BY ${orderBy})`;
  return sql<string>`('[' || coalesce(string_agg(to_json(${value})::text, ',' ORDER BY ${orderBy}), '') || ']')`;
}
