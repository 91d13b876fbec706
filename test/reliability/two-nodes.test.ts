/**
 * Several nodes on one PostgreSQL database (issue 16): two real server processes started on one
 * database, as docs/deployment.md runs them behind a proxy, and clients that talk to either.
 * - a scanner uploads its chain through both nodes in turn;
 * - an officer signs in on one node and works on the other (sessions and CSRF live in the database);
 * - a node is killed (SIGKILL) while an upload is in flight and the scanner retries through the
 *   other: every acknowledged event is stored once;
 * - a rate limit counts requests through both nodes;
 * - both nodes serve the same signed trust bundle and checkpoint data;
 * - an escort request made through one node reaches the enterprise's live list open on the other;
 * - at the end the audit chain verifies, with `kakou audit verify`'s own code.
 */
import t from 'tap';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { freePort, LiveDevice, LiveSession, seedLiveWorld, startLiveServer, stopLiveServer, type LiveServer } from '../../bench/live-server.js';
import { SECRET_FILES } from '../../src/cli/backup.js';
import { postgresStore } from '../../src/server/db/postgres-store.js';
import { repositories } from '../../src/server/repositories.js';
import { DataKey } from '../../src/server/security/data-key.js';
import { keysService } from '../../src/server/features/keys/service.js';
import { auditIntegrity } from '../../src/server/features/audit/integrity.js';
import { ENROLL_RATE_LIMIT } from '../../src/server/features/devices/api.js';
import { systemActor } from '../../src/server/security/actor.js';
import { freshPostgresDatabase, postgresServerUrl } from '../helpers/postgres.js';

// Each node starts through tsx (a few seconds on an idle 2-core machine; many times that on a loaded one).
t.setTimeout(10 * 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('two nodes on one PostgreSQL database', { skip: (await postgresServerUrl()) ? false : 'no PostgreSQL (KAKOU_TEST_DATABASE_URL, or initdb to start one)' }, async (t) => {
  const database = (await freshPostgresDatabase())!;
  const dirA = mkdtempSync(join(tmpdir(), 'kakou-node-a-'));
  const dirB = mkdtempSync(join(tmpdir(), 'kakou-node-b-'));
  t.teardown(() => {
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  });
  t.teardown(() => database.drop());

  const world = await seedLiveWorld(dirA, { devices: 2, submitted: 2, databaseUrl: database.url });
  const env = (node: string) => ({ KAKOU_DATABASE_URL: database.url, KAKOU_NODE_ID: node });
  const nodes: Record<'a' | 'b', LiveServer> = {} as never;
  const ports = { a: await freePort(), b: await freePort() };
  t.teardown(async () => {
    for (const s of Object.values(nodes)) await stopLiveServer(s);
  });
  nodes.a = await startLiveServer(dirA, ports.a, 180_000, undefined, env('node-a'));
  // Node B gets node A's key files, as `kakou migrate-to-postgres --keys-to` hands them out: the same data key
  // (encrypted columns, signing keys) and cookie secret (a session cookie signed by one node is good on the other).
  for (const name of SECRET_FILES) copyFileSync(join(dirA, name), join(dirB, name));
  nodes.b = await startLiveServer(dirB, ports.b, 180_000, undefined, env('node-b'));
  const url = (n: 'a' | 'b') => nodes[n].baseUrl;

  const store = postgresStore(database.url, { max: 2 });
  t.teardown(() => store.close());
  const storedTimes = async (ids: Iterable<string>): Promise<Map<string, number>> => {
    const list = [...ids];
    const rows = list.length === 0 ? [] : await store.q().selectFrom('events').select(['id', sql<number>`count(*)`.as('n')]).where('id', 'in', list).groupBy('id').execute();
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  };

  // Device 0's chain goes on from one test to the next (a new LiveDevice would start it again, a fork).
  const scanner = new LiveDevice(world.devices[0]!);

  await t.test('a scanner uploads its chain through both nodes in turn', async (t) => {
    const device = scanner;
    for (let round = 0; round < 8; round++) {
      await device.record(5);
      t.equal(await device.upload(url(round % 2 === 0 ? 'a' : 'b')), 5, `batch ${round + 1} through node ${round % 2 === 0 ? 'A' : 'B'} acknowledged`);
    }
    t.equal(device.outbox.length, 0, 'nothing left to send');
    const stored = await storedTimes(device.acked);
    t.equal(stored.size, 40, 'all 40 events are stored');
    t.ok([...stored.values()].every((n) => n === 1), 'each once');
    // A batch node A acknowledged, sent again through node B (a retry after a lost answer): duplicates, not copies.
    await device.record(5);
    const batch = [...device.outbox];
    t.equal(await device.upload(url('a')), 5);
    const retry = new LiveDevice(world.devices[0]!);
    retry.outbox.push(...batch);
    t.equal(await retry.upload(url('b')), 5, 'node B answers the retried batch');
    const again = await storedTimes(batch.map((e) => e.id));
    t.same([...again.values()], [1, 1, 1, 1, 1], 'and stores no second copy');
  });

  await t.test('signed in on node A, the officer works on node B', async (t) => {
    const officer = new LiveSession(url('a'));
    await officer.login('officer', world.accounts.officer!);
    officer.baseUrl = url('b');
    const me = await officer.request('GET', '/api/v1/session');
    t.equal(me.status, 200);
    t.match(JSON.parse(me.text), { user: { username: 'officer' } }, 'node B knows the session node A opened');
    const id = world.submitted[0]!;
    const approved = await officer.request('POST', `/api/v1/passes/${id}/approve`);
    t.equal(approved.status, 200, `approval through node B with node A's CSRF token: ${approved.text.slice(0, 200)}`);
    officer.baseUrl = url('a');
    const seen = await officer.request('GET', `/api/v1/passes/${id}`);
    t.match(JSON.parse(seen.text), { id, status: 'issued' }, 'node A shows the pass node B issued');
    const out = await officer.request('DELETE', '/api/v1/session');
    t.ok(out.status < 300, 'signed out on node A');
    officer.baseUrl = url('b');
    t.equal((await officer.request('GET', `/api/v1/passes/${id}`)).status, 401, 'and the session is gone on node B too');
  });

  await t.test("an escort request made through node B reaches the enterprise's live list open on node A", async (t) => {
    const enterprise = new LiveSession(url('a'));
    await enterprise.login('jincheng', world.accounts.jincheng!);
    const onA = await enterprise.openStream('/enterprise/escorts/stream');
    t.teardown(() => onA.close());
    await onA.next('ready');
    enterprise.baseUrl = url('b');
    const onB = await enterprise.openStream('/enterprise/escorts/stream');
    t.teardown(() => onB.close());
    await onB.next('ready');

    const { pass_no: passNo } = await store.q().selectFrom('passes').select('pass_no').where('status', '=', 'issued').orderBy('id').executeTakeFirstOrThrow();
    await scanner.record(1, {
      type: 'check',
      payload: {
        passNo, plate: '苏E12345',
        observations: { v: 1, people: [{ passIndex: 0, id4Matches: true, readings: [36.5], stays: [{ region: '420106', lastDay: '2020-02-20' }] }], staffKeyAreaFlag: false },
        decision: 'ESCORT', reasons: ['pass.valid', 'keyarea.stay'], ruleSetVersion: 1, bundleAgeSec: 600, staffBadge: 'KS0427',
      },
    } as never);
    t.equal(await scanner.upload(url('b')), 1, 'the ESCORT check is acknowledged by node B');
    const request = await store.q().selectFrom('escort_requests').select(['id', 'enterprise_id']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const seenOnA = JSON.parse(await onA.next('escort')) as { type: string; requestId: number; status: string };
    t.match(seenOnA, { type: 'escort.requested', requestId: request.id, status: 'open' }, "node A's stream announces the request node B made");
    t.match(JSON.parse(await onB.next('escort')), { type: 'escort.requested', requestId: request.id }, "and node B's own stream too");

    // The enterprise records the dispatch through node A: node B's stream hears it.
    enterprise.baseUrl = url('a');
    const dispatched = await enterprise.request('POST', `/api/v1/escort-requests/${request.id}/dispatch`, { escortName: '王强', escortPhone: '13800001234' });
    t.equal(dispatched.status, 200, `dispatch through node A: ${dispatched.text.slice(0, 200)}`);
    t.match(JSON.parse(await onB.next('escort')), { type: 'escort.dispatched', requestId: request.id }, "node B's stream announces the dispatch node A recorded");
    t.match(JSON.parse(await onA.next('escort')), { type: 'escort.dispatched', requestId: request.id }, "and node A's own stream too");
  });

  await t.test('a node killed while an upload is in flight: the scanner retries through the other, every acknowledged event stored once', async (t) => {
    const device = new LiveDevice(world.devices[1]!);
    let cut = 0;
    for (const [round, delayMs] of [0, 30, 120].entries()) {
      await device.record(200);
      const inFlight = device.upload(url('a'), 500).then(
        (n) => ({ ok: true as const, n }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      await sleep(delayMs);
      nodes.a.child.kill('SIGKILL');
      await nodes.a.exited;
      const r = await inFlight;
      if (!r.ok) cut += 1;
      // Whatever node A did not answer, the scanner sends again, the same events, through node B.
      while (device.outbox.length > 0) await device.upload(url('b'), 500);
      nodes.a = await startLiveServer(dirA, ports.a, 180_000, undefined, env('node-a'));
      t.comment(`round ${round + 1}: the upload to node A ${r.ok ? `was answered (${r.n})` : 'was cut'} before the kill`);
    }
    t.equal(device.acked.size, device.recorded, 'every event recorded was acknowledged in the end');
    const stored = await storedTimes(device.acked);
    t.equal(stored.size, device.recorded, 'every acknowledged event is stored');
    t.ok([...stored.values()].every((n) => n === 1), 'each exactly once');
    t.comment(`${cut} of 3 uploads were cut by the kill`);
    // The chain the device sent is whole: the server flags no gap for it.
    const gaps = await store.q().selectFrom('events').select('id').where('device_id', '=', world.devices[1]!.id)
      .where((eb) => eb.or([eb('gap', '=', 1), eb('broken_link', '=', 1), eb('fork', '=', 1)])).execute();
    t.same(gaps, [], 'no event of the chain is flagged (no gap, no fork)');
  });

  await t.test('a rate limit counts through both nodes', async (t) => {
    const attempt = async (n: 'a' | 'b') =>
      (await fetch(`${url(n)}/api/v1/devices/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"nonsense":true}' })).status;
    for (let i = 1; i <= ENROLL_RATE_LIMIT.max; i++) t.equal(await attempt(i % 2 === 0 ? 'a' : 'b'), 400, `attempt ${i} is judged`);
    t.equal(await attempt('a'), 429, 'the one past the limit is refused, whichever node it reaches');
    t.equal(await attempt('b'), 429);
  });

  await t.test('both nodes serve the same signed trust bundle', async (t) => {
    const device = new LiveDevice(world.devices[0]!);
    const fetchBundle = async (n: 'a' | 'b') => {
      const req = await device.signedRequest('GET', '/api/v1/trust/bundle');
      const res = await fetch(`${url(n)}/api/v1/trust/bundle`, { headers: req.headers });
      return { status: res.status, etag: res.headers.get('etag'), body: await res.text() };
    };
    const a = await fetchBundle('a');
    const b = await fetchBundle('b');
    t.equal(a.status, 200);
    t.equal(b.status, 200);
    t.equal(b.etag, a.etag, 'one bundle, one ETag: a scanner moving between nodes does not download it again');
    // The checkpoint's own signed data too (staff and PIN hashes): one copy, whichever node signed it first.
    const fetchData = async (n: 'a' | 'b', etag?: string) => {
      const req = await device.signedRequest('GET', '/api/v1/devices/checkpoint-data');
      const res = await fetch(`${url(n)}/api/v1/devices/checkpoint-data`, { headers: { ...req.headers, ...(etag ? { 'if-none-match': etag } : {}) } });
      return { status: res.status, etag: res.headers.get('etag'), body: await res.text() };
    };
    const dataA = await fetchData('a');
    t.equal(dataA.status, 200);
    // A second later: Ed25519 is deterministic, so two copies signed within the same second would match anyway.
    await sleep(1_100);
    const dataB = await fetchData('b');
    t.same([dataB.status, dataB.etag, dataB.body], [200, dataA.etag, dataA.body], 'node B serves the checkpoint data node A signed, byte for byte');
    t.equal((await fetchData('b', dataA.etag!)).status, 304, "and answers node A's ETag with 304");
  });

  await t.test('the audit chain verifies after all of it', async (t) => {
    const repos = repositories(store, { dataKey: DataKey.load(dirA) });
    const r = await auditIntegrity(repos, keysService(repos, DataKey.load(dirA))).verify({ by: { actor: systemActor('two-nodes test') } });
    t.ok(r.ok, r.ok ? `${r.entries} entries` : `${r.failure!.kind} at ${r.failure!.seq}: ${r.failure!.detail}`);
    const actors = await store.q().selectFrom('audit_log').select('action').where('action', '=', 'pass.issue').execute();
    t.equal(actors.length >= 1, true, 'the approval through node B is in the chain');
  });
});
