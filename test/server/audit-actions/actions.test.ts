import t from 'tap';
import { auditedWorld } from '../audit/fixtures.js';
import { escortCheck, upload } from '../escorts/fixtures.js';
import { chinaDate } from '../../helpers/fleet.js';
import { countRows } from '../../helpers/rows.js';

interface Item { seq: number; at: string; actorType: string; actorId: number | null; actorName: string; action: string; label: { zh: string; en: string } | null; subjectType: string; subjectId: string | null; enterpriseId: number | null; detail: Record<string, unknown>; erased: boolean; hash: string | null; prevHash: string | null }

t.test('action log: filters, keyset pages, links, erased members, access, CSV; an event’s place in the log', async (t) => {
  const w = await auditedWorld(t);
  const { ctx, officer } = w;
  const q = () => ctx.repos.store.q();
  // An enterprise as subject (the world registers its enterprises directly).
  await ctx.repos.audit.record({ actor: w.actorOfficer, action: 'enterprise.status.suspended', subjectId: w.entB, enterpriseId: w.entB, detail: { from: 'approved', to: 'suspended' } });

  async function all(query: string, limit = 4): Promise<Item[]> {
    const out: Item[] = [];
    let cursor: number | null = null;
    do {
      const res = await officer.request('GET', `/api/v1/audit/actions?limit=${limit}${query ? `&${query}` : ''}${cursor !== null ? `&cursor=${cursor}` : ''}`);
      t.equal(res.statusCode, 200, `${query} → 200`);
      const body = res.json() as { items: Item[]; nextCursor: number | null };
      out.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor !== null);
    return out;
  }

  const everything = await all('devices=1', 200);
  const total = await countRows(ctx.repos.store, 'audit_log');
  t.equal(everything.length, total, 'with device events: the whole log');
  t.same(everything.map((e) => e.seq), [...everything.map((e) => e.seq)].sort((a, b) => b - a), 'newest first by seq');
  t.same((await all('devices=1', 3)).map((e) => e.seq), everything.map((e) => e.seq), 'pages of 3 neither skip nor repeat');

  const admin = await all('');
  t.ok(admin.length > 0 && admin.every((e) => e.action !== 'device.event'), 'by default device events are left out');
  t.same(admin.map((e) => e.seq), everything.filter((e) => e.action !== 'device.event').map((e) => e.seq), '…and nothing else is');

  const passNo = w.passNo;
  const today = chinaDate(0);
  const cases: Array<[string, (e: Item) => boolean]> = [
    [`actor=${w.officerId}`, (e) => e.action !== 'device.event' && e.actorType === 'user' && e.actorId === w.officerId],
    [`actorName=${w.scanner.id}&devices=1`, (e) => e.actorName === w.scanner.id],
    ['action=device.event', (e) => e.action === 'device.event'],
    ['action=pass.revoke', (e) => e.action === 'pass.revoke'],
    [`subjectType=pass&subject=${passNo}`, (e) => e.subjectType === 'pass' && e.subjectId === passNo],
    [`subject=${passNo}`, (e) => e.action !== 'device.event' && e.subjectId === passNo],
    [`subjectType=enterprise&subject=${w.creditB}`, (e) => e.subjectType === 'enterprise' && e.subjectId === String(w.entB)],
    [`enterprise=${w.creditA}`, (e) => e.action !== 'device.event' && e.enterpriseId === w.entA],
    [`subjectType=event`, (e) => e.subjectType === 'event'],
    [`from=${today}&to=${today}&devices=1`, () => true],
    [`action=pass.issue&from=${today}`, (e) => e.action === 'pass.issue'],
    [`seq=${everything[5]!.seq}`, (e) => e.seq === everything[5]!.seq],
  ];
  for (const [query, keep] of cases) {
    const want = everything.filter(keep).map((e) => e.seq);
    t.ok(want.length > 0, `${query}: the log has matches`);
    t.same((await all(query)).map((e) => e.seq), want, `${query}: exactly the matching entries, newest first`);
  }
  for (const query of [`to=${chinaDate(-1)}&devices=1`, `from=${chinaDate(1)}&devices=1`, 'enterprise=91320583MA1XKCJ23G', `subjectType=enterprise&subject=91320583MA1XKCJ23G`]) {
    t.same(await all(query), [], `${query}: nothing`);
  }
  const revoke = everything.find((e) => e.action === 'pass.revoke')!;
  t.same(revoke.label, { zh: '吊销通行证', en: 'Pass revoked' }, 'the catalogue label in both languages');

  for (const bad of ['action=nope', 'cursor=abc', 'from=yesterday', 'subjectType=planet', 'enterprise=123']) {
    const res = await officer.request('GET', `/api/v1/audit/actions?${bad}`);
    t.equal(res.statusCode, 400, `${bad}: 400`);
    t.match(res.headers['content-type'], /application\/problem\+json/);
  }
  t.equal((await officer.request('GET', '/bureau/audit/actions?from=yesterday')).statusCode, 400, 'the page shows a bad filter with the form');

  // Access: only the bureau.
  for (const url of ['/api/v1/audit/actions', '/bureau/audit/actions', '/bureau/audit/actions.csv']) {
    t.equal((await w.a.request('GET', url)).statusCode, 403, `enterprise user: ${url} 403`);
  }

  // The page: translated actions, subjects linked to their pages, entries with seq and short hash.
  const { id: passId } = await q().selectFrom('passes').select('id').where('pass_no', '=', passNo).executeTakeFirstOrThrow();
  const page = await officer.request('GET', `/bureau/audit/actions?subject=${passNo}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, '吊销通行证');
  t.match(page.body, `href="/bureau/passes/${passId}"`, 'a pass links to its page');
  t.match(page.body, `href="/bureau/audit/actions?seq=${revoke.seq}"`, 'each entry links to itself');
  t.match(page.body, revoke.hash!.slice(0, 8), 'with its short hash');
  t.match(page.body, /<optgroup label="通行证">/, 'the action select is grouped by area');
  t.match(page.body, /导出 CSV（\d+ 条）/);
  t.match(page.body, 'data-export-link', 'the export link is enhanced by the progress script');
  t.match(page.body, '<script src="/static/export-progress.js"');
  const eventsPage = await officer.request('GET', '/bureau/audit/actions?action=device.event');
  const anEvent = everything.find((e) => e.action === 'device.event')!;
  t.match(eventsPage.body, `href="/bureau/checks/${anEvent.subjectId}"`, 'a device event links to the event page');
  t.match((await officer.request('GET', '/bureau/audit/actions?limit=1')).body, /rel="next"/, 'a link to older actions');
  const js = await ctx.app.inject({ method: 'GET', url: '/static/export-progress.js' });
  t.equal(js.statusCode, 200, 'the progress script is served');

  // Personal members: shown while kept, marked erased once retention removed them.
  const handover = everything.find((e) => e.action === 'escort.handover')!;
  t.equal(handover.detail.escortName, '王强', 'kept: the name is shown');
  t.equal(handover.erased, false);
  await ctx.app.services.auditIntegrity.purgePersonal(new Date(Date.now() + 60_000));
  const [after] = await all(`seq=${handover.seq}`);
  t.equal(after!.erased, true, 'erased after retention');
  t.notOk('escortName' in after!.detail, 'the name is gone');
  t.match((await officer.request('GET', `/bureau/audit/actions?seq=${handover.seq}`)).body, '个人信息已按保留期限删除');

  // B: the event's place in the log.
  const eventId = anEvent.subjectId!;
  const ev = await officer.request('GET', `/bureau/checks/${eventId}`);
  t.equal(ev.statusCode, 200);
  t.match(ev.body, '审计日志中的位置');
  t.match(ev.body, `href="/bureau/audit/actions?seq=${anEvent.seq}"`, 'links its receipt entry in the action log');
  t.match(ev.body, anEvent.hash!, 'its hash');
  t.match(ev.body, anEvent.prevHash!, 'its previous hash');
  t.ok(anEvent.seq <= w.checkpointSize);
  t.match(ev.body, `已覆盖（检查点含前 ${w.checkpointSize} 条）`, 'covered by the signed checkpoint');
  const later = await w.dev.next({ type: 'check', payload: { ...escortCheck(w).payload, decision: 'RELEASE', reasons: ['pass.valid'] } });
  t.equal((await upload(w.scanner, [later]))[0]!.status, 'accepted');
  t.match((await officer.request('GET', `/bureau/checks/${later.id}`)).body, '尚未被签名检查点覆盖', 'an event after the last checkpoint is not covered yet');

  // CSV of the filtered list: BOM, header, the announced count; audited at the start and at the end.
  const csv = await officer.request('GET', `/bureau/audit/actions.csv?subject=${passNo}`);
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-disposition'], /^attachment; filename="kakou-actions-\d{4}-\d{2}-\d{2}\.csv"$/);
  t.same([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = csv.rawPayload.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  t.match(lines[0], /^序号,时间,/, 'Chinese header');
  t.equal(String(lines.length - 1), csv.headers['x-total-count'], 'the announced count is the row count');
  t.ok(lines.some((l) => l.includes('吊销通行证')), 'translated action in the file');
  const exports = await q().selectFrom('audit_log').select('detail').where('action', '=', 'audit.export').orderBy('seq').execute();
  const filter = { subject: passNo };
  const n = lines.length - 1;
  t.same(exports.map((e) => JSON.parse(e.detail)), [
    { format: 'csv', view: 'actions', stage: 'start', filter, expected: n },
    { format: 'csv', view: 'actions', stage: 'done', filter, expected: n, rows: n },
  ], 'the export is audited when it starts (with the expected count) and when it ends');
  // An export of the exports: the file is the log as it was at the start, without the export's own entries.
  const again = await officer.request('GET', '/bureau/audit/actions.csv?action=audit.export');
  const againRows = again.rawPayload.subarray(3).toString('utf8').split('\r\n').filter(Boolean).slice(1);
  t.equal(again.headers['x-total-count'], '2', 'announced: the two entries of the earlier export');
  t.equal(againRows.length, 2, 'delivered: the same two, not its own start entry');
});
