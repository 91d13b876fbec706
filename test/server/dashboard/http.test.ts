import t from 'tap';
import { escortWorld, escortCheck, handover, upload, deviceTime } from '../escorts/fixtures.js';
import { simulateDevice } from '../../helpers/device.js';

/** The number in a table cell marked data-decision="X" (the decisions panel). */
const decisionCell = (body: string, d: string) => body.match(new RegExp(`data-decision="${d}"><a href="([^"]+)">(\\d+)</a>`));

t.test('the dashboard counts real uploads: decisions, fever, handover times, escorts, isolation, devices', async (t) => {
  const w = await escortWorld(t);
  const { ctx } = w;
  const now = Date.now();
  // Two ESCORT checks (one handed over 30 minutes after its decision, one waiting for three hours), one fever HOLD, one RELEASE.
  // The driver was in a key area two days ago (the fixture's stay is years old: no isolation would be owed now).
  const recent = (c: ReturnType<typeof escortCheck>) => {
    const people = c.payload.observations.people.map((p, i) => (i === 0 ? { ...p, stays: [{ region: '420106', lastDay: new Date(now + 8 * 3_600_000 - 2 * 86_400_000).toISOString().slice(0, 10) }] } : p));
    return { ...c, payload: { ...c.payload, observations: { ...c.payload.observations, people } } };
  };
  const handed = await w.dev.next({ ...recent(escortCheck(w)), deviceTime: deviceTime(now - 90 * 60_000) });
  const waiting = await w.dev.next({ ...escortCheck(w, { plate: '苏E54321' }), deviceTime: deviceTime(now - 180 * 60_000) });
  const base = escortCheck(w).payload;
  const fever = await w.dev.next({ type: 'check', deviceTime: deviceTime(now - 20 * 60_000), payload: { ...base, decision: 'HOLD', reasons: ['pass.valid', 'temp.fever_confirmed', 'keyarea.none'] } });
  const release = await w.dev.next({ type: 'check', deviceTime: deviceTime(now - 10 * 60_000), payload: { ...base, decision: 'RELEASE', reasons: ['pass.valid', 'keyarea.none'] } });
  await upload(w.scanner, [handed, waiting, fever, release]);
  const hand = await w.dev.next({ ...handover(handed.id, '王强', '5678', w.creditA), deviceTime: deviceTime(now - 60 * 60_000) });
  await upload(w.scanner, [hand]);
  // The handed-over request arrives: its key-area person now owes an isolation arrangement.
  const list = (await w.a.request('GET', '/api/v1/escort-requests?status=all')).json() as { items: Array<{ id: number; checkEventId: string }> };
  const handedReq = list.items.find((i) => i.checkEventId === handed.id)!.id;
  t.equal((await w.a.request('POST', `/api/v1/escort-requests/${handedReq}/arrival`, {})).statusCode, 200);

  // A second device with an old trust bundle and a long outbox, and one never reported.
  const stale = await simulateDevice(ctx, w.checkpointId, { label: '花桥 2 号机' });
  await ctx.repos.store.q().updateTable('devices').set({ bundle_age_sec: 300_000, queue_length: 45, reported_at: new Date(now).toISOString() }).where('id', '=', stale.id).execute();

  const res = await w.officer.request('GET', '/bureau/dashboard');
  t.equal(res.statusCode, 200, res.statusCode === 200 ? '' : res.body.slice(0, 500));
  const body = res.body;
  const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  t.match(body, '<h1', 'a page');
  t.match(body, '运行概览');

  // (2) decisions, each linked to the filtered check search.
  const escort = decisionCell(body, 'ESCORT');
  t.equal(escort?.[2], '2', 'two ESCORT decisions');
  t.equal(escort?.[1], `/bureau/checks?from=${today}&amp;to=${today}&amp;decision=ESCORT`, 'linked to the search of that day');
  t.equal(decisionCell(body, 'HOLD')?.[2], '1');
  t.equal(decisionCell(body, 'RELEASE')?.[2], '1');
  t.equal(decisionCell(body, 'REFUSE')?.[2], '0');
  t.notMatch(body, 'data-decision="CUSTODY"', 'no charter column without charter checks');

  // (1) total and per hour: the hour each was received in, China time.
  const received = await ctx.repos.store.q().selectFrom('events').select('received_at').where('type', '=', 'check').execute();
  t.equal(received.length, 4);
  t.match(body, new RegExp(`<a href="/bureau/checks\\?from=${today}&amp;to=${today}"><span class="figure-n">4</span></a><span class="figure-label">查验次数</span>`), 'four checks, linked');
  const hour = new Date(Date.parse(received[0]!.received_at) + 8 * 3_600_000).getUTCHours();
  t.match(body, new RegExp(`<th scope="row">${String(hour).padStart(2, '0')} 时</th>`), 'the data table has the hours');
  t.match(body, 'role="img" aria-labelledby="chart-checks-t chart-checks-d"', 'the chart is labelled');
  t.match(body, '花桥收费站入城', 'the checkpoint has its small multiple');

  // (3) fever.
  t.match(body, `<a href="/bureau/checks?from=${today}&amp;to=${today}&amp;fever=1"><span class="figure-n">1</span>`, 'one fever, linked to the fever search');
  t.match(body, `fever=1&amp;decision=HOLD"><span class="figure-n">1</span>`, 'held');

  // (5) ESCORT → handover: 30 minutes, one pending.
  t.match(body, '2 次接车判定，已交接 1 次，未交接 1 次');
  t.match(body, /<span class="figure-n">30 分钟<\/span><\/div>|<span class="figure-n">30 分钟<\/span><span class="figure-label">中位数/, 'median 30 minutes');
  t.match(body, /<th scope="row">30–60<\/th><td class="num">1<\/td>/, 'in the 30–60 bucket');

  // (4) escorts: two not closed (one open and waiting three hours, past the two-hour limit; one arrived).
  t.match(body, /<a href="\/bureau\/escorts\?status=active"><span class="figure-n">2<\/span>/, 'two requests not closed');
  t.match(body, /<a href="\/bureau\/escorts\?status=active&amp;overdue=yes"><span class="figure-n">2<\/span>/, 'both overdue (waiting; isolation not recorded)');
  t.match(body, /卡口等待超时: <a [^>]+>1<\/a>/);
  t.match(body, /已到达: <a href="\/bureau\/escorts\?status=arrived">1<\/a>/);

  // (6) isolation: the arrived request's key-area person.
  t.match(body, /<th scope="row">企业接车<\/th><td class="num"><a href="\/bureau\/escorts\?status=active&amp;overdue=yes">1<\/a>/, 'one arrangement owed');

  // (7) devices: the stale one is listed with its issues and links to its checks; the healthy scanner is not.
  t.match(body, `<a href="/bureau/checks?device=${encodeURIComponent(stale.id)}">花桥 2 号机</a>`);
  t.match(body, 'data-issue="stale"');
  t.match(body, 'data-issue="queue"');
  t.notMatch(body, `device=${encodeURIComponent(w.scanner.id)}"`, 'the scanner in use is fine');

  // English.
  await ctx.repos.users.setLocale(w.officerId, 'en');
  const en = await w.officer.request('GET', '/bureau/dashboard');
  await ctx.repos.users.setLocale(w.officerId, 'zh');
  t.equal(en.statusCode, 200);
  t.match(en.body, '2 ESCORT decisions, 1 handed over, 1 not yet');
  t.match(en.body, 'Stale bundle');
  t.match(en.body, '>Dashboard<');

  // Filters: another checkpoint has nothing; the week includes today; a bad day is a readable 400.
  const other = await ctx.repos.checkpoints.insert({ name: '千灯收费站', location: '昆山 S224', regionCode: '320583', direction: 'inbound' });
  const none = await w.officer.request('GET', `/bureau/dashboard?checkpoint=${other.id}`);
  t.equal(none.statusCode, 200);
  t.equal(decisionCell(none.body, 'ESCORT')?.[2], '0', 'another checkpoint: none');
  t.match(decisionCell(none.body, 'ESCORT')?.[1] ?? '', `checkpoint=${other.id}`, 'links keep the checkpoint');
  const week = await w.officer.request('GET', `/bureau/dashboard?period=week&day=${today}`);
  t.equal(week.statusCode, 200);
  t.equal(decisionCell(week.body, 'ESCORT')?.[2], '2', 'the week ending today has them');
  const yesterday = new Date(now + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  t.equal(decisionCell((await w.officer.request('GET', `/bureau/dashboard?day=${yesterday}`)).body, 'ESCORT')?.[2], '0', 'yesterday alone has none');
  for (const q of ['day=2026-13-40', 'period=month', 'checkpoint=abc']) {
    const bad = await w.officer.request('GET', `/bureau/dashboard?${q}`);
    t.equal(bad.statusCode, 400, `${q}: 400`);
    t.match(bad.body, '格式不正确', `${q}: says what is wrong`);
  }

  // Access: an enterprise user is refused, a stranger is sent to log in.
  t.equal((await w.a.request('GET', '/bureau/dashboard')).statusCode, 403);
  const anon = await ctx.app.inject({ method: 'GET', url: '/bureau/dashboard' });
  t.equal(anon.statusCode, 303);
});
