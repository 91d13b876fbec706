import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { seedAuditEventsIn } from '../../helpers/audit-seed.js';

interface Item { id: number; kind: string; at: string; eventId: string | null; otherEventId: string | null; deviceId: string | null; checkpointId: number | null }
interface Page { counts: Record<string, number>; items: Item[]; nextCursor: string | null }

const FILL = 'A'.repeat(43);

t.test('anomaly list: API pages and filters, counts, page, event page, CSV, access', async (t) => {
  const ctx = await setup(t);
  const q = () => ctx.repos.store.q();
  const seed = await seedAuditEventsIn(ctx.repos.store, { events: 400, checkpoints: 3, devicesPer: 2, days: 3, seed: 11 });
  // Checks stored as a device would have sent them, each showing one anomaly; examined by the backfill, like events
  // stored before migration 016.
  const ins = (id: string, deviceId: string, seq: number, deviceTime: string, receivedAt: string, clockOffsetMs: number, prevHash: string, hash: string, payload: string, sig: string) =>
    q()
      .insertInto('events')
      .values({ id, device_id: deviceId, seq, device_time: deviceTime, received_at: receivedAt, clock_offset_ms: clockOffsetMs, prev_hash: prevHash, hash, type: 'check', payload, canonical: '', sig })
      .execute();
  const pl = (over: Record<string, unknown>) => JSON.stringify({ decision: 'REFUSE', observations: {}, passNo: null, plate: '苏E12345', reasons: ['pass.valid'], ruleSetVersion: 3, staffBadge: seed.badges[0], bundleAgeSec: 60, ...over });
  const revoked = '00000000-0000-4000-8000-0000000000a1';
  const ahead = '00000000-0000-4000-8000-0000000000a2';
  const plateOff = '00000000-0000-4000-8000-0000000000a3';
  const at = '2026-11-29T12:00:00.000Z';
  await ins(revoked, seed.deviceIds[0]!, 90_001, at.replace('Z', '+00:00'), at, 0, FILL, FILL, pl({ reasons: ['pass.invalid.revoked'] }), 'A'.repeat(86));
  await ins(ahead, seed.deviceIds[2]!, 90_002, '2026-11-29T12:20:00.000+00:00', at, -20 * 60_000, FILL, FILL, pl({}), 'A'.repeat(86));
  await ins(plateOff, seed.deviceIds[4]!, 90_003, at.replace('Z', '+00:00'), '2026-11-28T01:00:00.000Z', 0, FILL, FILL, pl({ decision: 'MANUAL', reasons: ['match.plate_mismatch'] }), 'A'.repeat(86));
  await q().updateTable('anomaly_backfill').set({ done: 0 }).execute();
  const svc = ctx.app.services.anomalies;
  await svc.backfill(new Date(at));
  await svc.sweep(new Date(at));

  const all: Item[] = await q()
    .selectFrom('anomalies')
    .select(['id', 'kind', 'at', 'event_id as eventId', 'other_event_id as otherEventId', 'device_id as deviceId', 'checkpoint_id as checkpointId'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  t.ok(all.length >= 5, `the data has anomalies (${all.length})`);
  t.ok(all.some((a) => a.kind === 'chain_gap'), 'the seed flagged gaps: chain_gap found by the sweep');
  t.same(all.filter((a) => a.eventId === revoked).map((a) => a.kind), ['pass_revoked']);
  t.same(all.filter((a) => a.eventId === ahead).map((a) => a.kind), ['clock_skew']);

  await ctx.user('bureau_officer', 'officer');
  const ent = await ctx.enterprise('昆山甲方物流有限公司', '91320583MA1XKCJ23G');
  await ctx.user('enterprise_user', 'ent', ent);
  const officer = await loggedIn(ctx.app, 'officer');
  const entUser = await loggedIn(ctx.app, 'ent');

  async function pages(query: string, limit = 3): Promise<{ items: Item[]; counts: Record<string, number> }> {
    const items: Item[] = [];
    let counts: Record<string, number> = {};
    let cursor: string | null = null;
    do {
      const res = await officer.request('GET', `/api/v1/audit/anomalies?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
      t.equal(res.statusCode, 200, `${query} → 200`);
      const body = res.json() as Page;
      if (!cursor) counts = body.counts;
      items.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    return { items, counts };
  }

  const everything = await pages('');
  t.same(everything.items.map((a) => a.id), all.map((a) => a.id), 'every anomaly once, newest first by (at, id), across pages of 3');
  const byKind: Record<string, number> = {};
  for (const a of all) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
  t.same(everything.counts, byKind, 'counts per kind');

  const day = '2026-11-29';
  const dayStart = new Date(`${day}T00:00:00+08:00`).toISOString();
  const dayEnd = new Date(Date.parse(dayStart) + 86_400_000).toISOString();
  const cases: Array<[string, (a: Item) => boolean]> = [
    ['kind=pass_revoked', (a) => a.kind === 'pass_revoked'],
    ['kind=chain_gap', (a) => a.kind === 'chain_gap'],
    [`checkpoint=${seed.checkpointIds[1]}`, (a) => a.checkpointId === seed.checkpointIds[1]],
    [`device=${seed.deviceIds[4]}`, (a) => a.deviceId === seed.deviceIds[4]],
    [`from=${day}&to=${day}`, (a) => a.at >= dayStart && a.at < dayEnd],
    [`kind=clock_skew&checkpoint=${seed.checkpointIds[1]}&from=${day}&to=${day}`, (a) => a.kind === 'clock_skew' && a.checkpointId === seed.checkpointIds[1] && a.at >= dayStart && a.at < dayEnd],
  ];
  for (const [query, keep] of cases) {
    const want = all.filter(keep).map((a) => a.id);
    t.ok(want.length > 0, `${query}: the data has matches`);
    t.same((await pages(query, 2)).items.map((a) => a.id), want, `${query}: exactly the matching anomalies, in order`);
  }
  const cpCounts = (await pages(`kind=pass_revoked&checkpoint=${seed.checkpointIds[0]}`)).counts;
  t.equal(cpCounts.pass_revoked, 1, 'counts follow the other filters, not the kind filter');
  t.ok(Object.keys(cpCounts).length >= 1);

  t.equal((await officer.request('GET', '/api/v1/audit/anomalies?kind=chain_spoon')).statusCode, 400, 'an unknown kind is a 400 problem');
  t.equal((await officer.request('GET', '/api/v1/audit/anomalies?cursor=bm9wZQ')).statusCode, 400, 'a forged cursor is a 400 problem');
  t.equal((await officer.request('GET', '/api/v1/audit/anomalies?from=yesterday')).statusCode, 400);

  for (const url of ['/api/v1/audit/anomalies', '/bureau/anomalies', '/bureau/anomalies.csv']) {
    t.equal((await entUser.request('GET', url)).statusCode, 403, `enterprise user: ${url} 403`);
  }
  const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/v1/audit/anomalies' });
  t.equal(anonymous.statusCode, 401, 'no session: 401');

  const page = await officer.request('GET', '/bureau/anomalies');
  t.equal(page.statusCode, 200);
  t.match(page.body, /出示已撤销的通行证/, 'kinds in Chinese');
  t.match(page.body, new RegExp(`href="/bureau/checks/${revoked}"`), 'links to the event page');
  t.match(page.body, new RegExp(`合计 ${all.length} 条`), 'the total');
  t.match(page.body, /href="\/bureau\/anomalies\/?\?kind=pass_revoked"/, 'a count links to its kind');
  t.match(page.body, /href="\/bureau\/anomalies"[^>]*>异常</, 'the menu links the page');
  t.equal((await officer.request('GET', '/bureau/anomalies?kind=nope')).statusCode, 400, 'a bad filter on the page: the form with its error');
  t.equal((await officer.request('GET', '/bureau/anomalies?cursor=bm9wZQ')).statusCode, 400);

  const ev = await officer.request('GET', `/bureau/checks/${revoked}`);
  t.equal(ev.statusCode, 200);
  t.match(ev.body, /本记录的异常/, 'the event page lists its anomalies');
  t.match(ev.body, /data-kind="pass_revoked"/);
  const { id: clean } = await q()
    .selectFrom('events as e')
    .select('e.id')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('anomalies as a').select('a.id').where((eb) => eb.or([eb('a.event_id', '=', eb.ref('e.id')), eb('a.other_event_id', '=', eb.ref('e.id'))])))),
    )
    .limit(1)
    .executeTakeFirstOrThrow();
  t.notMatch((await officer.request('GET', `/bureau/checks/${clean}`)).body, /本记录的异常/, 'an event without any: no section');

  const csv = await officer.request('GET', `/bureau/anomalies.csv?from=${day}&to=${day}`);
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-disposition'], /^attachment; filename="kakou-anomalies-\d{4}-\d{2}-\d{2}\.csv"$/);
  t.same([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = csv.rawPayload.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  t.match(lines[0], /^编号,时间,类型/, 'Chinese header');
  t.equal(lines.length - 1, all.filter((a) => a.at >= dayStart && a.at < dayEnd).length, 'the filtered rows');
  t.equal(String(lines.length - 1), csv.headers['x-total-count']);
  const audit = await q().selectFrom('audit_log').select('detail').where('action', '=', 'audit.export').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  t.same(JSON.parse(audit!.detail), { format: 'csv', view: 'anomalies', filter: { from: day, to: day }, expected: lines.length - 1, stage: 'done', rows: lines.length - 1 }, 'the export is audited with its filter');

  t.equal((await officer.request('POST', '/lang', { locale: 'en', next: '/bureau/anomalies' })).statusCode, 303, 'switch to English');
  const en = await officer.request('GET', '/bureau/anomalies?kind=pass_revoked');
  t.match(en.body, /Revoked pass presented/, 'kinds in English');
  t.match((await officer.request('GET', '/bureau/anomalies.csv?kind=pass_revoked')).rawPayload.subarray(3).toString('utf8'), /^Id,When,Kind.*\r\n\d+,[^\r]*,pass_revoked,Revoked pass presented,high,/s, 'the English CSV');
});
