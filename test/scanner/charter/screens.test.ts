/**
 * The charter checklist in Chromium at 360 px, against an in-memory
 * CharterHost (harness/) that verifies a really signed charter pass with the
 * core: a 30-passenger coach stays workable (compact rows, the "not yet
 * checked" filter), English on request, and a run that is not expected here
 * or does not match the pass shows its decision. Screenshots are kept in
 * .tap/charter-screens/ for people to look at.
 */
import t from 'tap';
import type { Test } from 'tap';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { encodeCharterQrText } from '../../../src/core/charter/index.js';
import { launchBrowser, noHorizontalOverflow, REPO_ROOT, watchPage } from '../../helpers/browser.js';
import { buildHarness, serveStatic } from '../../helpers/scanner-harness.js';
import { ENT_A, ENT_B, MANIFEST, RUN, TEST_JWKS, signCharter } from '../../core/charter/fixtures.js';

const harness = fileURLToPath(new URL('./harness/', import.meta.url));
const shots = resolve(REPO_ROOT, '.tap', 'charter-screens');
mkdirSync(shots, { recursive: true });
const out = await buildHarness(harness);
t.teardown(() => rmSync(out, { recursive: true, force: true }));

const site = await serveStatic(out);
t.teardown(() => site.close());
const base = `${site.baseUrl}/`;

/** 2020-02-26 10:00 China time, inside the run's window and the pass's validity. */
const NOW_MS = Date.parse('2020-02-26T10:00:00+08:00');
const passText = encodeCharterQrText(await signCharter());
const fixture = {
  passText,
  jwks: TEST_JWKS,
  nowMs: NOW_MS,
  run: RUN as typeof RUN | null,
  enterprises: [
    { uscc: ENT_A, name: '昆山精工机械有限公司', dutyPhone: '0512-57001234' },
    { uscc: ENT_B, name: '昆山锦程精密机械有限公司', dutyPhone: '0512-57005678' },
  ],
  locale: 'zh' as 'zh' | 'en',
};

const browser = await launchBrowser(t);

async function open(t: Test, o: Partial<typeof fixture> = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  t.teardown(() => context.close());
  await context.addInitScript((f) => {
    (window as unknown as { __KK_FIXTURE: unknown }).__KK_FIXTURE = f;
  }, { ...fixture, ...o });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  watchPage(page, problems);
  await page.goto(base);
  await page.getByTestId('charter-flow').waitFor();
  return { page, problems };
}

t.test('30 passengers: compact rows, numbered in manifest order, the filter leaves the unchecked', async (t) => {
  const { page, problems } = await open(t);
  const rows = page.getByTestId('charter-passengers').locator(':scope > li');
  t.equal(await rows.count(), 30);
  t.equal(await page.getByTestId('name-p0').textContent(), MANIFEST[0]!.name);
  t.match(await rows.nth(29).textContent(), /乘客 30/);
  const heights = await rows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  t.ok(Math.max(...heights) <= 200, `each row at most 200 px high at 360 px (tallest ${Math.max(...heights)})`);
  t.ok((await noHorizontalOverflow(page)).ok, 'fits 360 px');
  const buttons = await page.locator('.charter-person-actions button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  t.ok(Math.min(...buttons) >= 48, 'touch targets at least 48 px');

  for (const i of [0, 1, 2]) {
    await page.getByTestId(`id4-ok-p${i}`).click();
    await page.getByTestId(`measure-p${i}`).click();
    for (const d of '365') await page.getByTestId(`keypad-key-${d}`).click();
    await page.getByTestId('keypad-ok').click();
    await page.getByTestId('keypad-close').click();
  }
  t.match(await page.getByTestId('charter-progress').textContent(), '已查 3 / 30');
  await page.getByTestId('filter-open').click();
  t.equal(await rows.count(), 27, 'checked passengers are hidden by the filter');
  await page.getByTestId('filter-open').click();
  t.equal(await rows.count(), 30);
  t.equal(await page.getByTestId('charter-live').getAttribute('data-decision'), 'MANUAL', 'still open: the others are not checked');
  await page.screenshot({ path: join(shots, 'thirty-360.png'), fullPage: true });

  // Deciding with checks owed asks first; "decide anyway" records with every place.
  await page.getByTestId('decide').click();
  await page.getByTestId('open-items').waitFor();
  await page.getByTestId('decide-anyway').click();
  await page.getByTestId('charter-result').waitFor();
  const records = await page.evaluate(() => (window as unknown as { __KK_RECORDS: Array<{ payload: { passengers: unknown[]; decision: string } }> }).__KK_RECORDS);
  t.equal(records.length, 1);
  t.equal(records[0]?.payload.passengers.length, 30);
  t.equal(records[0]?.payload.decision, 'MANUAL');
  t.same(problems, []);
});

t.test('English on request', async (t) => {
  const { page } = await open(t, { locale: 'en' });
  t.match(await page.locator('h1').first().textContent(), 'Charter coach check');
  t.match(await page.getByTestId('charter-passengers').locator(':scope > li').first().textContent(), /Passenger 1/);
});

t.test('a run not expected here → MANUAL; a pass that does not match its run → REFUSE, with the reason', async (t) => {
  const none = await open(t, { run: null });
  t.equal(await none.page.getByTestId('charter-live').getAttribute('data-decision'), 'MANUAL');
  t.ok(await none.page.getByTestId('charter-no-run').isVisible());
  t.match(await none.page.getByTestId('charter-live-reasons').textContent(), /无法逐人核对/);

  const shorter = { ...RUN, passengers: RUN.passengers.slice(0, 29) };
  const mismatch = await open(t, { run: shorter });
  t.equal(await mismatch.page.getByTestId('charter-live').getAttribute('data-decision'), 'REFUSE');
  t.match(await mismatch.page.getByTestId('charter-live-reasons').textContent(), /不一致/);
});

t.test('a stay declared at the checkpoint puts the passenger into custody; the staff flag puts everyone', async (t) => {
  const { page, problems } = await open(t);
  const i = MANIFEST.findIndex((p) => p.org !== '420100' && p.stays.length === 0);
  const k = `p${i}`;
  await page.getByTestId(`id4-ok-${k}`).click();
  await page.getByTestId(`measure-${k}`).click();
  for (const d of '366') await page.getByTestId(`keypad-key-${d}`).click();
  await page.getByTestId('keypad-ok').click();
  await page.getByTestId('keypad-close').click();
  t.equal(await page.getByTestId(`outcome-${k}`).getAttribute('data-outcome'), 'RELEASE');
  await page.getByTestId(`stay-add-${k}`).click();
  await page.getByTestId(`stay-region-${k}-province`).selectOption('420000');
  await page.getByTestId(`stay-region-${k}-city`).selectOption('420100');
  await page.getByTestId(`stay-day-${k}`).fill('2020-02-20');
  await page.getByTestId(`stay-save-${k}`).click();
  await page.getByTestId(`stay-${k}-0`).waitFor();
  t.equal(await page.getByTestId(`outcome-${k}`).getAttribute('data-outcome'), 'CUSTODY', 'Wuhan within the look-back: custody');
  t.match(await page.getByTestId(`reasons-${k}`).textContent(), new RegExp(`乘客 ${i + 1}`));

  const other = `p${MANIFEST.findIndex((p, j) => j !== i && p.org !== '420100' && p.stays.length === 0)}`;
  await page.getByTestId(`id4-ok-${other}`).click();
  await page.getByTestId(`measure-${other}`).click();
  for (const d of '365') await page.getByTestId(`keypad-key-${d}`).click();
  await page.getByTestId('keypad-ok').click();
  await page.getByTestId('keypad-close').click();
  t.equal(await page.getByTestId(`outcome-${other}`).getAttribute('data-outcome'), 'RELEASE');
  await page.getByTestId('staff-flag').check();
  t.equal(await page.getByTestId(`outcome-${other}`).getAttribute('data-outcome'), 'CUSTODY', 'staff flag: everyone on board');
  t.same(problems, []);
});
