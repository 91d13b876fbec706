/**
 * From an empty enterprise to a printed pass, in a real browser against the
 * real server: the enterprise registers its vehicle and crew and applies; a
 * bureau officer approves; the printed QR decodes (zbarimg, from a screenshot)
 * to a pass that verifies against the published keys, and each paper size
 * prints on exactly one page.
 */
import t from 'tap';
import type { JSONWebKeySet } from 'jose';
import type { BrowserContext, Page } from 'playwright-core';
import { decodePassQrText, verifyPass } from '../../src/core/pass/index.js';
import { chinaDate, citizenId } from '../helpers/fleet.js';
import {
  createEnterpriseAccount,
  createStaff,
  e2e,
  firstSignIn,
  menuLink,
  menuText,
  noHorizontalOverflow,
  pdfPageCount,
  registerApprovedEnterprise,
  watchPage,
  zbarDecode,
} from '../helpers/browser.js';

const ENTERPRISE = '昆山顺达物流有限公司';
const CREDIT_CODE = '91320583MA1XKCJ23G';
const PLATE = '苏E12345';
const DRIVER = { name: '张建国', idNumber: citizenId('32058319800101001'), phone: '13812345678' };
const ESCORT = { name: '李卫东', idNumber: citizenId('42010619850505111'), phone: '13987654321', stays: '420100' };
const DESTINATION = '上海市浦东新区外高桥保税区 华东医药仓库';
const PASSWORDS = { admin: 'Admin-新密码-2020-0219', user: 'Shunda-货运-2020-0220', officer: 'Wang-审核-2020-0221' };

const env = await e2e(t);
const { server } = env;
const problems: string[] = [];
const path = (p: Page) => new URL(p.url()).pathname;

let enterprise: { context: BrowserContext; page: Page };
let officer: Page;
let passId = 0;
let qrText = '';

await t.test('admin sets up: an approved enterprise with an account, and an officer', async (t) => {
  const { page: admin } = await env.newPage();
  watchPage(admin, problems);
  await firstSignIn(admin, 'admin', server.admin.password, PASSWORDS.admin);

  const enterpriseId = await registerApprovedEnterprise(admin, { name: ENTERPRISE, creditCode: CREDIT_CODE });
  t.match(await admin.locator('dl.facts').innerText(), '已复工备案');
  const userOtp = await createEnterpriseAccount(admin, enterpriseId, 'shunda', '顺达调度王');

  const officerOtp = await createStaff(admin, 'wang', '王审核');
  t.match(await admin.locator('table.data').innerText(), /wang[\s\S]*交通局审核员/, 'the officer is listed with the role');

  enterprise = await env.newPage();
  watchPage(enterprise.page, problems);
  await firstSignIn(enterprise.page, 'shunda', userOtp, PASSWORDS.user);

  officer = (await env.newPage()).page;
  watchPage(officer, problems);
  await firstSignIn(officer, 'wang', officerOtp, PASSWORDS.officer);
  await officer.goto('/');
  t.match(await menuText(officer), /审批/, 'the officer has the approvals menu');
  t.notMatch(await menuText(officer), /局内账号/, 'but not the staff menu');
  await admin.context().close();
});

await t.test('the enterprise registers a vehicle, a driver and an escort', async (t) => {
  const page = enterprise.page;
  await page.goto('/enterprise');
  await page.locator('nav.nav').getByRole('link', { name: '车辆' }).click();
  await page.waitForURL('**/enterprise/vehicles');
  await page.getByRole('link', { name: /登记车辆/ }).click();
  await page.waitForURL('**/enterprise/vehicles/new');
  await page.getByLabel('号牌号码').fill(PLATE);
  await page.getByLabel('车辆类型').selectOption({ label: '货车' });
  await page.getByRole('button', { name: '创建' }).click();
  await page.waitForURL(/\/enterprise\/vehicles\?done=saved$/);
  t.match(await page.locator('table.data').innerText(), PLATE, 'the vehicle is listed');

  await page.locator('nav.nav').getByRole('link', { name: '人员' }).click();
  await page.waitForURL('**/enterprise/people');
  for (const [person, role, stays] of [
    [DRIVER, 'driver', ''],
    [ESCORT, 'escort', ESCORT.stays],
  ] as const) {
    await page.getByRole('link', { name: /登记人员/ }).click();
    await page.waitForURL('**/enterprise/people/new');
    await page.locator('#f-name').fill(person.name);
    await page.locator('#f-role').selectOption(role);
    await page.locator('#f-idNumber').fill(person.idNumber);
    await page.locator('#f-phone').fill(person.phone);
    if (stays) {
      await page.locator('#f-stays').fill(stays);
      await page.locator('input[name=declare]').check();
    }
    await page.getByRole('button', { name: '创建' }).click();
    await page.waitForURL(/\/enterprise\/people\?done=saved$/);
  }
  const list = await page.locator('table.data').innerText();
  t.match(list, DRIVER.name);
  t.match(list, ESCORT.name);
  t.notMatch(list, DRIVER.idNumber, 'ID numbers are masked in the list');
});

await t.test('the enterprise applies for a pass and submits it', async (t) => {
  const page = enterprise.page;
  await page.locator('nav.nav').getByRole('link', { name: '通行证' }).click();
  await page.waitForURL('**/enterprise/passes');
  await page.getByRole('link', { name: /申请通行证/ }).click();
  await page.waitForURL('**/enterprise/passes/new');

  await page.locator('#f-vehicleId').selectOption({ label: PLATE });
  await page.locator('#f-driverId').selectOption({ label: `${DRIVER.name}(${DRIVER.idNumber.slice(-4)})` });
  await page.locator('#f-escort1').selectOption({ label: `${ESCORT.name}(${ESCORT.idNumber.slice(-4)})` });
  t.equal(await page.locator('#f-validFrom').inputValue(), chinaDate(0), 'starts today (China time) by default');
  await page.locator('#f-validTo').fill(chinaDate(2));
  await page.locator('#f-originRegion').fill('320583');
  await page.locator('#f-destination').fill(DESTINATION);
  await page.locator('#f-cargoCategory').selectOption({ label: '防疫物资' });
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.waitForURL(/\/enterprise\/passes\/\d+\?done=created$/);
  passId = Number(/\/enterprise\/passes\/(\d+)/.exec(page.url())![1]);
  t.match(await page.locator('.notice-ok').innerText(), '草稿已保存');

  await page.getByRole('button', { name: '提交审批' }).click();
  await page.waitForURL(/done=submitted$/);
  t.match(await page.locator('main').innerText(), '待审批', 'awaiting approval');
  t.equal(await page.getByRole('link', { name: '打印 A4' }).count(), 0, 'nothing to print before approval');
  const early = await page.request.get(`/passes/${passId}/print?size=a4`);
  t.not(early.status(), 200, `the print page refuses a pass not yet issued (${early.status()})`);
});

await t.test('the officer approves it from the approvals queue', async (t) => {
  await (await menuLink(officer, '审批')).click();
  await officer.waitForURL(/\/bureau\/passes\?status=submitted$/);
  const row = officer.locator('table.data tbody tr', { hasText: PLATE });
  t.equal(await row.count(), 1, 'the application is in the queue');
  t.match(await row.innerText(), ENTERPRISE);
  await row.getByRole('link', { name: PLATE }).click();
  await officer.waitForURL(`**/bureau/passes/${passId}`);
  t.match(await officer.locator('h1').innerText(), `${PLATE} · ${ENTERPRISE}`);
  await officer.getByRole('button', { name: '批准并签发' }).click();
  await officer.waitForURL(/done=approved$/);
  t.match(await officer.locator('.notice-ok').innerText(), '已批准并签发');
  t.match(await officer.locator('main').innerText(), '已签发');

  await officer.goto('/bureau/passes?status=submitted');
  t.equal(await officer.locator('table.data tbody tr', { hasText: PLATE }).count(), 0, 'gone from the queue');
});

await t.test('the enterprise prints it: the QR scans to a pass that verifies with the published keys', async (t) => {
  const { context, page } = enterprise;
  await page.goto(`/enterprise/passes/${passId}`);
  t.match(await page.locator('main').innerText(), '已签发');
  const [print] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: '打印 A4' }).click()]);
  watchPage(print, problems);
  await print.waitForLoadState('load');
  t.equal(path(print), `/passes/${passId}/print`);
  t.equal(new URL(print.url()).searchParams.get('size'), 'a4');

  const sheet = await print.locator('main.sheet').innerText();
  t.match(sheet, PLATE);
  t.match(sheet, ENTERPRISE);
  t.match(sheet, DRIVER.name);
  t.match(sheet, ESCORT.name);
  t.match(sheet, DESTINATION);
  t.notMatch(sheet, DRIVER.idNumber, 'full ID numbers never reach paper');
  t.notMatch(sheet, ESCORT.idNumber);
  t.notMatch(sheet, DRIVER.phone, 'nor personal phone numbers');

  const img = print.locator('figure.qr img');
  await print.waitForFunction(() => {
    const el = document.querySelector<HTMLImageElement>('figure.qr img');
    return !!el && el.complete;
  });
  const natural = await img.evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, h: el.naturalHeight }));
  t.ok(natural.w > 0 && natural.h > 0, `the QR image loads (${natural.w}×${natural.h})`);

  const png = await img.screenshot();
  qrText = await zbarDecode(png);
  t.match(qrText, /^KK1\/\d+$/, 'zbarimg reads a KK1/ pass code from the screenshot');

  const jws = decodePassQrText(qrText);
  t.match(jws, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'which is a compact JWS');
  const jwksRes = await fetch(`${server.baseUrl}/.well-known/jwks.json`);
  t.equal(jwksRes.status, 200);
  const keys = (await jwksRes.json()) as JSONWebKeySet;
  const result = await verifyPass(qrText, { keys, isRevoked: () => false });
  t.ok(result.ok, `verifies against /.well-known/jwks.json${result.ok ? '' : ` (${result.reason}: ${result.detail})`}`);
  if (result.ok) {
    t.equal(result.claims.pl, PLATE, 'for the registered plate');
    t.same(result.claims.ppl, [
      [DRIVER.name, DRIVER.idNumber.slice(-4)],
      [ESCORT.name, ESCORT.idNumber.slice(-4)],
    ], 'with the driver and the escort (last four ID characters only)');
    t.equal(result.claims.ent, CREDIT_CODE, 'and the enterprise');
    t.equal(result.claims.org, '320583');
  }
  const revoked = await verifyPass(qrText, { keys, isRevoked: () => true });
  t.equal(revoked.ok ? 'ok' : revoked.reason, 'revoked', 'the same code is refused once revoked');
  const otherKeys = await verifyPass(qrText, { keys: { keys: [] }, isRevoked: () => false });
  t.equal(otherKeys.ok ? 'ok' : otherKeys.reason, 'unknown_kid', 'and without the bureau keys');
  await print.close();
});

await t.test('A4 and A5 each print on exactly one page', async (t) => {
  const { context } = enterprise;
  const print = await context.newPage();
  watchPage(print, problems);
  for (const [size, format] of [
    ['a4', 'A4'],
    ['a5', 'A5'],
  ] as const) {
    const res = await print.goto(`/passes/${passId}/print?size=${size}`);
    t.equal(res?.status(), 200, `${size} print page opens`);
    await print.waitForFunction(() => document.querySelector<HTMLImageElement>('figure.qr img')?.complete === true);
    t.ok(await print.locator('figure.qr img').evaluate((el: HTMLImageElement) => el.naturalWidth > 0), `${size}: QR loaded`);
    t.equal(await print.locator(`body.size-${size}`).count(), 1, `${size}: the sheet is laid out for ${format}`);
    t.ok(await print.locator('button[data-print]').isVisible(), `${size}: the print button shows (print.js ran under the CSP)`);
    t.equal(await zbarDecode(await print.locator('figure.qr img').screenshot()), qrText, `${size}: the on-screen QR scans to the same pass`);
    const pdf = await print.pdf({ format, printBackground: true });
    t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', `${size}: a PDF`);
    t.equal(pdfPageCount(pdf), 1, `${size}: exactly one ${format} page`);
    const count = /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/s.exec(pdf.toString('latin1'));
    if (count) t.equal(Number(count[1] ?? count[2]), 1, `${size}: the page tree says 1 too`);
  }
  await print.close();
});

await t.test('a 390×844 phone: pages with data in them do not scroll sideways', async (t) => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
  // The same sessions as the desktop browsers (cookies copied), so no extra sign-ins.
  for (const [who, from, paths] of [
    ['enterprise user', enterprise.context, ['/enterprise/vehicles', '/enterprise/people', '/enterprise/passes', `/enterprise/passes/${passId}`, '/enterprise/passes/new', `/passes/${passId}/print?size=a4`, `/passes/${passId}/print?size=a5`]],
    ['officer', officer.context(), ['/bureau/passes?status=all', `/bureau/passes/${passId}`, '/bureau/vehicles', '/bureau/people', '/bureau/enterprises']],
  ] as const) {
    const { context, page } = await env.newPage({ ...phone, storageState: await from.storageState() });
    watchPage(page, problems);
    for (const p of paths) {
      const r = await page.goto(p);
      t.equal(r?.status(), 200, `${who} ${p} opens`);
      const o = await noHorizontalOverflow(page);
      t.ok(o.ok, `${who} ${p} fits 390 px (scrollWidth ${o.scrollWidth}, innerWidth ${o.innerWidth}; widest ${o.widest})`);
    }
    await context.close();
  }
});

await t.test('no browser errors and a clean shutdown', async (t) => {
  t.same(problems, [], 'no script errors, CSP refusals or 5xx responses');
  const log = server.stdout() + server.stderr();
  for (const secret of Object.values(PASSWORDS)) t.notMatch(log, secret, 'a password never reaches the console');
  t.notMatch(log, DRIVER.idNumber, 'nor an ID number');
  if (qrText) t.notMatch(log, decodePassQrText(qrText), 'nor a signed pass');
  const exit = await server.stop();
  t.same(exit, { code: 0, signal: null }, 'SIGTERM: exit code 0');
  t.match(server.stdout(), /"msg":"shutting down"/, 'logged the shutdown');
  t.equal(server.stderr().trim(), '', 'nothing on stderr');
});
