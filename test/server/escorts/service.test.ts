import t from 'tap';
import { escortWorld, escortCheck, handover, upload, deviceTime, T0 } from './fixtures.js';
import type { EscortEvent } from '../../../src/server/features/escorts/events.js';
import { asyncStatusOf } from '../../helpers/registry.js';
import { BY_SYSTEM } from '../../../src/server/security/actor.js';
import { countRows } from '../../helpers/rows.js';
import { refusedWith } from '../../helpers/engines.js';

const H = 3_600_000;
const types = (events: EscortEvent[]) => events.map((e) => e.type);

t.test('an uploaded ESCORT check makes one request for the pass\'s enterprise; a replay makes nothing', async (t) => {
  const w = await escortWorld(t);
  const svc = w.ctx.app.services.escorts;
  const heard: EscortEvent[] = [];
  svc.onEscortEvent((e) => heard.push(e));

  const check = await w.dev.next(escortCheck(w));
  const release = await w.dev.next({ type: 'check', payload: { ...escortCheck(w).payload, decision: 'RELEASE', reasons: ['pass.valid'] } });
  t.same((await upload(w.scanner, [check, release])).map((r) => r.status), ['accepted', 'accepted']);

  t.same(types(heard), ['escort.requested'], 'only the ESCORT check makes a request');
  const [req] = (await svc.list(w.actorA, { status: 'active', overdue: 'any', page: 1, pageSize: 10 }, new Date(T0))).items;
  t.ok(req);
  t.match(req, {
    checkEventId: check.id, enterpriseId: w.entA, plate: '苏E12345', status: 'open', passNo: w.passNo,
    checkpoint: { id: w.checkpointId, name: '花桥收费站入城', location: '昆山 G312 花桥' },
    reasons: ['pass.valid', 'keyarea.stay'],
    waitingSince: new Date(Date.parse(check.deviceTime)).toISOString(),
  });
  t.same(req!.people.map((p) => [p.name, p.idMasked?.slice(-4), p.role, p.keyArea]), [
    ['张建国', req!.people[0]!.idMasked?.slice(-4), 'driver', true],
    ['李卫东', req!.people[1]!.idMasked?.slice(-4), 'escort', false],
  ], 'names and masked IDs from the pass; the driver stayed in Wuhan five days before');
  t.match(req!.people[0]!.idMasked, /^\*{14}[0-9X]{4}$/, 'masked, never the full number');
  t.equal(heard[0]!.enterpriseId, w.entA);

  // The same upload again, and the check alone: nothing new anywhere.
  const tables = ['escort_requests', 'escort_timeline', 'audit_log'] as const;
  const before = await Promise.all(tables.map((x) => countRows(w.ctx.repos.store, x)));
  t.same((await upload(w.scanner, [check, release])).map((r) => r.status), ['duplicate', 'duplicate']);
  t.same(await Promise.all(tables.map((x) => countRows(w.ctx.repos.store, x))), before, 'a replay adds no row');
  t.equal(heard.length, 1, 'and announces nothing');
  t.equal(await svc.catchUp(), 0, 'the catch-up finds nothing left to project');
});

t.test('a handover that arrives before its check is linked when the check comes', async (t) => {
  const w = await escortWorld(t);
  const svc = w.ctx.app.services.escorts;
  const check = await w.dev.next(escortCheck(w));
  const hand = await w.dev.next(handover(check.id, '王强', '5678', w.creditA));

  await upload(w.scanner, [hand]);
  t.equal(await countRows(w.ctx.repos.store, 'escort_requests'), 0, 'no check, no request yet');
  await upload(w.scanner, [check]);
  const r = (await svc.list(w.actorA, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).items[0]!;
  t.equal(r.status, 'in_transit');
  t.match(r.handover, { eventId: hand.id, escortName: '王强', phoneLast4: '5678', differentEscort: null });
  t.same((await svc.timeline(w.actorA, r.id)).map((e) => e.kind), ['requested', 'handed_over']);

  // Both in one batch, the other order: the same end state.
  const w2 = await escortWorld(t);
  const c2 = await w2.dev.next(escortCheck(w2));
  const h2 = await w2.dev.next(handover(c2.id, '王强', '5678', w2.creditA));
  await upload(w2.scanner, [h2, c2]);
  const r2 = (await w2.ctx.app.services.escorts.list(w2.actorA, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).items[0]!;
  t.same([r2.status, r2.handover?.escortName], [r.status, r.handover?.escortName]);
});

t.test('a different escort at the handover is flagged, not refused', async (t) => {
  const w = await escortWorld(t);
  const svc = w.ctx.app.services.escorts;
  const check = await w.dev.next(escortCheck(w));
  await upload(w.scanner, [check]);
  const id = (await svc.list(w.actorA, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).items[0]!.id;
  const d = await svc.dispatch(w.actorA, id, { escortName: '李四', escortPhone: '13800001234' }, '127.0.0.1', new Date(T0 + 5 * 60_000));
  t.equal(d.status, 'dispatched');
  t.equal(d.dispatch?.phoneMasked, '138****1234', 'the phone is shown masked');
  const stored = await w.ctx.repos.store.q().selectFrom('escort_requests').select('escort_phone_enc').where('id', '=', id).executeTakeFirstOrThrow();
  t.type(stored.escort_phone_enc, 'string', 'a phone is stored');
  t.notMatch(stored.escort_phone_enc, '13800001234', 'and stored encrypted');
  t.same(await svc.forDevice(w.checkpointId, new Date(T0 + H)), [{ checkEventId: check.id, status: 'dispatched', escort: { name: '李四', phoneLast4: '1234', dispatchedAt: d.dispatch!.dispatchedAt } }]);

  const hand = await w.dev.next({ ...handover(check.id, '王强', '5678', w.creditA), deviceTime: deviceTime(T0 + 40 * 60_000) });
  t.equal((await upload(w.scanner, [hand]))[0]!.status, 'accepted', 'the device event is stored all the same');
  const r = await svc.get(w.actorA, id);
  t.equal(r.status, 'in_transit');
  t.equal(r.handover?.differentEscort, true, 'flagged');
  t.match((await svc.timeline(w.actorA, id)).at(-1), { kind: 'handed_over', detail: { differentEscort: true } });

  t.equal(await asyncStatusOf(() => svc.dispatch(w.actorA, id, { escortName: '赵六', escortPhone: '13800001234' }, null)), 409, 'no dispatch after the handover');
});

t.test('the loop to its end: arrival, isolation, closing, with a complete timeline', async (t) => {
  const w = await escortWorld(t);
  const svc = w.ctx.app.services.escorts;
  const heard: EscortEvent[] = [];
  svc.onEscortEvent((e) => heard.push(e));
  const check = await w.dev.next(escortCheck(w));
  await upload(w.scanner, [check]);
  const id = (await svc.list(w.actorA, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).items[0]!.id;
  t.ok(await svc.recordNotification(id, { channel: 'webhook', ref: 'delivery-1', at: new Date(T0 + 2 * 60_000) }));
  t.notOk(await svc.recordNotification(id, { channel: 'webhook', ref: 'delivery-1' }), 'a retried delivery is one step');
  await svc.dispatch(w.actorA, id, { escortName: '王强', escortPhone: '13800005678', dispatchedAt: '2020-02-25T14:20:00+08:00' }, null, new Date(T0 + 25 * 60_000));
  const hand = await w.dev.next({ ...handover(check.id, '王 强', '5678', w.creditA), deviceTime: deviceTime(T0 + 40 * 60_000) });
  await upload(w.scanner, [hand]);
  t.equal((await svc.get(w.actorA, id)).handover?.differentEscort, false, 'the same person (spacing aside)');

  const arrivedAt = new Date(T0 + 3 * H);
  t.equal(await asyncStatusOf(() => svc.recordIsolation(w.actorA, id, { personIndex: 0, place: '企业隔离宿舍 3 号楼', startDate: '2020-02-25', plannedEnd: '2020-03-10', responsible: '李调度' }, null, arrivedAt)), 409, 'isolation after the arrival only');
  let r = await svc.arrive(w.actorA, id, { arrivedAt: arrivedAt.toISOString() }, null, arrivedAt);
  t.equal(r.status, 'arrived');
  t.same(r.overdue.map((o) => [o.kind, o.personIndex]), [['isolation_unrecorded', 0]], 'the key-area driver needs an isolation record');

  t.equal(await asyncStatusOf(() => svc.recordIsolation(w.actorA, id, { personIndex: 0, place: '企业隔离宿舍 3 号楼', startDate: '2020-02-25', plannedEnd: '2020-03-09', responsible: '李调度' }, null, arrivedAt)), 400, '13 days is short of the rule set\'s 14');
  r = await svc.recordIsolation(w.actorA, id, { personIndex: 0, place: '企业隔离宿舍 3 号楼', startDate: '2020-02-25', plannedEnd: '2020-03-10', responsible: '李调度' }, null, arrivedAt);
  t.equal(r.status, 'arrived', 'open until the isolation ends');
  t.same(r.overdue, []);
  const end = new Date(Date.parse('2020-03-10T04:00:00Z'));
  r = await svc.endIsolation(w.actorA, id, 0, { endedOn: '2020-03-10' }, null, end);
  t.equal(r.status, 'closed');
  t.same((await svc.timeline(w.actorA, id)).map((e) => e.kind), ['requested', 'notified', 'dispatched', 'handed_over', 'arrived', 'isolation_started', 'isolation_ended', 'closed']);
  t.same(types(heard), ['escort.requested', 'escort.dispatched', 'escort.handed_over', 'escort.arrived', 'escort.isolation_recorded', 'escort.isolation_recorded', 'escort.closed']);
  t.ok(heard.every((e) => e.enterpriseId === w.entA && e.requestId === id));
  const audited = (await w.ctx.repos.store.q().selectFrom('audit_log').select('action').where('subject_type', '=', 'escort_request').orderBy('seq').execute()).map((x) => x.action);
  t.same(audited, ['escort.request', 'escort.notify', 'escort.dispatch', 'escort.handover', 'escort.arrive', 'escort.isolation_start', 'escort.isolation_end', 'escort.close']);
  t.equal(await asyncStatusOf(() => svc.endIsolation(w.actorA, id, 0, { endedOn: '2020-03-10' }, null, end)), 409, 'an end is recorded once');
});

t.test('overdue at fixed times, announced once', async (t) => {
  const w = await escortWorld(t);
  const svc = w.ctx.app.services.escorts;
  const check = await w.dev.next(escortCheck(w));
  await upload(w.scanner, [check]);
  const since = Date.parse(check.deviceTime);
  const id = (await svc.list(w.actorA, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).items[0]!.id;

  t.same((await svc.get(w.actorA, id, new Date(since + 2 * H))).overdue, [], 'exactly 2 h: not yet');
  t.same((await svc.get(w.actorA, id, new Date(since + 2 * H + 1000))).overdue, [{ kind: 'wait', personIndex: null, since: new Date(since + 2 * H).toISOString() }]);
  t.same(types(await svc.sweepOverdue(new Date(since + 2 * H + 1000))), ['escort.overdue']);
  t.same(await svc.sweepOverdue(new Date(since + 3 * H)), [], 'announced once');
  t.same([...(await svc.attentionByEnterprise(new Date(since + 3 * H)))], [[w.entA, { overdue: 1, unconfirmedIsolation: 0 }]]);
  t.equal((await svc.list(w.actorOfficer, { status: 'active', overdue: 'yes', page: 1, pageSize: 10 }, new Date(since + 3 * H))).total, 1, 'on the bureau\'s overdue list');
  t.equal((await svc.list(w.actorOfficer, { status: 'active', overdue: 'yes', page: 1, pageSize: 10 }, new Date(since + H))).total, 0);

  const hand = await w.dev.next({ ...handover(check.id, '王强', '5678', w.creditA), deviceTime: deviceTime(since + 3 * H) });
  await upload(w.scanner, [hand]);
  t.same((await svc.get(w.actorA, id, new Date(since + 7 * H))).overdue, [], 'in transit: 4 h allowed');
  t.same((await svc.get(w.actorA, id, new Date(since + 7 * H + 1000))).overdue.map((o) => o.kind), ['transit']);

  await svc.arrive(w.actorA, id, { arrivedAt: new Date(since + 8 * H).toISOString() }, null, new Date(since + 8 * H));
  await svc.recordIsolation(w.actorA, id, { personIndex: 0, place: '企业隔离宿舍', startDate: '2020-02-25', plannedEnd: '2020-03-10', responsible: '李调度' }, null, new Date(since + 8 * H));
  t.same((await svc.get(w.actorA, id, new Date('2020-03-10T15:59:00Z'))).overdue, [], 'the planned end day is still within');
  t.same((await svc.get(w.actorA, id, new Date('2020-03-10T16:00:00Z'))).overdue, [{ kind: 'isolation_end', personIndex: 0, since: '2020-03-10T16:00:00.000Z' }], 'from the next China day on');

  // The limits are rule data: a published rule set with a 10-minute wait flags a new request sooner.
  const rules = w.ctx.app.services.rules;
  const draft = await rules.getDraft();
  await rules.saveDraft(BY_SYSTEM, { ...draft.fields, maxCheckpointWaitSec: 600, maxTransitSec: 3600, isolationDays: 21 });
  await rules.publish(BY_SYSTEM, { reason: '缩短等候时限' });
  const l = svc.limits(new Date());
  t.same(l, { maxCheckpointWaitSec: 600, maxTransitSec: 3600, isolationDays: 21 });
});

t.test('a vehicle without a pass goes to the receiver staff picked; enterprises never see each other\'s requests', async (t) => {
  const w = await escortWorld(t);
  const svc = w.ctx.app.services.escorts;
  const check = await w.dev.next(escortCheck(w, { passNo: null, receiver: w.creditB, plate: '鄂A88888' }));
  await upload(w.scanner, [check]);
  const r = (await svc.list(w.actorB, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).items[0]!;
  t.match(r, { enterpriseId: w.entB, plate: '鄂A88888' });
  t.same(r.people.map((p) => [p.name, p.idMasked, p.role, p.keyArea]), [[null, null, 'driver', true]], 'no names for people not on a pass');
  t.equal((await svc.list(w.actorA, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).total, 0, 'A sees none of B');
  t.equal(await asyncStatusOf(() => svc.get(w.actorA, r.id)), 404);
  t.equal(await asyncStatusOf(() => svc.timeline(w.actorA, r.id)), 404);
  t.equal(await asyncStatusOf(() => svc.dispatch(w.actorA, r.id, { escortName: '李四', escortPhone: '13800001234' }, null)), 404);
  t.equal(await asyncStatusOf(() => svc.arrive(w.actorA, r.id, {}, null)), 404);
  t.equal(await asyncStatusOf(() => svc.dispatch(w.actorOfficer, r.id, { escortName: '李四', escortPhone: '13800001234' }, null)), 403, 'the bureau reads, the enterprise acts');
  t.equal((await svc.get(w.actorOfficer, r.id)).id, r.id);
  t.equal((await svc.passChecks(w.actorB, { page: 1, pageSize: 10 })).total, 0, 'a check without a pass is no one\'s pass history');
  t.equal((await svc.passChecks(w.actorA, { page: 1, pageSize: 10 })).total, 0);
});

t.test('the stored records guard themselves', async (t) => {
  const w = await escortWorld(t);
  const svc = w.ctx.app.services.escorts;
  const check = await w.dev.next(escortCheck(w));
  await upload(w.scanner, [check]);
  const id = (await svc.list(w.actorA, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).items[0]!.id;
  await svc.dispatch(w.actorA, id, { escortName: '王强', escortPhone: '13800005678' }, null);
  const q = () => w.ctx.repos.store.q();
  await refusedWith(t, () => q().updateTable('escort_requests').set({ plate: '苏E00000' }).where('id', '=', id).execute(), /immutable/, 'the plate');
  await refusedWith(t, () => q().updateTable('escort_requests').set({ enterprise_id: w.entB }).where('id', '=', id).execute(), /immutable/, 'the enterprise');
  await refusedWith(t, () => q().updateTable('escort_requests').set({ status: 'open' }).where('id', '=', id).execute(), /never goes back/, 'the status backwards');
  await refusedWith(t, () => q().deleteFrom('escort_requests').where('id', '=', id).execute(), /never deleted/, 'a DELETE of the request');
  await refusedWith(t, () => q().updateTable('escort_timeline').set({ actor_name: 'x' }).execute(), /append-only/, 'an UPDATE of the timeline');
  await refusedWith(t, () => q().deleteFrom('escort_timeline').execute(), /append-only/, 'a DELETE of the timeline');
});

t.test('each step reaches the enterprise webhook in order and joins the timeline as notified (enqueue is async)', async (t) => {
  const w = await escortWorld(t);
  const svc = w.ctx.app.services.escorts;
  await w.ctx.repos.webhooks.insertEndpoint({ enterpriseId: w.entA, url: 'https://hooks.example.com/kakou', secret: 'whsec_escort_test_secret_0123456789', secretHint: '6789', createdBy: w.userA, at: new Date().toISOString() });
  const check = await w.dev.next(escortCheck(w));
  await upload(w.scanner, [check]);
  // Ties within one millisecond go by id: the server's delivery ids are UUIDv7, in the order queued (docs/database.md).
  const queued = async () => (await w.ctx.repos.store.q().selectFrom('webhook_deliveries').select('event_type').orderBy('created_at').orderBy('id').execute()).map((r) => r.event_type);
  t.same(await queued(), ['escort.requested'], 'queued before the upload was answered');
  const id = (await svc.list(w.actorA, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).items[0]!.id;
  await svc.dispatch(w.actorA, id, { escortName: '王强', escortPhone: '13800005678' }, null);
  t.same(await queued(), ['escort.requested', 'escort.dispatched'], 'an API step: queued before it is answered');
  await svc.arrive(w.actorA, id, {}, null);
  t.same(await queued(), ['escort.requested', 'escort.dispatched', 'escort.arrived'], 'in order');
  const notified = (await svc.timeline(w.actorA, id)).filter((e) => e.kind === 'notified');
  t.equal(notified.length, 3, 'each delivery one notified step');
});
