import type Database from 'better-sqlite3';

/** Distinct SQL texts kept per connection; filters assembled from query strings make the set open-ended. */
export const STATEMENT_CACHE_SIZE = 500;

type Prepare = <P extends unknown[] | {} = unknown[], R = unknown>(sql: string) => Database.Statement<P, R>;
const caches = new WeakMap<Database.Database, Prepare>();

const shared = (mode: string) => () => {
  throw new Error(`${mode}() on a shared statement (db/statement-cache.ts) would change it for every caller: use db.prepare for this one`);
};

/**
 * The connection's statement cache: `cached(db)(sql)` compiles each SQL text
 * once per connection. better-sqlite3 compiles on every `db.prepare`, and
 * repositories that query where they need to (one place per query, easy to
 * read) paid that on every call: on the ingest path a sixth of each event's
 * time went to compiling the escort and device queries again.
 *
 * Statements are shared by every caller of the same text, so their modes
 * (pluck, raw, expand) and bound parameters, which stay on a statement,
 * are refused; a statement busy in a paused `iterate()` is not handed out
 * again (the caller gets a fresh one).
 */
export function cached(db: Database.Database): Prepare {
  let prepare = caches.get(db);
  if (prepare) return prepare;
  const cache = new Map<string, Database.Statement>();
  prepare = (<P extends unknown[] | {}, R>(sql: string): Database.Statement<P, R> => {
    const hit = cache.get(sql);
    if (hit && !hit.busy) {
      // Most recently used last: the oldest goes first when the cache is full.
      cache.delete(sql);
      cache.set(sql, hit);
      return hit as unknown as Database.Statement<P, R>;
    }
    const statement = db.prepare<P, R>(sql);
    if (hit) return statement;
    for (const mode of ['pluck', 'raw', 'expand', 'bind', 'safeIntegers'] as const) Object.defineProperty(statement, mode, { value: shared(mode) });
    cache.set(sql, statement as unknown as Database.Statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return statement;
  }) as Prepare;
  caches.set(db, prepare);
  return prepare;
}
