// The anomalies repository on both engines (issue 16): one finding per (kind, subject) also when two nodes
// add it at once, the list's keyset order with ties and its filters on instant boundaries, the detection
// reads (events by id, the backfill's (received_at, id) walk, sightings, handovers), the chain, charter and
// overdue syncs with their details written byte for byte alike, and the backfill through the service.
import t from 'tap';
import { sql } from 'kysely';
import type { Store } from '../../../src/server/db/store.js';
import { anomaliesRepo, type AnomalyFilter, type NewAnomaly } from '../../../src/server/features/anomalies/repository.js';
import { anomaliesService } from '../../../src/server/features/anomalies/service.js';
import type { Repos } from '../../../src/server/repositories.js';
import type { Cursor } from '../../../src/server/features/anomalies/schema.js';
import { Rollback, onEachEngine } from '../../helpers/engines.js';
import { cursorPages, sameWalk } from '../../helpers/pages.js';

const AT = '2026-11-30T02:00:00.000Z';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

interface EventSeed {
  id: string;
  device: string;
  seq: number;
  type?: string;
  receivedAt: string;
  deviceTime: string;
  payload: Record<string, unknown>;
  flags?: Partial<Record<'gap' | 'broken_link' | 'fork' | 'unknown_staff' | 'cross_checkpoint', number>>;
}

async function world(store: Store) {
  const q = store.q();
  const cp = async (name: string) =>
    (await q.insertInto('checkpoints').values({ name, location: `${name} 收费站`, region_code: '320583', direction: 'both' }).returning('id').executeTakeFirstOrThrow()).id;
  const cpA = await cp('卡口甲');
  const cpB = await cp('卡口乙');
  for (const [id, checkpoint_id] of [['dev-a', cpA], ['dev-b', cpB]] as const) {
    await q.insertInto('devices').values({ id, checkpoint_id, public_jwk: '{}', key_thumbprint: `tp-${id}` }).execute();
  }
  const event = async (e: EventSeed) => {
    const payload = JSON.stringify(e.payload);
    await q
      .insertInto('events')
      .values({
        id: e.id, device_id: e.device, seq: e.seq, device_time: e.deviceTime, received_at: e.receivedAt, clock_offset_ms: 0,
        prev_hash: 'p'.repeat(43), hash: 'h'.repeat(43), type: e.type ?? 'check', payload, canonical: payload, sig: 's', ...e.flags,
      })
      .execute();
  };
  return { cpA, cpB, event };
}

const finding = (over: Partial<NewAnomaly> & Pick<NewAnomaly, 'subject'>): NewAnomaly => ({
  kind: 'clock_skew', severity: 'low', at: AT, eventId: null, deviceId: null, checkpointId: null, passNo: null, details: {}, ...over,
});


/** What each engine answered, compared at the end when both ran. */
const answers: Record<string, unknown> = {};

await onEachEngine(t, 'findings: one per (kind, subject), the list by (at, id) with ties, filters on instant edges, counts, export walk, event page', async (t, store, engine) => {
  const { cpA, cpB, event } = await world(store);
  const repo = anomaliesRepo(store);
  await event({ id: uuid(1), device: 'dev-a', seq: 1, receivedAt: AT, deviceTime: AT, payload: {} });
  await event({ id: uuid(2), device: 'dev-b', seq: 1, receivedAt: AT, deviceTime: AT, payload: {} });

  // 30 findings, most at one instant (more than a page), some a millisecond either side of the day's edges.
  const edges = ['2026-11-29T15:59:59.999Z', '2026-11-29T16:00:00.000Z', '2026-11-30T15:59:59.999Z', '2026-11-30T16:00:00.000Z'];
  const added: Array<{ id: number; kind: string; at: string; checkpointId: number; deviceId: string }> = [];
  for (let i = 0; i < 30; i++) {
    const kind = i % 3 === 0 ? 'clock_skew' : 'plate_mismatch';
    const at = i < 4 ? edges[i]! : AT;
    const [deviceId, checkpointId] = i % 2 ? ['dev-b', cpB] : ['dev-a', cpA];
    t.equal(await repo.add(finding({ kind, severity: kind === 'clock_skew' ? 'low' : 'medium', subject: `s${i}`, at, deviceId, checkpointId, details: { i, note: '苏E·"x"' } }), AT), true);
    added.push({ id: 0, kind, at, checkpointId, deviceId });
  }
  const ids = await store.q().selectFrom('anomalies').select(['id', 'subject']).orderBy('id').execute();
  for (const r of ids) added[Number(r.subject.slice(1))]!.id = r.id;
  t.equal(ids.length, 30);
  t.equal(await repo.add(finding({ kind: 'clock_skew', subject: 's0', at: '2020-01-01T00:00:00.000Z' }), AT), false, 'the same kind and subject again: not added');
  t.equal(await repo.add(finding({ kind: 'pass_expired', severity: 'medium', subject: 's0', eventId: uuid(1), checkpointId: cpA, deviceId: 'dev-a' }), AT), true, 'another kind, same subject: added');
  const pair = finding({ kind: 'impossible_travel', severity: 'high', subject: `${uuid(1)}|${uuid(2)}`, eventId: uuid(2), otherEventId: uuid(1), checkpointId: cpB, deviceId: 'dev-b', passNo: 'Q7mZ2xKp9A', details: { intervalSec: 300 } });
  t.equal(await repo.add(pair, AT), true);
  const expired = (await store.q().selectFrom('anomalies').select('id').where('kind', '=', 'pass_expired').executeTakeFirstOrThrow()).id;
  const travel = (await store.q().selectFrom('anomalies').select('id').where('kind', '=', 'impossible_travel').executeTakeFirstOrThrow()).id;
  added.push({ id: expired, kind: 'pass_expired', at: AT, checkpointId: cpA, deviceId: 'dev-a' }, { id: travel, kind: 'impossible_travel', at: AT, checkpointId: cpB, deviceId: 'dev-b' });

  const newestFirst = (rows: typeof added) => [...rows].sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1)).map((x) => x.id);
  const day = { from: '2026-11-29T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' };
  const filters: Array<[string, AnomalyFilter, (r: (typeof added)[number]) => boolean]> = [
    ['no filter', {}, () => true],
    ['one kind', { kind: 'plate_mismatch' }, (r) => r.kind === 'plate_mismatch'],
    ['one checkpoint', { checkpointId: cpB }, (r) => r.checkpointId === cpB],
    ['one device', { deviceId: 'dev-a' }, (r) => r.deviceId === 'dev-a'],
    ['one China day: from its first millisecond, before the next day', day, (r) => r.at >= day.from && r.at < day.to],
    ['kind and day', { kind: 'clock_skew', ...day }, (r) => r.kind === 'clock_skew' && r.at >= day.from && r.at < day.to],
  ];
  const walks: Record<string, number[]> = {};
  for (const [name, f, keep] of filters) {
    const want = newestFirst(added.filter(keep));
    for (const limit of [4, 1]) {
      const walked = await cursorPages((cursor: Cursor | null) => repo.page(f, cursor, limit));
      sameWalk(t, walked.map((a) => a.id), want, `${engine}, ${name}, pages of ${limit}`);
    }
    t.equal(await repo.count(f), want.length, `${name}: count`);
    const exported: number[] = [];
    for await (const a of repo.iterate(f, 3)) exported.push(a.id);
    t.same(exported, want, `${name}: the export walk`);
    walks[name] = want;
  }
  const counts = await repo.countsByKind({ kind: 'clock_skew', ...day });
  const want: Record<string, number> = {};
  for (const r of added) if (r.at >= day.from && r.at < day.to) want[r.kind] = (want[r.kind] ?? 0) + 1;
  t.same(counts, want, 'counts per kind for the day, the kind filter aside');
  t.equal(want.clock_skew, 8, 'the edges: two of the day\'s clock_skew findings fall outside it');
  t.same(Object.keys(counts), Object.keys(counts).sort(), 'in kind order');

  const first = await repo.page({ kind: 'impossible_travel' }, null, 10);
  t.same(first.next, null, 'one page');
  t.same(first.items, [{
    id: travel, kind: 'impossible_travel', severity: 'high', at: AT, eventId: uuid(2), otherEventId: uuid(1), deviceId: 'dev-b', checkpointId: cpB,
    checkpointName: '卡口乙', passNo: 'Q7mZ2xKp9A', escortRequestId: null, custodyId: null, detectedAt: AT, details: { intervalSec: 300 },
  }], 'a row as the page shows it, checkpoint name joined');
  t.same((await repo.forEvent(uuid(1))).map((a) => a.id), [travel, expired].sort((a, b) => b - a), 'the event page: as the event and as the earlier of a pair, newest first');
  t.same((await repo.forEvent(uuid(2))).map((a) => a.kind), ['impossible_travel']);
  t.same(await repo.forEvent(uuid(99)), []);
  const plan = await repo.plan({ kind: 'clock_skew', ...day }, { a: AT, i: 5 });
  t.ok(plan.length > 0, `${engine}: a plan (${plan.join(' / ')})`);
  if (engine === 'sqlite') t.match(plan[0], /anomalies_kind/, 'the kind index');

  // Compared by subject: an insert that ON CONFLICT skips still takes a number from PostgreSQL's identity
  // sequence (SQLite's rowid does not move), so the ids differ after one; the order and the rows do not.
  const subjectOf = new Map((await store.q().selectFrom('anomalies').select(['id', 'kind', 'subject']).execute()).map((r) => [r.id, `${r.kind} ${r.subject}`]));
  const bySubject = (list: number[]) => list.map((id) => subjectOf.get(id));
  answers[engine] = {
    walks: Object.fromEntries(Object.entries(walks).map(([k, v]) => [k, bySubject(v)])),
    counts,
    page: (await repo.page({}, null, 100)).items.map(({ id, ...rest }) => ({ ...rest, subject: subjectOf.get(id) })),
  };
});

await onEachEngine(t, 'findings: a rolled-back transaction leaves none; concurrent adds of one finding store it once', async (t, store) => {
  const repo = anomaliesRepo(store);
  await t.rejects(
    store.transaction(async () => {
      await repo.add(finding({ subject: 'rolled-back' }), AT);
      throw new Error('boom');
    }),
    /boom/,
  );
  t.equal(await repo.count({}), 0, 'rolled back');
  // Two nodes finding the same anomaly at once (each in its own transaction): ON CONFLICT DO NOTHING on the UNIQUE.
  const results = await Promise.all(Array.from({ length: 8 }, () => store.transaction(() => repo.add(finding({ subject: 'raced' }), AT))));
  t.equal(results.filter(Boolean).length, 1, 'one add reports it new');
  t.equal(await repo.count({}), 1, 'one row');
});

await onEachEngine(t, 'detection reads: events by id in the order given, the (received_at, id) walk, sightings, handovers', async (t, store, engine) => {
  const { cpA, cpB, event } = await world(store);
  const repo = anomaliesRepo(store);
  const pass = { passNo: 'Q7mZ2xKp9A', decision: 'RELEASE' };
  // Three events received at one instant, inserted out of id order, then one later and one earlier.
  await event({ id: uuid(3), device: 'dev-a', seq: 1, receivedAt: AT, deviceTime: '2026-11-30T10:00:00.000+08:00', payload: pass });
  await event({ id: uuid(1), device: 'dev-a', seq: 2, receivedAt: AT, deviceTime: '2026-11-30T10:30:00.000+08:00', payload: {} });
  await event({ id: uuid(2), device: 'dev-b', seq: 1, receivedAt: AT, deviceTime: '2026-11-30T10:05:00.000+08:00', payload: pass });
  await event({ id: uuid(4), device: 'dev-b', seq: 2, receivedAt: '2026-11-30T02:00:00.001Z', deviceTime: 'not a time', payload: pass });
  await event({ id: uuid(5), device: 'dev-b', seq: 3, receivedAt: '2026-11-30T01:59:59.999Z', deviceTime: '2026-11-30T12:00:00.000+08:00', payload: pass, type: 'charter_check' });
  await event({ id: uuid(6), device: 'dev-a', seq: 3, type: 'escort_handover', receivedAt: AT, deviceTime: AT, payload: { checkEventId: uuid(3) } });
  await event({ id: uuid(7), device: 'dev-b', seq: 4, type: 'escort_handover', receivedAt: AT, deviceTime: AT, payload: { checkEventId: uuid(2) } });

  const byIds = await repo.eventsByIds([uuid(2), uuid(3), uuid(1), uuid(42)]);
  t.same(byIds.map((e) => e.id), [uuid(2), uuid(3), uuid(1)], 'in the order given; unknown ids left out');
  t.same(byIds[0], { id: uuid(2), type: 'check', device_id: 'dev-b', seq: 1, checkpoint_id: cpB, device_time: '2026-11-30T10:05:00.000+08:00', received_at: AT, clock_offset_ms: 0, payload: JSON.stringify(pass) });
  t.same(await repo.eventsByIds([]), []);

  const upto = { receivedAt: '2026-11-30T02:00:00.001Z', id: uuid(4) };
  const walked: string[] = [];
  let after = { receivedAt: '', id: '' };
  for (;;) {
    const rows = await repo.eventsAfter(after, upto, 2);
    if (rows.length === 0) break;
    t.ok(rows.length <= 2);
    walked.push(...rows.map((r) => r.id));
    after = { receivedAt: rows.at(-1)!.received_at, id: rows.at(-1)!.id };
  }
  t.same(walked, [uuid(5), uuid(1), uuid(2), uuid(3), uuid(6), uuid(7), uuid(4)], 'by (received_at, id), ties on one instant split across batches, each once');
  t.same((await repo.eventsAfter({ receivedAt: AT, id: uuid(2) }, { receivedAt: AT, id: uuid(6) }, 10)).map((e) => e.id), [uuid(3), uuid(6)], 'after and up to a position');

  // Sightings of the pass at another checkpoint than A, within 10 minutes of 10:00 China time; the untimed one always.
  const atMs = Date.parse('2026-11-30T10:00:00.000+08:00');
  t.same((await repo.sightings('Q7mZ2xKp9A', cpA, atMs, 10 * 60_000)).map((s) => s.id), [uuid(2), uuid(4)], 'the window and the untimed check, not the one two hours later, by id');
  t.same((await repo.sightings('Q7mZ2xKp9A', cpA, Number.NaN, 0)).map((s) => s.id), [uuid(2), uuid(4), uuid(5)], 'no time: every sighting elsewhere');
  t.same((await repo.sightings('Q7mZ2xKp9A', cpB, atMs, 10 * 60_000)).map((s) => [s.id, s.checkpoint_id, s.device_id]), [[uuid(3), cpA, 'dev-a']]);
  t.same(await repo.sightings('nobody', cpA, atMs, 60_000), []);
  const plan = await repo.sightingsPlan();
  t.ok(plan.length > 0, `${engine}: a plan`);

  t.same(await repo.handoversOf([uuid(3), uuid(2), uuid(9)]), [uuid(6), uuid(7)], 'the handovers naming these checks');
  t.same(await repo.handoversOf([uuid(1)]), []);
  t.same(await repo.handoversOf([]), []);
});

await onEachEngine(t, 'syncs: chain flags added and cleared, charter flags and overdue records copied, details the same bytes', async (t, store, engine) => {
  const { cpA, event } = await world(store);
  const repo = anomaliesRepo(store);
  const q = store.q();
  await event({ id: uuid(1), device: 'dev-a', seq: 1, receivedAt: AT, deviceTime: AT, payload: { passNo: 'P1' }, flags: { gap: 1 } });
  await event({ id: uuid(2), device: 'dev-a', seq: 2, receivedAt: AT, deviceTime: AT, payload: {}, flags: { fork: 1, broken_link: 1 } });
  await event({ id: uuid(3), device: 'dev-b', seq: 1, receivedAt: AT, deviceTime: AT, payload: {}, flags: { unknown_staff: 1 } });
  await event({ id: uuid(4), device: 'dev-b', seq: 2, receivedAt: AT, deviceTime: AT, payload: {}, flags: { gap: 1 } });
  const found = async () => (await store.q().selectFrom('anomalies').select(['kind', 'subject', 'details']).orderBy('kind').orderBy('subject').execute()).map((r) => `${r.kind} ${r.subject} ${r.details}`);

  await repo.syncChain({ deviceIds: ['dev-a', 'dev-a'], eventIds: [uuid(3)] }, AT);
  t.same(await found(), [
    `chain_broken_link ${uuid(2)} {"seq":2,"type":"check"}`,
    `chain_fork ${uuid(2)} {"seq":2,"type":"check"}`,
    `chain_gap ${uuid(1)} {"seq":1,"type":"check"}`,
    `unknown_staff ${uuid(3)} {"seq":1,"type":"check"}`,
  ], 'scoped: the device\'s chain flags and the events\' reference flags, not dev-b\'s gap');
  const gap = await q.selectFrom('anomalies').selectAll().where('kind', '=', 'chain_gap').executeTakeFirstOrThrow();
  t.match(gap, { severity: 'medium', at: AT, event_id: uuid(1), device_id: 'dev-a', checkpoint_id: cpA, pass_no: 'P1', detected_at: AT });

  await repo.syncChain(null, '2026-12-01T00:00:00.000Z');
  t.ok((await found()).includes(`chain_gap ${uuid(4)} {"seq":2,"type":"check"}`), 'the sweep: every flagged event');
  t.equal((await found()).length, 5);

  // Flags cleared by later uploads: the scoped sync and the sweep remove what no longer holds.
  await q.updateTable('events').set({ fork: 0 }).where('id', '=', uuid(2)).execute();
  await q.updateTable('events').set({ unknown_staff: 0 }).where('id', '=', uuid(3)).execute();
  await repo.syncChain({ deviceIds: ['dev-a'], eventIds: [] }, AT);
  t.notOk((await found()).some((f) => f.startsWith('chain_fork')), 'the fork is gone');
  t.ok((await found()).some((f) => f.startsWith('unknown_staff')), 'out of scope: kept');
  await repo.syncChain(null, AT);
  t.notOk((await found()).some((f) => f.startsWith('unknown_staff')), 'the sweep removes it');
  t.equal((await found()).length, 3);

  // Charter flags: one finding per check, its flags in the order written.
  await event({ id: uuid(5), device: 'dev-a', seq: 3, type: 'charter_check', receivedAt: AT, deviceTime: AT, payload: { passNo: 'P2' } });
  await event({ id: uuid(6), device: 'dev-b', seq: 3, type: 'charter_check', receivedAt: AT, deviceTime: AT, payload: {} });
  for (const [id, kind, place] of [[uuid(5), 'md_mismatch', -1], [uuid(5), 'count_mismatch', -1], [uuid(5), 'ent_mismatch', 2], [uuid(6), 'unknown_run', -1]] as const) {
    await q.insertInto('charter_check_flags').values({ event_id: id, kind, place, created_at: AT }).execute();
  }
  await repo.syncCharterFlags([uuid(5)], AT);
  t.same((await found()).filter((f) => f.startsWith('charter')), [`charter_mismatch ${uuid(5)} {"flags":["md_mismatch","count_mismatch","ent_mismatch"]}`]);
  await repo.syncCharterFlags(null, AT);
  await repo.syncCharterFlags(null, AT);
  t.same((await found()).filter((f) => f.startsWith('charter')), [
    `charter_mismatch ${uuid(5)} {"flags":["md_mismatch","count_mismatch","ent_mismatch"]}`,
    `charter_mismatch ${uuid(6)} {"flags":["unknown_run"]}`,
  ], 'the sweep: every flagged check, once');

  // Overdue records of the escort and custody sweeps.
  t.same(await repo.syncOverdue({ escort: 0, custody: 0 }, AT), { escort: 0, custody: 0 }, 'none yet');
  const request = (
    await q
      .insertInto('escort_requests')
      .values({ check_event_id: uuid(1), device_id: 'dev-a', checkpoint_id: cpA, pass_no: 'P1', plate: '苏E12345', people: '[]', reasons: '[]', rule_set_version: 1, waiting_since: AT, created_at: AT, updated_at: AT })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const timeline = (kind: string, ref: string | null, detail: Record<string, unknown>) =>
    q.insertInto('escort_timeline').values({ request_id: request, kind, at: AT, recorded_at: AT, actor_type: 'system', actor_name: 'sweep', ref, detail: JSON.stringify(detail) }).execute();
  await timeline('requested', null, {});
  await timeline('overdue', 'wait', { kind: 'wait', personIndex: null, since: AT });
  await timeline('overdue', 'isolation:0', { kind: 'isolation', personIndex: 0, since: AT });
  // A custody task and its overdue record; the charter run behind it is not what this test is about.
  await store.transaction(async () => {
    if (engine === 'sqlite') await sql`PRAGMA defer_foreign_keys = ON`.execute(store.q());
    else await sql`SET LOCAL session_replication_role = replica`.execute(store.q());
    const custody = (
      await store.q()
        .insertInto('charter_custody')
        .values({ run_id: 77, passenger_id: 88, place: 2, enterprise_id: 99, event_id: uuid(5), device_id: 'dev-a', checkpoint_id: cpA, handed_over_at: AT, created_at: AT })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await store.q().insertInto('charter_custody_overdue').values({ custody_id: custody, kind: 'isolation_end', since: AT, recorded_at: AT }).execute();
    const after = await repo.syncOverdue({ escort: 0, custody: 0 }, AT);
    t.same(after, { escort: 3, custody: 1 }, 'the highest row ids seen');
    t.same(
      (await found()).filter((f) => f.includes('overdue')),
      [
        `escort_overdue escort:${request}:wait {"kind":"wait","personIndex":null,"since":"${AT}"}`,
        `isolation_overdue custody:${custody}:isolation_end {"kind":"isolation_end","since":"${AT}","place":2}`,
        `isolation_overdue escort:${request}:isolation:0 {"kind":"isolation","personIndex":0,"since":"${AT}"}`,
      ],
      'an overdue wait, an overdue isolation of the escort, and a custody task\'s',
    );
    t.same(await repo.syncOverdue(after, AT), after, 'nothing new after them');
    const row = await store.q().selectFrom('anomalies').selectAll().where('subject', '=', `escort:${request}:wait`).executeTakeFirstOrThrow();
    t.match(row, { severity: 'medium', event_id: uuid(1), device_id: 'dev-a', checkpoint_id: cpA, pass_no: 'P1', escort_request_id: request, custody_id: null });
    answers[`${engine}-syncs`] = await found();
    // Rolled back: the custody task's run and passenger do not exist.
    throw new Rollback();
  }).catch((e: unknown) => {
    if (!(e instanceof Rollback)) throw e;
  });
});

await onEachEngine(t, 'the backfill through the service: every event once, in batches, resumed from what it recorded', async (t, store, engine) => {
  const { event } = await world(store);
  const anomalies = anomaliesRepo(store);
  const svc = anomaliesService({ repos: { store } as unknown as Repos, anomalies, maxBundleAgeSec: () => null });
  const check = (over: Record<string, unknown>) => ({ decision: 'REFUSE', reasons: ['pass.invalid.revoked'], passNo: null, bundleAgeSec: 60, ...over });
  t.equal(await svc.backfill(new Date(AT)), 0, 'no events: nothing');
  // Five events of one instant and one a millisecond later; batches of two split the instant.
  for (let i = 1; i <= 5; i++) await event({ id: uuid(10 - i), device: 'dev-a', seq: i, receivedAt: AT, deviceTime: AT, payload: check({}) });
  await event({ id: uuid(20), device: 'dev-b', seq: 1, receivedAt: '2026-11-30T02:00:00.001Z', deviceTime: AT, payload: check({}) });
  t.equal(await svc.backfill(new Date(AT), 2), 6, 'six events');
  t.same(await anomalies.countsByKind({}), { pass_revoked: 6 }, 'each found');
  t.same((await store.q().selectFrom('anomaly_backfill').select('done').executeTakeFirstOrThrow()).done, Date.parse('2026-11-30T02:00:00.001Z'), 'done: the last receipt time');
  t.equal(await svc.backfill(new Date(AT)), 0, 'a second run examines nothing');

  // A later event stored without the observer: the next run examines it (and nothing before it).
  await event({ id: uuid(30), device: 'dev-b', seq: 2, receivedAt: '2026-11-30T03:00:00.000Z', deviceTime: AT, payload: check({}) });
  t.equal(await svc.backfill(new Date(AT)), 1);
  t.equal(await anomalies.count({ kind: 'pass_revoked' }), 7);

  // A run stopped between batches resumes at the instant it was in: those events are seen again, none skipped.
  await store.q().updateTable('anomaly_backfill').set({ done: Date.parse(AT) - 1 }).execute();
  t.equal(await svc.backfill(new Date(AT), 4), 7, 'from the instant again');
  t.same(await anomalies.countsByKind({}), { pass_revoked: 7 }, 'seen twice, stored once');

  if (engine === 'sqlite') {
    // A database from before issue 16 holds an events rowid: the walk restarts at the earliest receipt after it.
    const rowid = (await sql<{ r: number }>`SELECT rowid AS r FROM events WHERE id = ${uuid(20)}`.execute(store.q())).rows[0]!.r;
    await store.q().updateTable('anomaly_backfill').set({ done: rowid }).execute();
    t.equal(await svc.backfill(new Date(AT)), 1, 'the event stored after that rowid (received later than the rest)');
  }
  await svc.sweep(new Date(AT));
  t.equal(await anomalies.count({}), 7, 'the sweep finds nothing more');
});

await t.test('both engines answered alike', { skip: answers.postgres ? false : 'PostgreSQL did not run' }, async (t) => {
  t.same(answers.postgres, answers.sqlite, 'the list, its walks and counts');
  t.same(answers['postgres-syncs'], answers['sqlite-syncs'], 'the synced findings, byte for byte');
});

