import t from 'tap';
import { b64, charterWorld, manifestCsv, needBody, passengerId, runBody } from './fixtures.js';
import { xlsx } from './xlsx-fixture.js';
import { chinaDate } from '../../helpers/fleet.js';

t.test('portal forms: post a need, plan a run, paste a manifest (refused row shown, nothing saved), confirm, approve', async (t) => {
  const { ctx, c, checkpoints } = await charterWorld(t);
  const posted = await c.a.form('/enterprise/charter/needs', { _csrf: c.a.csrf, ...Object.fromEntries(Object.entries(needBody({ workers: '30' })).map(([k, v]) => [k, String(v)])) });
  t.equal(posted.statusCode, 303, posted.body.slice(0, 500));
  const needId = (await ctx.repos.charter.listNeeds({}))[0]!.id;

  const refusedPlan = await c.carrier.form('/carrier/runs', { _csrf: c.carrier.csrf, ...stringify(runBody([])), departureAt: `${chinaDate(2)}T08:00`, arrivalBy: `${chinaDate(2)}T20:00`, needs: `${needId}:31` });
  t.equal(refusedPlan.statusCode, 400, 'more seats than workers');
  const plan = await c.carrier.form('/carrier/runs', { _csrf: c.carrier.csrf, ...stringify(runBody([])), departureAt: `${chinaDate(2)}T08:00`, arrivalBy: `${chinaDate(2)}T20:00`, needs: `${needId}:30` });
  t.equal(plan.statusCode, 303, plan.body.slice(0, 500));
  const runId = Number(/\/carrier\/runs\/(\d+)/.exec(String(plan.headers.location))![1]);

  const bad = await c.a.form(`/enterprise/charter/runs/${runId}/needs/${needId}/manifest`, { _csrf: c.a.csrf, csv: manifestCsv(30, { bad: 5 }) });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, '第 6 行 · 身份证号', 'the refused row and column are on the page');
  t.equal((await ctx.repos.charter.passengers(runId)).length, 0, 'nothing saved');
  const good = await c.a.form(`/enterprise/charter/runs/${runId}/needs/${needId}/manifest`, { _csrf: c.a.csrf, csv: manifestCsv(30) });
  t.equal(good.statusCode, 303);
  const runPage = await c.a.request('GET', `/enterprise/charter/runs/${runId}`);
  t.match(runPage.body, '员工30');
  t.notMatch(runPage.body, passengerId(30), 'masked on the enterprise page too');
  t.equal((await c.a.form(`/enterprise/charter/runs/${runId}/confirm`, { _csrf: c.a.csrf })).statusCode, 303);
  t.equal((await c.officer.form(`/bureau/charter/runs/${runId}/reject`, { _csrf: c.officer.csrf })).statusCode, 400, 'a rejection needs a reason');
  const approvePage = await c.officer.request('GET', `/bureau/charter/runs/${runId}`);
  t.match(approvePage.body, `name="checkpointIds" value="${checkpoints.entry}"`, 'the approval form offers the checkpoints');
  t.equal((await c.officer.form(`/bureau/charter/runs/${runId}/approve`, { _csrf: c.officer.csrf })).statusCode, 400, 'no checkpoint chosen');
  t.equal((await ctx.repos.charter.getRun(runId))!.status, 'confirmed');
  t.equal((await c.officer.form(`/bureau/charter/runs/${runId}/approve`, { _csrf: c.officer.csrf, checkpointIds: String(checkpoints.entry) })).statusCode, 303);
  t.equal((await ctx.repos.charter.getRun(runId))!.status, 'approved');
  const bureauPage = await c.officer.request('GET', `/bureau/charter/runs/${runId}`);
  t.notMatch(bureauPage.body, passengerId(1));
});

t.test('XLSX upload through the API', async (t) => {
  const { ctx, c } = await charterWorld(t);
  const need = (await c.a.request('POST', '/api/v1/charter/needs', needBody({ workers: 3 }))).json() as { id: number };
  const run = (await c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: need.id, seats: 3 }]))).json() as { id: number };
  const header = ['姓名', '身份证号', '手机', '始发地区划', '途经重点地区'];
  const rows = [1, 2, 3].map((n) => [`员工${n}`, passengerId(n), `1390000000${n}`, '510100', n === 2 ? `420100:${chinaDate(-1)}` : '']);
  const badFile = xlsx([header, ...rows.map((r, i) => (i === 1 ? [r[0]!, r[1]!, '12', r[3]!, r[4]!] : r))]);
  const refused = await c.a.request('POST', `/api/v1/charter/runs/${run.id}/needs/${need.id}/manifest`, { format: 'xlsx', content: b64(badFile) });
  t.equal(refused.statusCode, 422);
  t.same((refused.json() as { errors: { path: string }[] }).errors.map((e) => e.path), ['body.rows.3.phone']);
  const ok = await c.a.request('POST', `/api/v1/charter/runs/${run.id}/needs/${need.id}/manifest`, { format: 'xlsx', content: b64(xlsx([header, ...rows])) });
  t.equal(ok.statusCode, 200, ok.body.slice(0, 300));
  t.same((await ctx.repos.charter.passengers(run.id)).map((p) => p.stays.length), [0, 1, 0]);
  t.equal((await c.a.request('POST', `/api/v1/charter/runs/${run.id}/needs/${need.id}/manifest`, { format: 'xlsx', content: b64('not a zip') })).statusCode, 422);
});

t.test('the manifest form takes a CSV or XLSX file (multipart), keeps the pasted text on refusal, and asks for one', async (t) => {
  const { ctx, c } = await charterWorld(t);
  const need = (await c.a.request('POST', '/api/v1/charter/needs', needBody({ workers: 3 }))).json() as { id: number };
  const run = (await c.carrier.request('POST', '/api/v1/charter/runs', runBody([{ needId: need.id, seats: 3 }]))).json() as { id: number };
  const url = `/enterprise/charter/runs/${run.id}/needs/${need.id}/manifest`;
  const page = await c.a.request('GET', `/enterprise/charter/runs/${run.id}`);
  t.match(page.body, 'enctype="multipart/form-data"', 'the form can carry a file');
  t.match(page.body, /<input[^>]*type="file"[^>]*name="file"/);

  const none = await c.a.multipart(url, { _csrf: c.a.csrf, csv: '' });
  t.equal(none.statusCode, 422, 'neither a file nor text');
  t.match(none.body, '请选择名单文件');

  const header = ['姓名', '身份证号', '手机', '始发地区划', '途经重点地区'];
  const rows = [1, 2, 3].map((n) => [`员工${n}`, passengerId(n), `1390000000${n}`, '510100', '']);
  const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const badXlsx = xlsx([header, ...rows.map((r, i) => (i === 2 ? [r[0]!, r[1]!.slice(0, 17) + 'Z', r[2]!, r[3]!, r[4]!] : r))]);
  const refused = await c.a.multipart(url, { _csrf: c.a.csrf, csv: '' }, { file: { filename: '名单.xlsx', type: xlsxType, data: badXlsx } });
  t.equal(refused.statusCode, 422);
  t.match(refused.body, '第 4 行 · 身份证号', 'the bad row of the spreadsheet is named on the page');
  t.equal((await ctx.repos.charter.passengers(run.id)).length, 0, 'nothing saved');

  const ok = await c.a.multipart(url, { _csrf: c.a.csrf, csv: '' }, { file: { filename: '名单.xlsx', type: xlsxType, data: xlsx([header, ...rows]) } });
  t.equal(ok.statusCode, 303, ok.body.slice(0, 300));
  t.same((await ctx.repos.charter.passengers(run.id)).map((p) => p.name), ['员工1', '员工2', '员工3']);

  const csvFile = Buffer.from('\uFEFF' + manifestCsv(2));
  const asCsv = await c.a.multipart(url, { _csrf: c.a.csrf }, { file: { filename: 'list.csv', type: 'text/csv', data: csvFile } });
  t.equal(asCsv.statusCode, 303, 'a CSV file (with a byte-order mark, as Excel saves it) replaces the list');
  t.equal((await ctx.repos.charter.passengers(run.id)).length, 2);

  const pasted = manifestCsv(3, { bad: 2 });
  const keep = await c.a.multipart(url, { _csrf: c.a.csrf, csv: pasted });
  t.equal(keep.statusCode, 422);
  t.match(keep.body, '员工3', 'the pasted text is kept on the page for correction');

  t.equal((await c.a.multipart(url, { csv: manifestCsv(2) })).statusCode, 403, 'no CSRF token, no upload');
  t.equal((await c.b.multipart(url, { _csrf: c.b.csrf, csv: manifestCsv(2) })).statusCode, 404, "another enterprise's run is not there");
});

function stringify(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, v as string]));
}
