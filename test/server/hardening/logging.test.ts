import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/config.js';
import { hashPassword } from '../../../src/server/security/password.js';
import { loggableUrl, loggerOptions } from '../../../src/server/logging.js';
import { Client } from '../../helpers/client.js';
import { logCapture } from '../../helpers/log-capture.js';
import { PASSWORD, testStore } from '../../helpers/app.js';

t.test('loggableUrl keeps the path and the parameter names, never a value', async (t) => {
  t.equal(loggableUrl('/api/v1/people'), '/api/v1/people');
  t.equal(loggableUrl('/api/v1/people?q=11010519491231002X&page=2'), '/api/v1/people?q=*&page=*');
  t.equal(loggableUrl('/p?13912345678'), '/p??=*', 'a bare value in the name position is not logged either');
  t.equal(loggableUrl('/p?%E5%BC%A0=1'), '/p??=*');
  t.equal(loggableUrl('/p?a=1&&b'), '/p?a=*&b=*');
});

t.test('the request log of a people search holds no ID number, phone or name', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-log-'));
  const { stream, lines } = logCapture();
  const config = loadConfig({ KAKOU_DATA_DIR: dataDir, KAKOU_LOG_LEVEL: 'info' });
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const store = await testStore(t, dataDir);
  const app = await buildApp({ config, store, logger: loggerOptions(config, { stream }) });
  // Teardowns run in reverse: the app closes before its database, and the folder goes last.
  t.teardown(() => app.close());
  await app.repos.users.insert({ username: 'officer1', displayName: 'o', role: 'bureau_officer', enterpriseId: null, passwordHash: await hashPassword(PASSWORD), mustChangePassword: false });
  const c = new Client(app, { remoteAddress: '10.7.0.1' });
  t.equal((await c.login('officer1')).statusCode, 200);
  for (const q of ['11010519491231002X', '13912345678', encodeURIComponent('张建国')]) {
    const res = await c.request('GET', `/api/v1/people?q=${q}`);
    t.equal(res.statusCode, 200, res.body.slice(0, 100));
  }
  const log = lines.join('');
  t.match(log, /\/api\/v1\/people\?q=\*/, 'the search is logged, without its value');
  t.notMatch(log, /11010519491231002X|13912345678|%E5%BC%A0|张建国/, 'no searched value anywhere in the log');
  t.notMatch(log, new RegExp(PASSWORD), 'no password');
  t.notMatch(log, /kakou_sid=/, 'no session cookie');
  t.ok(lines.every((l) => (JSON.parse(l) as { node?: string }).node === config.nodeId), 'every line names the node that wrote it (KAKOU_NODE_ID)');
});
