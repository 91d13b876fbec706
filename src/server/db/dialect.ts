import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Store } from './store.js';

/**
 * The few SQL expressions that must be written differently on SQLite and PostgreSQL, for repositories on
 * Kysely (issue 16). Each returns the spelling the migrations use for the same value, so an index built on
 * that expression (docs/database.md, "PostgreSQL conventions") still serves the query.
 */
type Engine = Store['engine'];

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
