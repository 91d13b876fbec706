// The dashboard's grouped event queries on both engines (issue 16): for the same seeded events, the same
// rows on SQLite and PostgreSQL — China hours and dates bucketed at their edges, checkpoint filter, fever
// by decision (a missing decision included), ESCORT checks with their handovers found through the JSON member.
import t from 'tap';
import type { Store } from '../../../src/server/db/store.js';
import { dashboardRepo, type Bucket } from '../../../src/server/features/dashboard/repository.js';
import type { DashboardRange } from '../../../src/server/features/dashboard/schema.js';
import { onEachEngine } from '../../helpers/engines.js';

interface Seeded {
  id: string;
  device: string;
  type: 'check' | 'charter_check' | 'escort_handover' | 'staff_sign_in';
  receivedAt: string;
  deviceTime: string;
  payload: Record<string, unknown>;
}

const H = 3_600_000;
/** China day 2026-11-29 starts at 2026-11-28T16:00Z. */
const DAY = Date.parse('2026-11-28T16:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** China hour and date of a UTC instant, as the queries must give them. */
const chinaHour = (at: string) => new Date(Date.parse(at) + 8 * H).getUTCHours();
const chinaDate = (at: string) => new Date(Date.parse(at) + 8 * H).toISOString().slice(0, 10);

function events(): Seeded[] {
  const out: Seeded[] = [];
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const add = (device: string, type: Seeded['type'], receivedMs: number, payload: Record<string, unknown>) => {
    const e = { id: id(), device, type, receivedAt: iso(receivedMs), deviceTime: new Date(receivedMs - 5_000 + 8 * H).toISOString().replace('Z', '+08:00'), payload };
    out.push(e);
    return e;
  };
  const devices = ['dev-a1', 'dev-a2', 'dev-b1'];
  const decisions = ['RELEASE', 'RELEASE', 'HOLD', 'ESCORT', 'RELEASE', 'HOLD'];
  // The edges: the last millisecond of the day before, the day's first, an hour's edge, the day's last, the next day's first.
  const edges = [DAY - 1, DAY, DAY + 7 * H - 1, DAY + 7 * H, DAY + 24 * H - 1, DAY + 24 * H, DAY - 6 * 24 * H, DAY - 6 * 24 * H - 1];
  for (const [i, ms] of edges.entries()) add(devices[i % 3]!, 'check', ms, { decision: decisions[i % 6], reasons: ['pass.valid'], plate: '苏E12345' });
  // Through the day and the week before it, every 97 minutes.
  for (let k = 0; k < 110; k++) {
    const ms = DAY - 6 * 24 * H + k * 97 * 60_000 + 13_000;
    const decision = decisions[k % 6]!;
    const reasons = k % 9 === 0 ? ['temp.fever_confirmed', 'pass.valid'] : ['pass.valid'];
    const type = k % 11 === 0 ? 'charter_check' : 'check';
    const e = add(devices[k % 3]!, type, ms, { decision: type === 'charter_check' ? 'CUSTODY' : decision, reasons });
    if (decision === 'ESCORT' && type === 'check') {
      // Handovers: none for some, one for most, two for every fourth (the first one counts).
      const handovers = k % 4 === 1 ? 0 : k % 4 === 3 ? 2 : 1;
      for (let h = 0; h < handovers; h++) add(devices[(k + 1) % 3]!, 'escort_handover', ms + (h + 1) * 20 * 60_000, { checkEventId: e.id, escortName: '王强' });
    }
    if (k % 13 === 0) add(devices[k % 3]!, 'staff_sign_in', ms + 1, { staffBadge: 'S1' });
  }
  // Fever without a decision (ac_decision NULL): grouped apart, ordered first on both engines.
  add('dev-a1', 'check', DAY + 3 * H, { reasons: ['temp.fever_confirmed'] });
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
    await q.insertInto('devices').values({ id, checkpoint_id, public_jwk: '{}', key_thumbprint: `tp-${id}` }).execute();
  }
  const seeded = events();
  const seqs = new Map<string, number>();
  for (const e of seeded) {
    const seq = (seqs.get(e.device) ?? 0) + 1;
    seqs.set(e.device, seq);
    const payload = JSON.stringify(e.payload);
    await q
      .insertInto('events')
      .values({ id: e.id, device_id: e.device, seq, device_time: e.deviceTime, received_at: e.receivedAt, clock_offset_ms: 5_000, prev_hash: 'p'.repeat(43), hash: 'h'.repeat(43), type: e.type, payload, canonical: payload, sig: 's' })
      .execute();
  }
  return { seeded, cpA, cpB, checkpointOf };
}

/** Counts grouped by key, as [key…, n] rows sorted by the keys (null first, then byte order / numbers). */
function grouped<K extends Array<string | number | null>>(rows: K[]): Array<[...K, number]> {
  const m = new Map<string, { key: K; n: number }>();
  for (const k of rows) {
    const s = JSON.stringify(k);
    const g = m.get(s) ?? { key: k, n: 0 };
    g.n++;
    m.set(s, g);
  }
  const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  return [...m.values()]
    .sort((x, y) => x.key.map((v, i) => cmp(v, y.key[i]!)).find((c) => c !== 0) ?? 0)
    .map((g) => [...g.key, g.n] as [...K, number]);
}

const range = (from: number, to: number, checkpointId?: number): DashboardRange => ({
  day: '2026-11-29',
  period: 'day',
  firstDay: '2026-11-29',
  from: iso(from),
  to: iso(to),
  checkpointId,
});

onEachEngine(t, 'dashboard queries: decisions and checkpoints by China hour and date, fever, handovers', async (t, store, engine) => {
  const { seeded, cpA, checkpointOf } = await seed(store);
  const repo = dashboardRepo(store);
  const ranges: Array<[string, DashboardRange, Bucket]> = [
    ['a day by hour', range(DAY, DAY + 24 * H), 'hour'],
    ['a week by date', range(DAY - 6 * 24 * H, DAY + 24 * H), 'day'],
    ['a day by hour, one checkpoint', range(DAY, DAY + 24 * H, cpA), 'hour'],
    ['a week by date, one checkpoint', range(DAY - 6 * 24 * H, DAY + 24 * H, cpA), 'day'],
  ];
  for (const [name, r, bucket] of ranges) {
    const inRange = seeded.filter((e) => e.receivedAt >= r.from && e.receivedAt < r.to && (r.checkpointId === undefined || checkpointOf[e.device] === r.checkpointId));
    t.ok(inRange.length > 10, `${name}: events in range`);
    const bucketOf = (e: Seeded) => (bucket === 'hour' ? chinaHour(e.receivedAt) : chinaDate(e.receivedAt));
    const decided = inRange.filter((e) => typeof e.payload.decision === 'string');
    t.same(
      (await repo.decisions(r, bucket)).map((x) => [x.decision, x.bucket, x.n]),
      grouped(decided.map((e) => [e.payload.decision as string, bucketOf(e)])),
      `${engine}, ${name}: decisions`,
    );
    const checks = inRange.filter((e) => e.type === 'check' || e.type === 'charter_check');
    t.same(
      (await repo.checkpoints(r, bucket)).map((x) => [x.checkpointId, x.bucket, x.n]),
      grouped(checks.map((e) => [checkpointOf[e.device]!, bucketOf(e)])),
      `${engine}, ${name}: checkpoints`,
    );
    const fever = inRange.filter((e) => (e.payload.reasons as string[] | undefined)?.includes('temp.fever_confirmed'));
    t.same(
      (await repo.fever(r)).map((x) => [x.checkpointId, x.decision, x.n]),
      grouped(fever.map((e) => [checkpointOf[e.device]!, (e.payload.decision as string | undefined) ?? null])),
      `${engine}, ${name}: fever`,
    );
    const escorts = inRange.filter((e) => e.payload.decision === 'ESCORT').sort((a, b) => (a.id < b.id ? -1 : 1));
    const want = escorts.flatMap((e): Array<{ checkEventId: string; checkTime: string; checkpointId: number; handoverTime: string | null }> => {
      const hs = seeded.filter((h) => h.type === 'escort_handover' && h.payload.checkEventId === e.id).sort((a, b) => (a.id < b.id ? -1 : 1));
      const row = { checkEventId: e.id, checkTime: e.deviceTime, checkpointId: checkpointOf[e.device]! };
      return hs.length === 0 ? [{ ...row, handoverTime: null }] : hs.map((h) => ({ ...row, handoverTime: h.deviceTime }));
    });
    t.ok(want.length > 0, `${name}: ESCORT checks in range`);
    if (name.includes('week')) t.ok(want.some((w) => w.handoverTime === null) && new Set(want.map((w) => w.checkEventId)).size < want.length, `${name}: checks without and with two handovers`);
    t.same(await repo.handovers(r), want, `${engine}, ${name}: handovers`);
  }
  // The edges: the day's first and last millisecond are in, the millisecond before and after are not.
  const day = await repo.decisions(range(DAY, DAY + 24 * H), 'hour');
  const hours = new Set(day.map((x) => x.bucket));
  t.ok(hours.has(0) && hours.has(23) && hours.has(7) && hours.has(6), 'China hours 0, 6, 7 and 23 are there');
  t.ok(day.every((x) => typeof x.bucket === 'number' && typeof x.n === 'number'), 'hours and counts are numbers');
  const week = await repo.checkpoints(range(DAY - 6 * 24 * H, DAY + 24 * H), 'day');
  t.same([...new Set(week.map((x) => x.bucket))].sort(), ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'], 'seven China dates');
  const plans = await repo.plans(range(DAY, DAY + 24 * H), 'hour');
  t.same(Object.keys(plans), ['decisions', 'checkpoints', 'fever', 'handovers']);
  t.ok(Object.values(plans).every((p) => p.length > 0), `${engine}: a plan for each query`);
});
