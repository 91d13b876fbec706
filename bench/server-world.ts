/**
 * A real server for the HTTP benchmarks: buildApp over a fresh SQLite file in
 * a temp data folder (openDb's pragmas, so synchronous=FULL as in production),
 * or, with KAKOU_BENCH_ENGINE=postgres, over a fresh PostgreSQL database
 * (KAKOU_TEST_DATABASE_URL's server, or a throwaway cluster started for the
 * run: test/helpers/postgres.ts),
 * with a bureau officer, an approved enterprise and an issued pass made
 * through the real API, as the tests' world does. Logging is off and the
 * audit trail is not in the tests' strict mode: as the server runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Store } from '../src/server/db/store.js';
import { BENCH_ENGINE, benchStore } from './bench-store.js';
import { hashPassword } from '../src/server/security/password.js';
import { Client, loggedIn } from '../test/helpers/client.js';
import { creditCode } from '../test/helpers/credit-code.js';
import { chinaDate, fleet } from '../test/helpers/fleet.js';

// test/helpers/app.ts (imported by the client) switches strict audit checks on for tests; a server runs without.
delete process.env.KAKOU_AUDIT_STRICT;

export interface BenchServer {
  app: App;
  store: Store;
  engine: Store['engine'];
  dataDir: string;
  close(): Promise<void>;
}

export { BENCH_ENGINE, benchStore } from './bench-store.js';

export async function benchServer(): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-bench-srv-'));
  const config = loadConfig({ KAKOU_DATA_DIR: dataDir, KAKOU_LOG_LEVEL: 'silent' });
  const opened = await benchStore(dataDir);
  const app = await buildApp({ config, store: opened.store });
  return {
    app,
    store: opened.store,
    engine: BENCH_ENGINE,
    dataDir,
    async close() {
      await app.close();
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const PASSWORD = 'correct horse battery';

async function user(app: App, role: 'bureau_officer' | 'bureau_admin' | 'enterprise_user', username: string, enterpriseId: number | null = null): Promise<void> {
  await app.repos.users.insert({ username, displayName: username, role, enterpriseId, passwordHash: await hashPassword(PASSWORD), mustChangePassword: false });
}

export interface PassWorld {
  officer: Client;
  admin: Client;
  /** the issued pass as its QR carries it */
  qrText: string;
  passNo: string;
  /** what the checkpoint saw: everyone on board as on the pass, normal temperatures */
  observed: { plate: string; people: { passIndex: number; id4Matches: boolean; readings: number[]; stays: string[] }[]; staffKeyAreaFlag: boolean };
}

/** A Kunshan enterprise's approved pass for a truck with driver and escort, issued through the API. */
export async function passWorld(app: App): Promise<PassWorld> {
  const ent = await app.repos.enterprises.insert({ name: '昆山锦程精密机械有限公司', creditCode: creditCode(21), address: '昆山市前进东路 1 号', regionCode: '320583', dutyPhone: '051257001234' });
  await app.repos.enterprises.setStatus(ent.id, 'approved', null);
  await user(app, 'enterprise_user', 'a1', ent.id);
  await user(app, 'bureau_officer', 'officer');
  await user(app, 'bureau_admin', 'admin');
  const login = (name: string, ip: string) => loggedIn(app, name, { remoteAddress: ip, password: PASSWORD });
  const a1 = await login('a1', '10.8.0.1');
  const officer = await login('officer', '10.8.0.2');
  const admin = await login('admin', '10.8.0.3');
  const crew = await fleet(a1, '苏E12345', '1');
  const created = await a1.request('POST', '/api/v1/passes', {
    vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId],
    validFrom: chinaDate(0), validTo: chinaDate(6), originRegion: '320583',
    destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts',
  });
  const { id } = created.json() as { id: number };
  await a1.request('POST', `/api/v1/passes/${id}/submit`);
  const approved = await officer.request('POST', `/api/v1/passes/${id}/approve`);
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.statusCode} ${approved.body}`);
  const { qrText } = (await a1.request('GET', `/api/v1/passes/${id}/token`)).json() as { qrText: string };
  return {
    officer,
    admin,
    qrText,
    passNo: (approved.json() as { passNo: string }).passNo,
    observed: {
      plate: '苏E12345',
      people: [
        { passIndex: 0, id4Matches: true, readings: [36.5], stays: [] },
        { passIndex: 1, id4Matches: true, readings: [36.7], stays: [] },
      ],
      staffKeyAreaFlag: false,
    },
  };
}

/** An officer-role API token with the checks:evaluate scope, made by the administrator through the API: the integration caller of the evaluate endpoint. */
export async function evaluateToken(admin: Client): Promise<string> {
  const res = await admin.request('POST', '/api/v1/tokens', { name: 'bench terminal', role: 'bureau_officer', scopes: ['checks:evaluate'], expiresInDays: 30 });
  if (res.statusCode !== 201) throw new Error(`token: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}
