/**
 * The retention repository on both engines (issue 16): the period setting, and every erasure step on one
 * world of rows (escort requests, their isolations, timeline, handover events and conflicting twins,
 * charter custody, runs, passengers, passes and needs, webhook bodies, pass tokens, the audit log's
 * personal fields): which rows each step picks, the text it leaves (JSON members edited by each engine's
 * own functions must come out byte for byte the same), batches, a second run changing nothing, and
 * transactions rolling back. The database's triggers (migrations 017 and 019) refuse any erasure that
 * is not exactly theirs, so a step that runs at all wrote the expected text.
 */
import t from 'tap';
import { sql } from 'kysely';
import type { Store } from '../../../src/server/db/store.js';
import { ERASED, ERASED_OTHER } from '../../../src/core/audit/retention.js';
import { RETENTION_DAYS_KEY, retentionRepo, type Cutoff } from '../../../src/server/features/retention/repository.js';
import { onEachEngine } from '../../helpers/engines.js';

const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const OLD = '2020-02-25T06:00:00.000Z';
const NEW = '2026-11-30T06:00:00.000Z';
const CUT: Cutoff = { before: '2026-06-01T00:00:00.000Z', day: '2026-06-01', now: '2026-12-01T10:00:00.000Z' };
const STEPS = ['escortRequests', 'escortIsolations', 'escortTimeline', 'handoverEvents', 'eventConflicts', 'custodyIsolations', 'charterRuns', 'charterPassengers', 'charterPasses', 'charterNeeds', 'webhookDeliveries', 'passTokens', 'auditPersonal'] as const;

const handoverPayload = (checkEventId: string, name: string) => `{"checkEventId":"${checkEventId}","escortName":"${name}","escortPhoneLast4":"1234","staffBadge":"b1"}`;
const canonical = (payload: string, seq: number) => `{"deviceId":"dev-1","payload":${payload},"seq":${seq}}`;
const people = '[{"index":0,"name":"张三","idMasked":"3205**********1234","role":"driver","keyArea":false},{"index":1,"name":"李四","idMasked":"4201**********5678","role":"escort"}]';
const webhookBody = (requestId: number) => `{"id":"wh-${requestId}","type":"escort.dispatched","data":{"requestId":${requestId},"escortName":"王 五","phoneLast4":"4321","responsible":"李调度","at":"${OLD}"}}`;

/** Statements that mean the same on both engines (what test/server/db/schema-parity.test.ts runs); ids given, so no sequence is relied on. */
function worldSql(): string[] {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const event = (id: string, seq: number, type: string, payload: string, receivedAt: string) =>
    `INSERT INTO events (id, device_id, seq, device_time, received_at, clock_offset_ms, prev_hash, hash, type, payload, canonical, sig) VALUES (${q(id)}, 'dev-1', ${seq}, ${q(receivedAt)}, ${q(receivedAt)}, 0, ${q(A)}, ${q(B)}, ${q(type)}, ${q(payload)}, ${q(canonical(payload, seq))}, 'sig')`;
  const check = '{"decision":"ESCORT","passNo":"P1","plate":"苏E12345","reasons":["keyarea.420100"],"staffBadge":"b1"}';
  const request = (id: number, checkEventId: string, handoverEventId: string, escort: string, handedTo: string, close: boolean) => [
    `INSERT INTO escort_requests (id, check_event_id, device_id, checkpoint_id, plate, people, reasons, rule_set_version, waiting_since, created_at, updated_at) VALUES (${id}, ${q(checkEventId)}, 'dev-1', 1, '苏E12345', ${q(people)}, '["keyarea.420100"]', 1, ${q(OLD)}, ${q(OLD)}, ${q(OLD)})`,
    `UPDATE escort_requests SET status = 'dispatched', escort_name = ${q(escort)}, escort_phone_enc = 'enc', escort_phone_last4 = '4321', dispatched_at = ${q(OLD)}, updated_at = ${q(OLD)} WHERE id = ${id}`,
    `UPDATE escort_requests SET status = 'in_transit', handover_event_id = ${q(handoverEventId)}, handover_at = ${q(OLD)}, handover_escort_name = ${q(handedTo)}, handover_phone_last4 = '1234' WHERE id = ${id}`,
    ...(close ? [`UPDATE escort_requests SET status = 'closed', arrived_at = ${q(OLD)}, arrived_by = 1, arrival_recorded_at = ${q(OLD)}, closed_at = ${q(OLD)} WHERE id = ${id}`] : []),
  ];
  const timeline = (id: number, requestId: number, detail: string) =>
    `INSERT INTO escort_timeline (id, request_id, kind, at, recorded_at, actor_type, actor_name, ref, detail) VALUES (${id}, ${requestId}, 'dispatched', ${q(OLD)}, ${q(OLD)}, 'user', 'admin', NULL, ${q(detail)})`;
  const passenger = (id: number, runId: number, needId: number, seq: number, name: string) =>
    `INSERT INTO charter_passengers (id, run_id, need_id, enterprise_id, seq, name, id_number_enc, id_hmac, id_last4, phone_enc, origin_region, stays, created_at) VALUES (${id}, ${runId}, ${needId}, 1, ${seq}, ${q(name)}, 'enc', 'h${id}', '5678', 'enc', '420100', '[{"code":"420100","lastDay":"2020-02-20"}]', ${q(OLD)})`;
  const run = (id: number, arrival: string) =>
    `INSERT INTO charter_runs (id, carrier_id, plate, driver_name, driver_id_enc, driver_id_last4, driver_phone_enc, departure_at, arrival_by, route, origin_region, created_by, created_at, updated_at) VALUES (${id}, 1, '鄂A12345', '周建华', 'enc', '1234', 'enc', '2020-02-20T00:00:00.000Z', ${q(arrival)}, '武汉-昆山', '420100', 1, ${q(OLD)}, ${q(OLD)})`;
  const need = (id: number, status: string) =>
    `INSERT INTO charter_needs (id, enterprise_id, origin_region, workers, earliest_date, latest_date, contact_name, contact_phone, status, created_by, created_at, updated_at) VALUES (${id}, 1, '420100', 10, '2020-02-18', '2020-02-28', '李调度', '13912340000', ${q(status)}, 1, ${q(OLD)}, ${q(OLD)})`;
  const delivery = (id: string, status: string, payload: string, createdAt: string) =>
    `INSERT INTO webhook_deliveries (id, event_id, endpoint_id, enterprise_id, event_type, payload, status, next_attempt_at, created_at) VALUES (${q(id)}, ${q(`ev-${id}`)}, 1, 1, 'escort.dispatched', ${q(payload)}, ${q(status)}, ${status === 'pending' ? q(OLD) : 'NULL'}, ${q(createdAt)})`;
  const audit = (seq: number, at: string, subjectType: string, subjectId: string | null) =>
    `INSERT INTO audit_log (seq, at, actor_type, actor_name, action, subject_type, subject_id, prev_hash, hash) VALUES (${seq}, ${q(at)}, 'system', 'cli', 'test.step', ${q(subjectType)}, ${subjectId === null ? 'NULL' : q(subjectId)}, ${q(seq % 2 ? A : B)}, ${q(seq % 2 ? B : A)})`;
  return [
    "INSERT INTO enterprises (id, name, credit_code, address, region_code, duty_phone, status) VALUES (1, '昆山物流', '91320583MA1XKCJ23G', '昆山', '320583', '051257001234', 'approved')",
    "INSERT INTO users (id, username, display_name, role, password_hash) VALUES (1, 'admin', 'A', 'bureau_admin', 'h')",
    "INSERT INTO checkpoints (id, name, location, region_code, direction) VALUES (1, '千灯卡口', '千灯镇', '320583', 'inbound')",
    "INSERT INTO devices (id, checkpoint_id, public_jwk, key_thumbprint) VALUES ('dev-1', 1, '{}', 'tp-1')",
    "INSERT INTO carriers (id, name, credit_code, duty_phone) VALUES (1, '交发集团', '91320583MA1XKCJ99X', '0512')",
    "INSERT INTO signing_keys (kid, purpose, public_jwk, private_enc, state) VALUES ('k1', 'pass', '{}', 'x', 'active')",
    "INSERT INTO rule_sets (version, rules, author_name, reason, published_at, effective_from) VALUES (1, '{\"version\":1}', 'system', 'default', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')",
    // Escorts: request 1 closed long ago (its escort handed over to someone else: a mismatch), request 2 still open.
    event('c1', 1, 'check', check, OLD),
    event('h1', 2, 'escort_handover', handoverPayload('c1', '钱七'), OLD),
    event('c2', 3, 'check', check, OLD),
    event('h2', 4, 'escort_handover', handoverPayload('c2', '赵六'), OLD),
    event('h3', 5, 'escort_handover', handoverPayload('nobody', '孙八'), OLD), // completes no request: past the period, erased
    event('h4', 6, 'escort_handover', handoverPayload('nobody', '周九'), NEW), // within the period
    ...request(1, 'c1', 'h1', '王 五', '钱七', true),
    ...request(2, 'c2', 'h2', '赵六', '赵六', false),
    `INSERT INTO escort_isolations (id, request_id, person_index, place, start_date, planned_end, responsible, recorded_at) VALUES (1, 1, 0, '隔离点', '2020-02-25', '2020-03-10', '李调度', ${q(OLD)})`,
    `UPDATE escort_isolations SET ended_on = '2020-03-10', end_recorded_at = ${q(OLD)} WHERE id = 1`,
    `INSERT INTO escort_isolations (id, request_id, person_index, place, start_date, planned_end, responsible, recorded_at) VALUES (2, 2, 0, '隔离点', '2020-02-25', '2020-03-10', '孙调度', ${q(OLD)})`,
    timeline(1, 1, '{"escortName":"王 五","phoneLast4":"4321","seats":2}'),
    timeline(2, 1, '{"responsible":"李调度","place":"隔离点"}'),
    timeline(3, 1, '{}'),
    timeline(4, 2, '{"escortName":"赵六","phoneLast4":"4321"}'),
    // Twins of handovers: of the erased request's (erased), of the open one's (kept), and one that does not parse (left alone).
    `INSERT INTO event_conflicts (id, event_id, device_id, hash, canonical, sig, first_received_at, last_received_at) VALUES (1, 'h1', 'dev-1', ${q(A)}, ${q(canonical(handoverPayload('c1', '钱 七'), 2))}, 'sig', ${q(OLD)}, ${q(OLD)})`,
    `INSERT INTO event_conflicts (id, event_id, device_id, hash, canonical, sig, first_received_at, last_received_at) VALUES (2, 'h2', 'dev-1', ${q(A)}, ${q(canonical(handoverPayload('c2', '赵 六'), 4))}, 'sig', ${q(OLD)}, ${q(OLD)})`,
    `INSERT INTO event_conflicts (id, event_id, device_id, hash, canonical, sig, first_received_at, last_received_at) VALUES (3, 'h3', 'dev-1', ${q(B)}, '{"payload": not json', 'sig', ${q(OLD)}, ${q(OLD)})`,
    // Charter: run 1 ended long ago and no custody holds it; run 2 has a passenger still isolated.
    need(1, 'served'),
    need(2, 'served'),
    need(3, 'cancelled'),
    run(1, '2020-02-21T00:00:00.000Z'),
    run(2, '2020-02-21T00:00:00.000Z'),
    'INSERT INTO charter_run_needs (run_id, need_id, enterprise_id, seats) VALUES (1, 1, 1, 5)',
    'INSERT INTO charter_run_needs (run_id, need_id, enterprise_id, seats) VALUES (2, 2, 1, 5)',
    passenger(1, 1, 1, 1, '乘客甲'),
    passenger(2, 1, 1, 2, '乘客乙'),
    passenger(3, 1, 1, 3, '乘客丙'),
    passenger(4, 2, 2, 1, '乘客丁'),
    passenger(5, 2, 2, 2, '乘客戊'),
    `UPDATE charter_runs SET status = 'approved', decided_at = ${q(OLD)}, decided_by = 1 WHERE id IN (1, 2)`,
    `INSERT INTO charter_passes (id, jti, run_id, kid, jws, md, passengers, nbf, exp, issued_at, issued_by) VALUES (1, 'CHARTER001', 1, 'k1', 'h.p.s', ${q(A)}, 3, ${Date.parse('2020-02-20T00:00:00Z') / 1000}, ${Date.parse('2020-02-21T00:00:00Z') / 1000}, ${q(OLD)}, 1)`,
    event('cc1', 7, 'charter_check', '{"runId":"2"}', OLD),
    `INSERT INTO charter_custody (id, run_id, passenger_id, place, enterprise_id, event_id, device_id, checkpoint_id, handed_over_at, created_at) VALUES (1, 2, 4, 0, 1, 'cc1', 'dev-1', 1, ${q(OLD)}, ${q(OLD)})`,
    `INSERT INTO charter_custody (id, run_id, passenger_id, place, enterprise_id, event_id, device_id, checkpoint_id, handed_over_at, created_at) VALUES (2, 2, 5, 1, 1, 'cc1', 'dev-1', 1, ${q(OLD)}, ${q(OLD)})`,
    `INSERT INTO charter_custody_isolations (id, custody_id, place, start_date, planned_end, responsible, recorded_at) VALUES (1, 1, '隔离点', '2020-02-22', '2020-03-07', '吴负责', ${q(OLD)})`,
    `INSERT INTO charter_custody_isolations (id, custody_id, place, start_date, planned_end, responsible, recorded_at) VALUES (2, 2, '隔离点', '2020-02-22', '2020-03-07', '郑负责', ${q(OLD)})`,
    `UPDATE charter_custody_isolations SET ended_on = '2020-03-07', end_recorded_at = ${q(OLD)} WHERE id = 2`,
    // Webhook bodies: delivered long ago (erased), pending (kept), not JSON (left alone), recent (kept).
    "INSERT INTO webhook_endpoints (id, enterprise_id, url, secret_enc, secret_hint, secret_rotated_at, created_by) VALUES (1, 1, 'https://hooks.example.com/k', 'enc', 'ab12', '2020-01-01T00:00:00.000Z', 1)",
    delivery('d1', 'delivered', webhookBody(1), OLD),
    delivery('d2', 'pending', webhookBody(2), OLD),
    delivery('d3', 'failed', '{"data": oops', OLD),
    delivery('d4', 'delivered', webhookBody(4), NEW),
    // Freight passes: one expired long ago, one still valid.
    "INSERT INTO vehicles (id, enterprise_id, plate, vehicle_type, region_code) VALUES (1, 1, '苏E12345', 'truck', '320500')",
    `INSERT INTO passes (id, pass_no, enterprise_id, vehicle_id, status, valid_from, valid_to, origin_region, destination, cargo_category, route_note, created_by, token, kid) VALUES (1, 'PASS000001', 1, 1, 'issued', '2020-02-01T00:00:00.000Z', '2020-02-10T00:00:00.000Z', '320583', '昆山', 'parts', '', 1, 'tok1', 'k1')`,
    `INSERT INTO passes (id, pass_no, enterprise_id, vehicle_id, status, valid_from, valid_to, origin_region, destination, cargo_category, route_note, created_by, token, kid) VALUES (2, 'PASS000002', 1, 1, 'issued', '2026-11-01T00:00:00.000Z', '2027-01-10T00:00:00.000Z', '320583', '昆山', 'parts', '', 1, 'tok2', 'k1')`,
    // The audit log: old entries about the open request (kept), the closed one and the system (erased), and a recent one (kept).
    audit(1, '2020-02-25T06:00:00.000Z', 'escort_request', '2'),
    audit(2, '2020-02-25T06:00:01.000Z', 'escort_request', '1'),
    audit(3, '2020-02-25T06:00:02.000Z', 'system', null),
    audit(4, NEW, 'system', null),
    ...[1, 2, 3, 4].map((seq) => `INSERT INTO audit_personal (seq, salt, fields) VALUES (${seq}, 'salt', '{"name":"王 五"}')`),
  ];
}

async function world(store: Store): Promise<void> {
  for (const statement of worldSql()) await sql.raw(statement).execute(store.q());
}

/** Every column a step may change, read back in key order. */
async function erasable(store: Store) {
  const q = store.q();
  return {
    requests: await q.selectFrom('escort_requests').select(['id', 'people', 'escort_name', 'escort_phone_enc', 'escort_phone_last4', 'handover_escort_name', 'handover_phone_last4', 'escort_mismatch', 'redacted_at']).orderBy('id').execute(),
    isolations: await q.selectFrom('escort_isolations').select(['id', 'responsible']).orderBy('id').execute(),
    timeline: await q.selectFrom('escort_timeline').select(['id', 'detail']).orderBy('id').execute(),
    events: await q.selectFrom('events').select(['id', 'payload', 'canonical', 'hash', 'sig', 'redacted_at']).orderBy('id').execute(),
    conflicts: await q.selectFrom('event_conflicts').select(['id', 'canonical']).orderBy('id').execute(),
    custody: await q.selectFrom('charter_custody_isolations').select(['id', 'responsible']).orderBy('id').execute(),
    runs: await q.selectFrom('charter_runs').select(['id', 'driver_name', 'driver_id_enc', 'driver_id_last4', 'driver_phone_enc', 'redacted_at']).orderBy('id').execute(),
    passengers: await q.selectFrom('charter_passengers').select(['id', 'name', 'id_number_enc', 'id_hmac', 'id_last4', 'phone_enc', 'stays']).orderBy('id').execute(),
    passes: await q.selectFrom('charter_passes').select(['id', 'jws']).orderBy('id').execute(),
    needs: await q.selectFrom('charter_needs').select(['id', 'contact_name', 'contact_phone']).orderBy('id').execute(),
    webhooks: await q.selectFrom('webhook_deliveries').select(['id', 'payload']).orderBy('id').execute(),
    tokens: await q.selectFrom('passes').select(['id', 'token']).orderBy('id').execute(),
    auditPersonal: (await q.selectFrom('audit_personal').select('seq').orderBy('seq').execute()).map((r) => r.seq),
  };
}

/** What SQLite left, for the PostgreSQL run to compare with (the tests run one engine after the other). */
const seen = new Map<string, unknown>();

await onEachEngine(t, 'the period setting: none, set, changed', async (t, store) => {
  const repo = retentionRepo(store);
  t.equal(await repo.days(), null, 'none set');
  await repo.setDays(30);
  t.equal(await repo.days(), 30);
  await repo.setDays(365);
  t.equal(await repo.days(), 365, 'an upsert');
  t.strictSame(await store.q().selectFrom('settings').select(['key', 'value']).where('key', '=', RETENTION_DAYS_KEY).execute(), [{ key: RETENTION_DAYS_KEY, value: '365' }]);
});

await onEachEngine(t, 'every step erases exactly what is past the period, to the same text on both engines; a second run changes nothing', async (t, store, engine) => {
  const repo = retentionRepo(store);
  await world(store);
  const before = await erasable(store);
  const counts: Record<string, number> = {};
  for (const step of STEPS) counts[step] = await store.transaction(() => repo[step](CUT, 500));
  t.strictSame(counts, {
    escortRequests: 1, escortIsolations: 1, escortTimeline: 2, handoverEvents: 2, eventConflicts: 1, custodyIsolations: 1,
    charterRuns: 1, charterPassengers: 3, charterPasses: 1, charterNeeds: 2, webhookDeliveries: 1, passTokens: 1, auditPersonal: 2,
  }, 'rows changed per step');

  const after = await erasable(store);
  const M = ERASED;
  t.strictSame(after.requests[0], {
    id: 1,
    people: `[{"index":0,"name":"${M}","idMasked":"${M}","role":"driver","keyArea":false},{"index":1,"name":"${M}","idMasked":"${M}","role":"escort"}]`,
    escort_name: M, escort_phone_enc: null, escort_phone_last4: null, handover_escort_name: ERASED_OTHER, handover_phone_last4: null, escort_mismatch: 1, redacted_at: CUT.now,
  }, 'the closed request: people, escort and the other person who took it over');
  t.strictSame(after.requests[1], before.requests[1], 'the open request untouched');
  t.strictSame(after.isolations, [{ id: 1, responsible: M }, { id: 2, responsible: '孙调度' }]);
  t.strictSame(after.timeline, [
    { id: 1, detail: `{"escortName":"${M}","seats":2}` },
    { id: 2, detail: `{"responsible":"${M}","place":"隔离点"}` },
    { id: 3, detail: '{}' },
    { id: 4, detail: '{"escortName":"赵六","phoneLast4":"4321"}' },
  ], 'members replaced in place, the phone suffix removed, the order kept');
  const erasedHandover = (checkEventId: string) => `{"checkEventId":"${checkEventId}","escortName":"${M}","staffBadge":"b1"}`;
  const events = new Map(after.events.map((e) => [e.id, e]));
  t.match(events.get('h1'), { payload: erasedHandover('c1'), canonical: canonical(erasedHandover('c1'), 2), redacted_at: CUT.now });
  t.match(events.get('h3'), { payload: erasedHandover('nobody'), redacted_at: CUT.now }, 'a handover of no request, past the period');
  t.match(events.get('h2'), { payload: handoverPayload('c2', '赵六'), redacted_at: null }, "the open request's handover is kept");
  t.match(events.get('h4'), { payload: handoverPayload('nobody', '周九'), redacted_at: null }, 'within the period');
  t.strictSame(after.events.map((e) => [e.id, e.hash, e.sig]), before.events.map((e) => [e.id, e.hash, e.sig]), 'hashes and signatures stay');
  t.strictSame(after.conflicts, [
    { id: 1, canonical: canonical(erasedHandover('c1'), 2) },
    before.conflicts[1],
    { id: 3, canonical: '{"payload": not json' },
  ], 'twins: erased, kept with their open request, and text that does not parse left alone');
  t.strictSame(after.custody, [{ id: 1, responsible: '吴负责' }, { id: 2, responsible: M }], 'an ended custody isolation only');
  t.strictSame(after.runs, [
    { id: 1, driver_name: M, driver_id_enc: M, driver_id_last4: '****', driver_phone_enc: M, redacted_at: CUT.now },
    before.runs[1],
  ], 'run 2 waits for its isolated passenger');
  t.strictSame(after.passengers.slice(0, 3), [1, 2, 3].map((id) => ({ id, name: M, id_number_enc: M, id_hmac: `erased:${id}`, id_last4: '****', phone_enc: M, stays: '[]' })));
  t.strictSame(after.passengers.slice(3), before.passengers.slice(3));
  t.strictSame(after.passes, [{ id: 1, jws: M }], "the erased run's expired pass");
  t.strictSame(after.needs, [
    { id: 1, contact_name: M, contact_phone: M },
    { id: 2, contact_name: '李调度', contact_phone: '13912340000' },
    { id: 3, contact_name: M, contact_phone: M },
  ], 'served by an erased run, or cancelled; not one a kept run serves');
  t.strictSame(after.webhooks, [
    { id: 'd1', payload: `{"id":"wh-1","type":"escort.dispatched","data":{"requestId":1,"escortName":"${M}","responsible":"${M}","at":"${OLD}"}}` },
    before.webhooks[1], before.webhooks[2], before.webhooks[3],
  ], 'delivered bodies past the period; pending, unparsable and recent ones kept');
  t.strictSame(after.tokens, [{ id: 1, token: null }, { id: 2, token: 'tok2' }]);
  t.strictSame(after.auditPersonal, [1, 4], "the open request's entry and the recent one keep their personal fields");

  if (engine === 'sqlite') seen.set('after', after);
  else if (seen.has('after')) t.strictSame(after, seen.get('after'), 'PostgreSQL left exactly the text SQLite left');

  for (const step of STEPS) t.equal(await store.transaction(() => repo[step](CUT, 500)), 0, `${step}: a second run changes nothing`);
  t.strictSame(await erasable(store), after);
});

await onEachEngine(t, 'batches: each call erases at most `limit` rows, lowest id first, until none is left', async (t, store) => {
  const repo = retentionRepo(store);
  await world(store);
  await repo.charterRuns(CUT, 500);
  const erasedIds = async () => (await store.q().selectFrom('charter_passengers').select('id').where('name', '=', ERASED).orderBy('id').execute()).map((r) => r.id);
  t.equal(await repo.charterPassengers(CUT, 2), 2);
  t.strictSame(await erasedIds(), [1, 2]);
  t.equal(await repo.charterPassengers(CUT, 2), 1);
  t.equal(await repo.charterPassengers(CUT, 2), 0);
  t.equal(await repo.escortRequests(CUT, 0), 0, 'a limit of 0 erases nothing');
});

await onEachEngine(t, 'a batch rolled back leaves every row as it was', async (t, store) => {
  const repo = retentionRepo(store);
  await world(store);
  const before = await erasable(store);
  const boom = new Error('boom');
  const failed = await store
    .transaction(async () => {
      await repo.escortRequests(CUT, 500);
      await repo.handoverEvents(CUT, 500);
      await repo.charterRuns(CUT, 500);
      await repo.auditPersonal(CUT, 500);
      throw boom;
    })
    .catch((e: unknown) => e);
  t.equal(failed, boom);
  t.strictSame(await erasable(store), before);
});
