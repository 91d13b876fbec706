import t from 'tap';
import { ingestService } from '../../../src/server/features/ingest/service.js';
import { simulateDevice } from '../../helpers/device.js';
import { actorOf } from '../../helpers/registry.js';
import { chinaDate } from '../../helpers/fleet.js';
import { refusedWith } from '../../helpers/engines.js';
import { countRows } from '../../helpers/rows.js';
import { SimDevice } from '../ingest/fixtures.js';
import { T0, deviceTime } from '../escorts/fixtures.js';
import { charterCheck, custodyWorld, upload } from './fixtures.js';

t.test('a charter_check is stored like a check: chained, deduplicated, the staff badge checked', async (t) => {
  const w = await custodyWorld(t);
  const { ctx, approved, dev, scanner } = w;
  await ctx.repos.staff.insert({ checkpointId: w.checkpointId, badge: 'KS0001', name: '值守甲', pinHash: 'pbkdf2-sha256$1$x$y' });
  const unknown = await dev.next(charterCheck(approved));
  const known = await dev.next({ ...charterCheck(approved), payload: { ...charterCheck(approved).payload, staffBadge: 'KS0001' } });
  const results = await upload(scanner, [unknown, known]);
  t.same(results.map((r) => [r.status, r.status === 'refused' ? r.reason : r.flags]), [['accepted', []], ['accepted', []]], 'accepted, no chain flag');
  t.same((await ctx.repos.events.get(unknown.id))!.referenceFlags, ['unknown_staff'], 'a badge not of this checkpoint is flagged');
  t.same((await ctx.repos.events.get(known.id))!.referenceFlags, []);
  t.equal((await ctx.repos.events.get(known.id))!.type, 'charter_check');
  t.same((await upload(scanner, [known]))[0]?.status, 'duplicate');
  const listed = await w.c.officer.request('GET', `/api/v1/events?deviceId=${scanner.id}&flag=unknown_staff`);
  t.equal(listed.statusCode, 200, listed.body);
  t.same((listed.json() as { id: string; type: string }[]).map((e) => [e.id, e.type]), [[unknown.id, 'charter_check']], "the bureau's event list shows it, with its flag");
});

t.test('the hand-over is the earliest check, whatever order the uploads arrive in', async (t) => {
  const w = await custodyWorld(t);
  const { ctx, approved } = w;
  const zhang = w.placeOf('张三');
  const second = await ctx.repos.checkpoints.insert({ name: '千灯收费站入城', location: '昆山 S224 千灯', regionCode: '320583', direction: 'inbound' });
  const scanner2 = await simulateDevice(ctx, second.id);
  const dev2 = new SimDevice(scanner2.id, { privateKey: scanner2.privateKey, publicJwk: scanner2.publicJwk });
  const custody = charterCheck(approved, { outcomes: { [zhang]: 'CUSTODY' } });

  // The later check (checkpoint 1, 15:00) is uploaded first; the earlier one (checkpoint 2, 14:10) syncs late.
  const later = await w.dev.next({ ...custody, deviceTime: deviceTime(T0 + 3_600_000) });
  await upload(w.scanner, [later]);
  const officer = await actorOf(ctx, (await ctx.repos.users.getWithHash('officer'))!.id);
  const { id } = await ctx.repos.store.q().selectFrom('charter_custody').select('id').executeTakeFirstOrThrow();
  t.match(await ctx.app.services.custody.get(officer, id), { eventId: later.id, checkpoint: { id: w.checkpointId } });
  const earlier = await dev2.next({ ...custody, deviceTime: deviceTime(T0 + 600_000) });
  await upload(scanner2, [earlier]);
  t.match(await ctx.app.services.custody.get(officer, id), { eventId: earlier.id, checkpoint: { id: second.id }, handedOverAt: new Date(T0 + 600_000).toISOString() },
    'moved to the earlier check: the same end state as in upload order');
  t.equal(await countRows(ctx.repos.store, 'charter_custody'), 1);
  const moves = (await ctx.repos.store.q().selectFrom('audit_log').select('detail').where('action', '=', 'custody.handover').orderBy('seq').execute()).map(
    (r) => ({ moved: (JSON.parse(r.detail) as { moved: unknown }).moved }),
  );
  t.strictSame(moves, [{ moved: false }, { moved: true }], 'both steps audited');

  // Once the enterprise has recorded the isolation, the hand-over stays.
  const rec = await w.c.a.request('POST', `/api/v1/custody/${id}/isolation`, { place: '员工宿舍', startDate: chinaDate(0), plannedEnd: chinaDate(14), responsible: '王经理' });
  t.equal(rec.statusCode, 200, rec.body);
  const earliest = await dev2.next({ ...custody, deviceTime: deviceTime(T0 + 60_000) });
  await upload(scanner2, [earliest]);
  t.match(await ctx.app.services.custody.get(officer, id), { eventId: earlier.id });
  await refusedWith(
    t,
    () => ctx.repos.store.q().updateTable('charter_custody').set({ handed_over_at: '2000-01-01T00:00:00.000Z' }).execute(),
    /only moves to an earlier check/,
    'the database keeps the hand-over once the isolation is recorded',
  );
});

t.test('a new task reaches the enterprise webhook, with no personal data', async (t) => {
  const w = await custodyWorld(t);
  const { ctx, approved } = w;
  const userA = (await ctx.repos.users.getWithHash('alpha'))!.id;
  await ctx.repos.webhooks.insertEndpoint({ enterpriseId: w.A, url: 'https://hooks.example.com/kakou', secret: 'whsec_custody_test_secret_0123456789', secretHint: '6789', createdBy: userA, at: new Date().toISOString() });
  const event = await w.dev.next(charterCheck(approved, { outcomes: { [w.placeOf('张三')]: 'CUSTODY', [w.placeOf('赵六')]: 'CUSTODY' } }));
  await upload(w.scanner, [event]);
  await upload(w.scanner, [event]);
  const rows = await ctx.repos.store.q().selectFrom('webhook_deliveries').select(['enterprise_id', 'event_type', 'payload']).where('event_type', '=', 'custody.handed_over').execute();
  t.equal(rows.length, 1, "one delivery: A's endpoint, once (B has none; the re-upload adds nothing)");
  t.equal(rows[0]!.enterprise_id, w.A);
  const body = JSON.parse(rows[0]!.payload) as { data: Record<string, unknown> };
  t.same(Object.keys(body.data).sort(), ['at', 'checkpointId', 'runId', 'taskId']);
  t.equal(body.data.runId, w.runId);
  t.notMatch(rows[0]!.payload, '张三', 'no name in the webhook');

  // Handed over in 2020 and nothing recorded: the sweep announces it once per task.
  const swept = await ctx.app.services.custody.sweepOverdue();
  t.same(swept.map((n) => [n.enterpriseId, n.kind]).sort(), [[w.A, 'isolation_unrecorded'], [w.B, 'isolation_unrecorded']].sort());
  t.same(await ctx.app.services.custody.sweepOverdue(), [], 'and only once');
  t.equal((await ctx.repos.store.q().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'custody.overdue').executeTakeFirstOrThrow()).n, 2);
  const overdue = await ctx.repos.store.q().selectFrom('webhook_deliveries').select(['enterprise_id', 'payload']).where('event_type', '=', 'custody.overdue').execute();
  t.same(overdue.map((r) => r.enterprise_id), [w.A], "A's endpoint hears of it");
  t.match(JSON.parse(overdue[0]!.payload), { data: { kind: 'isolation_unrecorded' } });
});

t.test('charter checks stored without the projector get their tasks at start (catch-up), once', async (t) => {
  const w = await custodyWorld(t);
  const { ctx, approved } = w;
  // An ingest path without observers, as before this feature existed.
  const bare = ingestService(ctx.repos, []);
  const event = await w.dev.next(charterCheck(approved, { outcomes: { [w.placeOf('王五')]: 'CUSTODY' } }));
  const stale = await w.dev.next(charterCheck({ ...approved, md: 'A'.repeat(43) }, { outcomes: { 0: 'CUSTODY' } }));
  const results = await bare.ingest(w.dev.ingestDevice, [event, stale]);
  t.same(results.map((r) => r.status), ['accepted', 'accepted']);
  t.equal(await countRows(ctx.repos.store, 'charter_custody'), 0, 'not projected yet');
  t.equal(await ctx.app.services.custody.catchUp(), 1, 'one task made at start');
  t.equal(await ctx.app.services.custody.catchUp(), 0, 'and only once');
  t.same(await ctx.repos.custody.unprojected(), [], 'the stale check is flagged, so it is not read again');
  t.equal((await ctx.repos.custody.flags({ limit: 10 })).items[0]?.kind, 'md_mismatch');
});
