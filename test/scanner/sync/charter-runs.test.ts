import t from 'tap';
import { signCharterRuns } from '../../../src/core/charter/index.js';
import { syncCharterRuns, CHARTER_RUNS_PATH } from '../../../scanner-app/src/app/sync/charter-runs.js';
import { SyncError } from '../../../scanner-app/src/app/sync/http.js';
import type { Db } from '../../../scanner-app/src/app/storage/db.js';
import type { CharterRunsRecord, DeviceRecord } from '../../../scanner-app/src/app/storage/schema.js';
import { BUNDLE_JWKS, CHECKPOINT, bundleKey, runsDoc } from '../../core/charter/fixtures.js';

/** The adapter against a stubbed fetch and a one-record store: what it asks, what it keeps. */
const keyPair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
const device = {
  deviceId: 'dev-1',
  baseUrl: 'https://kakou.example.cn',
  checkpointId: CHECKPOINT,
  privateKey: keyPair.privateKey,
  bundleKeys: BUNDLE_JWKS.keys,
} as unknown as DeviceRecord;

function store(initial?: CharterRunsRecord) {
  let value = initial;
  const db = {
    get: async () => value,
    put: async (_store: string, v: CharterRunsRecord) => {
      value = v;
    },
    delete: async () => {
      value = undefined;
    },
  } as unknown as Db;
  return { db, current: () => value };
}

const now = Math.floor(Date.now() / 1000);
const doc = (o: Parameters<typeof runsDoc>[0] = {}) => signCharterRuns(runsDoc({ iat: now - 60, exp: now + 3600, ...o }), { privateKey: bundleKey.privateKey, kid: bundleKey.kid });

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return e instanceof SyncError ? e.code : `other: ${String(e)}`;
  }
}

function answer(status: number, body?: unknown, seen: Array<{ url: string; ifNoneMatch: string | null }> = []) {
  t.context.fetch ??= globalThis.fetch;
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    seen.push({ url, ifNoneMatch: new Headers(init.headers).get('if-none-match') });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', etag: '"e2"' } });
  }) as typeof fetch;
  return seen;
}
t.afterEach(() => {
  if (t.context.fetch) globalThis.fetch = t.context.fetch;
});

t.test('a verified document is stored; the next poll sends its ETag and a 304 keeps it', async (t) => {
  const s = store();
  const jws = await doc();
  const seen = answer(200, { data: jws, etag: '"e2"' });
  t.equal(await syncCharterRuns(s.db, device), 'updated');
  t.equal(seen[0]?.url, device.baseUrl + CHARTER_RUNS_PATH);
  t.equal(s.current()?.data.runs.length, 1);
  t.equal(s.current()?.etag, '"e2"');
  const again = answer(304);
  t.equal(await syncCharterRuns(s.db, device), 'unchanged');
  t.equal(again[0]?.ifNoneMatch, '"e2"');
});

t.test('a 404 (a server older than charter runs) means no runs, not a failure', async (t) => {
  const s = store({ jws: 'x', etag: '"old"', data: runsDoc(), storedAt: 0 });
  answer(404, { code: 'not_found' });
  t.equal(await syncCharterRuns(s.db, device), 'none');
  t.equal(s.current(), undefined, 'the old document is gone');
});

t.test('refused before storing: another checkpoint, a foreign key, an off-contract answer; an older document does not replace a newer one', async (t) => {
  const s = store();
  answer(200, { data: await doc({ checkpoint: CHECKPOINT + 1 }), etag: '"x"' });
  t.equal(await code(syncCharterRuns(s.db, device)), 'charters_wrong_checkpoint');
  answer(200, { data: (await doc()).replace(/\.[^.]+$/, '.AAAA'), etag: '"x"' });
  t.equal(await code(syncCharterRuns(s.db, device)), 'charters_bad_signature');
  answer(200, { runs: [] });
  t.equal(await code(syncCharterRuns(s.db, device)), 'bad_answer');
  t.equal(s.current(), undefined, 'nothing stored');

  answer(200, { data: await doc(), etag: '"new"' });
  await syncCharterRuns(s.db, device);
  answer(200, { data: await doc({ iat: now - 600 }), etag: '"older"' });
  t.equal(await syncCharterRuns(s.db, device), 'unchanged');
  t.equal(s.current()?.etag, '"new"');
});
