import t, { type Test } from 'tap';
import { setup, PASSWORD, type TestContext } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';

type Res = Awaited<ReturnType<TestContext['app']['inject']>>;

/**
 * A minimal browser for the portal: keeps cookies, remembers the form token of
 * the last page it saw, posts forms urlencoded. Redirects are not followed, so
 * the tests see them.
 */
class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  static seq = 1;
  // Each login costs a per-IP rate-limit slot: every browser gets its own address.
  readonly ip = `10.42.0.${Browser.seq++}`;
  constructor(readonly app: TestContext['app']) {}

  private keep(res: Res): Res {
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

  /** Posts a form with the token of the last page seen; repeated fields as [name, value] pairs. */
  async post(url: string, fields: Record<string, string> | Array<[string, string]>) {
    const params = new URLSearchParams(fields);
    params.set('_csrf', this.csrf);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload: params.toString(),
        remoteAddress: this.ip,
      }),
    );
  }

  static async signIn(app: TestContext['app'], username: string) {
    const b = new Browser(app);
    await b.get('/login');
    const res = await b.post('/login', { username, password: PASSWORD, next: '/' });
    if (res.statusCode !== 303) throw new Error(`login ${username}: ${res.statusCode}`);
    return b;
  }
}

const status = (t: Test, res: Res, expected: number, what = `status ${expected}`) =>
  t.equal(res.statusCode, expected, what, res.statusCode === expected ? {} : { body: res.body.slice(0, 3000) });
const location = (res: Res) => String(res.headers.location ?? '');
/** Visible text only, so assertions are not fooled by attribute values. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The value attribute of the input with this name. */
const inputValue = (html: string, name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];
const selectedValue = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '';
  return /<option value="([^"]*)" selected/.exec(select)?.[1];
};

t.test('apply through the forms, approve on the bureau page, print; other enterprises see nothing', async (t) => {
  const ctx = await setup(t);
  const a = await ctx.enterprise('昆山锦程精密机械有限公司', creditCode(11));
  const b = await ctx.enterprise('昆山另一家物流有限公司', creditCode(12));
  await ctx.user('enterprise_user', 'a1', a);
  await ctx.user('enterprise_user', 'b1', b);
  await ctx.user('bureau_officer', 'officer');
  const crew = await fleet(await loggedIn(ctx.app, 'a1', { remoteAddress: '10.42.1.1' }));

  const ea = await Browser.signIn(ctx.app, 'a1');
  const eb = await Browser.signIn(ctx.app, 'b1');
  const off = await Browser.signIn(ctx.app, 'officer');

  // --- the form lists the enterprise's own vehicles and people
  const blank = await ea.get('/enterprise/passes/new');
  status(t, blank, 200);
  t.match(blank.body, `<option value="${crew.vehicleId}">苏E12345</option>`);
  t.match(blank.body, /name="driverId"[\s\S]*张建国/);
  t.match(blank.body, /name="escort1"[\s\S]*李卫东/);
  t.match(text(blank.body), '防疫物资');
  t.match(blank.body, 'type="date"');

  const application = {
    vehicleId: String(crew.vehicleId),
    driverId: String(crew.driverId),
    escort1: String(crew.escortId),
    escort2: '',
    escort3: '',
    validFrom: chinaDate(0),
    validTo: chinaDate(6),
    originRegion: '420100',
    destination: '昆山市开发区前进东路 88 号',
    cargoCategory: 'parts',
    routeNote: 'G2 京沪高速,花桥卡口',
  };

  // --- end before start: refused, nothing lost
  const bad = await ea.post('/enterprise/passes', { ...application, validFrom: chinaDate(3), validTo: chinaDate(1) });
  status(t, bad, 400, 'end before start is refused');
  t.match(text(bad.body), '结束日期不能早于开始日期');
  t.equal(inputValue(bad.body, 'validFrom'), chinaDate(3), 'start kept');
  t.equal(inputValue(bad.body, 'validTo'), chinaDate(1), 'end kept');
  t.equal(inputValue(bad.body, 'originRegion'), '420100', 'origin kept');
  t.equal(inputValue(bad.body, 'destination'), application.destination, 'destination kept');
  t.equal(selectedValue(bad.body, 'vehicleId'), String(crew.vehicleId), 'vehicle kept');
  t.equal(selectedValue(bad.body, 'escort1'), String(crew.escortId), 'escort kept');
  t.equal(selectedValue(bad.body, 'cargoCategory'), 'parts', 'cargo kept');
  t.match(bad.body, /<input[^>]*name="validTo"[^>]*aria-invalid="true"/);
  t.match(bad.body, 'G2 京沪高速,花桥卡口</textarea>');

  const badRegion = await ea.post('/enterprise/passes', { ...application, originRegion: '12345' });
  status(t, badRegion, 400, 'a malformed region code is refused');
  t.match(text(badRegion.body), '行政区划代码应为 6 位数字');

  const twice = await ea.post('/enterprise/passes', { ...application, escort2: String(crew.escortId) });
  status(t, twice, 400, 'the same person twice is refused');

  // --- a good one becomes a draft
  const created = await ea.post('/enterprise/passes', application);
  status(t, created, 303, 'the draft is saved');
  const detailUrl = location(created).split('?')[0]!;
  t.match(location(created), /^\/enterprise\/passes\/\d+\?done=created$/);
  const id = Number(detailUrl.split('/').pop());

  let page = await ea.get(location(created));
  status(t, page, 200);
  t.match(text(page.body), '草稿已保存');
  t.match(text(page.body), '草稿');
  const passNo = /<h2 id="facts">[^<]*<span class="mono">([^<]+)<\/span>/.exec(page.body)?.[1] ?? '';
  t.ok(passNo.length > 4, `pass number shown (${passNo})`);
  t.match(page.body, `action="/enterprise/passes/${id}/submit"`);

  // --- edit the draft: the form opens with its values, then saves
  const edit = await ea.get(`/enterprise/passes/${id}/edit`);
  status(t, edit, 200);
  t.equal(inputValue(edit.body, 'validFrom'), application.validFrom);
  t.equal(inputValue(edit.body, 'validTo'), application.validTo, 'the last day, not the exclusive end');
  t.equal(selectedValue(edit.body, 'driverId'), application.driverId);
  const saved = await ea.post(`/enterprise/passes/${id}/edit`, { ...application, destination: '昆山市开发区前进东路 99 号' });
  status(t, saved, 303);
  t.equal(location(saved), `/enterprise/passes/${id}?done=updated`);

  // --- submit
  await ea.get(detailUrl);
  const submitted = await ea.post(`/enterprise/passes/${id}/submit`, {});
  status(t, submitted, 303);
  page = await ea.get(location(submitted));
  t.match(text(page.body), '待审批');
  t.notMatch(page.body, `/enterprise/passes/${id}/edit"`, 'no edit once submitted');
  status(t, await ea.get(`/passes/${id}/print`), 409, 'nothing to print before issue');

  // --- the officer's queue lists it with a checkbox; bulk approve
  const queue = await off.get('/bureau/passes');
  status(t, queue, 200);
  t.match(text(queue.body), '苏E12345');
  t.match(text(queue.body), '昆山锦程精密机械有限公司');
  t.match(queue.body, `name="ids" value="${id}"`);
  const approved = await off.post('/bureau/passes/approve', [
    ['ids', String(id)],
    ['back', '/bureau/passes?status=submitted'],
  ]);
  status(t, approved, 303);
  t.match(location(approved), /^\/bureau\/passes\?status=submitted&approved=1&failed=0$/);
  const after = await off.get(location(approved));
  t.match(text(after.body), '已批准 1 份');
  t.notMatch(after.body, `name="ids" value="${id}"`, 'gone from the queue');
  const none = await off.post('/bureau/passes/approve', [['back', '/bureau/passes']]);
  t.match(location(none), 'bulk=none');

  const bureauDetail = await off.get(`/bureau/passes/${id}`);
  status(t, bureauDetail, 200);
  t.match(text(bureauDetail.body), '已签发');
  t.match(bureauDetail.body, `/passes/${id}/print?size=a4`);
  t.match(bureauDetail.body, `action="/bureau/passes/${id}/revoke"`);

  // --- the enterprise prints it
  page = await ea.get(detailUrl);
  t.match(text(page.body), '已签发');
  t.match(page.body, `href="/passes/${id}/print?size=a4"`);
  t.match(page.body, `href="/passes/${id}/print?size=a5"`);
  t.match(page.body, `href="/api/v1/passes/${id}/qr.png"`);

  const print = await ea.get(`/passes/${id}/print?size=a4`);
  status(t, print, 200, 'the print page');
  t.match(print.body, '苏E12345');
  t.match(print.body, passNo);
  t.match(print.body, `<img src="/api/v1/passes/${id}/qr.svg"`);
  t.notMatch(print.body, '<svg', 'no inline SVG');
  t.match(print.body, 'class="print-page size-a4"');
  t.match(print.body, 'href="/static/print.css"');
  t.match(print.body, 'src="/static/print.js"');
  t.match(text(print.body), '昆山市交通运输局');
  t.match(text(print.body), '051257001234', 'duty phone');
  t.match(text(print.body), '湖北省 武汉市', 'origin region by name');
  t.match(text(print.body), `${application.validFrom} 00:00`);
  t.match(text(print.body), `${application.validTo} 24:00`, 'last day to 24:00 China time');
  t.match(text(print.body), /张建国[\s\S]*\*{14}\d{3}[\dX]/, 'masked ID');
  t.match(text(print.body), '押运员');
  t.notMatch(print.body, /\bstyle="/, 'no inline styles (CSP)');
  const a5 = await ea.get(`/passes/${id}/print?size=a5`);
  t.match(a5.body, 'class="print-page size-a5"');

  const svg = await ea.get(`/api/v1/passes/${id}/qr.svg`);
  status(t, svg, 200);
  t.match(String(svg.headers['content-type']), 'image/svg+xml');

  const css = await ea.get('/static/print.css');
  status(t, css, 200);
  t.match(css.body, '@page a5');
  status(t, await ea.get('/static/print.js'), 200);

  // --- another enterprise: nothing exists for it
  for (const url of [`/enterprise/passes/${id}`, `/enterprise/passes/${id}/edit`, `/passes/${id}/print`, `/passes/${id}/print?size=a5`, `/api/v1/passes/${id}/qr.svg`]) {
    const res = await eb.get(url);
    status(t, res, 404, `b1 GET ${url} is 404`);
    t.notMatch(res.body, /苏E12345|锦程/);
  }
  await eb.get('/enterprise/passes');
  status(t, await eb.post(`/enterprise/passes/${id}/cancel-request`, { reason: '车辆已出售' }), 404, 'b1 cannot ask to cancel it');
  const bList = await eb.get('/enterprise/passes');
  t.notMatch(bList.body, passNo, 'b1 lists none of A');
  t.notMatch(bList.body, `href="/enterprise/passes/${id}"`);
  status(t, await ea.get(`/bureau/passes/${id}`), 403, 'an enterprise cannot open the bureau page');

  // --- amend: a replacement draft, straight to its form
  await ea.get(detailUrl);
  const amended = await ea.post(`/enterprise/passes/${id}/amend`, {});
  status(t, amended, 303);
  t.match(location(amended), /^\/enterprise\/passes\/\d+\/edit\?done=amended$/);
  const amendForm = await ea.get(location(amended));
  status(t, amendForm, 200);
  t.match(text(amendForm.body), passNo, 'says which pass it replaces');
  t.equal(selectedValue(amendForm.body, 'vehicleId'), String(crew.vehicleId), 'copied from the pass');

  // --- cancellation: asked by the enterprise, confirmed by the officer in one click
  await ea.get(detailUrl);
  const noReason = await ea.post(`/enterprise/passes/${id}/cancel-request`, { reason: ' ' });
  status(t, noReason, 400, 'a reason is needed');
  t.match(text(noReason.body), '请填写原因');
  const asked = await ea.post(`/enterprise/passes/${id}/cancel-request`, { reason: '驾驶员已离职' });
  status(t, asked, 303);
  t.match(text((await ea.get(location(asked))).body), '等待交通局确认');

  const pending = await off.get(`/bureau/passes/${id}`);
  t.match(text(pending.body), '驾驶员已离职');
  t.match(pending.body, `action="/bureau/passes/${id}/confirm-cancel"`);
  const confirmed = await off.post(`/bureau/passes/${id}/confirm-cancel`, {});
  status(t, confirmed, 303);
  const revoked = await off.get(location(confirmed));
  t.match(text(revoked.body), '已吊销');
  t.match(text(revoked.body), /吊销原因\s+驾驶员已离职/);
  status(t, await ea.get(`/passes/${id}/print`), 409, 'a revoked pass does not print');
  t.match(text((await ea.get(detailUrl)).body), '通行证已吊销');
});

t.test('reject with a reason on the bureau page; the enterprise sees it', async (t) => {
  const ctx = await setup(t);
  const a = await ctx.enterprise('昆山锦程精密机械有限公司', creditCode(21));
  await ctx.user('enterprise_user', 'a1', a);
  await ctx.user('bureau_officer', 'officer');
  const crew = await fleet(await loggedIn(ctx.app, 'a1', { remoteAddress: '10.42.2.1' }));
  const ea = await Browser.signIn(ctx.app, 'a1');
  const off = await Browser.signIn(ctx.app, 'officer');

  await ea.get('/enterprise/passes/new');
  const created = await ea.post('/enterprise/passes', {
    vehicleId: String(crew.vehicleId),
    driverId: String(crew.driverId),
    validFrom: chinaDate(1),
    validTo: chinaDate(2),
    originRegion: '320583',
    destination: '昆山市玉山镇',
    cargoCategory: 'medical_supplies',
  });
  status(t, created, 303);
  const id = Number(location(created).split('?')[0]!.split('/').pop());
  await ea.get(location(created));
  status(t, await ea.post(`/enterprise/passes/${id}/submit`, {}), 303);

  const detail = await off.get(`/bureau/passes/${id}`);
  t.match(detail.body, `action="/bureau/passes/${id}/approve"`);
  const empty = await off.post(`/bureau/passes/${id}/reject`, { reason: '' });
  status(t, empty, 400, 'no reason, no rejection');
  const rejected = await off.post(`/bureau/passes/${id}/reject`, { reason: '始发地与车辆登记地不符' });
  status(t, rejected, 303);
  t.equal(location(rejected), `/bureau/passes/${id}?done=rejected`);
  const again = await off.post(`/bureau/passes/${id}/approve`, {});
  status(t, again, 409, 'a rejected application cannot be approved');
  t.match(text(again.body), '当前状态下不能执行此操作');

  const seen = await ea.get(`/enterprise/passes/${id}`);
  t.match(text(seen.body), '已驳回');
  t.match(text(seen.body), new RegExp(escapeRe('始发地与车辆登记地不符')));

  const list = await ea.get('/enterprise/passes?status=rejected');
  t.match(list.body, 'badge-pass-rejected');
  const filtered = await ea.get('/enterprise/passes?status=issued');
  t.notMatch(filtered.body, 'badge-pass-rejected');
  const search = await ea.get('/enterprise/passes?q=%E8%8B%8FE12345');
  t.match(text(search.body), '苏E12345');
  const miss = await ea.get('/enterprise/passes?q=%E6%B2%AAA00000');
  t.notMatch(text(miss.body), '苏E12345');
});
