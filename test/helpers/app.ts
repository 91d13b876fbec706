import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import { buildApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { migrate } from '../../src/server/db/migrate.js';
import { openDb } from '../../src/server/db/open.js';
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

/** A real app over a real SQLite file in a fresh temp folder, closed when the test ends. */
export async function setup(t: Test, env: Record<string, string> = {}): Promise<TestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-test-'));
  const config = loadConfig({ KAKOU_DATA_DIR: dataDir, KAKOU_LOG_LEVEL: 'silent', ...env });
  const db = openDb(join(dataDir, 'kakou.sqlite'));
  migrate(db);
  const app = await buildApp({ config, db });
  const repos = app.repos;
  t.teardown(async () => {
    await app.close();
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
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
