// A database that cannot be reached or will not take writes is a 503 with Retry-After, never a 500: the
// scanner retries 5xx (and keeps its events), a failover takes seconds. The errors are the real drivers' own.
import t from 'tap';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { isDatabaseUnavailable } from '../../../src/server/db/unavailable.js';
import { setup, TEST_ENGINE } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { freePort } from '../../helpers/browser.js';
import { postgresServerUrl } from '../../helpers/postgres.js';

const caught = async (fn: () => Promise<unknown>): Promise<Error> => {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('no error');
};

t.test('what counts as unavailable', async (t) => {
  const refused = await caught(async () => {
    const c = new pg.Client({ host: '127.0.0.1', port: await freePort(), user: 'kakou', database: 'kakou', connectionTimeoutMillis: 2000 });
    await c.connect();
  });
  t.ok(isDatabaseUnavailable(refused), `nothing listening: ${(refused as { code?: string }).code}`);

  const sqliteBusy = await caught(async () => {
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'kakou-busy-'));
    const a = new Database(join(dir, 'x.sqlite'));
    const b = new Database(join(dir, 'x.sqlite'), { timeout: 10 });
    a.exec('CREATE TABLE x (v INTEGER)');
    a.exec('BEGIN IMMEDIATE');
    try {
      b.exec('BEGIN IMMEDIATE');
    } finally {
      a.exec('ROLLBACK');
      a.close();
      b.close();
    }
  });
  t.ok(isDatabaseUnavailable(sqliteBusy), `SQLite locked past the timeout: ${(sqliteBusy as { code?: string }).code}`);

  t.notOk(isDatabaseUnavailable(new Error('UNIQUE constraint failed: vehicles.plate')), 'a constraint is the request\'s fault');
  t.notOk(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' })), 'so is PostgreSQL\'s');
  t.notOk(isDatabaseUnavailable(Object.assign(new Error('syntax'), { code: '42601' })), 'and a bug is a 500, not a retry');
  t.notOk(isDatabaseUnavailable('ECONNREFUSED'), 'only errors');
});

t.test('a connection terminated under a query (a primary going down) is unavailable', { skip: (await postgresServerUrl()) ? false : 'no PostgreSQL' }, async (t) => {
  const url = (await postgresServerUrl())!;
  const victim = new pg.Client({ connectionString: url });
  const admin = new pg.Client({ connectionString: url });
  await victim.connect();
  await admin.connect();
  victim.on('error', () => {}); // the terminated connection also reports on the client
  t.teardown(async () => {
    await victim.end().catch(() => undefined);
    await admin.end();
  });
  const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const sleeping = caught(() => victim.query('SELECT pg_sleep(30)'));
  await new Promise((r) => setTimeout(r, 200));
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  const error = await sleeping;
  t.equal((error as { code?: string }).code, '57P01', 'admin shutdown');
  t.ok(isDatabaseUnavailable(error));
});

t.test('a deadlock victim (two transactions taking two locks in opposite orders) is unavailable: its transaction was rolled back whole', { skip: (await postgresServerUrl()) ? false : 'no PostgreSQL' }, async (t) => {
  const url = (await postgresServerUrl())!;
  const [a, b] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await a.connect();
  await b.connect();
  t.teardown(async () => {
    await a.end();
    await b.end();
  });
  await a.query('BEGIN');
  await b.query('BEGIN');
  await a.query('SELECT pg_advisory_xact_lock(424201)');
  await b.query('SELECT pg_advisory_xact_lock(424202)');
  const results = await Promise.allSettled([a.query('SELECT pg_advisory_xact_lock(424202)'), b.query('SELECT pg_advisory_xact_lock(424201)')]);
  const victim = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  t.equal((victim?.reason as { code?: string } | undefined)?.code, '40P01', 'PostgreSQL aborted one');
  t.ok(isDatabaseUnavailable(victim?.reason));
  await a.query('ROLLBACK');
  await b.query('ROLLBACK');
});

t.test('a write while SQLite is locked by another process past the timeout: 503, Retry-After, and the retry succeeds', { skip: TEST_ENGINE !== 'sqlite' && 'SQLite\'s lock' }, async (t) => {
  const ctx = await setup(t);
  const ent = await ctx.enterprise('昆山精密机械有限公司', '91320583MA1XXXXX01');
  await ctx.user('enterprise_user', 'ent1', ent);
  const client = await loggedIn(ctx.app, 'ent1');
  ctx.repos.db.pragma('busy_timeout = 50');
  const other = new Database(join(ctx.dataDir, 'kakou.sqlite'));
  t.teardown(() => other.close());
  other.exec('BEGIN IMMEDIATE');
  const body = { plate: '苏E12345', type: 'truck' };
  const locked = await client.request('POST', '/api/v1/vehicles', body);
  t.equal(locked.statusCode, 503, locked.body);
  t.equal(locked.headers['retry-after'], '5');
  t.match(locked.json(), { code: 'database_unavailable', status: 503 });
  other.exec('ROLLBACK');
  const retried = await client.request('POST', '/api/v1/vehicles', body);
  t.equal(retried.statusCode, 201, 'the same request, sent again, is stored');
});
