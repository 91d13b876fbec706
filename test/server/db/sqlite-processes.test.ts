// Several processes on one SQLite file, as in production: the server beside a `kakou` CLI command
// (key rotation, audit verify/checkpoint) or two servers during a restart. A service transaction
// reads then writes; a DEFERRED one fails at once with SQLITE_BUSY when another connection wrote
// in between (its read snapshot cannot become a write), so store.transaction must BEGIN IMMEDIATE and wait
// on busy_timeout instead.
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../../src/server/db/open.js';
import { loadMigrations, migrate } from '../../../src/server/db/migrate.js';
import { repositories } from '../../../src/server/repositories.js';
import { sqliteStore } from '../../../src/server/db/sqlite-store.js';
import { keysService } from '../../../src/server/features/keys/service.js';
import { auditIntegrity } from '../../../src/server/features/audit/integrity.js';
import { DataKey } from '../../../src/server/security/data-key.js';

const APPENDER = fileURLToPath(new URL('./fixtures/audit-appender.ts', import.meta.url));
const MIGRATOR = fileURLToPath(new URL('./fixtures/migrator.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Child<R> {
  /** the child printed `ready` (its database is open) */
  ready: Promise<void>;
  /** releases it: all children are released together, once all are ready */
  go(): void;
  result: Promise<R & { code: number | null; stderr: string }>;
}

/** A fixture script in a child Node process; its result is the JSON line it prints last. */
function child<R>(script: string, args: string[], none: R): Child<R> {
  const child = spawn(process.execPath, ['--import=tsx', script, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, KAKOU_LOG_LEVEL: 'silent' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const lines: string[] = [];
  let onLine: (() => void) | undefined;
  createInterface({ input: child.stdout }).on('line', (l) => {
    lines.push(l);
    onLine?.();
  });
  const ready = new Promise<void>((resolve, reject) => {
    onLine = () => lines[0] === 'ready' && resolve();
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before ready: ${stderr}`)));
  });
  const result = new Promise<R & { code: number | null; stderr: string }>((resolve) => {
    child.once('exit', (code) => {
      const last = lines.at(-1);
      const parsed = last && last !== 'ready' ? (JSON.parse(last) as R) : none;
      resolve({ ...parsed, code, stderr });
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), result };
}

/** Starts the children, waits until every one is ready, then releases them at once; their results. */
async function together<R>(children: Child<R>[]) {
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.go();
  return Promise.all(children.map((c) => c.result));
}

const appender = (dataDir: string, count: number, label: string) =>
  child<{ ok: number; errors: string[] }>(APPENDER, [dataDir, String(count), label], { ok: 0, errors: ['no result'] });
const migrator = (dataDir: string) => child<{ version?: number; error?: string }>(MIGRATOR, [dataDir], { error: 'no result' });

t.test('three processes appending audit entries inside store.transaction at once: every append succeeds and the chain verifies', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-processes-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const setupDb = openDb(join(dataDir, 'kakou.sqlite'));
  migrate(setupDb);
  DataKey.load(dataDir); // created once here, not raced by the three
  const before = (await repositories(sqliteStore(setupDb), { dataDir }).audit.head()).size;
  setupDb.close();

  const PROCESSES = 3;
  const EACH = 40;
  const results = await together(Array.from({ length: PROCESSES }, (_, i) => appender(dataDir, EACH, `p${i}`)));

  for (const [i, r] of results.entries()) {
    t.equal(r.code, 0, `process ${i} exited normally${r.stderr ? `: ${r.stderr}` : ''}`);
    t.same(r.errors.slice(0, 3), [], `process ${i}: no append failed (${r.errors.length} did)`);
    t.equal(r.ok, EACH, `process ${i}: all ${EACH} appends committed`);
  }

  const db = openDb(join(dataDir, 'kakou.sqlite'));
  t.teardown(() => db.close());
  const repos = repositories(sqliteStore(db), { dataDir });
  for (let i = 0; i < PROCESSES; i++) {
    t.equal((db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'audit.retention_purge' AND reason = ?").get(`p${i}`) as { n: number }).n, EACH, `p${i}: ${EACH} entries stored`);
  }
  t.equal((await repos.audit.head()).size, before + PROCESSES * EACH, 'the log grew by exactly the appends, seq without a gap');
  const report = await auditIntegrity(repos, keysService(repos, DataKey.load(dataDir))).verify({ record: false });
  t.match(report, { ok: true, failure: null, entries: before + PROCESSES * EACH }, 'the chain verifies: no fork, no gap');
});

t.test('three processes migrating one new database at once (a server starting beside a CLI command): all reach the latest version, each migration applied once', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-processes-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  openDb(join(dataDir, 'kakou.sqlite')).close(); // the file exists, WAL on, nothing migrated
  const latest = loadMigrations().at(-1)!.version;

  const results = await together(Array.from({ length: 3 }, () => migrator(dataDir)));
  for (const [i, r] of results.entries()) {
    t.equal(r.code, 0, `process ${i} exited normally${r.stderr ? `: ${r.stderr}` : ''}`);
    t.same({ version: r.version, error: r.error }, { version: latest, error: undefined }, `process ${i} migrated to ${latest}`);
  }
  const db = openDb(join(dataDir, 'kakou.sqlite'));
  t.teardown(() => db.close());
  t.same(
    (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version),
    loadMigrations().map((m) => m.version),
    'each migration recorded once',
  );
});
