/**
 * The check screens in Chromium, against an in-memory CheckHost (harness/)
 * that verifies a really signed pass with the core: the RELEASE path, a
 * fever re-test to HOLD, ESCORT with a no-pass vehicle and its handover, and
 * the 360 px layout (screenshots kept in .tap/check-screens/ for people).
 */
import t from 'tap';
import type { Test } from 'tap';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { TEST_JWKS, TEST_KID, testPrivateKey, typicalInput } from '../../core/pass/fixtures.js';
import { signPass } from '../../../src/core/pass/sign.js';
import { encodePassQrText } from '../../../src/core/pass/qr-text.js';
import { launchBrowser, noHorizontalOverflow, REPO_ROOT, watchPage } from '../../helpers/browser.js';
import { buildHarness, serveStatic } from '../../helpers/scanner-harness.js';
import { DAY, ENTERPRISE, NOW_MS, OTHER, T0 } from './fixtures.js';

const harness = fileURLToPath(new URL('./harness/', import.meta.url));
const shots = resolve(REPO_ROOT, '.tap', 'check-screens');
mkdirSync(shots, { recursive: true });
const out = await buildHarness(harness);
t.teardown(() => rmSync(out, { recursive: true, force: true }));

const site = await serveStatic(out);
t.teardown(() => site.close());
const base = `${site.baseUrl}/`;

const passText = encodePassQrText(await signPass(typicalInput, { privateKey: testPrivateKey, kid: TEST_KID, issuer: 'KSJT', now: T0 - DAY / 2 }));
const fixture = { passText, jwks: TEST_JWKS, nowMs: NOW_MS, enterprises: [ENTERPRISE, OTHER], revoked: [] as string[], trustAgeSec: 3600 };

const browser = await launchBrowser(t);

async function open(t: Test, hash: string, o: Partial<typeof fixture> = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  t.teardown(() => context.close());
  await context.addInitScript((f) => {
    (window as unknown as { __KK_FIXTURE: unknown }).__KK_FIXTURE = f;
  }, { ...fixture, ...o });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  watchPage(page, problems);
  await page.goto(`${base}#${hash}`);
  return { page, problems };
}

async function typeReading(page: Page, key: number, digits: string) {
  await page.getByTestId(`measure-${key}`).click();
  for (const d of digits) await page.getByTestId(`keypad-key-${d === '.' ? 'dot' : d}`).click();
  await page.getByTestId('keypad-ok').click();
  await page.getByTestId('keypad-close').click();
}

const records = (page: Page) => page.evaluate(() => (window as unknown as { __KK_RECORDS: Array<{ type: string; payload: Record<string, unknown> }> }).__KK_RECORDS);

t.test('valid pass → RELEASE, recorded before the decision shows', async (t) => {
  const { page, problems } = await open(t, 'scanned');
  await page.getByTestId('pass-card').waitFor();
  t.match(await page.getByTestId('pass-status').textContent(), /有效/);
  t.equal(await page.getByTestId('pass-plate').textContent(), '苏E12345');
  t.match(await page.getByTestId('pass-enterprise').textContent(), ENTERPRISE.name);
  t.equal(await page.getByTestId('pass-enterprise-call').getAttribute('href'), 'tel:051257001234');
  await page.getByText('江苏省 苏州市 昆山市').waitFor();
  await page.screenshot({ path: join(shots, 'pass-card-360.png'), fullPage: true });
  t.equal(await page.getByTestId('decide').isDisabled(), true, 'plate not yet confirmed');
  await page.getByTestId('plate-confirm').click();
  await page.getByTestId('id4-0').fill('002x');
  await page.getByTestId('id4-1').fill('1234');
  t.match(await page.getByTestId('id4-result-0').textContent(), /一致/);
  await typeReading(page, 0, '365');
  await typeReading(page, 1, '366');
  t.equal(await page.getByTestId('temp-status-1').getAttribute('data-status'), 'normal');
  await page.screenshot({ path: join(shots, 'check-form-360.png'), fullPage: true });
  t.same((await noHorizontalOverflow(page)).ok, true, 'no sideways scrolling at 360 px');
  await page.getByTestId('decide').click();
  await page.getByTestId('decision').waitFor();
  t.equal(await page.getByTestId('decision').getAttribute('data-decision'), 'RELEASE');
  t.match(await page.getByTestId('decision-kind').textContent(), /直接放行/);
  t.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'decision-kind', 'focus on the heading');
  const recs = await records(page);
  t.equal(recs.length, 1);
  t.equal(recs[0]?.payload.decision, 'RELEASE');
  t.notOk(JSON.stringify(recs[0]).includes('002x'), 'typed digits are not recorded');
  await page.screenshot({ path: join(shots, 'decision-release-360.png') });
  await page.getByTestId('next-vehicle').click();
  await page.getByTestId('history-item').waitFor();
  t.equal(await page.getByTestId('history-item').getAttribute('data-decision'), 'RELEASE');
  t.same(problems, []);
});

t.test('a high reading asks for a re-test; a confirmed fever is HOLD', async (t) => {
  const { page, problems } = await open(t, 'scanned');
  await page.getByTestId('plate-confirm').click();
  await page.getByTestId('id4-0').fill('002X');
  await page.getByTestId('id4-1').fill('1234');
  await typeReading(page, 0, '365');
  await typeReading(page, 1, '378');
  t.equal(await page.getByTestId('temp-status-1').getAttribute('data-status'), 'retest');
  await page.getByTestId('decide').click();
  await page.getByTestId('open-items').waitFor();
  t.equal((await records(page)).length, 0, 'nothing recorded while a re-test is owed');
  await page.getByTestId('open-back').click();
  await typeReading(page, 1, '379');
  t.equal(await page.getByTestId('temp-status-1').getAttribute('data-status'), 'fever');
  await page.getByTestId('decide').click();
  await page.getByTestId('decision').waitFor();
  t.equal(await page.getByTestId('decision').getAttribute('data-decision'), 'HOLD');
  await page.screenshot({ path: join(shots, 'decision-hold-360.png') });
  t.same(problems, []);
});

t.test('no pass, Hubei plate, receiver picked → ESCORT, then the handover', async (t) => {
  const { page, problems } = await open(t, 'none');
  await page.getByTestId('plate-input').fill('鄂A12345');
  await page.getByTestId('add-person-name').fill('赵六');
  await page.getByTestId('add-person').click();
  await typeReading(page, 0, '366');
  await page.getByTestId('receiver-search').fill('物流');
  await page.getByTestId(`receiver-option-${OTHER.uscc}`).click();
  await page.getByTestId('receiver-picked').waitFor();
  await page.getByTestId('decide').click();
  await page.getByTestId('decision').waitFor();
  t.equal(await page.getByTestId('decision').getAttribute('data-decision'), 'ESCORT');
  await page.screenshot({ path: join(shots, 'decision-escort-360.png') });
  const [rec] = await records(page);
  t.equal(rec?.payload.passNo, null);
  t.notOk(JSON.stringify(rec?.payload).includes('赵六'), 'the added name stays on the device');
  await page.getByTestId('next-vehicle').click();
  await page.getByTestId('harness-waiting').click();
  await page.getByTestId('waiting-item').waitFor();
  t.match(await page.getByTestId('waiting-item').textContent(), /赵六/);
  t.match(await page.getByTestId('waiting-since').textContent(), /12/);
  await page.screenshot({ path: join(shots, 'waiting-360.png'), fullPage: true });
  await page.getByTestId('waiting-handover').click();
  await page.getByTestId('handover-name').fill('周明');
  await page.getByTestId('handover-phone').fill('138 1234 5678');
  for (const d of '378') await page.getByTestId(`keypad-key-${d}`).click();
  await page.getByTestId('keypad-ok').click();
  for (const d of '380') await page.getByTestId(`keypad-key-${d}`).click();
  await page.getByTestId('keypad-ok').click();
  t.equal(await page.getByTestId('handover-temp-status').getAttribute('data-status'), 'fever');
  t.equal(await page.getByTestId('handover-submit').isDisabled(), true, 'a feverish escort cannot take the vehicle');
  await page.screenshot({ path: join(shots, 'handover-fever-360.png'), fullPage: true });
  await page.getByTestId('handover-cancel').click();
  await page.getByTestId('waiting-handover').click();
  await page.getByTestId('handover-name').fill('钱七');
  await page.getByTestId('handover-phone').fill('13900001111');
  for (const d of '365') await page.getByTestId(`keypad-key-${d}`).click();
  await page.getByTestId('keypad-ok').click();
  await page.getByTestId('handover-submit').click();
  await page.getByTestId('waiting-empty').waitFor();
  const recs = await records(page);
  t.same(recs[1]?.payload, { checkEventId: (recs[0] as unknown as { eventId: string }).eventId, escortName: '钱七', escortPhoneLast4: '1111', enterpriseUscc: OTHER.uscc });
  t.same(problems, []);
});

t.test('a revoked pass says so and is refused', async (t) => {
  const { page, problems } = await open(t, 'scanned', { revoked: ['Q7mZ2xKp9A'] });
  await page.getByTestId('pass-problem').waitFor();
  t.match(await page.getByTestId('pass-problem').textContent(), /撤销/);
  await page.getByTestId('plate-confirm').click();
  await typeReading(page, 0, '365');
  await typeReading(page, 1, '365');
  await page.getByTestId('decide').click();
  await page.getByTestId('decision').waitFor();
  t.equal(await page.getByTestId('decision').getAttribute('data-decision'), 'REFUSE');
  await page.screenshot({ path: join(shots, 'decision-refuse-360.png') });
  t.same(problems, []);
});
