import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo, type DemoData } from '../../src/cli/demo-data.js';
import { verifyChain, verifyEventSignature, type SignedEvent } from '../../src/core/events/index.js';
import { generateDeviceKeyPair } from '../../src/core/device/index.js';
import { ensureFirstAdmin } from '../../src/server/bootstrap.js';
import type { DB } from '../../src/server/db/tables.js';
import { repositories, type Repos } from '../../src/server/repositories.js';
import { checkpointsService } from '../../src/server/features/checkpoints/service.js';
import { devicesService } from '../../src/server/features/devices/service.js';
import { keysService } from '../../src/server/features/keys/service.js';
import { DataKey } from '../../src/server/security/data-key.js';
import { verifyPin } from '../../src/server/security/pin.js';
import { testStore } from '../helpers/app.js';
import { countRows } from '../helpers/rows.js';

const PUBLIC_URL = 'http://localhost:3977';

/**
 * A fresh data folder and migrated database, as `npm run demo` opens them, with the first administrator made. The
 * database is the engine under test's (test/helpers/app.ts): SQLite in the folder, or a PostgreSQL database of its own.
 */
async function fresh(t: Test) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-demo-test-'));
  // Teardowns run in reverse: the database closes before its folder goes.
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const repos = repositories(await testStore(t, dataDir), { dataDir });
  await ensureFirstAdmin(repos);
  return { dataDir, repos, seed: () => seedDemo(repos, dataDir, { publicUrl: PUBLIC_URL }) };
}

const count = (repos: Repos, table: keyof DB) => countRows(repos.store, table);

async function snapshot(repos: Repos) {
  const tables = ['enterprises', 'users', 'vehicles', 'people', 'passes', 'checkpoints', 'staff', 'devices', 'events', 'event_conflicts', 'signing_keys', 'rule_sets'] as const;
  return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(repos, table)] as const)));
}

/** The stored events of a device as the device signed them. */
async function storedChain(repos: Repos, deviceId: string): Promise<SignedEvent[]> {
  return (await repos.events.list({ deviceId, limit: 100 })).map((e) => ({ ...(JSON.parse(e.canonical) as object), sig: e.sig }) as SignedEvent);
}

t.test('the demo walks the checkpoint chain, once', async (t) => {
  const { dataDir, repos, seed } = await fresh(t);
  const first: DemoData = await seed();

  // Checkpoint and staff
  const checkpoints = (await repos.checkpoints.list()).filter((c) => c.name === '昆山花桥卡口');
  t.equal(checkpoints.length, 1, 'one demo checkpoint');
  const cp = checkpoints[0]!;
  t.match(cp, { regionCode: '320583', direction: 'inbound', status: 'active' });
  t.equal(first.checkpoint.id, cp.id);
  const staff = await repos.staff.listForCheckpoint(cp.id);
  t.same(staff.map((s) => s.badge).sort(), ['KS0427', 'KS0513']);
  t.equal(first.checkpoint.staff.length, 2);
  const hashes = await repos.staff.forDevices(cp.id);
  for (const s of first.checkpoint.staff) {
    t.ok(await verifyPin(s.pin, hashes.find((h) => h.badge === s.badge)?.pinHash), `printed PIN of ${s.badge} signs in`);
  }

  // Enrollment code for the banner
  t.ok(first.checkpoint.enrollment, 'an enrollment code is issued');
  t.match(first.checkpoint.enrollment!.code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  t.equal(first.checkpoint.enrollment!.qrText, `KKENROLL:${PUBLIC_URL}:${first.checkpoint.enrollment!.code}`);

  // Device and events
  const devices = await repos.devices.list({ checkpointId: cp.id, status: 'all' });
  t.equal(devices.length, 2, 'two demo devices: the freight lane and the charter lane');
  const device = devices.find((d) => d.id === first.checkpoint.deviceId)!;
  t.equal(device.status, 'active');
  t.equal(first.checkpoint.deviceId, device.id);

  const stored = await repos.events.list({ deviceId: device.id, limit: 100 });
  t.same(stored.map((e) => e.type), [
    'staff_sign_in', 'check', 'escort_handover', 'staff_sign_out',
    'staff_sign_in', 'check', 'check', 'escort_handover', 'check', 'check', 'check',
  ]);
  t.same(stored.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  for (const e of stored) t.same(e.flags, [], `seq ${e.seq} has no chain flags`);
  t.equal((await repos.events.list({ flag: 'any', limit: 100 })).length, 0, 'no flagged event at all');
  t.equal(await count(repos, 'event_conflicts'), 0);

  const allChecks = stored.filter((e) => e.type === 'check');
  t.same(allChecks.map((e) => [e.payload.plate, e.payload.decision]), [
    ['鄂A66666', 'ESCORT'],
    ['苏E12345', 'RELEASE'],
    ['鄂A88888', 'ESCORT'],
    ['苏E7K512', 'HOLD'],
    ['苏E5T321', 'REFUSE'],
    ['鄂B20202', 'ESCORT'],
  ]);
  // The escort loop's three examples: closed with an isolation record, in transit, open.
  const loop = await Promise.all(allChecks.filter((e) => e.payload.decision === 'ESCORT').map(async (e) => (await repos.escorts.getByCheckEvent(e.id))!));
  t.same(loop.map((r) => r.status), ['closed', 'in_transit', 'open']);
  t.match(loop[0]!.isolations, [{ personIndex: 0, place: '本企业隔离宿舍 2 号楼' }]);
  t.ok(loop[0]!.isolations[0]!.endedOn, 'the isolation ended');
  const checks = allChecks.slice(1, 5);
  const [release, escort, hold, refuse] = checks.map((e) => e.payload as { passNo: string | null; reasons: string[]; ruleSetVersion: number; staffBadge: string });
  const issued = (await repos.passes.list({ q: '苏E12345', status: 'issued', limit: 5, offset: 0 })).items[0]!;
  t.equal(release!.passNo, issued.passNo, 'the issued pass was scanned');
  t.ok(release!.reasons.includes('pass.valid') && release!.reasons.includes('match.ok'), 'verified against the published keys');
  t.equal(escort!.passNo, null);
  t.ok(escort!.reasons.includes('keyarea.plate'), 'the Wuhan plate is a key-area source');
  t.ok(hold!.reasons.includes('temp.fever_confirmed'));
  t.equal(refuse!.passNo, null, 'a forged pass names no pass id');
  t.ok(refuse!.reasons.includes('pass.invalid.bad_signature'));
  for (const p of [release, escort, hold, refuse]) {
    t.equal(p!.ruleSetVersion, 1);
    t.equal(p!.staffBadge, 'KS0427');
  }
  const handover = stored.filter((e) => e.type === 'escort_handover')[1]!;
  t.match(handover.payload, { checkEventId: checks[1]!.id, enterpriseUscc: '91320583MA1XKCJ23G', escortName: '李卫东' });

  // The chain and signatures hold, as the server and an auditor check them.
  const chain = await storedChain(repos, device.id);
  t.ok((await verifyChain(chain)).ok, 'the hash chain links');
  const key = (await repos.devices.forAuth(device.id))!.publicJwk;
  for (const e of chain) t.ok(await verifyEventSignature(e, key), `seq ${e.seq} is signed by the device`);
  t.same(first.checkpoint.events.map((e) => e.decision), [null, 'ESCORT', null, null, null, 'RELEASE', 'ESCORT', null, 'HOLD', 'REFUSE', 'ESCORT']);

  // Item 7: a need, a run with 30 passengers, its pass, the inspection and the custody task it gave.
  t.ok(first.charter, 'the charter demo is seeded');
  const run = (await repos.charter.getRun(first.charter!.runId!))!;
  t.match(run, { status: 'approved', plate: '苏E2K806' });
  t.equal((await repos.charter.passengers(run.id)).length, 30, 'a 30-person manifest');
  const pass = (await repos.charter.passOfRun(run.id))!;
  t.equal(pass.jti, first.charter!.passNo);
  t.equal(pass.passengers, 30);
  t.same((await repos.charter.runCheckpoints(run.id)).map((c) => c.id), [cp.id], 'expected at 花桥');
  t.match(first.charter!.inspection, { decision: 'CUSTODY', custody: 1 });
  const lane = await repos.events.list({ deviceId: first.charter!.inspection!.deviceId, limit: 10 });
  t.same(lane.map((e) => e.type), ['staff_sign_in', 'charter_check']);
  t.same(lane.map((e) => e.flags), [[], []], 'the charter lane chain is clean');
  t.match(lane[1]!.payload, { passNo: pass.jti, runId: String(run.id), md: pass.md, decision: 'CUSTODY' });
  t.equal(await count(repos, 'charter_custody'), 1, 'the Wuhan passenger is an isolation task for the enterprise');
  t.ok(first.accounts.some((a) => a.role === 'carrier_user' && a.username === 'jiaofa'), 'the carrier account is printed');

  // Second start: nothing duplicates, but a new code (and new passwords) are issued.
  const before = await snapshot(repos);
  const second = await seed();
  t.same(await snapshot(repos), before, 'no record added on the second start');
  t.equal(second.checkpoint.deviceId, device.id);
  t.equal(second.charter!.runId, first.charter!.runId);
  t.not(second.charter!.account.password, first.charter!.account.password, 'the carrier gets a fresh password too');
  t.same(second.checkpoint.events, first.checkpoint.events);
  t.ok(second.checkpoint.enrollment, 'a new code');
  t.not(second.checkpoint.enrollment!.code, first.checkpoint.enrollment!.code);
  t.not(second.accounts[0]!.password, first.accounts[0]!.password);
  t.equal((await devicesService({ repos, keys: keysService(repos, DataKey.load(dataDir)), publicUrl: PUBLIC_URL }).pendingCodes(cp.id)).length, 2, 'both printed codes still work; the one the demo scanner used is spent');

  // The printed code enrolls a real scanner right away.
  const pair = await generateDeviceKeyPair();
  const enrolled = await devicesService({ repos, keys: keysService(repos, DataKey.load(dataDir)), publicUrl: PUBLIC_URL })
    .enroll({ code: second.checkpoint.enrollment!.code, publicJwk: { ...pair.publicJwk }, label: '入城 1 号机' }, '127.0.0.1');
  t.equal(enrolled.checkpoint.id, cp.id);
});

t.test('a PIN changed in the demo database is set back to the printed one', async (t) => {
  const { repos, seed } = await fresh(t);
  const first = await seed();
  const admin = (await repos.users.listBureau()).find((u) => u.role === 'bureau_admin')!;
  const s = (await repos.staff.getByBadge('KS0513'))!;
  await checkpointsService(repos).resetPin({ kind: 'user', user: admin }, s.checkpointId, s.id, '9052', '127.0.0.1');
  const pinHash = async () => (await repos.staff.forDevices(s.checkpointId)).find((h) => h.badge === 'KS0513')!.pinHash;
  t.notOk(await verifyPin('7305', await pinHash()));
  const second = await seed();
  t.ok(await verifyPin('7305', await pinHash()));
  t.same(second.checkpoint.staff, first.checkpoint.staff);
});

t.test('a closed demo checkpoint gets no code and the demo still starts', async (t) => {
  const { repos, seed } = await fresh(t);
  const first = await seed();
  const admin = (await repos.users.listBureau()).find((u) => u.role === 'bureau_admin')!;
  await checkpointsService(repos).close({ kind: 'user', user: admin }, first.checkpoint.id, '127.0.0.1');
  const second = await seed();
  t.equal(second.checkpoint.status, 'closed');
  t.equal(second.checkpoint.enrollment, null);
  t.equal(second.checkpoint.deviceId, first.checkpoint.deviceId, 'the sample checks stay');
});
