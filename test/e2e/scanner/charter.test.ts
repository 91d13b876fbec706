/**
 * A charter coach at the priority lane, through the real app in Chromium:
 * the expected-runs document arrives with sync, the scanner goes offline, the
 * home screen lists the run first, the `KC1/` pass typed by a keyboard wedge
 * opens the passenger checklist, staff check the passengers (one from a key
 * area → CUSTODY, one with a fever confirmed by a re-test → HOLD, one not on
 * board), decide, and the charter_check event waits in the outbox with every
 * manifest place's outcome.
 *
 * Here the test serves GET /api/v1/devices/charter-runs itself (Playwright context.route),
 * with a document signed by the server's own active bundle key, which the
 * device pinned at enrollment. The charter pass is signed with the server's
 * active pass key, which the device has from the trust bundle.
 * test/e2e/charter-loop.test.ts runs the same lane against the real route and a
 * run made through the portal's API.
 */
import t from 'tap';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { noHorizontalOverflow, REPO_ROOT } from '../../helpers/browser.js';
import { scannerE2E, enrollTyped, signInStaff, wedge, waitForOfflineReady, reloadOffline } from '../../helpers/scanner-e2e.js';
import { serverRows } from '../../helpers/server-db.js';
import { openTestStore } from '../../helpers/test-database.js';
import { repositories } from '../../../src/server/repositories.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { keysService } from '../../../src/server/features/keys/service.js';
import { canonicalManifest, encodeCharterQrText, manifestDigest, signCharterPass, signCharterRuns } from '../../../src/core/charter/index.js';
import type { ManifestPassenger } from '../../../src/core/charter/index.js';

const shots = resolve(REPO_ROOT, '.tap', 'scanner-e2e');
mkdirSync(shots, { recursive: true });

const OTHER_ENT = '91350100M000100Y43';

async function signWithServerKeys(dataDir: string, sign: (keys: { pass: { kid: string; privateKey: CryptoKey }; bundle: { kid: string; privateKey: CryptoKey } }) => Promise<void>) {
  const opened = await openTestStore(dataDir);
  try {
    const dataKey = DataKey.load(dataDir);
    const keys = keysService(repositories(opened.store, { dataKey }), dataKey);
    const pass = await keys.activeSigner('pass');
    const bundle = await keys.activeSigner('bundle');
    await sign({ pass, bundle });
  } finally {
    await opened.close();
  }
}

async function reading(page: Page, k: string, digits: string) {
  await page.getByTestId(`measure-${k}`).click();
  for (const d of digits) await page.getByTestId(`keypad-key-${d}`).click();
  await page.getByTestId('keypad-ok').click();
  await page.getByTestId('keypad-close').click();
}

interface OutboxRow {
  type: string;
  sync: string;
  event: { payload: Record<string, unknown> & { passengers: Array<{ outcome: string; ent: string }> } };
}

t.test('a charter coach: listed first offline, checked passenger by passenger, recorded', async (t) => {
  const env = await scannerE2E(t);
  const { world, server } = env;
  const checkpointId = (await serverRows<{ id: number }>(server.dataDir, "SELECT id FROM checkpoints WHERE name = '昆山花桥卡口'"))[0]!.id;

  const passengers: ManifestPassenger[] = canonicalManifest([
    { name: '王芳', id4: '3021', org: '510100', stays: [], ent: world.enterprise.creditCode },
    { name: '李伟', id4: '118X', org: '420100', stays: [], ent: world.enterprise.creditCode },
    { name: '刘娜', id4: '0457', org: '510100', stays: [], ent: OTHER_ENT },
    { name: '陈静', id4: '2210', org: '510100', stays: [], ent: OTHER_ENT },
    { name: '杨洋', id4: '5566', org: '510100', stays: [], ent: OTHER_ENT },
  ]);
  const place = (name: string) => passengers.findIndex((p) => p.name === name);
  const md = await manifestDigest(passengers);
  const now = Math.floor(Date.now() / 1000);
  let passQr = '';
  let runsJws = '';
  await signWithServerKeys(server.dataDir, async (keys) => {
    const jws = await signCharterPass(
      { jti: 'CoachE2E001', plate: '苏E12345', driver: { name: '张建国', id4: '002X' }, passengerCount: passengers.length, origin: '510100', manifestDigest: md, nbf: now - 3600, exp: now + 86_400 },
      keys.pass,
    );
    passQr = encodeCharterQrText(jws);
    runsJws = await signCharterRuns(
      {
        v: 1,
        iss: 'KSJT',
        iat: now - 60,
        exp: now + 86_400,
        checkpoint: checkpointId,
        runs: [{ run: 'RUN-E2E-1', jti: 'CoachE2E001', pl: '苏E12345', from: now - 3600, until: now + 6 * 3600, md, passengers }],
      },
      keys.bundle,
    );
  });

  const { context, page } = await env.newScanner({ viewport: { width: 360, height: 740 } });
  const served: string[] = [];
  await context.route('**/api/v1/devices/charter-runs', async (route) => {
    const etag = '"charters-1"';
    served.push(route.request().headers()['if-none-match'] ?? '');
    if (route.request().headers()['if-none-match'] === etag) return route.fulfill({ status: 304, headers: { etag } });
    return route.fulfill({ status: 200, headers: { etag }, json: { data: runsJws, etag } });
  });

  const staff = world.staff[0]!;
  await enrollTyped(page, world.enrollmentCode);
  await signInStaff(page, staff.badge, staff.pin);

  await t.test('the run is listed first in line, also offline after a restart', async (t) => {
    await page.getByTestId('charter-run').waitFor({ timeout: 20_000 });
    t.ok(served.length >= 1, 'the device asked for its expected runs');
    await waitForOfflineReady(page);
    await context.setOffline(true);
    await reloadOffline(page);
    await page.getByTestId('scan-screen').waitFor();
    await page.getByTestId('net-state').filter({ hasText: '离线' }).waitFor();
    t.match(await page.getByTestId('charter-priority').textContent(), /包车优先通行/);
    t.equal(await page.getByTestId('charter-run-plate').textContent(), '苏E12345');
    t.match(await page.getByTestId('charter-run').textContent(), /5 人/);
    t.equal(await page.getByTestId('charter-run').getAttribute('data-checked'), 'no');
    const box = await page.getByTestId('charter-priority').boundingBox();
    const scanner = await page.getByTestId('no-pass').boundingBox();
    t.ok(box && scanner && box.y < scanner.y, 'above the usual content');
  });

  await t.test('the KC1/ pass opens the checklist; the decision follows each tick', async (t) => {
    await wedge(page, passQr);
    await page.getByTestId('charter-flow').waitFor();
    t.equal(await page.getByTestId('charter-pass').getAttribute('data-ok'), 'yes', 'verified offline with the pinned keys');
    t.match(await page.getByTestId('charter-run-id').textContent(), 'RUN-E2E-1');
    t.equal(await page.getByTestId('plate-input').inputValue(), '苏E12345', 'plate prefilled from the pass');
    t.equal(await page.getByTestId(`name-p${place('李伟')}`).textContent(), '李伟', 'name shown with the last four');

    await page.getByTestId('id4-ok-d').click();
    await reading(page, 'd', '365');
    for (const name of ['王芳', '李伟', '刘娜', '陈静']) {
      const k = `p${place(name)}`;
      await page.getByTestId(`present-${k}`).check();
      await page.getByTestId(`id4-ok-${k}`).click();
      await reading(page, k, name === '陈静' ? '378' : '366');
    }
    const fever = `p${place('陈静')}`;
    t.equal(await page.getByTestId(`measure-${fever}`).textContent().then((s) => s?.startsWith('复测')), true, 'a reading at the threshold asks for a re-test');
    t.equal(await page.getByTestId(`outcome-${fever}`).getAttribute('data-outcome'), 'MANUAL');
    await reading(page, fever, '381');
    t.equal(await page.getByTestId(`outcome-${fever}`).getAttribute('data-outcome'), 'HOLD');
    t.match(await page.getByTestId(`reasons-${fever}`).textContent(), new RegExp(`乘客 ${place('陈静') + 1}`), 'the reason names the passenger by number');
    t.equal(await page.getByTestId(`outcome-p${place('李伟')}`).getAttribute('data-outcome'), 'CUSTODY', 'from a key area: into custody');
    t.equal(await page.getByTestId('charter-live').getAttribute('data-decision'), 'HOLD');

    await page.getByTestId('filter-open').click();
    t.equal(await page.getByTestId('charter-passengers').locator('li').count(), 1, 'the filter leaves the one not yet checked');
    await page.getByTestId('filter-open').click();
    await page.screenshot({ path: join(shots, 'charter-checklist-360.png'), fullPage: true });
    t.ok((await noHorizontalOverflow(page)).ok, 'the checklist fits 360 px');

    await page.getByTestId('decide').click();
    await page.getByTestId('open-untouched').waitFor();
    t.match(await page.getByTestId('open-untouched').textContent(), `乘客 ${place('杨洋') + 1} 尚未核对`, 'an untouched place is asked about before it is recorded as absent');
    await page.getByTestId('decide-anyway').click();
    await page.getByTestId('charter-result').waitFor();
    t.equal(await page.getByTestId('charter-result').getAttribute('data-decision'), 'HOLD');
    t.match(await page.getByTestId('result-hold').textContent(), `乘客 ${place('陈静') + 1} 陈静`);
    t.match(await page.getByTestId('result-custody').textContent(), new RegExp(`${world.enterprise.name}.*李伟`), 'custody grouped by enterprise, by name from the directory');
    await page.screenshot({ path: join(shots, 'charter-result-360.png') });
    t.ok((await noHorizontalOverflow(page)).ok, 'the result fits 360 px');
  });

  await t.test('the event waits in the outbox with every place’s outcome; the run shows as checked', async (t) => {
    const rows = await page.evaluate(
      () =>
        new Promise<OutboxRow[]>((res) => {
          const o = indexedDB.open('kakou-scanner');
          o.onsuccess = () => {
            const r = o.result.transaction('events').objectStore('events').getAll();
            r.onsuccess = () => res(r.result as OutboxRow[]);
          };
        }),
    );
    const charter = rows.filter((r) => r.type === 'charter_check');
    t.equal(charter.length, 1);
    const e = charter[0]!;
    t.equal(e.sync, 'pending', 'offline: waiting in the outbox');
    const expected = passengers.map((p) => (p.name === '李伟' ? 'CUSTODY' : p.name === '陈静' ? 'HOLD' : p.name === '杨洋' ? 'ABSENT' : 'RELEASE'));
    t.same(e.event.payload.passengers.map((p) => p.outcome), expected, 'outcomes by manifest place');
    t.same(e.event.payload.passengers.map((p) => p.ent), passengers.map((p) => p.ent));
    t.match(e.event.payload, { passNo: 'CoachE2E001', runId: 'RUN-E2E-1', md, plate: '苏E12345', decision: 'HOLD', unlisted: 0, staffBadge: staff.badge });
    const json = JSON.stringify(e.event);
    t.notOk(/王芳|李伟|刘娜|陈静|杨洋|张建国/.test(json), 'no names in the event');

    await page.getByTestId('charter-back').click();
    await page.getByTestId('scan-screen').waitFor();
    t.match(await page.getByTestId('outbox').textContent(), /待上传 [1-9]/, 'the status bar counts it');
    t.equal(await page.getByTestId('charter-run').getAttribute('data-checked'), 'yes');
    t.match(await page.getByTestId('charter-run-state').textContent(), /已查验/);
    await page.getByTestId('tab-history').click();
    const coach = page.getByTestId('history-item').filter({ has: page.getByTestId('history-coach') });
    await coach.waitFor();
    t.equal(await coach.getAttribute('data-decision'), 'HOLD', 'the coach is in the history');
    t.match(await coach.getByTestId('history-decision').textContent(), '留观');
    t.match(await coach.getByTestId('history-coach').textContent(), '包车 5 人');
    await page.getByTestId('history-search').fill('苏e 12345');
    await page.waitForTimeout(400);
    t.equal(await page.getByTestId('history-item').filter({ has: page.getByTestId('history-coach') }).count(), 1, 'found by plate, spaces and case ignored');
    await page.getByTestId('tab-scan').click();
    await page.getByTestId('scan-screen').waitFor();
  });

  await t.test('a freight KK1/ pass still opens the freight check', async (t) => {
    await wedge(page, world.localPass.qrText);
    await page.getByTestId('check-flow').waitFor();
    t.ok(await page.getByTestId('pass-card').isVisible());
    await page.getByTestId('check-cancel').click();
    await page.getByTestId('check-cancel').click();
    await page.getByTestId('scan-screen').waitFor();
  });

  await t.test('back online, the outbox empties', async (t) => {
    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('[data-testid=outbox]')?.textContent === '待上传 0', undefined, { timeout: 30_000 });
    const state = await page.evaluate(
      () =>
        new Promise<string[]>((res) => {
          const o = indexedDB.open('kakou-scanner');
          o.onsuccess = () => {
            const r = o.result.transaction('events').objectStore('events').getAll();
            r.onsuccess = () => res((r.result as Array<{ type: string; sync: string }>).filter((e) => e.type === 'charter_check').map((e) => e.sync));
          };
        }),
    );
    t.same(state, ['sent'], 'the server stored it');
    // This run exists only in the document the test served: the server keeps the check and flags it for the bureau.
    // The run is matched in the test: JSON paths are spelled per engine.
    const flags = (await serverRows<{ kind: string; payload: string }>(server.dataDir, 'SELECT f.kind, e.payload FROM charter_check_flags f JOIN events e ON e.id = f.event_id'))
      .filter((f) => (JSON.parse(f.payload) as { runId?: string }).runId === 'RUN-E2E-1');
    t.same(flags.map((f) => f.kind), ['unknown_run'], 'an unknown run is flagged, not projected');
    const checkRows = await serverRows<{ n: number }>(server.dataDir, "SELECT count(*) AS n FROM events WHERE type = 'staff_sign_in' AND device_id NOT IN (SELECT id FROM devices WHERE label LIKE '演示%')");
    t.ok(checkRows[0]!.n >= 1, 'the rest of the outbox arrived');
    for (let i = 0; i < 50 && !served.includes('"charters-1"'); i++) await page.waitForTimeout(200);
    t.ok(served.includes('"charters-1"'), 'the next poll sends the ETag back (If-None-Match → 304)');
  });

  await t.test('storage: a version 1 database is upgraded to 2, keeping what it held', async (t) => {
    const { page: fresh } = await env.newScanner();
    await fresh.goto('/scanner/manifest.webmanifest');
    await fresh.evaluate(
      () =>
        new Promise<void>((res, rej) => {
          // Version 1 exactly as storage/db.ts created it.
          const o = indexedDB.open('kakou-scanner', 1);
          o.onupgradeneeded = () => {
            const db = o.result;
            for (const name of ['device', 'trust', 'checkpoint', 'meta']) db.createObjectStore(name);
            const events = db.createObjectStore('events', { keyPath: 'id' });
            events.createIndex('bySeq', 'seq', { unique: true });
            events.createIndex('bySync', 'sync');
            db.createObjectStore('waiting', { keyPath: 'checkEventId' });
          };
          o.onsuccess = () => {
            const tx = o.result.transaction('meta', 'readwrite');
            tx.objectStore('meta').put({ at: 1, ok: true, message: 'sync.ok' }, 'lastSync');
            tx.oncomplete = () => {
              o.result.close();
              res();
            };
          };
          o.onerror = () => rej(o.error);
        }),
    );
    await fresh.goto('/scanner/');
    await fresh.getByTestId('enroll-code').waitFor();
    const after = await fresh.evaluate(
      () =>
        new Promise<{ version: number; stores: string[]; lastSync: unknown }>((res) => {
          const o = indexedDB.open('kakou-scanner');
          o.onsuccess = () => {
            const db = o.result;
            const r = db.transaction('meta').objectStore('meta').get('lastSync');
            r.onsuccess = () => res({ version: db.version, stores: [...db.objectStoreNames], lastSync: r.result });
          };
        }),
    );
    t.equal(after.version, 2);
    t.ok(after.stores.includes('charters') && after.stores.includes('charterChecks'), 'the charter stores exist');
    t.same(after.lastSync, { at: 1, ok: true, message: 'sync.ok' }, 'version 1 data kept');
    await fresh.context().close();
  });

  t.same(env.problems, [], 'no script errors, CSP refusals or 5xx');
});
