/**
 * Two nodes on one database share a limit (issue 16): two apps over the same database (each with its own
 * connection or pool, as two processes would have: helpers/nodes.ts) and the same data folder (so the same
 * key hashes the keys).
 */
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/config.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { ENROLL_RATE_LIMIT } from '../../../src/server/features/devices/api.js';
import '../../helpers/app.js';
import { nodeStores } from '../../helpers/nodes.js';

t.test('enrollment attempts through two nodes count against one limit', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-cluster-'));
  const config = loadConfig({ KAKOU_DATA_DIR: dataDir, KAKOU_LOG_LEVEL: 'silent' });
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const [storeA, storeB] = await nodeStores(t, dataDir, 2);
  const dataKey = DataKey.load(config.dataDir);
  const a = await buildApp({ config, store: storeA!, dataKey, webhooks: { autoStart: false } });
  const b = await buildApp({ config, store: storeB!, dataKey, webhooks: { autoStart: false } });
  // Teardowns run in reverse: the apps close before their databases, the folder goes last.
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  const attempt = (app: typeof a, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/v1/devices/enroll', headers: { 'content-type': 'application/json' }, payload: '{"nonsense":true}', remoteAddress });

  const ip = '203.0.113.50';
  t.equal(ENROLL_RATE_LIMIT.max, 10);
  const n = 6;
  for (let i = 1; i <= n; i++) t.equal((await attempt(a, ip)).statusCode, 400, `attempt ${i} through node A is judged`);
  for (let i = n + 1; i <= ENROLL_RATE_LIMIT.max; i++) t.equal((await attempt(b, ip)).statusCode, 400, `attempt ${i} through node B is judged`);
  const limited = await attempt(b, ip);
  t.equal(limited.statusCode, 429, 'the 11th, through B, is refused: B counted A\'s six');
  t.match(limited.json(), { code: 'rate_limited' });
  t.equal((await attempt(a, ip)).statusCode, 429, 'and A refuses the 12th');
  t.equal((await attempt(a, '203.0.113.51')).statusCode, 400, 'another address is not limited');

  const keys = await storeA!.q().selectFrom('rate_limits').select(['key', 'count']).orderBy('count', 'desc').execute();
  t.same(keys.map((k) => k.count), [12, 1], 'one row per address, in the shared table');
  t.notOk(keys.some((k) => k.key.includes('203.0.113')), 'no address stored in clear');
});
