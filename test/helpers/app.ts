import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Test } from 'tap';
import { buildApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { loggerOptions } from '../../src/server/logging.js';
import { migrate } from '../../src/server/db/migrate.js';
import { openDb } from '../../src/server/db/open.js';
import { postgresStore } from '../../src/server/db/postgres-store.js';
import { sqliteStore } from '../../src/server/db/sqlite-store.js';
import type { Store } from '../../src/server/db/store.js';
import { freshPostgresDatabase } from './postgres.js';
import { repositories, type Repos } from '../../src/server/repositories.js';
import { hashPassword } from '../../src/server/security/password.js';
import type { Role } from '../../src/server/features/users/schema.js';

// Every audit record a test makes is checked against the catalogue (action known, detail fields declared).
process.env.KAKOU_AUDIT_STRICT = '1';
process.env.KAKOU_STRICT_TX = '1';

export const PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | undefined;

export interface TestContext {
  app: App;
  repos: Repos;
  dataDir: string;
  /** Creates a user whose password is PASSWORD and who need not change it. */
  user(role: Role, username: string, enterpriseId?: number | null): Promise<number>;
  enterprise(name: string, creditCode: string, status?: 'registered' | 'approved' | 'suspended'): Promise<number>;
}

/**
 * Which engine the app tests run on: SQLite (`npm test`), or PostgreSQL when KAKOU_TEST_ENGINE=postgres
 * (`npm run test:postgres`, and .ci/run), each test on a database of its own.
 */
export const TEST_ENGINE: Store['engine'] = process.env.KAKOU_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** A migrated store of the engine under test, in `dataDir` for SQLite; closed (and dropped) when the test ends. */
export async function testStore(t: Test, dataDir: string): Promise<Store> {
  if (TEST_ENGINE === 'postgres') {
    const database = await freshPostgresDatabase({ migrated: true });
    if (!database) throw new Error('KAKOU_TEST_ENGINE=postgres but no PostgreSQL: set KAKOU_TEST_DATABASE_URL or install postgresql');
    const store = postgresStore(database.url, { max: 4 });
    t.teardown(async () => {
      await store.close();
      await database.drop();
    });
    return store;
  }
  const db = openDb(join(dataDir, 'kakou.sqlite'));
  migrate(db);
  t.teardown(() => db.close());
  return sqliteStore(db);
}

/** A real app over a real database (SQLite in a fresh temp folder, or PostgreSQL: TEST_ENGINE), closed when the test ends. */
export async function setup(t: Test, env: Record<string, string> = {}, opts: { logStream?: Writable } = {}): Promise<TestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-test-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ KAKOU_DATA_DIR: dataDir, KAKOU_LOG_LEVEL: 'silent', ...env });
  const store = await testStore(t, dataDir);
  // With a stream, the app logs there as in production (loggerOptions), at KAKOU_LOG_LEVEL; see helpers/log-capture.ts.
  const app = await buildApp({ config, store, ...(opts.logStream ? { logger: loggerOptions(config, { stream: opts.logStream }) } : {}) });
  const repos = app.repos;
  // Teardowns run in reverse: the app closes before its database.
  t.teardown(() => app.close());
  return {
    app,
    repos,
    dataDir,
    async user(role, username, enterpriseId = null) {
      const passwordHash = await (cachedHash ??= hashPassword(PASSWORD));
      return (await repos.users.insert({ username, displayName: username, role, enterpriseId, passwordHash, mustChangePassword: false })).id;
    },
    async enterprise(name, creditCode, status = 'approved') {
      const e = await repos.enterprises.insert({ name, creditCode, address: '昆山市前进东路 1 号', regionCode: '320583', dutyPhone: '051257001234' });
      if (status !== 'registered') await repos.enterprises.setStatus(e.id, status, null);
      return e.id;
    },
  };
}
