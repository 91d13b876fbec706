/**
 * Runs a test on each storage engine (issue 16): SQLite always, PostgreSQL when test/helpers/postgres.ts
 * can reach one (KAKOU_TEST_DATABASE_URL, or a throwaway cluster when initdb is installed). Without
 * PostgreSQL the PostgreSQL half is skipped, saying why, unless KAKOU_REQUIRE_POSTGRES=1 (CI), where
 * that is an error (test/helpers/postgres.ts).
 */
import type { Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '../../src/server/db/open.js';
import { migrate } from '../../src/server/db/migrate.js';
import { migratePostgres } from '../../src/server/db/migrate-postgres.js';
import { sqliteStore } from '../../src/server/db/sqlite-store.js';
import { postgresStore } from '../../src/server/db/postgres-store.js';
import type { Store } from '../../src/server/db/store.js';
import { freshPostgresDatabase, postgresServerUrl } from './postgres.js';

export type Engine = Store['engine'];

/** A migrated SQLite database in a temp folder, with its store (strict about yielding transactions). */
export function freshSqliteStore(t: Test): { store: Store; db: Db } {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-engine-'));
  const db = openDb(join(dir, 'kakou.sqlite'));
  migrate(db);
  t.teardown(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store: sqliteStore(db, { strict: true }), db };
}

/** A migrated PostgreSQL database of its own, with its store; null without a server (an error under KAKOU_REQUIRE_POSTGRES=1). */
export async function freshPostgresStore(t: Test): Promise<Store | null> {
  const database = await freshPostgresDatabase();
  if (!database) return null;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await migratePostgres(client);
  } finally {
    await client.end();
  }
  const store = postgresStore(database.url, { max: 4 });
  t.teardown(async () => {
    await store.close();
    await database.drop();
  });
  return store;
}

/** `fn` as a subtest per engine, each on a fresh migrated database. */
export async function onEachEngine(t: Test, name: string, fn: (t: Test, store: Store, engine: Engine) => Promise<void>): Promise<void> {
  await t.test(`${name} [sqlite]`, async (t) => fn(t, freshSqliteStore(t).store, 'sqlite'));
  const skip = (await postgresServerUrl()) ? false : 'no PostgreSQL: set KAKOU_TEST_DATABASE_URL or install postgresql (initdb)';
  await t.test(`${name} [postgres]`, { skip }, async (t) => {
    const store = await freshPostgresStore(t);
    if (!store) throw new Error('PostgreSQL went away');
    await fn(t, store, 'postgres');
  });
}

/** Thrown inside a transaction to roll it back on purpose. */
export class Rollback extends Error {}

/** The database refuses `fn` with a message matching `re` (a trigger's or a constraint's own text, the same on both engines). */
export async function refusedWith(t: Test, fn: () => Promise<unknown>, re: RegExp, what: string): Promise<void> {
  try {
    await fn();
    t.fail(`${what}: not refused`);
  } catch (error) {
    t.match((error as Error).message, re, what);
  }
}

/**
 * What each engine answered, per test: `answer(test, engine, value)` inside the engine tests, then
 * `compareAnswers(t)` once at the end of the file checks that PostgreSQL answered what SQLite did.
 */
export function engineAnswers() {
  const answers: Record<string, Record<string, unknown>> = {};
  return {
    answer(test: string, engine: Engine, value: unknown): void {
      (answers[test] ??= {})[engine] = value;
    },
    compareAnswers(t: Test): void {
      t.test('both engines answered the same', async (t) => {
        for (const [test, byEngine] of Object.entries(answers)) {
          if (byEngine.sqlite !== undefined && byEngine.postgres !== undefined) t.strictSame(byEngine.postgres, byEngine.sqlite, test);
        }
      });
    },
  };
}
