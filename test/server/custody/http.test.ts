import t from 'tap';
import { chinaDate } from '../../helpers/fleet.js';
import { refusedWith } from '../../helpers/engines.js';
import { countRows } from '../../helpers/rows.js';
import { charterCheck, custodyWorld, upload } from './fixtures.js';

interface Task {
  id: number; runId: number; place: number; enterpriseId: number; status: string; plate: string;
  passenger: { name: string; idMasked: string }; checkpoint: { id: number; name: string };
  isolation: { place: string; startDate: string; plannedEnd: string; responsible: string; endedOn: string | null } | null;
  overdue: { kind: string; since: string }[];
}
interface Flag { eventId: string; kind: string; place: number | null }
const tasks = (res: { json(): unknown }) => (res.json() as { items: Task[] }).items;

t.test('a signed charter check hands CUSTODY passengers to their own enterprise, once', async (t) => {
  const w = await custodyWorld(t);
  const { c, ctx, approved, dev, scanner } = w;
  const zhang = w.placeOf('张三');
  const zhao = w.placeOf('赵六');
  t.not(zhang, -1);

  const event = await dev.next(charterCheck(approved, { outcomes: { [zhang]: 'CUSTODY', [zhao]: 'CUSTODY' } }));
  const [result] = await upload(scanner, [event]);
  t.equal(result?.status, 'accepted', JSON.stringify(result));

  const a = tasks(await c.a.request('GET', '/api/v1/custody'));
  t.same(a.map((x) => x.passenger.name), ['张三'], "A sees its own passenger's task only");
  t.match(a[0], { runId: w.runId, place: zhang, plate: '苏E88888', status: 'unrecorded', checkpoint: { id: w.checkpointId }, isolation: null });
  t.match(a[0]!.passenger.idMasked, /^\*{14}\d{3}[\dX]$/, 'masked ID only');
  t.same(a[0]!.overdue.map((o) => o.kind), ['isolation_unrecorded'], 'handed over in 2020: no isolation within 24 h');
  const b = tasks(await c.b.request('GET', '/api/v1/custody'));
  t.same(b.map((x) => x.passenger.name), ['赵六']);
  t.equal((await c.officer.request('GET', '/api/v1/custody')).json().total, 2, 'the bureau reads all');
  t.equal((await c.b.request('GET', `/api/v1/custody/${a[0]!.id}`)).statusCode, 404, "A's task is 404 to B");
  t.equal((await c.carrier.request('GET', '/api/v1/custody')).statusCode, 403, 'a carrier has no custody tasks');

  // The same upload again, and the coach checked again later: nothing new.
  const [again] = await upload(scanner, [event]);
  t.equal(again?.status, 'duplicate');
  const recheck = await dev.next(charterCheck(approved, { outcomes: { [zhang]: 'CUSTODY' } }));
  t.equal((await upload(scanner, [recheck]))[0]?.status, 'accepted');
  t.equal(await countRows(ctx.repos.store, 'charter_custody'), 2, 'one task per passenger per run');
  t.equal(await ctx.app.services.custody.catchUp(), 0, 'catching up at start adds nothing either');

  const audit = await ctx.repos.store.q().selectFrom('audit_log').select(['action', 'subject_id', 'enterprise_id']).where('action', '=', 'custody.handover').orderBy('seq').execute();
  t.same(audit.map((r) => r.enterprise_id).sort(), [w.A, w.B].sort(), 'each hand-over audited for its enterprise');
  const text = JSON.stringify(await ctx.repos.store.q().selectFrom('audit_log').selectAll().execute());
  t.notMatch(text, '510104', 'no ID number in the audit log');

  // Pages: the enterprise's home and list, the bureau's list.
  const home = await c.a.request('GET', '/enterprise');
  t.equal(home.statusCode, 200);
  t.match(home.body, 'id="custody-tasks"', 'the enterprise sees its isolation task on its home page');
  t.match(home.body, '张三');
  t.notMatch(home.body, '赵六');
  const list = await c.a.request('GET', '/enterprise/custody');
  t.equal(list.statusCode, 200);
  t.match(list.body, '张三');
  const bureau = await c.officer.request('GET', '/bureau/custody');
  t.equal(bureau.statusCode, 200);
  t.match(bureau.body, '赵六');
  const enterprises = await c.officer.request('GET', '/bureau/enterprises');
  t.match(enterprises.body, '1 个隔离任务超时', "the bureau's enterprise list marks enterprises with overdue custody tasks");
});

t.test('what the server cannot back up is flagged, not projected; the device never picks the enterprise', async (t) => {
  const w = await custodyWorld(t);
  const { c, ctx, approved, dev, scanner } = w;
  const zhang = w.placeOf('张三');
  const creditB = (await ctx.repos.enterprises.get(w.B))!.creditCode;
  const wrongMd = { ...approved, md: 'A'.repeat(43) };
  const events = [
    await dev.next(charterCheck(wrongMd, { outcomes: { [zhang]: 'CUSTODY' } })),
    await dev.next(charterCheck({ ...approved, runId: 99999 }, { outcomes: { [zhang]: 'CUSTODY' } })),
    await dev.next(charterCheck(approved, { outcomes: { 0: 'CUSTODY' }, count: approved.manifest.length - 1 })),
    await dev.next(charterCheck({ runId: null, md: null, manifest: [] })),
  ];
  const results = await upload(scanner, events);
  t.same(results.map((r) => r.status), ['accepted', 'accepted', 'accepted', 'accepted'], 'stored all the same: the device record is evidence');
  t.equal(await countRows(ctx.repos.store, 'charter_custody'), 0, 'no task from any of them');

  // A's passenger, but the device says enterprise B: the task goes to A (the server's record), flagged.
  const disputed = await dev.next(charterCheck(approved, { outcomes: { [zhang]: 'CUSTODY' }, ents: { [zhang]: creditB } }));
  await upload(scanner, [disputed]);
  t.same(tasks(await c.a.request('GET', '/api/v1/custody')).map((x) => x.passenger.name), ['张三']);
  t.same(tasks(await c.b.request('GET', '/api/v1/custody')), []);

  const flags = (await c.officer.request('GET', '/api/v1/custody/flags')).json() as { items: Flag[]; total: number };
  const got = flags.items.map((f) => `${f.eventId}:${f.kind}:${f.place}`).sort();
  t.same(got, [
    `${events[0]!.id}:md_mismatch:null`, `${events[1]!.id}:unknown_run:null`, `${events[2]!.id}:count_mismatch:null`, `${disputed.id}:ent_mismatch:${zhang}`,
  ].sort(), 'one flag per problem; a coach not expected here (no run) is no problem of the manifest');
  t.equal((await c.a.request('GET', '/api/v1/custody/flags')).statusCode, 403, 'flags are the bureau\'s');
  await upload(scanner, events);
  t.equal((await c.officer.request('GET', '/api/v1/custody/flags')).json().total, 4, 're-upload: no second flag');
  const page = await c.officer.request('GET', '/bureau/custody');
  t.match(page.body, '名单摘要与已批准名单不符', 'the bureau page lists the flagged checks');
});

t.test('the isolation record, as in the escort loop: own task only, once, then its end', async (t) => {
  const w = await custodyWorld(t);
  const { c, ctx, approved, dev, scanner } = w;
  await upload(scanner, [await dev.next(charterCheck(approved, { outcomes: { [w.placeOf('张三')]: 'CUSTODY' } }))]);
  const id = tasks(await c.a.request('GET', '/api/v1/custody'))[0]!.id;
  const body = { place: '昆山开发区员工宿舍 3 号楼', startDate: chinaDate(0), plannedEnd: chinaDate(14), responsible: '王经理' };

  t.equal((await c.b.request('POST', `/api/v1/custody/${id}/isolation`, body)).statusCode, 404, "another enterprise's task is 404");
  t.equal((await c.officer.request('POST', `/api/v1/custody/${id}/isolation`, body)).statusCode, 403, 'the bureau records nothing');
  const short = await c.a.request('POST', `/api/v1/custody/${id}/isolation`, { ...body, plannedEnd: chinaDate(7) });
  t.equal(short.statusCode, 400);
  t.match(short.json(), { code: 'validation', errors: [{ path: 'body.plannedEnd' }] }, 'at least isolationDays (14)');
  const early = await c.a.request('POST', `/api/v1/custody/${id}/isolation`, { ...body, startDate: '2020-02-24', plannedEnd: '2020-03-10' });
  t.equal(early.statusCode, 400, 'not before the hand-over day');
  t.equal((await c.a.request('POST', `/api/v1/custody/${id}/isolation`, { ...body, place: '' })).statusCode, 400);
  t.equal((await c.a.request('POST', `/api/v1/custody/${id}/isolation`, { ...body, responsible: '请拨 13912345678' })).statusCode, 400, 'no phone numbers in free text');

  const rec = await c.a.request('POST', `/api/v1/custody/${id}/isolation`, body);
  t.equal(rec.statusCode, 200, rec.body);
  t.match(rec.json(), { status: 'isolating', isolation: { ...body, endedOn: null }, overdue: [] });
  t.equal((await c.a.request('POST', `/api/v1/custody/${id}/isolation`, body)).statusCode, 409, 'recorded once');
  t.equal((await c.a.request('POST', `/api/v1/custody/${id}/isolation/end`, { endedOn: chinaDate(1) })).statusCode, 400, 'not in the future');
  t.equal((await c.b.request('POST', `/api/v1/custody/${id}/isolation/end`, { endedOn: chinaDate(0) })).statusCode, 404);
  const end = await c.a.request('POST', `/api/v1/custody/${id}/isolation/end`, { endedOn: chinaDate(0) });
  t.equal(end.statusCode, 200, end.body);
  t.match(end.json(), { status: 'ended', isolation: { endedOn: chinaDate(0) } });
  t.equal((await c.a.request('POST', `/api/v1/custody/${id}/isolation/end`, { endedOn: chinaDate(0) })).statusCode, 409, 'the end is written once');
  t.same(tasks(await c.a.request('GET', '/api/v1/custody')), [], 'no longer active');
  t.equal(tasks(await c.a.request('GET', '/api/v1/custody?status=all')).length, 1);

  const actions = (await ctx.repos.store.q().selectFrom('audit_log').select('action').where('action', 'like', 'custody.%').orderBy('seq').execute()).map((r) => r.action);
  t.same(actions, ['custody.handover', 'custody.isolation_start', 'custody.isolation_end']);
  await refusedWith(t, () => ctx.repos.store.q().updateTable('charter_custody_isolations').set({ place: '别处' }).execute(), /fixed once recorded/, 'the isolation record is fixed');
  await refusedWith(t, () => ctx.repos.store.q().deleteFrom('charter_custody').execute(), /never deleted/, 'a task is never deleted');
});

t.test('the portal forms record the isolation and its end', async (t) => {
  const w = await custodyWorld(t);
  const { c, approved, dev, scanner } = w;
  await upload(scanner, [await dev.next(charterCheck(approved, { outcomes: { [w.placeOf('李四')]: 'CUSTODY' } }))]);
  const id = tasks(await c.a.request('GET', '/api/v1/custody'))[0]!.id;
  const page = await c.a.request('GET', `/enterprise/custody/${id}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, `action="/enterprise/custody/${id}/isolation"`);
  t.match(page.body, `value="${chinaDate(14)}"`, 'the planned end defaults to isolationDays after today');
  t.equal((await c.b.request('GET', `/enterprise/custody/${id}`)).statusCode, 404);
  const bad = await c.a.form(`/enterprise/custody/${id}/isolation`, { _csrf: c.a.csrf, place: '宿舍', startDate: chinaDate(0), plannedEnd: chinaDate(3), responsible: '王经理' });
  t.equal(bad.statusCode, 400, 'too short: the page again, with the error');
  t.match(bad.body, '14');
  const good = await c.a.form(`/enterprise/custody/${id}/isolation`, { _csrf: c.a.csrf, place: '宿舍', startDate: chinaDate(0), plannedEnd: chinaDate(14), responsible: '王经理' });
  t.equal(good.statusCode, 303);
  const after = await c.a.request('GET', `/enterprise/custody/${id}?done=isolation`);
  t.match(after.body, '隔离安排已登记');
  t.match(after.body, `action="/enterprise/custody/${id}/isolation/end"`);
  const ended = await c.a.form(`/enterprise/custody/${id}/isolation/end`, { _csrf: c.a.csrf, endedOn: chinaDate(0) });
  t.equal(ended.statusCode, 303);
  t.match((await c.a.request('GET', `/api/v1/custody/${id}`)).json(), { status: 'ended' });
});
