// The audit console's check search on both engines (issue 16): every filter (time windows on China-day edges,
// checkpoint, device, staff, enterprise, plate typed in mixed case, pass, person, decision, fever, key area,
// anomalies), the keyset walk through checks received at one instant, the count and export walk, the event
// page with its neighbours, badge name and device label, and the CSV file byte for byte the same.
import t from 'tap';
import type { Store } from '../../../src/server/db/store.js';
import { auditConsoleRepo, toFilter, type CheckFilter } from '../../../src/server/features/audit-console/repository.js';
import { checkSearchQuerySchema, type Cursor } from '../../../src/server/features/audit-console/schema.js';
import { csvChunks } from '../../../src/server/features/audit-console/csv.js';
import { passesRepo } from '../../../src/server/features/passes/repository.js';
import { onEachEngine } from '../../helpers/engines.js';
import { cursorPages, sameWalk } from '../../helpers/pages.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const CREDIT = '91320583MA1XKCJ23G';
/** China day 2026-11-29: from 2026-11-28T16:00Z to 2026-11-29T16:00Z. */
const DAY_FROM = '2026-11-28T16:00:00.000Z';
const DAY_TO = '2026-11-29T16:00:00.000Z';
const TIE = '2026-11-29T02:00:00.000Z';

interface Seeded {
  id: string;
  device: string;
  seq: number;
  type: string;
  receivedAt: string;
  payload: Record<string, unknown>;
  gap?: number;
}

function events(): Seeded[] {
  const out: Seeded[] = [];
  const seqs = new Map<string, number>();
  const add = (n: number, device: string, receivedAt: string, payload: Record<string, unknown>, type = 'check', gap = 0) => {
    const seq = (seqs.get(device) ?? 0) + 1;
    seqs.set(device, seq);
    out.push({ id: uuid(n), device, seq, type, receivedAt, payload, gap });
  };
  const base = { decision: 'RELEASE', reasons: ['pass.valid', 'keyarea.none'], plate: '苏e 12345', passNo: 'PASSA23456', staffBadge: 'KS0427', ruleSetVersion: 3, observations: { receivingEnterprise: CREDIT } };
  // The China day's edges, a millisecond either side.
  add(1, 'dev-a1', '2026-11-28T15:59:59.999Z', base);
  add(2, 'dev-a1', DAY_FROM, { ...base, decision: 'ESCORT' });
  add(3, 'dev-b1', '2026-11-29T15:59:59.999Z', { ...base, reasons: ['temp.fever_confirmed'], decision: 'HOLD' });
  add(4, 'dev-b1', DAY_TO, { ...base, reasons: ['keyarea.wuhan'], plate: '鄂A-88888', passNo: null });
  // One upload's checks at one instant, ids written out of order.
  for (let i = 0; i < 9; i++) {
    const n = 20 + ((7 * i) % 9);
    add(n, i % 2 ? 'dev-a1' : 'dev-a2', TIE, { ...base, decision: i % 3 ? 'RELEASE' : 'ESCORT', staffBadge: i % 2 ? 'KS0427' : 'KS0001', plate: i % 4 ? '苏E12345' : '苏E54321' }, i === 4 ? 'charter_check' : 'check', i === 5 ? 1 : 0);
  }
  // Not checks: never in the search.
  add(40, 'dev-a1', TIE, { staffBadge: 'KS0427' }, 'staff_sign_in');
  // A twin of seq 2 of dev-a1 (a fork), for the event page.
  out.push({ id: uuid(41), device: 'dev-a1', seq: 2, type: 'check', receivedAt: '2026-11-29T03:00:00.000Z', payload: { ...base, decision: 'REFUSE' } });
  return out;
}

async function seed(store: Store) {
  const q = store.q();
  const cp = async (name: string) =>
    (await q.insertInto('checkpoints').values({ name, location: `${name} 收费站`, region_code: '320583', direction: 'both' }).returning('id').executeTakeFirstOrThrow()).id;
  const cpA = await cp('卡口甲');
  const cpB = await cp('卡口乙');
  const checkpointOf: Record<string, number> = { 'dev-a1': cpA, 'dev-a2': cpA, 'dev-b1': cpB };
  for (const [id, checkpoint_id] of Object.entries(checkpointOf)) {
    await q.insertInto('devices').values({ id, checkpoint_id, public_jwk: '{}', key_thumbprint: `tp-${id}`, label: id === 'dev-a1' ? '一号道' : null }).execute();
  }
  await q.insertInto('staff').values({ checkpoint_id: cpA, badge: 'KS0427', name: '值守甲', pin_hash: 'x' }).execute();
  // A pass with its crew, for the person filter.
  const ent = await insertEnterprise(store, '昆山甲物流有限公司', 1);
  const vehicle = (await q.insertInto('vehicles').values({ enterprise_id: ent, plate: '苏E12345', vehicle_type: 'truck', region_code: '320500' }).returning('id').executeTakeFirstOrThrow()).id;
  const person = async (name: string, role: string, last4: string) =>
    (await q.insertInto('people').values({ enterprise_id: ent, name, role, id_number_enc: 'enc', id_hmac: `h-${name}`, id_last4: last4, phone_enc: 'enc' }).returning('id').executeTakeFirstOrThrow()).id;
  const driver = await person('张建国', 'driver', '1234');
  const escort = await person('李明', 'escort', '567X');
  await q.insertInto('signing_keys').values({ kid: 'k', purpose: 'pass', public_jwk: '{}', private_enc: 'x', state: 'active' }).execute();
  const user = (await q.insertInto('users').values({ username: 'u', display_name: 'U', role: 'bureau_officer', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  await passesRepo(store).insert({
    passNo: 'PASSA23456', enterpriseId: ent, createdBy: user, validFrom: '2026-11-01T00:00:00.000Z', validTo: '2026-12-05T16:00:00.000Z',
    input: { vehicleId: vehicle, driverId: driver, escortIds: [escort], validFrom: '2026-11-01', validTo: '2026-12-05', originRegion: '320583', destination: '昆山市开发区', cargoCategory: 'parts', routeNote: 'G2' },
  });
  const seeded = events();
  for (const e of seeded) {
    const payload = JSON.stringify(e.payload);
    await q
      .insertInto('events')
      .values({
        id: e.id, device_id: e.device, seq: e.seq, device_time: e.receivedAt.replace('Z', '+00:00'), received_at: e.receivedAt, clock_offset_ms: -5,
        prev_hash: `p${e.id}`.padEnd(43, 'A'), hash: `h${e.id}`.padEnd(43, 'A'), type: e.type, payload, canonical: payload, sig: 's', gap: e.gap ?? 0,
      })
      .execute();
  }
  return { seeded, cpA, cpB, checkpointOf };
}

/** The filter a query string gives, as the routes parse it (plate normalised, ID suffix upper-cased, China days). */
const filterOf = (query: Record<string, string>): CheckFilter => toFilter(checkSearchQuerySchema.parse(query));

/** What each engine answered, compared at the end. */
const answers: Record<string, unknown> = {};

await onEachEngine(t, 'check search: filters, the keyset walk through ties, count, export, event page, CSV', async (t, store, engine) => {
  const { seeded, cpA, checkpointOf } = await seed(store);
  const repo = auditConsoleRepo(store);
  const checks = seeded.filter((e) => e.type === 'check' || e.type === 'charter_check');
  const newestFirst = (rows: Seeded[]) => [...rows].sort((a, b) => (a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : -1) : a.receivedAt < b.receivedAt ? 1 : -1)).map((e) => e.id);
  const plateOf = (e: Seeded) => String(e.payload.plate).replace(/[ ·\-・]/g, '').toUpperCase();
  const cases: Array<[string, Record<string, string>, (e: Seeded) => boolean]> = [
    ['no filter', {}, () => true],
    ['one China day (from its first millisecond, to its last)', { from: '2026-11-29', to: '2026-11-29' }, (e) => e.receivedAt >= DAY_FROM && e.receivedAt < DAY_TO],
    ['instants with offsets', { from: '2026-11-29T00:00:00.000+08:00', to: '2026-11-30T00:00:00+08:00' }, (e) => e.receivedAt >= DAY_FROM && e.receivedAt < DAY_TO],
    ['one checkpoint', { checkpoint: String(cpA) }, (e) => checkpointOf[e.device] === cpA],
    ['one device', { device: 'dev-a2' }, (e) => e.device === 'dev-a2'],
    ['staff badge', { staff: 'KS0427' }, (e) => e.payload.staffBadge === 'KS0427'],
    ['staff badge in another case: exact on both engines', { staff: 'ks0427' }, () => false],
    ['receiving enterprise', { enterprise: CREDIT }, () => true],
    ['plate typed in mixed case with a hyphen', { plate: '苏e-12345' }, (e) => plateOf(e) === '苏E12345'],
    ['plate of the other province', { plate: '鄂a88888' }, (e) => plateOf(e) === '鄂A88888'],
    ['pass', { pass: 'PASSA23456' }, (e) => e.payload.passNo === 'PASSA23456'],
    ['person by name', { name: '张建国' }, (e) => e.payload.passNo === 'PASSA23456'],
    ['person by ID suffix, x in lower case', { idLast4: '567x' }, (e) => e.payload.passNo === 'PASSA23456'],
    ['person by name and another\'s suffix', { name: '张建国', idLast4: '567X' }, () => false],
    ['decision + day', { decision: 'ESCORT', from: '2026-11-29', to: '2026-11-29' }, (e) => e.payload.decision === 'ESCORT' && e.receivedAt >= DAY_FROM && e.receivedAt < DAY_TO],
    ['fever', { fever: '1' }, (e) => (e.payload.reasons as string[]).includes('temp.fever_confirmed')],
    ['key area', { keyarea: 'on' }, (e) => (e.payload.reasons as string[]).some((r) => r.startsWith('keyarea.') && r !== 'keyarea.none')],
    ['anomalies', { anomalies: 'true' }, (e) => e.gap === 1],
  ];
  const walks: Record<string, string[]> = {};
  for (const [name, query, keep] of cases) {
    const f = filterOf(query);
    const want = newestFirst(checks.filter(keep));
    for (const limit of [3, 1]) {
      const walked = await cursorPages((cursor: Cursor | null) => repo.page(f, cursor, limit));
      sameWalk(t, walked.map((e) => e.id), want, `${engine}, ${name}, pages of ${limit}`);
    }
    t.equal(await repo.count(f), want.length, `${name}: count`);
    const exported: string[] = [];
    for await (const r of repo.iterate(f, 2)) exported.push(r.id);
    t.same(exported, want, `${name}: the export walk`);
    walks[name] = want;
  }
  t.ok(walks['one China day (from its first millisecond, to its last)']!.includes(uuid(2)) && walks['one China day (from its first millisecond, to its last)']!.includes(uuid(3)), 'the day\'s first and last millisecond are in');
  t.notOk(walks['one China day (from its first millisecond, to its last)']!.some((id) => id === uuid(1) || id === uuid(4)), 'the millisecond before and after are not');

  const page = await repo.page({}, null, 100);
  const row = page.items.find((r) => r.id === uuid(28))!;
  t.same(row, {
    id: uuid(28), type: 'check', deviceId: 'dev-a1', checkpointId: cpA, checkpointName: '卡口甲', seq: row.seq, deviceTime: TIE.replace('Z', '+00:00'), receivedAt: TIE,
    clockOffsetMs: -5, plate: '苏E12345', passNo: 'PASSA23456', decision: 'RELEASE', reasons: ['pass.valid', 'keyarea.none'], staffBadge: 'KS0427',
    receivingEnterprise: CREDIT, ruleSetVersion: 3, flags: ['gap'],
  }, 'a row as the search shows it, flags and numbers as numbers');
  const plan = await repo.plan(filterOf({ decision: 'ESCORT', from: '2026-11-29' }));
  t.ok(plan.length > 0, `${engine}: a plan (${plan.join(' / ')})`);

  const ev = (await repo.event(uuid(2)))!;
  t.match(ev, { row: { id: uuid(2), seq: 2, decision: 'ESCORT' }, hash: `h${uuid(2)}`.padEnd(43, 'A'), redactedAt: null, staffName: '值守甲', deviceLabel: '一号道' });
  t.same(ev.prev.map((e) => e.id), [uuid(1)], 'the chain neighbour before');
  t.same(ev.twins.map((e) => e.id), [uuid(41)], 'the fork twin');
  t.same(ev.next.map((e) => [e.id, e.seq]), [[seeded.find((e) => e.device === 'dev-a1' && e.seq === 3)!.id, 3]]);
  const unknownBadge = (await repo.event(uuid(20)))!;
  t.same([unknownBadge.staffName, unknownBadge.deviceLabel], [null, null], 'a badge no staff has, a device without a label');
  t.equal(await repo.event(uuid(99)), null);

  let rows = 0;
  let csv = '';
  for await (const chunk of csvChunks(repo.iterate({}, 4), 'en', (n) => (rows = n), 256)) csv += chunk;
  t.equal(rows, checks.length, 'every check in the file');
  answers[engine] = { walks, page: page.items, csv, event: ev };
});

await t.test('both engines answered alike', { skip: answers.postgres ? false : 'PostgreSQL did not run' }, async (t) => {
  const [pg, lite] = [answers.postgres as { csv: string }, answers.sqlite as { csv: string }];
  t.equal(pg.csv, lite.csv, 'the CSV file, byte for byte');
  t.same(answers.postgres, answers.sqlite, 'walks, rows and the event page');
});
