import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { seedAuditEventsIn } from '../../helpers/audit-seed.js';
import { normalizePlate } from '../../../src/core/validate/plate.js';

interface Item { id: string; receivedAt: string; checkpointId: number; deviceId: string; plate: string | null; passNo: string | null; decision: string | null; reasons: string[]; staffBadge: string | null; receivingEnterprise: string | null; flags: string[] }

const FILL = 'A'.repeat(43);

t.test('check search: every filter, keyset pages, access, event page, CSV', async (t) => {
  const ctx = await setup(t);
  const q = () => ctx.repos.store.q();
  const seed = await seedAuditEventsIn(ctx.repos.store, { events: 600, checkpoints: 3, devicesPer: 2, days: 3, seed: 7 });
  // Ties: five checks received at the same instant, and one whose cells need quoting and the injection guard.
  const tie = '2026-11-29T12:00:00.000Z';
  const ins = (id: string, deviceId: string, seq: number, deviceTime: string, receivedAt: string, prevHash: string, hash: string, payload: string, sig: string) =>
    q()
      .insertInto('events')
      .values({ id, device_id: deviceId, seq, device_time: deviceTime, received_at: receivedAt, clock_offset_ms: 0, prev_hash: prevHash, hash, type: 'check', payload, canonical: '', sig })
      .execute();
  const pl = (plate: string, decision = 'ESCORT') => JSON.stringify({ decision, observations: { v: 1, people: [], receivingEnterprise: seed.credits[0] }, passNo: null, plate, reasons: ['keyarea.none'], ruleSetVersion: 3, staffBadge: seed.badges[0], bundleAgeSec: 0 });
  const tieIds = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c', '00000000-0000-4000-8000-00000000000d', '00000000-0000-4000-8000-00000000000e'];
  for (const [i, id] of tieIds.entries()) await ins(id, seed.deviceIds[0]!, 10_000 + i, tie.replace('Z', '+00:00'), tie, FILL, FILL, pl(`苏A 0000${i}`), 'A'.repeat(86));
  const evil = '00000000-0000-4000-8000-0000000000ff';
  await ins(evil, seed.deviceIds[1]!, 20_000, tie.replace('Z', '+00:00'), '2026-11-29T12:00:01.000Z', FILL, FILL, pl('=HYPERLINK("http://x","点")'), 'A'.repeat(86));

  await ctx.user('bureau_officer', 'officer');
  const ent = await ctx.enterprise('昆山甲方物流有限公司', '91320583MA1XKCJ23G');
  await ctx.user('enterprise_user', 'ent', ent);
  const officer = await loggedIn(ctx.app, 'officer');
  const entUser = await loggedIn(ctx.app, 'ent');

  async function all(query: string, limit = 37): Promise<Item[]> {
    const out: Item[] = [];
    let cursor: string | null = null;
    do {
      const res = await officer.request('GET', `/api/v1/audit/checks?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
      t.equal(res.statusCode, 200, `${query} → 200`);
      const body = res.json() as { items: Item[]; nextCursor: string | null };
      out.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    return out;
  }

  const everything = await all('', 50);
  t.equal(everything.length, 606, 'every check once across the pages');
  t.equal(new Set(everything.map((e) => e.id)).size, 606, 'no row twice');
  const sorted = [...everything].sort((a, b) => (a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : -1) : a.receivedAt < b.receivedAt ? 1 : -1));
  t.same(everything.map((e) => e.id), sorted.map((e) => e.id), 'newest first by (received_at, id)');
  const ties = await all('', 2);
  t.same(ties.filter((e) => tieIds.includes(e.id)).map((e) => e.id), [...tieIds].reverse(), 'pages of 2 cut through five equal times without skipping or repeating');

  const sample = everything[123]!;
  const day = '2026-11-28';
  const dayStart = new Date(`${day}T00:00:00+08:00`).toISOString();
  const dayEnd = new Date(Date.parse(dayStart) + 86_400_000).toISOString();
  const cases: Array<[string, (e: Item) => boolean]> = [
    [`from=${day}&to=${day}`, (e) => e.receivedAt >= dayStart && e.receivedAt < dayEnd],
    [`checkpoint=${seed.checkpointIds[1]}`, (e) => e.checkpointId === seed.checkpointIds[1]],
    [`device=${seed.deviceIds[2]}`, (e) => e.deviceId === seed.deviceIds[2]],
    [`staff=${sample.staffBadge}`, (e) => e.staffBadge === sample.staffBadge],
    [`enterprise=${sample.receivingEnterprise}`, (e) => e.receivingEnterprise === sample.receivingEnterprise],
    [`plate=${encodeURIComponent(` ${sample.plate!.slice(0, 2)}·${sample.plate!.slice(2).toLowerCase()}`)}`, (e) => e.plate !== null && normalizePlate(e.plate) === normalizePlate(sample.plate!)],
    [`plate=${encodeURIComponent('苏a-00003')}`, (e) => e.id === tieIds[3]],
    [`pass=${everything.find((e) => e.passNo)!.passNo}`, (e) => e.passNo === everything.find((x) => x.passNo)!.passNo],
    ['decision=HOLD', (e) => e.decision === 'HOLD'],
    ['fever=1', (e) => e.reasons.includes('temp.fever_confirmed')],
    ['keyarea=1', (e) => e.reasons.some((r) => r.startsWith('keyarea.') && r !== 'keyarea.none')],
    ['anomalies=1', (e) => e.flags.length > 0],
    [`decision=ESCORT&checkpoint=${seed.checkpointIds[0]}&from=${day}&to=${day}`, (e) => e.decision === 'ESCORT' && e.checkpointId === seed.checkpointIds[0] && e.receivedAt >= dayStart && e.receivedAt < dayEnd],
  ];
  for (const [query, keep] of cases) {
    const got = (await all(query)).map((e) => e.id);
    const want = everything.filter(keep).map((e) => e.id);
    t.ok(want.length > 0, `${query}: the data has matches`);
    t.same(got, want, `${query}: exactly the matching checks, in order`);
  }

  t.equal((await officer.request('GET', '/api/v1/audit/checks?decision=MAYBE')).statusCode, 400, 'a bad filter is a 400 problem');
  t.equal((await officer.request('GET', '/api/v1/audit/checks?cursor=bm9wZQ')).statusCode, 400, 'a forged cursor is a 400 problem');

  // Access: enterprise users and strangers get nothing.
  for (const url of ['/api/v1/audit/checks', '/bureau/checks', `/bureau/checks/${sample.id}`, '/bureau/checks.csv']) {
    t.equal((await entUser.request('GET', url)).statusCode, 403, `enterprise user: ${url} 403`);
  }

  // Pages.
  const page = await officer.request('GET', `/bureau/checks?decision=ESCORT&from=${day}&to=${day}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, /导出 CSV（\d+ 条）/, 'the export link with its row count');
  t.match((await officer.request('GET', '/bureau/checks')).body, /rel="next"/, 'a link to older records');
  t.equal((await officer.request('GET', '/bureau/checks?from=notadate')).statusCode, 400, 'a bad filter on the page: the form with its error');
  const ev = await officer.request('GET', `/bureau/checks/${sample.id}`);
  t.equal(ev.statusCode, 200, 'event page');
  t.match(ev.body, /设备记录链/);
  t.match(ev.body, new RegExp(sample.decision!));
  t.equal((await officer.request('GET', '/bureau/checks/00000000-0000-4000-8000-000000000999')).statusCode, 404);
  t.equal((await officer.request('GET', '/bureau/checks/nope')).statusCode, 404);

  // CSV.
  const csv = await officer.request('GET', `/bureau/checks.csv?from=2026-11-29&to=2026-11-29&decision=ESCORT`);
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.match(csv.headers['content-disposition'], /^attachment; filename="kakou-checks-\d{4}-\d{2}-\d{2}\.csv"$/);
  const raw = csv.rawPayload;
  t.same([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = raw.subarray(3).toString('utf8');
  const lines = text.split('\r\n').filter(Boolean);
  t.match(lines[0], /^记录编号,收到时间/, 'Chinese header');
  const rows = lines.length - 1;
  t.equal(String(rows), csv.headers['x-total-count'], 'the announced count is the row count');
  t.ok(text.includes(`"'=HYPERLINK(""http://x"",""点"")"`), 'formula cell guarded and quoted');
  const audit = await q().selectFrom('audit_log').select('detail').where('action', '=', 'audit.export').orderBy('seq').execute();
  const filter = { from: '2026-11-29', to: '2026-11-29', decision: 'ESCORT' };
  t.same(audit.map((a) => JSON.parse(a.detail)), [
    { format: 'csv', view: 'checks', stage: 'start', filter, expected: rows },
    { format: 'csv', view: 'checks', stage: 'done', filter, expected: rows, rows },
  ], 'audited when it starts (filter, expected rows) and when it ends (rows written)');
});
