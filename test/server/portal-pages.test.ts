import t, { type Test } from 'tap';
import { setup, PASSWORD, type TestContext } from '../helpers/app.js';

/**
 * A minimal browser for the server-rendered portal: keeps cookies, remembers the
 * form token of the last page it saw and posts forms urlencoded, as a real
 * browser would. Redirects are not followed automatically so tests can check them.
 */
class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  static seq = 1;
  // Every login costs a per-IP rate-limit slot: each browser gets its own address.
  readonly ip = `10.9.0.${Browser.seq++}`;
  constructor(readonly app: TestContext['app']) {}

  private keep<R extends { cookies: unknown; body: string }>(res: R): R {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  private get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader }, remoteAddress: this.ip }));
  }

  /** Posts a form with the token of the last page seen (as its hidden _csrf field). */
  async post(url: string, fields: Record<string, string>) {
    const payload = new URLSearchParams({ _csrf: this.csrf, ...fields }).toString();
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload,
        remoteAddress: this.ip,
      }),
    );
  }

  async login(username: string, password: string) {
    await this.get('/login');
    return this.post('/login', { username, password, next: '/' });
  }
}

/** Checks a status; the page is printed only when it is not the expected one. */
const status = (t: Test, res: { statusCode: number; body: string }, expected: number) =>
  t.equal(res.statusCode, expected, `status ${expected}`, res.statusCode === expected ? {} : { body: res.body.slice(0, 3000) });
const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
const otpOf = (body: string) => /<code class="otp"[^>]*>([^<]+)<\/code>/.exec(body)?.[1] ?? '';
/** Visible text only, so assertions are not fooled by attribute values. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ');

const OTHER = { name: '昆山锦程精密机械有限公司', code: '91320583MA1XKCJ23G' };
const OURS = { name: '福州闽江冷链物流有限公司', code: '91350100M000100Y43' };

t.test('portal walk-through: register, account, approve, first sign-in, own enterprise only, language', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_admin', 'boss');
  const otherId = await ctx.enterprise(OTHER.name, OTHER.code, 'approved');

  // --- the administrator signs in with the form
  const admin = new Browser(ctx.app);
  const signIn = await admin.login('boss', PASSWORD);
  status(t, signIn, 303);
  t.equal(location(signIn), '/');

  const list = await admin.get('/bureau/enterprises');
  t.equal(list.statusCode, 200);
  t.match(list.body, OTHER.name);
  t.match(list.body, 'href="/bureau/enterprises/new"');

  // --- an invalid credit code is refused, next to its field, and nothing typed is lost
  await admin.get('/bureau/enterprises/new');
  const fields = { name: OURS.name, creditCode: '91350100M000100Y44', address: '福建省福州市鼓楼区五四路 1 号', regionCode: '350102', dutyPhone: '0591-87001234' };
  const bad = await admin.post('/bureau/enterprises', fields);
  t.equal(bad.statusCode, 400);
  t.match(bad.body, '统一社会信用代码校验位错误', 'the validator message, translated');
  t.notMatch(text(bad.body), 'credit.checksum', 'not the raw key');
  t.match(bad.body, /<div class="field has-error"><label for="f-creditCode">/, 'the error is at the credit code field');
  t.match(bad.body, `value="${OURS.name}"`, 'the typed name is kept');
  t.match(bad.body, 'value="91350100M000100Y44"', 'the typed code is kept, to be corrected');
  t.match(bad.body, 'value="0591-87001234"');
  t.equal(await ctx.repos.enterprises.getByCreditCode('91350100M000100Y44'), undefined);

  const created = await admin.post('/bureau/enterprises', { ...fields, creditCode: OURS.code });
  status(t, created, 303);
  const detailUrl = location(created).split('?')[0]!;
  t.match(detailUrl, /^\/bureau\/enterprises\/\d+$/);
  const ours = (await ctx.repos.enterprises.getByCreditCode(OURS.code))!;
  t.equal(ours.status, 'registered');
  t.equal(ours.dutyPhone, '059187001234');

  const detail = await admin.get(location(created));
  t.equal(detail.statusCode, 200);
  t.match(detail.body, '企业已登记');
  t.match(detail.body, '已登记(未备案)');

  // The same code twice is refused at the field.
  await admin.get('/bureau/enterprises/new');
  const dup = await admin.post('/bureau/enterprises', { ...fields, name: '另一个名字', creditCode: OURS.code });
  t.equal(dup.statusCode, 409);
  t.match(dup.body, '该统一社会信用代码已登记');
  t.match(dup.body, 'value="另一个名字"');

  // Search by name and by credit-code prefix; filter by status.
  t.match((await admin.get(`/bureau/enterprises?q=${encodeURIComponent('闽江')}`)).body, OURS.name);
  t.notMatch((await admin.get(`/bureau/enterprises?q=${encodeURIComponent('闽江')}`)).body, OTHER.name);
  t.match((await admin.get('/bureau/enterprises?q=91320583')).body, OTHER.name);
  const registeredOnly = await admin.get('/bureau/enterprises?status=registered');
  t.match(registeredOnly.body, OURS.name);
  t.notMatch(registeredOnly.body, OTHER.name);
  t.equal((await admin.get('/bureau/enterprises?status=nonsense&page=-3')).statusCode, 200, 'odd query values fall back');

  // --- an account for the enterprise; the one-time password is on this page only
  await admin.get(detailUrl);
  const badUser = await admin.post(`${detailUrl}/users`, { username: 'x', displayName: '陈调度' });
  t.equal(badUser.statusCode, 400);
  t.match(badUser.body, 'value="陈调度"');
  const made = await admin.post(`${detailUrl}/users`, { username: 'minjiang', displayName: '陈调度' });
  status(t, made, 201);
  const otp = otpOf(made.body);
  t.match(otp, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/, 'the one-time password is shown');
  t.match(made.body, '仅显示这一次');
  t.notMatch(JSON.stringify(made.headers), otp, 'not in a header or cookie');
  t.notMatch((await admin.get(detailUrl)).body, otp, 'not shown again');
  const minjiang = (await ctx.repos.users.getWithHash('minjiang'))!;
  t.equal(minjiang.enterpriseId, ours.id);
  t.equal(minjiang.mustChangePassword, true);

  // --- status: suspending needs a reason; approving works
  const noReason = await admin.post(`${detailUrl}/status`, { status: 'suspended', reason: '  ' });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.body, '暂停须填写原因');
  t.equal((await ctx.repos.enterprises.get(ours.id))!.status, 'registered');
  const approve = await admin.post(`${detailUrl}/status`, { status: 'approved' });
  t.equal(approve.statusCode, 303);
  t.equal((await ctx.repos.enterprises.get(ours.id))!.status, 'approved');
  t.match((await admin.get(location(approve))).body, '复工状态已更新');

  // --- the enterprise user signs in with the one-time password and must change it
  const ent = new Browser(ctx.app);
  const first = await ent.login('minjiang', otp);
  t.equal(first.statusCode, 303);
  t.equal(location(first), '/password');
  const early = await ent.get('/enterprise');
  t.equal(early.statusCode, 303, 'nothing else until the password is changed');
  t.equal(location(early), '/password');
  await ent.get('/password');
  const NEW = 'a new long passphrase 42';
  const changed = await ent.post('/password', { currentPassword: otp, newPassword: NEW, confirmPassword: NEW });
  status(t, changed, 303);

  const home = await ent.get('/enterprise');
  t.equal(home.statusCode, 200);
  t.match(home.body, OURS.name);
  t.match(home.body, OURS.code);
  t.match(home.body, '已复工备案');
  t.notMatch(home.body, '尚未通过复工备案', 'approved: no hint');
  t.notMatch(home.body, OTHER.name, "another enterprise's name never appears");
  t.notMatch(home.body, OTHER.code);
  t.match(home.body, 'minjiang', 'its accounts are listed');
  t.notMatch(home.body, '/bureau/users/', 'read-only: no account actions');
  t.equal(location(await ent.get('/')), '/enterprise', 'home is its enterprise');

  // Bureau pages are not for enterprise users.
  const denied = await ent.get('/bureau/enterprises');
  t.equal(denied.statusCode, 403);
  t.match(denied.body, '无权执行此操作');
  t.equal((await ent.get(`/bureau/enterprises/${otherId}`)).statusCode, 403);
  await ent.get('/enterprise');
  t.equal((await ent.post(`/bureau/enterprises/${otherId}/status`, { status: 'suspended', reason: 'x' })).statusCode, 403);

  // --- contact details: refused input is kept; the enterprise is the account's, whatever the form says
  await ent.get('/enterprise');
  const badPhone = await ent.post('/enterprise/contact', { address: '福州市台江区新地址 8 号', dutyPhone: '12345' });
  t.equal(badPhone.statusCode, 400);
  t.match(badPhone.body, '电话号码格式不正确');
  t.match(badPhone.body, 'value="福州市台江区新地址 8 号"');
  const saved = await ent.post('/enterprise/contact', { address: '福州市台江区新地址 8 号', dutyPhone: '13800138000', id: String(otherId), enterpriseId: String(otherId) });
  t.equal(saved.statusCode, 303);
  t.equal(location(saved), '/enterprise?done=saved');
  t.equal((await ctx.repos.enterprises.get(ours.id))!.dutyPhone, '13800138000');
  t.equal((await ctx.repos.enterprises.get(otherId))!.dutyPhone, '051257001234', 'the other enterprise is untouched');
  t.match((await ent.get('/enterprise?done=saved')).body, '已保存');

  // --- a not-approved enterprise sees the hint
  await ctx.repos.enterprises.setStatus(ours.id, 'suspended', '停工整改');
  t.match((await ent.get('/enterprise')).body, '本企业尚未通过复工备案');
  await ctx.repos.enterprises.setStatus(ours.id, 'approved', null);

  // --- language: English, remembered on the account
  await ent.get('/enterprise');
  const lang = await ent.post('/lang', { locale: 'en', next: '/enterprise' });
  t.equal(lang.statusCode, 303);
  t.equal(location(lang), '/enterprise');
  const en = await ent.get('/enterprise');
  t.match(en.body, '<html lang="en">');
  t.match(en.body, 'Your enterprise');
  t.match(en.body, 'Approved to resume work');
  t.notMatch(en.body, '本企业信息');
  t.equal((await ctx.repos.users.get(minjiang.id))!.locale, 'en');

  const again = new Browser(ctx.app);
  t.match((await again.get('/login')).body, '<html lang="zh-CN">', 'a fresh browser starts in Chinese');
  t.equal((await again.post('/login', { username: 'minjiang', password: NEW, next: '/enterprise' })).statusCode, 303);
  t.match((await again.get('/enterprise')).body, 'Your enterprise', 'the choice follows the account');
});

t.test('bureau account management pages', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_admin', 'boss');
  await ctx.user('bureau_officer', 'wang');
  const eid = await ctx.enterprise('昆山测试物流有限公司', '91320583MA1XKCJ23G', 'registered');
  const userId = await ctx.user('enterprise_user', 'kslogi', eid);

  const admin = new Browser(ctx.app);
  await admin.login('boss', PASSWORD);

  // Staff page: admin only.
  const staff = await admin.get('/bureau/staff');
  t.equal(staff.statusCode, 200);
  t.match(staff.body, 'wang');
  t.notMatch(staff.body, 'kslogi', 'enterprise accounts are not bureau accounts');
  const badRole = await admin.post('/bureau/staff', { username: 'zhao', displayName: '赵科长', role: 'enterprise_user' });
  t.equal(badRole.statusCode, 400);
  t.match(badRole.body, 'value="赵科长"');
  const officer = await admin.post('/bureau/staff', { username: 'zhao', displayName: '赵科长', role: 'bureau_officer' });
  status(t, officer, 201);
  t.ok(otpOf(officer.body), 'one-time password shown');
  t.equal((await ctx.repos.users.getWithHash('zhao'))!.role, 'bureau_officer');
  const taken = await admin.post('/bureau/staff', { username: 'zhao', displayName: '又一个', role: 'bureau_officer' });
  t.equal(taken.statusCode, 409);
  t.match(taken.body, '该用户名已被使用');

  // Disable, enable and reset an enterprise account from its enterprise's page.
  await admin.get(`/bureau/enterprises/${eid}`);
  const off = await admin.post(`/bureau/users/${userId}/disable`, {});
  t.equal(off.statusCode, 303);
  t.equal(location(off), `/bureau/enterprises/${eid}?done=disabled`);
  t.equal((await ctx.repos.users.get(userId))!.disabled, true);
  const on = await admin.post(`/bureau/users/${userId}/enable`, {});
  t.equal(location(on), `/bureau/enterprises/${eid}?done=enabled`);
  t.equal((await ctx.repos.users.get(userId))!.disabled, false);
  const reset = await admin.post(`/bureau/users/${userId}/reset-password`, {});
  t.equal(reset.statusCode, 200);
  const otp = otpOf(reset.body);
  t.ok(otp);
  t.match(reset.body, 'kslogi 的新一次性密码');
  t.equal((await ctx.repos.users.get(userId))!.mustChangePassword, true);
  const ent = new Browser(ctx.app);
  t.equal(location(await ent.login('kslogi', otp)), '/password', 'the new one-time password works');

  // Edit the registration.
  const edit = await admin.get(`/bureau/enterprises/${eid}/edit`);
  t.equal(edit.statusCode, 200);
  t.match(edit.body, 'value="91320583MA1XKCJ23G"');
  const badEdit = await admin.post(`/bureau/enterprises/${eid}/edit`, { name: '昆山测试物流有限公司', creditCode: '91320583MA1XKCJ23G', address: '昆山', regionCode: '999999', dutyPhone: '051257001234' });
  t.equal(badEdit.statusCode, 400);
  t.match(badEdit.body, '行政区划代码不存在');
  const goodEdit = await admin.post(`/bureau/enterprises/${eid}/edit`, { name: '昆山测试物流(集团)有限公司', creditCode: '91320583MA1XKCJ23G', address: '昆山', regionCode: '320583', dutyPhone: '051257001234' });
  t.equal(goodEdit.statusCode, 303);
  t.equal((await ctx.repos.enterprises.get(eid))!.name, '昆山测试物流(集团)有限公司');

  // Officers manage enterprises but not bureau accounts.
  const wang = new Browser(ctx.app);
  await wang.login('wang', PASSWORD);
  t.equal((await wang.get('/bureau/staff')).statusCode, 403);
  t.equal((await wang.get(`/bureau/enterprises/${eid}`)).statusCode, 200);
  const zhaoId = (await ctx.repos.users.getWithHash('zhao'))!.id;
  t.equal((await wang.post(`/bureau/users/${zhaoId}/disable`, {})).statusCode, 403);
  t.equal((await ctx.repos.users.get(zhaoId))!.disabled, false);

  // Without the form token, nothing changes.
  const noToken = await admin.app.inject({
    method: 'POST',
    url: `/bureau/users/${userId}/disable`,
    headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  t.equal(noToken.statusCode, 403);
  t.equal((await ctx.repos.users.get(userId))!.disabled, false);

  // Unknown ids are a not-found page.
  t.equal((await admin.get('/bureau/enterprises/999999')).statusCode, 404);
  t.equal((await admin.get('/bureau/enterprises/abc')).statusCode, 404);
});
