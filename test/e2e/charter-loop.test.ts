/**
 * Item 7 end to end, against the real server and the real scanner in Chromium:
 * the enterprise posts its need; the carrier plans a coach for it; the
 * enterprise uploads a 30-row manifest, first with one bad row (refused as a
 * whole: nothing stored) and then fixed; it confirms; the bureau approves for
 * 花桥 and prints the pass. At the checkpoint the scanner syncs the expected
 * runs, goes offline, lists the coach first, reads the printed QR (decoded
 * from the print page's own image), checks all 30 passengers — one back from
 * Wuhan, one with a fever the re-test confirms — and decides; back online it
 * syncs, and the enterprise finds the custody task for its isolation.
 */
import t, { type Test } from 'tap';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { signIn, zbarDecode } from '../helpers/browser.js';
import { scannerE2E, enrollTyped, signInStaff, wedge, waitForOfflineReady, scannerEvents, reloadOffline } from '../helpers/scanner-e2e.js';
import { serverRows } from '../helpers/server-db.js';
import { chinaDate } from '../helpers/fleet.js';
import { computeCitizenIdCheckChar } from '../../src/core/validate/id-number.js';

const NAMES = [
  '钱文', '孙立', '周敏', '吴昊', '郑爽', '王磊', '冯军', '陈晨', '褚燕', '卫东',
  '蒋平', '沈洁', '韩梅', '杨柳', '朱丹', '秦川', '尤佳', '许诺', '何欢', '吕良',
  '施展', '张弛', '孔明', '曹阳', '严冬', '华夏', '金鑫', '魏来', '陶然', '姜涛',
];
const WUHAN = '沈洁';
const FEVER = '许诺';

function citizenId(i: number): string {
  const first17 = `5101041992${String(1 + (i % 12)).padStart(2, '0')}${String(10 + (i % 18))}${String(200 + i)}`;
  return first17 + computeCitizenIdCheckChar(first17);
}

function manifestCsv(badRow: number | null): string {
  const lines = ['姓名,身份证号,手机,始发地区划,途经重点地区'];
  NAMES.forEach((name, i) => {
    let id = citizenId(i);
    if (i + 2 === badRow) id = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1'); // a typo in the check character
    const stays = name === WUHAN ? `420100:${chinaDate(-4)}` : '';
    lines.push(`${name},${id},1396270${String(1000 + i)},510100,${stays}`);
  });
  return lines.join('\n') + '\n';
}

interface Api {
  call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; json: () => Promise<any> }>;
}

/** A script's session, as docs/api.md says: GET the CSRF token, sign in, send the token on every change. */
async function apiAs(t: Test, baseURL: string, username: string, password: string): Promise<Api> {
  const ctx: APIRequestContext = await request.newContext({ baseURL });
  t.teardown(() => ctx.dispose());
  let csrf = ((await (await ctx.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
  const signedIn = await ctx.post('/api/v1/session', { data: { username, password }, headers: { 'x-csrf-token': csrf } });
  if (!signedIn.ok()) throw new Error(`sign-in ${username}: ${signedIn.status()} ${await signedIn.text()}`);
  csrf = ((await signedIn.json()) as { csrfToken: string }).csrfToken;
  return {
    async call(method, path, body) {
      const r = await ctx.fetch(path, { method, headers: { 'x-csrf-token': csrf }, ...(body === undefined ? {} : { data: body }) });
      return { status: r.status(), json: () => r.json() };
    },
  };
}

async function reading(page: Page, k: string, digits: string) {
  await page.getByTestId(`measure-${k}`).click();
  for (const d of digits) await page.getByTestId(`keypad-key-${d}`).click();
  await page.getByTestId('keypad-ok').click();
  await page.getByTestId('keypad-close').click();
}

t.test('item 7: need → run → manifest → approval → printed pass → priority inspection offline → custody', async (t) => {
  const env = await scannerE2E(t);
  const { world, server } = env;
  const accounts = world.accounts;
  const ent = await apiAs(t, server.baseUrl, 'jincheng', accounts.jincheng!);
  const carrier = await apiAs(t, server.baseUrl, 'jiaofa', accounts.jiaofa!);
  const officer = await apiAs(t, server.baseUrl, 'officer', accounts.officer!);
  const huaqiao = (await serverRows<{ id: number }>(server.dataDir, "SELECT id FROM checkpoints WHERE name = '昆山花桥卡口'"))[0]!.id;

  let runId = 0;
  let plate = '';
  await t.test('the enterprise posts a need; the carrier plans a coach for it', async (t) => {
    const need = await ent.call('POST', '/api/v1/charter/needs', {
      originRegion: '510100', workers: 30, earliestDate: chinaDate(0), latestDate: chinaDate(3), contactName: '李调度', contactPhone: '0512-57001234',
    });
    t.equal(need.status, 201, 'need posted');
    const needId = ((await need.json()) as { id: number }).id;
    const open = (await (await carrier.call('GET', '/api/v1/charter/needs')).json()) as { items?: Array<{ id: number }> } | Array<{ id: number }>;
    const listed = Array.isArray(open) ? open : open.items ?? [];
    t.ok(listed.some((n) => n.id === needId), 'the carrier sees the open need');

    const departure = Date.now() + 60_000;
    const run = await carrier.call('POST', '/api/v1/charter/runs', {
      plate: '苏E3C520', driverName: '钱师傅', driverIdNumber: `32058319750601013${computeCitizenIdCheckChar('32058319750601013')}`, driverPhone: '13962612345',
      departureAt: new Date(departure).toISOString(), arrivalBy: new Date(departure + 20 * 3_600_000).toISOString(),
      route: '成都 → G42 → G2 → 花桥卡口 → 昆山开发区', needs: [{ needId, seats: 30 }],
    });
    t.equal(run.status, 201, 'run planned');
    const body = (await run.json()) as { id: number; plate: string };
    runId = body.id;
    plate = body.plate;

    // Another carrier's view is not ours to test here (the access matrix does); the enterprise sees the run offered.
    const mine = (await (await ent.call('GET', `/api/v1/charter/runs/${runId}`)).json()) as { needs: Array<{ needId: number }> };
    t.same(mine.needs.map((n) => n.needId), [needId]);

    // The manifest: one bad ID on row 13 refuses the whole file; nothing is stored.
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const bad = await ent.call('POST', `/api/v1/charter/runs/${runId}/needs/${needId}/manifest`, { format: 'csv', content: b64(manifestCsv(13)) });
    t.equal(bad.status, 422, 'refused');
    const problem = (await bad.json()) as { code: string; errors: Array<{ path: string }> };
    t.equal(problem.code, 'manifest_invalid');
    t.same(problem.errors.map((e) => e.path), ['body.rows.13.idNumber'], 'the row and the column named, as the user sees the file');
    t.equal((await serverRows<{ n: number }>(server.dataDir, `SELECT count(*) AS n FROM charter_passengers WHERE run_id = ${runId}`))[0]!.n, 0, 'nothing saved');
    const good = await ent.call('POST', `/api/v1/charter/runs/${runId}/needs/${needId}/manifest`, { format: 'csv', content: b64(manifestCsv(null)) });
    t.equal(good.status, 200, 'the fixed file is taken');
    t.equal((await serverRows<{ n: number }>(server.dataDir, `SELECT count(*) AS n FROM charter_passengers WHERE run_id = ${runId}`))[0]!.n, 30);
    t.equal((await ent.call('POST', `/api/v1/charter/runs/${runId}/confirm`)).status, 200, 'confirmed');
  });

  let qrText = '';
  await t.test('the bureau approves for 花桥; the pass prints and its QR reads back', async (t) => {
    const approved = await officer.call('POST', `/api/v1/charter/runs/${runId}/approve`, { checkpointIds: [huaqiao], reason: '核验无误' });
    t.equal(approved.status, 200, 'approved');
    // The demo's own coach (already checked by its charter lane) is withdrawn, so the scanner's list holds this one.
    const demoRun = (await serverRows<{ id: number }>(server.dataDir, `SELECT run_id AS id FROM charter_passes WHERE run_id <> ${runId}`))[0];
    if (demoRun) t.equal((await officer.call('POST', `/api/v1/charter/runs/${demoRun.id}/pass/revoke`, { reason: '演示班次已查验' })).status, 200);

    const { page } = await env.newScanner({ viewport: { width: 1100, height: 1400 } });
    await signIn(page, 'officer', accounts.officer!);
    await page.goto(`/bureau/charter/runs/${runId}/pass`);
    t.match(await page.locator('body').textContent(), plate, 'the plate is printed');
    t.match(await page.locator('body').textContent(), WUHAN, 'the passenger list for the coach');
    t.notMatch(await page.locator('body').textContent(), citizenId(NAMES.indexOf(WUHAN)), 'no full ID number on paper');
    const png = await page.locator('figure.qr img').screenshot();
    qrText = await zbarDecode(png);
    t.match(qrText, /^KC1\/[0-9]+$/, 'the printed QR is a charter pass');
  });

  const { context, page } = await env.newScanner({ viewport: { width: 390, height: 844 } });
  await t.test('the scanner lists the coach first, offline', async (t) => {
    const staff = world.staff[0]!;
    await enrollTyped(page, world.enrollmentCode);
    await signInStaff(page, staff.badge, staff.pin);
    await page.getByTestId('charter-run').first().waitFor({ timeout: 30_000 });
    await waitForOfflineReady(page);
    await context.setOffline(true);
    await reloadOffline(page);
    await page.getByTestId('scan-screen').waitFor();
    await page.getByTestId('net-state').filter({ hasText: '离线' }).waitFor();
    t.equal(await page.getByTestId('charter-run-plate').first().textContent(), plate, 'first in line');
    t.match(await page.getByTestId('charter-run').first().textContent(), /30 人/);
  });

  await t.test('30 passengers checked against their ID cards; a fever held, Wuhan into custody', async (t) => {
    await wedge(page, qrText);
    await page.getByTestId('charter-flow').waitFor();
    t.equal(await page.getByTestId('charter-pass').getAttribute('data-ok'), 'yes', 'verified offline');
    const names = await page.locator('[data-testid^="name-p"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid')!.slice(5), e.textContent ?? '']));
    t.equal(names.length, 30);
    await page.getByTestId('id4-ok-d').click();
    await reading(page, 'd', '364');
    for (const [k, name] of names) {
      await page.getByTestId(`id4-ok-${k}`).click();
      await reading(page, k!, name === FEVER ? '379' : '365');
    }
    const fever = names.find(([, n]) => n === FEVER)![0]!;
    await reading(page, fever, '382');
    t.equal(await page.getByTestId(`outcome-${fever}`).getAttribute('data-outcome'), 'HOLD', 'the re-test confirms the fever');
    const wuhan = names.find(([, n]) => n === WUHAN)![0]!;
    t.equal(await page.getByTestId(`outcome-${wuhan}`).getAttribute('data-outcome'), 'CUSTODY', 'a Wuhan stay on the manifest: into custody');
    t.equal(await page.getByTestId('charter-live').getAttribute('data-decision'), 'HOLD', 'the coach waits for health staff');
    await page.getByTestId('decide').click();
    await page.getByTestId('charter-result').waitFor();
    t.equal(await page.getByTestId('charter-result').getAttribute('data-decision'), 'HOLD');
    t.match(await page.getByTestId('result-custody').textContent(), new RegExp(`${world.enterprise.name}.*${WUHAN}`));
    const events = await scannerEvents(page);
    const check = events.filter((e) => e.type === 'charter_check').at(-1)!;
    t.equal(check.sync, 'pending', 'offline: in the outbox');
    const outcomes = (check.event.payload as { passengers: Array<{ outcome: string }> }).passengers;
    t.same(outcomes.filter((p) => p.outcome !== 'RELEASE').map((p) => p.outcome).sort(), ['CUSTODY', 'HOLD']);
    await page.getByTestId('charter-back').click();
    await page.getByTestId('scan-screen').waitFor();
  });

  await t.test('back online it syncs; the enterprise finds its isolation task', async (t) => {
    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('[data-testid=outbox]')?.textContent === '待上传 0', undefined, { timeout: 30_000 });
    const stored = (await serverRows<{ payload: string }>(server.dataDir, "SELECT payload FROM events WHERE type = 'charter_check' ORDER BY received_at DESC LIMIT 1"))[0]!;
    t.match(JSON.parse(stored.payload), { runId: String(runId), decision: 'HOLD' }, 'the charter check is on the server');
    const tasks = (await serverRows<{ n: number }>(server.dataDir, `SELECT count(*) AS n FROM charter_custody WHERE run_id = ${runId}`))[0]!.n;
    t.equal(tasks, 1, 'one custody task: the Wuhan passenger');
    // The run is matched in the test: JSON paths are spelled per engine.
    const flagged = (await serverRows<{ payload: string }>(server.dataDir, 'SELECT e.payload FROM charter_check_flags f JOIN events e ON e.id = f.event_id'))
      .filter((r) => (JSON.parse(r.payload) as { runId?: string }).runId === String(runId));
    t.equal(flagged.length, 0, 'nothing flagged');

    const { page: portal } = await env.newScanner({ viewport: { width: 1280, height: 900 } });
    await signIn(portal, 'jincheng', accounts.jincheng!);
    await portal.goto('/enterprise/custody');
    const text = (await portal.locator('main').textContent()) ?? '';
    t.match(text, WUHAN, 'the passenger');
    t.match(text, plate, 'the coach');
    t.notMatch(text, citizenId(NAMES.indexOf(WUHAN)), 'masked ID only');
  });
});
