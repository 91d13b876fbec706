import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';
import { buildApp, type App, type BuildOptions } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/config.js';
import { sqliteStore, type SqliteStore } from '../../../src/server/db/sqlite-store.js';
import type { Store } from '../../../src/server/db/store.js';
import { hashPassword } from '../../../src/server/security/password.js';
import { PASSWORD, testStore } from '../../helpers/app.js';
import { creditCode } from '../../helpers/credit-code.js';
import { loggedIn, type Client } from '../../helpers/client.js';

/** A clock the test moves by hand: retries are hours apart and nobody sleeps for them. */
export function manualClock(start = '2026-03-02T02:00:00.000Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP receiver on 127.0.0.1, as an enterprise would run one: records
 * every request with its raw body and answers with the next scripted status
 * (the last one repeats).
 */
export async function localReceiver(t: Test, statuses: number[] = [200]) {
  const received: Received[] = [];
  const script = [...statuses];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = script.length > 1 ? script.shift()! : script[0]!;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  t.teardown(() => new Promise<void>((done) => server.close(() => done())));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/kakou-hook`, port, received, setStatuses: (s: number[]) => script.splice(0, script.length, ...s) };
}

export interface HookWorld {
  app: App;
  /** the database, on the engine under test (KAKOU_TEST_ENGINE) */
  store: Store;
  dataDir: string;
  clock: ReturnType<typeof manualClock>;
  /** enterprises A and B, each with a signed-in user (a1, b1), an officer and an admin */
  A: number;
  B: number;
  a1: Client;
  b1: Client;
  officer: Client;
  /** builds a second app over the same database and data folder (a restart) */
  restart(opts?: Partial<BuildOptions['webhooks']>): Promise<App>;
}

/**
 * The real app over a real database (a SQLite file, or PostgreSQL: TEST_ENGINE), with the webhook worker not started
 * (tests run it with `app.services.webhookWorker.tick()`), the injected clock,
 * and plain-http loopback receivers allowed unless `env` says otherwise.
 */
export async function hookWorld(t: Test, opts: { env?: Record<string, string>; webhooks?: BuildOptions['webhooks'] } = {}): Promise<HookWorld> {
  process.env.KAKOU_AUDIT_STRICT = '1';
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-hook-'));
  const env = { KAKOU_DATA_DIR: dataDir, KAKOU_LOG_LEVEL: 'silent', KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK: '1', ...opts.env };
  const clock = manualClock();
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const store = await testStore(t, dataDir);
  const sqlite = store.engine === 'sqlite' ? (store as SqliteStore).db : null;
  const apps: App[] = [];
  const build = async (extra: Partial<BuildOptions['webhooks']> = {}) => {
    // On SQLite each app gets a store of its own over the one connection, as before; on PostgreSQL they share the pool.
    const app = await buildApp({ config: loadConfig(env), store: sqlite ? sqliteStore(sqlite) : store, webhooks: { autoStart: false, clock: clock.now, resolveAll: async () => { throw new Error('no DNS in tests'); }, ...opts.webhooks, ...extra } });
    apps.push(app);
    return app;
  };
  const app = await build();
  // Teardowns run in reverse: the apps close before the database, the folder goes last.
  t.teardown(async () => {
    for (const a of apps) await a.close();
  });
  const repos = app.repos;
  const enterprise = async (name: string, n: number) => {
    const e = await repos.enterprises.insert({ name, creditCode: creditCode(n), address: '昆山市前进东路 1 号', regionCode: '320583', dutyPhone: '051257001234' });
    await repos.enterprises.setStatus(e.id, 'approved', null);
    return e.id;
  };
  const A = await enterprise('昆山甲方物流有限公司', 901);
  const B = await enterprise('苏州乙方运输有限公司', 902);
  const passwordHash = await hashPassword(PASSWORD);
  const user = (username: string, role: 'enterprise_user' | 'bureau_officer' | 'bureau_admin', enterpriseId: number | null) =>
    repos.users.insert({ username, displayName: username, role, enterpriseId, passwordHash, mustChangePassword: false });
  await user('alpha-one', 'enterprise_user', A);
  await user('bravo-one', 'enterprise_user', B);
  await user('officer-one', 'bureau_officer', null);
  return {
    app,
    store,
    dataDir,
    clock,
    A,
    B,
    a1: await loggedIn(app, 'alpha-one', { remoteAddress: '10.9.0.1' }),
    b1: await loggedIn(app, 'bravo-one', { remoteAddress: '10.9.0.2' }),
    officer: await loggedIn(app, 'officer-one', { remoteAddress: '10.9.0.3' }),
    restart: build,
  };
}

/** Adds an endpoint as the enterprise user would, over the API; returns its id and the secret shown once. */
export async function addEndpoint(t: Test, client: Client, url: string): Promise<{ id: number; secret: string }> {
  const res = await client.request('POST', '/api/v1/webhooks', { url });
  t.equal(res.statusCode, 201, `endpoint ${url} added`, { body: res.body });
  const body = res.json() as { secret: string; endpoint: { id: number } };
  return { id: body.endpoint.id, secret: body.secret };
}
