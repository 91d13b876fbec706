/**
 * First run, in a real browser against the real server: the administrator
 * signs in with the printed one-time password, registers and approves an
 * enterprise, hands out its account; the enterprise user signs in, sees its
 * own enterprise only, and keeps English once chosen.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { creditCode } from '../helpers/credit-code.js';
import { changePassword, clickAndWait, e2e, menuLink, menuText, noHorizontalOverflow, oneTimePassword, signIn, signOut, watchPage } from '../helpers/browser.js';

const INVALID_CODE = '91350100M000100Y44';
const VALID_CODE = '91320583MA1XKCJ23G';
const ENTERPRISE = '昆山顺达物流有限公司';
const OTHER_ENTERPRISE = '苏州远洋冷链运输有限公司';
const ADMIN_PASSWORD = 'Admin-新密码-2020-0219';
const USER_PASSWORD = 'Shunda-货运-2020-0220';
const ALL_PASSES = { zh: '全部通行证', en: 'All passes' };

const env = await e2e(t);
const { server } = env;
const problems: string[] = [];
const { page: admin } = await env.newPage();
watchPage(admin, problems);

const path = (p: Page) => new URL(p.url()).pathname;
const navTexts = menuText;

async function fillEnterprise(p: Page, fields: { name: string; creditCode: string }) {
  await p.getByLabel('企业名称').fill(fields.name);
  await p.locator('#f-creditCode').fill(fields.creditCode);
  await p.locator('#f-address').fill('昆山市开发区前进东路 88 号');
  await p.locator('#f-regionCode').fill('320583');
  await p.locator('#f-dutyPhone').fill('051257001234');
}

let enterpriseId = 0;
let enterpriseOtp = '';

await t.test('admin signs in with the printed one-time password and must change it', async (t) => {
  t.equal(server.admin.username, 'admin');
  t.match(server.admin.password, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/, 'banner shows a XXXX-XXXX-XXXX-XXXX password');

  await admin.goto('/');
  t.equal(path(admin), '/login', 'anonymous visitor is sent to the sign-in page');
  t.equal(await admin.locator('h1').innerText(), '登录', 'Chinese by default');

  await signIn(admin, 'admin', 'not-the-password');
  t.equal(path(admin), '/login', 'a wrong password stays on /login');
  t.equal(await admin.locator('.notice-error').count(), 1, 'and says so');
  t.equal(await admin.locator('#f-username').inputValue(), 'admin', 'keeps the typed username');

  await signIn(admin, 'admin', server.admin.password);
  t.equal(path(admin), '/password', 'a one-time password leads to /password');
  t.match(await admin.locator('.notice-warn').innerText(), /一次性/, 'explains why');
  t.equal(await admin.locator('nav.nav ul').count(), 0, 'no menu until the password is changed');

  await admin.goto('/bureau/enterprises');
  t.equal(path(admin), '/password', 'other pages send back to /password');

  await changePassword(admin, server.admin.password, ADMIN_PASSWORD);
  t.match(await admin.locator('.notice-ok').innerText(), '密码已修改');
  t.match(await navTexts(admin), /企业管理.*局内账号/, 'the bureau menu appears');
});

await t.test('admin registers an enterprise: a wrong credit code is shown next to the field', async (t) => {
  await admin.goto('/');
  await (await menuLink(admin, '企业管理')).click();
  await admin.waitForURL('**/bureau/enterprises');
  await admin.getByRole('link', { name: /登记企业/ }).click();
  await admin.waitForURL('**/bureau/enterprises/new');

  await fillEnterprise(admin, { name: ENTERPRISE, creditCode: INVALID_CODE });
  await clickAndWait(admin, admin.getByRole('button', { name: '创建' }));
  await admin.waitForSelector('#f-creditCode-err');

  t.equal(await admin.locator('#f-creditCode-err').innerText(), '统一社会信用代码校验位错误', 'the checksum message, in Chinese');
  t.equal(await admin.locator('#f-creditCode').getAttribute('aria-invalid'), 'true', 'the field is marked invalid');
  t.match(await admin.locator('#f-creditCode').getAttribute('aria-describedby'), /f-creditCode-err/, 'and points at its message');
  t.equal(await admin.locator('#f-name').inputValue(), ENTERPRISE, 'the typed name is kept');
  t.equal(await admin.locator('#f-creditCode').inputValue(), INVALID_CODE, 'the typed code is kept to be corrected');
  t.equal(await admin.locator('#f-dutyPhone').inputValue(), '051257001234', 'the phone is kept');
  t.equal(await admin.locator('.field-error').count(), 1, 'only the credit code is wrong');

  await admin.locator('#f-creditCode').fill(VALID_CODE);
  await admin.getByRole('button', { name: '创建' }).click();
  await admin.waitForURL(/\/bureau\/enterprises\/\d+\?done=registered$/);
  enterpriseId = Number(/\/bureau\/enterprises\/(\d+)/.exec(admin.url())![1]);
  t.ok(enterpriseId > 0, 'registered');
  t.match(await admin.locator('.notice-ok').innerText(), '企业已登记');
  t.equal(await admin.locator('h1').innerText(), ENTERPRISE);
  const facts = await admin.locator('dl.facts').innerText();
  t.match(facts, VALID_CODE);
  t.match(facts, '320583');
  t.match(facts, '已登记(未备案)', 'not approved yet');
});

await t.test('admin approves resumption (复工备案) and creates the enterprise account', async (t) => {
  await admin.getByRole('button', { name: '复工备案通过' }).click();
  await admin.waitForURL(/done=status$/);
  t.match(await admin.locator('dl.facts').innerText(), '已复工备案');
  t.equal(await admin.getByRole('button', { name: '复工备案通过' }).count(), 0, 'no second approval button');

  const form = admin.locator(`form[action="/bureau/enterprises/${enterpriseId}/users"]`);
  await form.locator('#f-username').fill('shunda');
  await form.locator('#f-displayName').fill('顺达调度王');
  await clickAndWait(admin, form.getByRole('button', { name: '创建' }));
  await admin.waitForSelector('code.otp');
  enterpriseOtp = await oneTimePassword(admin);
  t.match(enterpriseOtp, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/, 'the one-time password is shown');
  t.match(await admin.locator('.notice-warn').innerText(), /shunda/, 'with the username');
  t.notMatch(admin.url(), enterpriseOtp, 'never in the URL');

  await admin.reload();
  t.equal(await admin.locator('code.otp').count(), 0, 'shown once only: gone on reload');
  t.match(await admin.locator('table.data').innerText(), /shunda[\s\S]*待修改初始密码/, 'the account is listed, waiting for its first sign-in');
});

await t.test('admin registers a second enterprise', async (t) => {
  await admin.goto('/bureau/enterprises/new');
  await fillEnterprise(admin, { name: OTHER_ENTERPRISE, creditCode: creditCode(4_417_001) });
  await admin.getByRole('button', { name: '创建' }).click();
  await admin.waitForURL(/\/bureau\/enterprises\/\d+\?done=registered$/);
  await admin.getByRole('button', { name: '复工备案通过' }).click();
  await admin.waitForURL(/done=status$/);

  await admin.goto('/bureau/enterprises');
  const list = await admin.locator('table.data').innerText();
  t.match(list, ENTERPRISE);
  t.match(list, OTHER_ENTERPRISE);
});

await t.test('switching language keeps the admin where they were', async (t) => {
  const switchTo = async (label: 'English' | '中文') => {
    await clickAndWait(admin, admin.locator('nav.nav').getByRole('button', { name: label }));
  };

  await admin.goto(`/bureau/enterprises/${enterpriseId}`);
  await switchTo('English');
  t.equal(path(admin), `/bureau/enterprises/${enterpriseId}`);
  t.equal(await admin.locator('h1').innerText(), ENTERPRISE, 'same page');
  t.match(await admin.locator('dl.facts').innerText(), 'Approved to resume work', 'now in English');
  await switchTo('中文');
  t.match(await admin.locator('dl.facts').innerText(), '已复工备案', 'and back');

  // The switch returns to the same list with its filter: the full list stays the full list.
  await admin.goto('/bureau/passes?status=all');
  t.equal(await admin.locator('h1').innerText(), ALL_PASSES.zh, 'the full pass list');
  await switchTo('English');
  t.equal(new URL(admin.url()).searchParams.get('status'), 'all', 'the list filter survives the switch');
  t.equal(await admin.locator('h1').innerText(), ALL_PASSES.en, 'still the full list, not the approval queue');
  await switchTo('中文');

  // A page that answers a POST (the one-time password after creating an account) can't be reloaded:
  // it offers no language switch, so nobody loses the password by clicking it.
  const other = await admin.goto('/bureau/enterprises?q=' + encodeURIComponent(OTHER_ENTERPRISE));
  t.equal(other?.status(), 200);
  await admin.getByRole('link', { name: OTHER_ENTERPRISE }).click();
  await admin.waitForURL(/\/bureau\/enterprises\/\d+$/);
  const otherId = Number(/\/bureau\/enterprises\/(\d+)/.exec(admin.url())![1]);
  const form = admin.locator(`form[action="/bureau/enterprises/${otherId}/users"]`);
  await form.locator('#f-username').fill('yuanyang');
  await form.locator('#f-displayName').fill('远洋调度');
  await clickAndWait(admin, form.getByRole('button', { name: '创建' }));
  t.equal(await admin.locator('code.otp').count(), 1, 'one-time password page');
  t.equal(await admin.locator('form[action="/lang"]').count(), 0, 'no language switch on a page that answers a form');
  await admin.goto(`/bureau/enterprises/${otherId}`);
  t.equal(await admin.locator('form[action="/lang"]').count(), 1, 'the switch is back on an ordinary page');

  await signOut(admin);
  t.match(await admin.locator('.notice-ok').innerText(), '您已安全退出');
});

// A second person at another browser. (Set up inside the subtests: tap ends the root test once no subtest is pending.)
let user: Page;

await t.test('the enterprise user signs in, must change the password, then sees its own enterprise only', async (t) => {
  user = (await env.newPage()).page;
  watchPage(user, problems);
  await signIn(user, 'shunda', enterpriseOtp);
  t.equal(path(user), '/password');
  await user.goto('/enterprise');
  t.equal(path(user), '/password', 'no way round the password change');
  await changePassword(user, enterpriseOtp, USER_PASSWORD);

  await user.goto('/');
  t.equal(path(user), '/enterprise', 'the home page of an enterprise user is its enterprise');
  t.equal(await user.locator('h1').innerText(), '本企业信息');
  const facts = await user.locator('dl.facts').innerText();
  t.match(facts, ENTERPRISE);
  t.match(facts, VALID_CODE);
  t.match(facts, '已复工备案');
  t.match(await navTexts(user), /首页.*车辆.*人员.*通行证/, 'the enterprise menu');
  t.notMatch(await navTexts(user), /企业管理|局内账号/, 'no bureau menu');

  for (const p of ['/enterprise', '/enterprise/vehicles', '/enterprise/people', '/enterprise/passes', '/enterprise/passes/new']) {
    await user.goto(p);
    t.equal(path(user), p, `${p} opens`);
    t.notMatch(await user.content(), OTHER_ENTERPRISE, `${p} never names the other enterprise`);
  }

  // Typing a bureau URL: refused, and nothing about the other enterprise leaks.
  for (const p of ['/bureau/enterprises', `/bureau/enterprises/${enterpriseId + 1}`, '/bureau/passes']) {
    const res = await user.goto(p);
    t.ok(res && [403, 404].includes(res.status()), `${p} is refused (${res?.status()})`);
    t.notMatch(await user.content(), OTHER_ENTERPRISE, `${p} never names the other enterprise`);
  }
  const api = await user.request.get(`/api/v1/enterprises/${enterpriseId + 1}`);
  t.ok([403, 404].includes(api.status()), `the API refuses the other enterprise too (${api.status()})`);
  t.notMatch(await api.text(), OTHER_ENTERPRISE);
});

await t.test('the user switches to English; it stays English after signing out and in (saved on the account)', async (t) => {
  await user.goto('/enterprise');
  await clickAndWait(user, user.locator('nav.nav').getByRole('button', { name: 'English' }));
  t.equal(path(user), '/enterprise', 'stays on the same page');
  t.equal(await user.locator('html').getAttribute('lang'), 'en');
  t.equal(await user.locator('h1').innerText(), 'Your enterprise');
  const nav = await navTexts(user);
  t.match(nav, /Home.*Vehicles.*People.*Passes/, 'the menu is in English');
  t.match(nav, /Change password.*Sign out/);
  t.match(nav, '中文', 'and offers Chinese back');
  t.notMatch(nav, /首页|车辆|退出登录/, 'no Chinese left in the menu');

  await signOut(user);
  await signIn(user, 'shunda', USER_PASSWORD);
  t.equal(path(user), '/enterprise', 'signed in again');
  t.equal(await user.locator('h1').innerText(), 'Your enterprise', 'still English after signing in again');

  // A different browser (no language cookie, Chinese Accept-Language): the account's choice still wins after sign-in.
  const { context, page: other } = await env.newPage();
  watchPage(other, problems);
  await other.goto('/login');
  t.equal(await other.locator('h1').innerText(), '登录', 'anonymous: the browser language');
  await signIn(other, 'shunda', USER_PASSWORD);
  await other.goto('/enterprise');
  t.equal(await other.locator('html').getAttribute('lang'), 'en', 'signed in: the saved language, on another browser');
  t.match(await navTexts(other), /Home.*Vehicles.*People.*Passes/);
  await context.close();
});

await t.test('a 390×844 phone: no page scrolls sideways', async (t) => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
  const { context: anon, page: anonPage } = await env.newPage(phone);
  const res = await anonPage.goto('/login');
  t.equal(res?.status(), 200);
  const o = await noHorizontalOverflow(anonPage);
  t.ok(o.ok, `/login fits (${o.scrollWidth} ≤ ${o.innerWidth}; widest ${o.widest})`);
  await anon.close();

  // The enterprise user's desktop session (cookies copied); the admin signs in on the phone.
  for (const [who, session, paths] of [
    ['enterprise user', user.context(), ['/enterprise', '/enterprise/vehicles', '/enterprise/people', '/enterprise/passes', '/enterprise/passes/new', '/password']],
    ['admin', undefined, ['/', '/bureau/enterprises', `/bureau/enterprises/${enterpriseId}`, '/bureau/enterprises/new', '/bureau/staff', '/bureau/passes']],
  ] as const) {
    const { context, page } = await env.newPage(session ? { ...phone, storageState: await session.storageState() } : phone);
    watchPage(page, problems);
    if (!session) await signIn(page, 'admin', ADMIN_PASSWORD);
    for (const p of paths) {
      const r = await page.goto(p);
      t.equal(r?.status(), 200, `${who} ${p} opens`);
      const o = await noHorizontalOverflow(page);
      t.ok(o.ok, `${who} ${p} fits 390 px (scrollWidth ${o.scrollWidth}, innerWidth ${o.innerWidth}; widest ${o.widest})`);
    }
    await context.close();
  }
});

await t.test('no browser errors, no passwords in the log, and a clean shutdown', async (t) => {
  t.same(problems, [], 'no script errors, CSP refusals or 5xx responses');
  const log = server.stdout() + server.stderr();
  for (const secret of [ADMIN_PASSWORD, USER_PASSWORD, enterpriseOtp]) t.notMatch(log, secret, 'a password never reaches the console');
  const exit = await server.stop();
  t.same(exit, { code: 0, signal: null }, 'SIGTERM: exit code 0');
  t.match(server.stdout(), /"msg":"shutting down"/, 'logged the shutdown');
  t.equal(server.stderr().trim(), '', 'nothing on stderr');
});
