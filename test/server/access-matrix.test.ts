import t from 'tap';
import { setup } from '../helpers/app.js';
import { Client, loggedIn } from '../helpers/client.js';
import { creditCode } from '../helpers/credit-code.js';
import { simulateDevice } from '../helpers/device.js';
import { BearerClient, createToken } from '../helpers/bearer.js';
import { chinaDate, citizenId, fleet } from '../helpers/fleet.js';
import { SimDevice } from './ingest/fixtures.js';
import { actorOf } from '../helpers/registry.js';
import { charterCheck, custodyWorld, upload as custodyUpload } from './custody/fixtures.js';

/**
 * The role × route matrix. Each row is one request; each cell is the status a
 * caller must get (null: not exercised for that caller). Pages answer an
 * anonymous caller with a redirect to /login instead of 401.
 *
 * `device` is an enrolled checkpoint scanner sending signed requests (no
 * cookie). Unless a row says otherwise it is refused like an anonymous
 * caller: 401 on the API, a redirect to /login on pages.
 */
type Who = 'anon' | 'a1' | 'officer' | 'admin' | 'device';
const WHO: readonly Who[] = ['anon', 'a1', 'officer', 'admin', 'device'];
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Cell = number | readonly number[] | null;

interface Row {
  group: string;
  method: Method;
  url: string;
  body?: (who: Who) => unknown;
  expect: Record<Exclude<Who, 'device'>, Cell> & { device?: Cell };
  /**
   * A portal page: signed-out visitors are sent to sign in rather than given
   * a 401. Every page row is checked; a renamed or removed page fails its row
   * (a 404 for everyone), it is never skipped.
   */
  page?: boolean;
  /** Where an enterprise user lands when redirected (e.g. / → /enterprise). */
  location?: Partial<Record<Who, RegExp>>;
  /** The row touches enterprise B: nothing of B may appear in a refusal. */
  touchesB?: boolean;
}

const A_NAME = '昆山甲方物流有限公司';
const B_NAME = '苏州乙方运输有限公司';
const B_CODE = '91350100M000100Y43';
const B_USER_DISPLAY = '乙方调度员王五';

const input = (name: string, code: string, who: Who) => ({
  name,
  creditCode: code,
  address: `昆山市前进东路 ${who} 号`,
  regionCode: '320583',
  dutyPhone: '051257001234',
});
const codes: Record<Who, string> = { anon: creditCode(101), a1: creditCode(102), officer: creditCode(103), admin: creditCode(104), device: creditCode(105) };
const all = (n: Cell): Record<Who, Cell> => ({ anon: n, a1: n, officer: n, admin: n, device: n });

t.test('role × route matrix', async (t) => {
  const ctx = await setup(t);
  const A = await ctx.enterprise(A_NAME, '91320583MA1XKCJ23G', 'approved');
  const B = await ctx.enterprise(B_NAME, B_CODE, 'approved');
  await ctx.user('enterprise_user', 'alpha-one', A);
  const a2 = await ctx.user('enterprise_user', 'alpha-two', A);
  const b1 = (await ctx.repos.users.insert({
    username: 'bravo-one', displayName: B_USER_DISPLAY, role: 'enterprise_user', enterpriseId: B,
    passwordHash: (await ctx.repos.users.getWithHash('alpha-one'))!.passwordHash, mustChangePassword: false,
  })).id;
  const b2 = await ctx.user('enterprise_user', 'bravo-two', B);
  await ctx.user('bureau_officer', 'officer-one');
  const officer2 = await ctx.user('bureau_officer', 'officer-two');
  await ctx.user('bureau_admin', 'admin-one');

  // B's webhook endpoint and one queued delivery. `.invalid` never resolves (RFC 2606): the app's worker reaches no one.
  const hookB = await ctx.repos.webhooks.insertEndpoint({ enterpriseId: B, url: 'https://b-receiver.invalid/hook', secret: 'whsec_matrix', secretHint: '…trix', createdBy: b2, at: new Date().toISOString() });
  const deliveryB = (await ctx.app.services.webhooks.enqueue(B, 'escort.requested', { requestId: 1 })).deliveryIds[0]!;
  const checkpoint = await ctx.repos.checkpoints.insert({ name: '矩阵测试卡口', location: '测试路 1 号', regionCode: '320583', direction: 'both' });
  const device = await simulateDevice(ctx, checkpoint.id);
  const spareDevice = await simulateDevice(ctx, checkpoint.id);
  const clients: Record<Who, Pick<Client, 'request'>> = {
    anon: new Client(ctx.app, { remoteAddress: '10.3.0.1' }),
    a1: await loggedIn(ctx.app, 'alpha-one', { remoteAddress: '10.3.0.2' }),
    officer: await loggedIn(ctx.app, 'officer-one', { remoteAddress: '10.3.0.3' }),
    admin: await loggedIn(ctx.app, 'admin-one', { remoteAddress: '10.3.0.4' }),
    device,
  };
  await (clients.anon as Client).refreshCsrf();

  // One escort request each for A and B: ESCORT checks of vehicles without a pass, uploaded by the scanner.
  const scanner = new SimDevice(device.id, { privateKey: device.privateKey, publicJwk: device.publicJwk });
  const escortFor = (uscc: string, plate: string) => scanner.next({
    type: 'check',
    payload: {
      passNo: null, plate, decision: 'ESCORT', reasons: ['keyarea.plate'], ruleSetVersion: 1, bundleAgeSec: 60, staffBadge: 'KS0427',
      observations: { v: 1, people: [{ passIndex: null, id4Matches: null, readings: [36.5], stays: [] }], staffKeyAreaFlag: false, receivingEnterprise: uscc },
    },
  });
  const escortChecks = [await escortFor('91320583MA1XKCJ23G', '鄂A11111'), await escortFor(B_CODE, '鄂A22222')];
  const uploaded = await device.request('POST', '/api/v1/devices/events', { events: escortChecks });
  if (uploaded.statusCode !== 200) throw new Error(`escort upload: ${uploaded.body}`);
  const escortA = (await ctx.repos.escorts.getByCheckEvent(escortChecks[0]!.id))!.id;
  const escortB = (await ctx.repos.escorts.getByCheckEvent(escortChecks[1]!.id))!.id;
  const isolation = () => ({ personIndex: 0, place: '隔离宿舍', startDate: chinaDate(0), plannedEnd: chinaDate(14), responsible: '张三' });

  const API401 = { anon: 401 } as const;
  const rows: Row[] = [
    { group: 'session', method: 'GET', url: '/api/v1/session', expect: all(200) },
    { group: 'session', method: 'DELETE', url: '/api/v1/session', expect: { anon: 401, a1: null, officer: null, admin: null } },
    { group: 'session', method: 'PUT', url: '/api/v1/me/locale', body: () => ({ locale: 'zh' }), expect: { ...API401, a1: 200, officer: 200, admin: 200 } },

    { group: 'enterprises list', method: 'GET', url: '/api/v1/enterprises', expect: { ...API401, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'enterprises list', method: 'GET', url: `/api/v1/enterprises?q=${encodeURIComponent('乙方')}`, expect: { ...API401, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'enterprises create', method: 'POST', url: '/api/v1/enterprises', body: (w) => input(`新登记企业${w}有限公司`, codes[w], w), expect: { ...API401, a1: 403, officer: 201, admin: 201 } },

    { group: 'enterprise get', method: 'GET', url: `/api/v1/enterprises/${A}`, expect: { ...API401, a1: 200, officer: 200, admin: 200 } },
    { group: 'enterprise get', method: 'GET', url: `/api/v1/enterprises/${B}`, expect: { ...API401, a1: 404, officer: 200, admin: 200 }, touchesB: true },
    { group: 'enterprise get', method: 'GET', url: '/api/v1/enterprises/99999', expect: { ...API401, a1: 404, officer: 404, admin: 404 } },
    { group: 'enterprise update', method: 'PUT', url: `/api/v1/enterprises/${A}`, body: (w) => input(A_NAME, '91320583MA1XKCJ23G', w), expect: { ...API401, a1: 403, officer: 200, admin: 200 } },
    { group: 'enterprise update', method: 'PUT', url: `/api/v1/enterprises/${B}`, body: (w) => input(B_NAME, B_CODE, w), expect: { ...API401, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'enterprise contact', method: 'PATCH', url: `/api/v1/enterprises/${A}/contact`, body: (w) => ({ address: `甲方新址 ${w}`, dutyPhone: '13812345678' }), expect: { ...API401, a1: 200, officer: 200, admin: 200 } },
    { group: 'enterprise contact', method: 'PATCH', url: `/api/v1/enterprises/${B}/contact`, body: (w) => ({ address: `乙方新址 ${w}`, dutyPhone: '13812345678' }), expect: { ...API401, a1: 404, officer: 200, admin: 200 }, touchesB: true },
    { group: 'enterprise status', method: 'POST', url: `/api/v1/enterprises/${A}/status`, body: () => ({ status: 'approved' }), expect: { ...API401, a1: 403, officer: 200, admin: 200 } },
    { group: 'enterprise status', method: 'POST', url: `/api/v1/enterprises/${B}/status`, body: () => ({ status: 'approved' }), expect: { ...API401, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'enterprise users list', method: 'GET', url: `/api/v1/enterprises/${A}/users`, expect: { ...API401, a1: 200, officer: 200, admin: 200 } },
    { group: 'enterprise users list', method: 'GET', url: `/api/v1/enterprises/${B}/users`, expect: { ...API401, a1: 404, officer: 200, admin: 200 }, touchesB: true },
    { group: 'enterprise users create', method: 'POST', url: `/api/v1/enterprises/${A}/users`, body: (w) => ({ username: `new-a-${w}`, displayName: '新用户' }), expect: { ...API401, a1: 403, officer: 201, admin: 201 } },
    { group: 'enterprise users create', method: 'POST', url: `/api/v1/enterprises/${B}/users`, body: (w) => ({ username: `new-b-${w}`, displayName: '新用户' }), expect: { ...API401, a1: 403, officer: 201, admin: 201 }, touchesB: true },

    { group: 'staff', method: 'GET', url: '/api/v1/staff', expect: { ...API401, a1: 403, officer: 403, admin: 200 } },
    { group: 'staff', method: 'POST', url: '/api/v1/staff', body: (w) => ({ username: `staff-${w}`, displayName: '新警员', role: 'bureau_officer' }), expect: { ...API401, a1: 403, officer: 403, admin: 201 } },

    // Enterprise accounts: any bureau user; never an enterprise user, not even for a colleague.
    { group: 'users disable', method: 'POST', url: `/api/v1/users/${b2}/disable`, expect: { ...API401, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'users enable', method: 'POST', url: `/api/v1/users/${b2}/enable`, expect: { ...API401, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'users reset', method: 'POST', url: `/api/v1/users/${b1}/reset-password`, expect: { ...API401, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'users disable', method: 'POST', url: `/api/v1/users/${a2}/disable`, expect: { ...API401, a1: 403, officer: 200, admin: 200 } },
    { group: 'users enable', method: 'POST', url: `/api/v1/users/${a2}/enable`, expect: { ...API401, a1: 403, officer: 200, admin: 200 } },
    { group: 'users disable', method: 'POST', url: '/api/v1/users/99999/disable', expect: { ...API401, a1: 403, officer: 404, admin: 404 } },
    // Bureau accounts: the administrator's alone.
    { group: 'users disable', method: 'POST', url: `/api/v1/users/${officer2}/disable`, expect: { ...API401, a1: 403, officer: 403, admin: 200 } },
    { group: 'users enable', method: 'POST', url: `/api/v1/users/${officer2}/enable`, expect: { ...API401, a1: 403, officer: 403, admin: 200 } },
    { group: 'users reset', method: 'POST', url: `/api/v1/users/${officer2}/reset-password`, expect: { ...API401, a1: 403, officer: 403, admin: 200 } },

    // Portal pages.
    { group: 'page', page: true, method: 'GET', url: '/', expect: { anon: 303, a1: 303, officer: 200, admin: 200 }, location: { a1: /^\/enterprise$/ } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/enterprises', expect: { anon: 303, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'page', page: true, method: 'GET', url: `/bureau/enterprises/${B}`, expect: { anon: 303, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'page', page: true, method: 'GET', url: '/bureau/staff', expect: { anon: 303, a1: 403, officer: 403, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/enterprise', expect: { anon: 303, a1: 200, officer: [403, 303], admin: [403, 303] } },

    // Checkpoints and devices: the administrator's; a device is refused like anyone without a session.
    { group: 'checkpoints', method: 'GET', url: '/api/v1/checkpoints', expect: { ...API401, a1: 403, officer: 403, admin: 200 } },
    { group: 'checkpoints', method: 'POST', url: '/api/v1/checkpoints', body: (w) => ({ name: `矩阵卡口${w}`, location: '测试路', regionCode: '320583', direction: 'both' }), expect: { ...API401, a1: 403, officer: 403, admin: 201 } },
    { group: 'checkpoints', method: 'GET', url: `/api/v1/checkpoints/${checkpoint.id}/staff`, expect: { ...API401, a1: 403, officer: 403, admin: 200 } },
    { group: 'checkpoints', method: 'POST', url: `/api/v1/checkpoints/${checkpoint.id}/enrollment-codes`, expect: { ...API401, a1: 403, officer: 403, admin: 201 } },
    { group: 'devices admin', method: 'GET', url: '/api/v1/devices', expect: { ...API401, a1: 403, officer: 403, admin: 200 } },
    { group: 'devices admin', method: 'POST', url: `/api/v1/devices/${spareDevice.id}/revoke`, body: () => ({ reason: '矩阵测试' }), expect: { ...API401, a1: 403, officer: 403, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/checkpoints', expect: { anon: 303, a1: 403, officer: 403, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: `/bureau/checkpoints/${checkpoint.id}`, expect: { anon: 303, a1: 403, officer: 403, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/devices', expect: { anon: 303, a1: 403, officer: 403, admin: 200 } },

    // Device endpoints: a signed device request only; no session of any role gets in.
    { group: 'device endpoints', method: 'GET', url: '/api/v1/devices/me', expect: { ...all(401), device: 200 } },
    { group: 'device endpoints', method: 'GET', url: '/api/v1/devices/checkpoint-data', expect: { ...all(401), device: 200 } },
    { group: 'device endpoints', method: 'POST', url: '/api/v1/devices/heartbeat', body: () => ({ queueLength: 0, bundleAgeSec: 0 }), expect: { ...all(401), device: 200 } },
    // Shared with users: the trust bundle (any signed-in user) and the online check (the bureau).
    { group: 'device endpoints', method: 'GET', url: '/api/v1/trust/bundle', expect: { ...API401, a1: 200, officer: 200, admin: 200, device: 200 } },
    {
      group: 'device endpoints', method: 'POST', url: '/api/v1/checks/evaluate',
      body: () => ({ qrText: null, observed: { plate: '苏E54321', people: [{ passIndex: null, id4Matches: null, readings: [36.4], stays: [] }], staffKeyAreaFlag: false } }),
      expect: { ...API401, a1: 403, officer: 200, admin: 200, device: 200 },
    },
    // The escort loop: an enterprise reads and acts on its own requests only; the bureau reads all and acts on none.
    { group: 'escorts', method: 'GET', url: '/api/v1/escort-requests', expect: { ...API401, a1: 200, officer: 200, admin: 200 } },
    { group: 'escorts', method: 'GET', url: `/api/v1/escort-requests/${escortA}`, expect: { ...API401, a1: 200, officer: 200, admin: 200 } },
    { group: 'escorts', method: 'GET', url: `/api/v1/escort-requests/${escortB}`, expect: { ...API401, a1: 404, officer: 200, admin: 200 }, touchesB: true },
    { group: 'escorts', method: 'GET', url: `/api/v1/escort-requests/${escortB}/timeline`, expect: { ...API401, a1: 404, officer: 200, admin: 200 }, touchesB: true },
    { group: 'escorts', method: 'GET', url: '/api/v1/escort-requests/99999', expect: { ...API401, a1: 404, officer: 404, admin: 404 } },
    { group: 'escorts', method: 'POST', url: `/api/v1/escort-requests/${escortB}/dispatch`, body: () => ({ escortName: '王强', escortPhone: '13800005678' }), expect: { ...API401, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'escorts', method: 'POST', url: `/api/v1/escort-requests/${escortB}/arrival`, body: () => ({}), expect: { ...API401, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'escorts', method: 'POST', url: `/api/v1/escort-requests/${escortB}/isolations`, body: isolation, expect: { ...API401, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'escorts', method: 'POST', url: `/api/v1/escort-requests/${escortB}/isolations/0/end`, body: () => ({ endedOn: chinaDate(0) }), expect: { ...API401, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'escorts', method: 'GET', url: '/api/v1/pass-checks', expect: { ...API401, a1: 200, officer: 200, admin: 200 } },
    { group: 'escorts', method: 'GET', url: `/api/v1/pass-checks?enterpriseId=${B}`, expect: { ...API401, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'device endpoints', method: 'GET', url: '/api/v1/devices/escort-requests', expect: { ...all(401), device: 200 } },
    { group: 'page', page: true, method: 'GET', url: `/enterprise/escorts/${escortA}`, expect: { anon: 303, a1: 200, officer: 403, admin: 403 } },
    { group: 'page', page: true, method: 'GET', url: `/enterprise/escorts/${escortB}`, expect: { anon: 303, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'page', page: true, method: 'GET', url: '/enterprise/checks', expect: { anon: 303, a1: 200, officer: 403, admin: 403 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/escorts', expect: { anon: 303, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'page', page: true, method: 'GET', url: `/bureau/escorts/${escortB}`, expect: { anon: 303, a1: 403, officer: 200, admin: 200 }, touchesB: true },

    // Issue 14's audit console: the bureau only.
    { group: 'audit console', method: 'GET', url: '/api/v1/audit/checks', expect: { ...API401, a1: 403, officer: 200, admin: 200 } },
    { group: 'audit console', method: 'GET', url: '/api/v1/audit/checks?decision=ESCORT&fever=1', expect: { ...API401, a1: 403, officer: 200, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/dashboard', expect: { anon: 303, a1: 403, officer: 200, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/checks', expect: { anon: 303, a1: 403, officer: 200, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/checks.csv', expect: { anon: 303, a1: 403, officer: 200, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/checks/00000000-0000-4000-8000-000000000001', expect: { anon: 303, a1: 403, officer: 404, admin: 404 } },
    { group: 'audit console', method: 'GET', url: '/api/v1/audit/actions', expect: { ...API401, a1: 403, officer: 200, admin: 200 } },
    { group: 'audit console', method: 'GET', url: '/api/v1/audit/actions?action=pass.revoke&devices=1', expect: { ...API401, a1: 403, officer: 200, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/audit/actions', expect: { anon: 303, a1: 403, officer: 200, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/audit/actions.csv', expect: { anon: 303, a1: 403, officer: 200, admin: 200 } },
    { group: 'anomalies', method: 'GET', url: '/api/v1/audit/anomalies', expect: { ...API401, a1: 403, officer: 200, admin: 200 } },
    { group: 'anomalies', method: 'GET', url: '/api/v1/audit/anomalies?kind=chain_fork&from=2026-11-01', expect: { ...API401, a1: 403, officer: 200, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/anomalies', expect: { anon: 303, a1: 403, officer: 200, admin: 200 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/anomalies.csv', expect: { anon: 303, a1: 403, officer: 200, admin: 200 } },

    // Public: the code is the credential; a bad one is refused alike for everyone.
    { group: 'device endpoints', method: 'POST', url: '/api/v1/devices/enroll', body: () => ({ code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', publicJwk: device.publicJwk }), expect: all(403) },

    // Webhooks: an enterprise manages its own endpoints; B's answer 404 to A; the bureau reads all and changes none.
    { group: 'webhooks', method: 'GET', url: '/api/v1/webhooks', expect: { ...API401, a1: 200, officer: 200, admin: 200 } },
    { group: 'webhooks', method: 'POST', url: '/api/v1/webhooks', body: () => ({ url: 'https://8.8.8.8/kakou-hook' }), expect: { ...API401, a1: 201, officer: 403, admin: 403 } },
    { group: 'webhooks', method: 'GET', url: `/api/v1/webhooks/${hookB}`, expect: { ...API401, a1: 404, officer: 200, admin: 200 }, touchesB: true },
    { group: 'webhooks', method: 'GET', url: `/api/v1/webhooks/${hookB}/deliveries`, expect: { ...API401, a1: 404, officer: 200, admin: 200 }, touchesB: true },
    { group: 'webhooks', method: 'PATCH', url: `/api/v1/webhooks/${hookB}`, body: () => ({ enabled: true }), expect: { ...API401, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'webhooks', method: 'POST', url: `/api/v1/webhooks/${hookB}/rotate-secret`, expect: { ...API401, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'webhooks', method: 'POST', url: `/api/v1/webhooks/${hookB}/test`, expect: { ...API401, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'webhooks', method: 'DELETE', url: `/api/v1/webhooks/${hookB}`, expect: { ...API401, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'webhooks', method: 'GET', url: `/api/v1/webhook-deliveries/${deliveryB}`, expect: { ...API401, a1: 404, officer: 200, admin: 200 }, touchesB: true },
    { group: 'webhooks', method: 'POST', url: `/api/v1/webhook-deliveries/${deliveryB}/resend`, expect: { ...API401, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'page', page: true, method: 'GET', url: '/enterprise/webhooks', expect: { anon: 303, a1: 200, officer: 403, admin: 403 } },
    { group: 'page', page: true, method: 'GET', url: `/enterprise/webhooks/${hookB}`, expect: { anon: 303, a1: 404, officer: 403, admin: 403 }, touchesB: true },
    { group: 'page', page: true, method: 'GET', url: '/enterprise/escorts/duty-sheet', expect: { anon: 303, a1: 200, officer: 403, admin: 403 } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/webhooks', expect: { anon: 303, a1: 403, officer: 200, admin: 200 }, touchesB: true },
    { group: 'page', page: true, method: 'GET', url: '/bureau/audit/integrity', expect: { anon: 303, a1: 403, officer: 200, admin: 200 } },
    // Verifying the log and signing a checkpoint write to it: admins only; an officer reads the result.
    { group: 'page', page: true, method: 'POST', url: '/bureau/audit/integrity/verify', expect: { anon: 303, a1: 403, officer: 403, admin: 303 }, location: { admin: /^\/bureau\/audit\/integrity\?done=verified$/ } },
    { group: 'page', page: true, method: 'POST', url: '/bureau/audit/integrity/checkpoint', expect: { anon: 303, a1: 403, officer: 403, admin: 303 }, location: { admin: /^\/bureau\/audit\/integrity\?done=signed$/ } },
    { group: 'page', page: true, method: 'GET', url: '/bureau/audit/retention', expect: { anon: 303, a1: 403, officer: 200, admin: 200 } },
    // The period and an erasure now: admins only (the default period again, and nothing here is old enough to erase).
    { group: 'page', page: true, method: 'POST', url: '/bureau/audit/retention', body: () => ({ days: 180 }), expect: { anon: 303, a1: 403, officer: 403, admin: 303 }, location: { admin: /^\/bureau\/audit\/retention\?done=saved$/ } },
    { group: 'page', page: true, method: 'POST', url: '/bureau/audit/retention/run', expect: { anon: 303, a1: 403, officer: 403, admin: 303 }, location: { admin: /^\/bureau\/audit\/retention\?done=run&n=0$/ } },
    { group: 'page', page: true, method: 'GET', url: `/bureau/webhooks/${hookB}`, expect: { anon: 303, a1: 403, officer: 200, admin: 200 }, touchesB: true },
  ];

  for (const row of rows) {
    const name = `${row.group}: ${row.method} ${row.url}`;
    await t.test(name, async (t) => {
      for (const who of WHO) {
        const want = who === 'device' ? (row.expect.device === undefined ? (row.page ? 303 : 401) : row.expect.device) : row.expect[who];
        if (want === null) continue;
        const res = await clients[who].request(row.method, row.url, row.body?.(who));
        const ok = Array.isArray(want) ? want.includes(res.statusCode) : res.statusCode === want;
        t.ok(ok, `${who} → ${res.statusCode} (want ${String(want)})`, { body: res.body.slice(0, 300) });

        if ((who === 'anon' || who === 'device') && row.page) t.match(String(res.headers.location), /^\/login\?next=/, `${who}: sent to sign in`);
        if ((who === 'anon' || who === 'device') && !row.page && res.statusCode === 401) t.equal(res.json().code, 'unauthenticated');
        const loc = row.location?.[who];
        if (loc) t.match(String(res.headers.location), loc, `${who}: redirect target`);
        if (res.statusCode >= 400 && !row.page) t.match(res.headers['content-type'], /^application\/problem\+json/, `${who}: problem+json`);
        if (who === 'a1' && row.touchesB) {
          t.ok(res.statusCode >= 400, 'a1 is refused on B');
          t.notMatch(res.body, B_NAME, 'no B name in the refusal');
          t.notMatch(res.body, B_CODE, 'no B credit code in the refusal');
          t.notMatch(res.body, 'bravo-', 'no B usernames in the refusal');
          t.notMatch(res.body, B_USER_DISPLAY, 'no B display names in the refusal');
        }
      }
    });
  }

  t.test('after the matrix: nothing a1 was refused happened', async (t) => {
    const b = (await ctx.repos.enterprises.get(B))!;
    t.notMatch(b.address, /a1/, "B's address was never a1's");
    t.notOk(await ctx.repos.users.getWithHash('new-b-a1'), 'a1 created no account in B');
    t.notOk(await ctx.repos.users.getWithHash('new-a-a1'), 'a1 created no account in A');
    t.notOk(await ctx.repos.users.getWithHash('staff-a1'));
    t.notOk(await ctx.repos.users.getWithHash('staff-officer'), 'the officer created no staff');
    t.ok(await ctx.repos.users.getWithHash('staff-admin'), 'the admin did');
    t.notOk(await ctx.repos.enterprises.getByCreditCode(codes.a1), 'a1 registered no enterprise');
    const byA1 = await ctx.repos.store
      .q()
      .selectFrom('audit_log')
      .select(['action', 'enterprise_id'])
      .where('actor_type', '=', 'user')
      .where('actor_name', '=', 'alpha-one')
      .execute();
    t.same(
      [...new Set(byA1.map((r) => r.action))].sort(),
      ['enterprise.update_contact', 'login', 'webhook.create'],
      'a1 signed in, changed its own contact details and added its own webhook endpoint, nothing else',
    );
    t.ok(byA1.every((r) => r.enterprise_id === A), "a1's audited actions are all within A");
  });

  t.test('an enterprise user sees only its own enterprise in full', async (t) => {
    const own = await clients.a1.request('GET', `/api/v1/enterprises/${A}`);
    t.match(own.json(), { id: A, name: A_NAME, status: 'approved' });
    const users = (await clients.a1.request('GET', `/api/v1/enterprises/${A}/users`)).json() as { username: string; enterpriseId: number }[];
    t.ok(users.length >= 2);
    t.ok(users.every((u) => u.enterpriseId === A), 'only A accounts');
    t.notMatch(JSON.stringify(users), /passwordHash|argon2/, 'no hashes');
    // 404 for B looks exactly like 404 for an id that does not exist.
    const b = await clients.a1.request('GET', `/api/v1/enterprises/${B}`);
    const none = await clients.a1.request('GET', '/api/v1/enterprises/99999');
    t.same({ ...b.json(), instance: null }, { ...none.json(), instance: null }, "B's existence does not leak");
  });
});

/**
 * Token scopes × routes: API tokens (Authorization: Bearer, no cookie, no
 * CSRF) reach only the routes their scopes list, with their role, within
 * their enterprise. Callers: aRead (enterprise A; passes:read, fleet:read,
 * enterprises:read), aWrite (A; passes:write, fleet:write), officer (bureau
 * officer; passes:read, passes:decide, checks:evaluate), expired and revoked
 * (A; every enterprise scope).
 */
type TokenWho = 'aRead' | 'aWrite' | 'officer' | 'expired' | 'revoked';
const TOKEN_WHO: readonly TokenWho[] = ['aRead', 'aWrite', 'officer', 'expired', 'revoked'];

t.test('token scope × route matrix', async (t) => {
  const ctx = await setup(t);
  const A = await ctx.enterprise(A_NAME, '91320583MA1XKCJ23G', 'approved');
  const B = await ctx.enterprise(B_NAME, B_CODE, 'approved');
  await ctx.user('enterprise_user', 'alpha-one', A);
  await ctx.user('enterprise_user', 'bravo-one', B);
  await ctx.user('bureau_admin', 'admin-one');
  const admin = await loggedIn(ctx.app, 'admin-one', { remoteAddress: '10.4.0.1' });
  const a1 = await loggedIn(ctx.app, 'alpha-one', { remoteAddress: '10.4.0.2' });
  const b1 = await loggedIn(ctx.app, 'bravo-one', { remoteAddress: '10.4.0.3' });

  // One issued pass in each enterprise, made with sessions.
  const passOf = async (c: Client, plate: string, tag: string) => {
    const crew = await fleet(c, plate, tag);
    const p = await c.request('POST', '/api/v1/passes', {
      vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId], validFrom: chinaDate(0), validTo: chinaDate(6),
      originRegion: '320583', destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts',
    });
    const id = (p.json() as { id: number }).id;
    await c.request('POST', `/api/v1/passes/${id}/submit`);
    return { id, vehicleId: crew.vehicleId };
  };
  const passA = await passOf(a1, '苏E11111', '1');
  const passB = await passOf(b1, '苏E33333', '3');
  const submittedB = await passOf(b1, '苏E44444', '4');
  for (const id of [passA.id, passB.id]) await admin.request('POST', `/api/v1/passes/${id}/approve`);

  const aScopes = ['passes:read', 'passes:write', 'fleet:read', 'fleet:write', 'enterprises:read'];
  const tokens: Record<TokenWho, string> = {
    aRead: (await createToken(admin, { name: 'a-read', role: 'enterprise_user', enterpriseId: A, scopes: ['passes:read', 'fleet:read', 'enterprises:read'] })).token,
    aWrite: (await createToken(a1, { name: 'a-write', scopes: ['passes:write', 'fleet:write'] })).token,
    officer: (await createToken(admin, { name: 'officer', role: 'bureau_officer', scopes: ['passes:read', 'passes:decide', 'checks:evaluate'] })).token,
    expired: '',
    revoked: '',
  };
  const expired = await createToken(a1, { name: 'expired', scopes: aScopes });
  await ctx.repos.store.q().updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1).toISOString() }).where('id', '=', expired.id).execute();
  tokens.expired = expired.token;
  const revoked = await createToken(a1, { name: 'revoked', scopes: aScopes });
  await a1.request('POST', `/api/v1/tokens/${revoked.id}/revoke`);
  tokens.revoked = revoked.token;
  const clients = Object.fromEntries(TOKEN_WHO.map((w) => [w, new BearerClient(ctx.app, tokens[w], { remoteAddress: '10.4.1.1' })])) as Record<TokenWho, BearerClient>;

  const dead = { expired: 401, revoked: 401 } as const;
  const evaluateBody = { qrText: null, observed: { plate: '苏E54321', people: [{ passIndex: null, id4Matches: null, readings: [36.4], stays: [] }], staffKeyAreaFlag: false } };
  const rows: { name: string; method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; body?: unknown; expect: Record<TokenWho, number> }[] = [
    { name: 'own pass', method: 'GET', url: `/api/v1/passes/${passA.id}`, expect: { aRead: 200, aWrite: 403, officer: 200, ...dead } },
    { name: "another enterprise's pass", method: 'GET', url: `/api/v1/passes/${passB.id}`, expect: { aRead: 404, aWrite: 403, officer: 200, ...dead } },
    { name: "another enterprise's QR", method: 'GET', url: `/api/v1/passes/${passB.id}/token`, expect: { aRead: 404, aWrite: 403, officer: 200, ...dead } },
    { name: "another enterprise's vehicle", method: 'GET', url: `/api/v1/vehicles/${passB.vehicleId}`, expect: { aRead: 404, aWrite: 403, officer: 403, ...dead } },
    { name: "another enterprise's details", method: 'GET', url: `/api/v1/enterprises/${B}`, expect: { aRead: 404, aWrite: 403, officer: 403, ...dead } },
    { name: 'own enterprise', method: 'GET', url: `/api/v1/enterprises/${A}`, expect: { aRead: 200, aWrite: 403, officer: 403, ...dead } },
    { name: 'enterprise list (bureau route)', method: 'GET', url: '/api/v1/enterprises', expect: { aRead: 403, aWrite: 403, officer: 403, ...dead } },
    { name: 'a write with a read scope', method: 'POST', url: '/api/v1/vehicles', body: { plate: '苏E55555', type: 'truck' }, expect: { aRead: 403, aWrite: 201, officer: 403, ...dead } },
    { name: "submit another enterprise's application", method: 'POST', url: `/api/v1/passes/${submittedB.id}/submit`, expect: { aRead: 403, aWrite: 404, officer: 403, ...dead } },
    { name: 'approve (bureau route)', method: 'POST', url: `/api/v1/passes/${submittedB.id}/approve`, expect: { aRead: 403, aWrite: 403, officer: 200, ...dead } },
    { name: 'online check', method: 'POST', url: '/api/v1/checks/evaluate', body: evaluateBody, expect: { aRead: 403, aWrite: 403, officer: 200, ...dead } },
    { name: 'check events (no scope)', method: 'GET', url: '/api/v1/events', expect: { aRead: 403, aWrite: 403, officer: 403, ...dead } },
    { name: 'reveal ID number (in no scope)', method: 'POST', url: '/api/v1/people/1/reveal', body: { reason: '矩阵测试' }, expect: { aRead: 403, aWrite: 403, officer: 403, ...dead } },
    { name: 'accounts (in no scope)', method: 'GET', url: `/api/v1/enterprises/${A}/users`, expect: { aRead: 403, aWrite: 403, officer: 403, ...dead } },
    { name: 'staff (admin route)', method: 'GET', url: '/api/v1/staff', expect: { aRead: 403, aWrite: 403, officer: 403, ...dead } },
    { name: 'tokens (never with a token)', method: 'GET', url: '/api/v1/tokens', expect: { aRead: 403, aWrite: 403, officer: 403, ...dead } },
    { name: 'webhooks (never with a token: secrets are shown to people only)', method: 'GET', url: '/api/v1/webhooks', expect: { aRead: 403, aWrite: 403, officer: 403, ...dead } },
    { name: 'sign out (no session)', method: 'DELETE', url: '/api/v1/session', expect: { aRead: 403, aWrite: 403, officer: 403, ...dead } },
    { name: 'device route', method: 'GET', url: '/api/v1/devices/me', expect: { aRead: 401, aWrite: 401, officer: 401, ...dead } },
    { name: 'portal page', method: 'GET', url: '/enterprise', expect: { aRead: 403, aWrite: 403, officer: 403, ...dead } },
    { name: 'portal page (bureau)', method: 'GET', url: '/bureau/passes', expect: { aRead: 403, aWrite: 403, officer: 403, ...dead } },
    { name: 'public route', method: 'GET', url: '/api/v1/trust/revocations', expect: { aRead: 200, aWrite: 200, officer: 200, ...dead } },
  ];
  for (const row of rows) {
    await t.test(`${row.name}: ${row.method} ${row.url}`, async (t) => {
      for (const who of TOKEN_WHO) {
        const res = await clients[who].request(row.method, row.url, row.body);
        t.equal(res.statusCode, row.expect[who], `${who} → ${res.statusCode}`, { body: res.body.slice(0, 300) });
        if (who === 'expired' || who === 'revoked') t.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token"');
        if (who === 'aRead' || who === 'aWrite') {
          t.notMatch(res.body, B_NAME, 'nothing of B');
          t.notMatch(res.body, '苏E33333', "no B's plate");
        }
      }
    });
  }
  t.test('after the token matrix: nothing out of scope happened', async (t) => {
    t.equal((await ctx.repos.passes.get(submittedB.id))?.status, 'issued', "B's application: issued by the officer's token only");
    const byTokens = await ctx.repos.store.q().selectFrom('audit_log').select(['action', 'enterprise_id']).where('actor_name', 'like', 'token:%').execute();
    t.same([...new Set(byTokens.map((r) => r.action))].sort(), ['pass.issue', 'pass.print', 'vehicle.create'], 'one vehicle by aWrite, prints, the officer token approval');
    t.ok(byTokens.filter((r) => r.action === 'vehicle.create').every((r) => r.enterprise_id === A), 'the enterprise token wrote within A only');
  });
});

/**
 * Item 7, the charter board: carrier (a carrier_user), enterprise A (a1) and B (b1), the bureau
 * (an officer), anonymous and an enrolled device. A's need is served by the carrier's run; B has
 * its own need, which no run serves. Writes are ordered so that the one caller allowed acts last
 * or alone; `null` is not exercised.
 */
type CharterWho = 'anon' | 'carrier' | 'a1' | 'b1' | 'officer' | 'device';
const CHARTER_WHO: readonly CharterWho[] = ['anon', 'carrier', 'a1', 'b1', 'officer', 'device'];

t.test('charter role × route matrix', async (t) => {
  const ctx = await setup(t);
  const A = await ctx.enterprise(A_NAME, '91320583MA1XKCJ23G', 'approved');
  const B = await ctx.enterprise(B_NAME, B_CODE, 'approved');
  await ctx.user('enterprise_user', 'alpha-one', A);
  await ctx.user('enterprise_user', 'bravo-one', B);
  await ctx.user('bureau_officer', 'officer-one');
  const carrierId = (await ctx.repos.charter.insertCarrier({ name: '矩阵客运公司', creditCode: creditCode(201), dutyPhone: '051257001111' })).id;
  const hash = (await ctx.repos.users.getWithHash('alpha-one'))!.passwordHash;
  await ctx.repos.users.insert({ username: 'coach-one', displayName: '客运调度', role: 'carrier_user', enterpriseId: null, carrierId, passwordHash: hash, mustChangePassword: false });
  const checkpoint = await ctx.repos.checkpoints.insert({ name: '包车矩阵卡口', location: '测试路 2 号', regionCode: '320583', direction: 'both' });
  const clients: Record<CharterWho, Pick<Client, 'request'>> = {
    anon: new Client(ctx.app, { remoteAddress: '10.5.0.1' }),
    carrier: await loggedIn(ctx.app, 'coach-one', { remoteAddress: '10.5.0.2' }),
    a1: await loggedIn(ctx.app, 'alpha-one', { remoteAddress: '10.5.0.3' }),
    b1: await loggedIn(ctx.app, 'bravo-one', { remoteAddress: '10.5.0.4' }),
    officer: await loggedIn(ctx.app, 'officer-one', { remoteAddress: '10.5.0.5' }),
    device: await simulateDevice(ctx, checkpoint.id),
  };
  await (clients.anon as Client).refreshCsrf();

  const need = (c: Pick<Client, 'request'>, workers: number) => c.request('POST', '/api/v1/charter/needs', {
    originRegion: '510100', workers, earliestDate: chinaDate(1), latestDate: chinaDate(5), contactName: '王经理', contactPhone: '13912340000',
  }).then((r) => (r.json() as { id: number }).id);
  const needA = await need(clients.a1, 40);
  const needB = await need(clients.b1, 10);
  const needB2 = await need(clients.b1, 5);
  const run = (needId: number, seats: number) => clients.carrier.request('POST', '/api/v1/charter/runs', {
    plate: '苏E66666', driverName: '赵师傅', driverIdNumber: citizenId('32058319750303123'), driverPhone: '13800001111',
    departureAt: `${chinaDate(2)}T08:00:00+08:00`, arrivalBy: `${chinaDate(2)}T20:00:00+08:00`, route: '成都—昆山', needs: [{ needId, seats }],
  }).then((r) => (r.json() as { id: number }).id);
  const runA = await run(needA, 10);
  const runToReject = await run(needA, 10);
  const runToCancel = await run(needA, 10);
  const passenger = { name: '员工甲', idNumber: citizenId('51010419900101001'), phone: '13900000001', originRegion: '510100', stays: [] };
  const csv = Buffer.from(`姓名,身份证号,手机,始发地区划\n员工乙,${citizenId('51010419900101002')},13900000002,510100\n`).toString('base64');

  const cells = (base: number, o: Partial<Record<CharterWho, number>>): Record<CharterWho, number | null> =>
    Object.fromEntries(CHARTER_WHO.map((w) => [w, o[w] ?? (w === 'anon' || w === 'device' ? base : null)])) as Record<CharterWho, number | null>;
  const api = (o: Partial<Record<CharterWho, number>>) => cells(401, o);
  const page = (o: Partial<Record<CharterWho, number>>) => cells(303, o);
  const rows: { method: 'GET' | 'POST' | 'PUT'; url: string; body?: (w: CharterWho) => unknown; expect: Record<CharterWho, number | null>; page?: boolean }[] = [
    { method: 'GET', url: '/api/v1/charter/needs', expect: api({ carrier: 200, a1: 200, b1: 200, officer: 200 }) },
    { method: 'GET', url: `/api/v1/charter/needs/${needA}`, expect: api({ carrier: 200, a1: 200, b1: 404, officer: 200 }) },
    { method: 'GET', url: `/api/v1/charter/needs/${needB}`, expect: api({ carrier: 200, a1: 404, b1: 200, officer: 200 }) },
    { method: 'POST', url: '/api/v1/charter/needs', body: () => ({ originRegion: '510100', workers: 3, earliestDate: chinaDate(1), latestDate: chinaDate(2), contactName: '李', contactPhone: '13912340001' }), expect: api({ carrier: 403, a1: 201, b1: 201, officer: 403 }) },
    { method: 'POST', url: `/api/v1/charter/needs/${needB2}/cancel`, expect: api({ carrier: 403, a1: 404, b1: 200, officer: 403 }) },
    { method: 'GET', url: '/api/v1/charter/runs', expect: api({ carrier: 200, a1: 200, b1: 200, officer: 200 }) },
    { method: 'GET', url: `/api/v1/charter/runs/${runA}`, expect: api({ carrier: 200, a1: 200, b1: 404, officer: 200 }) },
    { method: 'POST', url: '/api/v1/charter/runs', body: () => ({ plate: '苏E77777', driverName: '钱师傅', driverIdNumber: citizenId('32058319750303124'), driverPhone: '13800001112', departureAt: `${chinaDate(3)}T08:00:00+08:00`, arrivalBy: `${chinaDate(3)}T20:00:00+08:00`, route: '成都—昆山', needs: [{ needId: needB, seats: 1 }] }), expect: api({ carrier: 201, a1: 403, b1: 403, officer: 403 }) },
    { method: 'PUT', url: `/api/v1/charter/runs/${runA}/needs/${needA}/passengers`, body: () => ({ passengers: [passenger] }), expect: api({ carrier: 403, a1: 200, b1: 404, officer: 403 }) },
    { method: 'POST', url: `/api/v1/charter/runs/${runA}/needs/${needA}/manifest`, body: () => ({ format: 'csv', content: csv }), expect: api({ carrier: 403, a1: 200, b1: 404, officer: 403 }) },
    { method: 'POST', url: `/api/v1/charter/runs/${runA}/confirm`, expect: api({ carrier: 403, b1: 404, officer: 403, a1: 200 }) },
    { method: 'POST', url: `/api/v1/charter/runs/${runA}/approve`, body: () => ({ checkpointIds: [checkpoint.id] }), expect: api({ carrier: 403, a1: 403, b1: 403, officer: 200 }) },
    { method: 'POST', url: `/api/v1/charter/runs/${runToReject}/reject`, body: () => ({ reason: '矩阵测试驳回' }), expect: api({ carrier: 403, a1: 403, b1: 403, officer: 200 }) },
    { method: 'POST', url: `/api/v1/charter/runs/${runToCancel}/cancel`, expect: api({ a1: 403, b1: 403, officer: 403, carrier: 200 }) },
    { method: 'GET', url: '/api/v1/carriers', expect: api({ carrier: 403, a1: 403, b1: 403, officer: 200 }) },
    { method: 'POST', url: '/api/v1/carriers', body: () => ({ name: '新登记客运公司', creditCode: creditCode(202), dutyPhone: '051257002222' }), expect: api({ carrier: 403, a1: 403, b1: 403, officer: 201 }) },
    { method: 'GET', url: `/api/v1/carriers/${carrierId}/users`, expect: api({ carrier: 403, a1: 403, b1: 403, officer: 200 }) },
    { method: 'POST', url: `/api/v1/carriers/${carrierId}/users`, body: (w) => ({ username: `coach-new-${w}`, displayName: '新调度' }), expect: api({ carrier: 403, a1: 403, b1: 403, officer: 201 }) },
    // A carrier reaches nothing of the freight-pass portal.
    { method: 'GET', url: '/api/v1/passes', expect: api({ carrier: 403, a1: 200, b1: 200, officer: 200 }) },
    { method: 'GET', url: '/api/v1/people', expect: api({ carrier: 403, a1: 200, b1: 200, officer: 200 }) },
    { method: 'GET', url: `/api/v1/enterprises/${A}`, expect: api({ carrier: 403, a1: 200, b1: 404, officer: 200 }) },
    { method: 'GET', url: '/api/v1/session', expect: { anon: 200, carrier: 200, a1: 200, b1: 200, officer: 200, device: 200 } },
    { page: true, method: 'GET', url: '/enterprise/charter', expect: page({ carrier: 403, a1: 200, b1: 200, officer: 403 }) },
    { page: true, method: 'GET', url: `/enterprise/charter/runs/${runA}`, expect: page({ carrier: 403, a1: 200, b1: 404, officer: 403 }) },
    { page: true, method: 'GET', url: '/carrier', expect: page({ carrier: 200, a1: 403, b1: 403, officer: 403 }) },
    { page: true, method: 'GET', url: `/carrier/runs/${runA}`, expect: page({ carrier: 200, a1: 403, b1: 403, officer: 403 }) },
    { page: true, method: 'GET', url: '/bureau/charter', expect: page({ carrier: 403, a1: 403, b1: 403, officer: 200 }) },
    { page: true, method: 'GET', url: `/bureau/charter/runs/${runA}`, expect: page({ carrier: 403, a1: 403, b1: 403, officer: 200 }) },
    { page: true, method: 'GET', url: '/bureau/carriers', expect: page({ carrier: 403, a1: 403, b1: 403, officer: 200 }) },
    { page: true, method: 'GET', url: '/enterprise/passes', expect: page({ carrier: 403, a1: 200, b1: 200, officer: 403 }) },
    // The charter pass (issued when runA was approved above): printed by the carrier and the bureau,
    // the expected-runs document for devices only, revoked by the bureau last.
    { page: true, method: 'GET', url: `/carrier/runs/${runA}/pass`, expect: page({ carrier: 200, a1: 403, b1: 403, officer: 403 }) },
    { page: true, method: 'GET', url: `/bureau/charter/runs/${runA}/pass`, expect: page({ carrier: 403, a1: 403, b1: 403, officer: 200 }) },
    { method: 'GET', url: '/api/v1/devices/charter-runs', expect: { anon: 401, carrier: 401, a1: 401, b1: 401, officer: 401, device: 200 } },
    { method: 'POST', url: `/api/v1/charter/runs/${runA}/pass/revoke`, body: () => ({ reason: '矩阵测试撤销' }), expect: api({ carrier: 403, a1: 403, b1: 403, officer: 200 }) },
  ];
  for (const row of rows) {
    await t.test(`${row.method} ${row.url}`, async (t) => {
      for (const who of CHARTER_WHO) {
        const want = row.expect[who];
        if (want === null) continue;
        const res = await clients[who].request(row.method, row.url, row.body?.(who));
        t.equal(res.statusCode, want, `${who} → ${res.statusCode}`, { body: res.body.slice(0, 300) });
        if (who === 'a1' && res.statusCode === 200) t.notMatch(res.body, B_NAME, 'nothing of B for A');
        if (who === 'b1') t.notMatch(res.body, '员工甲', "none of A's passengers for B");
        if (who === 'carrier') t.notMatch(res.body, '51010419900101', 'no passenger ID number for the carrier');
      }
    });
  }
  t.test('after the charter matrix: only the allowed writes happened', async (t) => {
    t.equal((await ctx.repos.charter.getRun(runA))!.status, 'approved');
    t.ok((await ctx.repos.charter.passOfRun(runA))!.revoked_at, 'the pass was revoked by the officer only');
    t.same((await ctx.repos.charter.runCheckpoints(runA)).map((c) => c.id), [checkpoint.id]);
    t.equal((await ctx.repos.charter.getRun(runToReject))!.status, 'rejected');
    t.equal((await ctx.repos.charter.getRun(runToCancel))!.status, 'cancelled');
    t.equal((await ctx.repos.charter.getNeed(needB2))!.status, 'cancelled');
    t.notOk(await ctx.repos.users.getWithHash('coach-new-carrier'), 'a carrier opens no accounts');
    t.ok(await ctx.repos.users.getWithHash('coach-new-officer'));
    t.equal((await ctx.repos.charter.passengers(runA)).length, 1, "A's upload replaced A's form list; B added none");
  });
});

/**
 * Item 7 at the checkpoint, custody tasks: enterprise A (a) and B (b) each have one task from a
 * signed charter check; the bureau reads all and records nothing; carriers, devices and anonymous
 * callers reach none. B's writes come last, after everyone else was refused.
 */
t.test('custody role × route matrix', async (t) => {
  const w = await custodyWorld(t);
  const { c, approved } = w;
  const event = await w.dev.next(charterCheck(approved, { outcomes: { [w.placeOf('张三')]: 'CUSTODY', [w.placeOf('赵六')]: 'CUSTODY' } }));
  await custodyUpload(w.scanner, [event]);
  const taskOf = async (enterpriseId: number) =>
    (await w.ctx.repos.store.q().selectFrom('charter_custody').select('id').where('enterprise_id', '=', enterpriseId).executeTakeFirstOrThrow()).id;
  const taskA = await taskOf(w.A);
  const taskB = await taskOf(w.B);
  type Who = 'anon' | 'carrier' | 'a' | 'b' | 'officer' | 'device';
  const WHO: readonly Who[] = ['anon', 'carrier', 'a', 'officer', 'device', 'b'];
  const anon = new Client(w.ctx.app, { remoteAddress: '10.6.0.1' });
  await anon.refreshCsrf();
  const clients: Record<Who, Pick<Client, 'request'>> = { anon, carrier: c.carrier, a: c.a, b: c.b, officer: c.officer, device: w.scanner };
  const api = (o: Partial<Record<Who, number>>) => ({ anon: 401, device: 401, carrier: 403, ...o }) as Record<Who, number>;
  const page = (o: Partial<Record<Who, number>>) => ({ anon: 303, device: 303, carrier: 403, ...o }) as Record<Who, number>;
  const isolation = () => ({ place: '员工宿舍 3 号楼', startDate: chinaDate(0), plannedEnd: chinaDate(14), responsible: '王经理' });
  const rows: { method: 'GET' | 'POST'; url: string; body?: () => unknown; expect: Record<Who, number> }[] = [
    { method: 'GET', url: '/api/v1/custody', expect: api({ a: 200, b: 200, officer: 200 }) },
    { method: 'GET', url: `/api/v1/custody/${taskA}`, expect: api({ a: 200, b: 404, officer: 200 }) },
    { method: 'GET', url: '/api/v1/custody/99999', expect: api({ a: 404, b: 404, officer: 404 }) },
    { method: 'GET', url: '/api/v1/custody/flags', expect: api({ a: 403, b: 403, officer: 200 }) },
    { method: 'POST', url: `/api/v1/custody/${taskB}/isolation`, body: isolation, expect: api({ a: 404, officer: 403, b: 200 }) },
    { method: 'POST', url: `/api/v1/custody/${taskB}/isolation/end`, body: () => ({ endedOn: chinaDate(0) }), expect: api({ a: 404, officer: 403, b: 200 }) },
    { method: 'GET', url: '/enterprise/custody', expect: page({ a: 200, b: 200, officer: 403 }) },
    { method: 'GET', url: `/enterprise/custody/${taskA}`, expect: page({ a: 200, b: 404, officer: 403 }) },
    { method: 'GET', url: '/bureau/custody', expect: page({ a: 403, b: 403, officer: 200 }) },
  ];
  for (const row of rows) {
    await t.test(`${row.method} ${row.url}`, async (t) => {
      for (const who of WHO) {
        const res = await clients[who].request(row.method, row.url, row.body?.());
        t.equal(res.statusCode, row.expect[who], `${who} → ${res.statusCode}`, { body: res.body.slice(0, 300) });
        if (who === 'a' && res.statusCode === 200) t.notMatch(res.body, '赵六', "nothing of B's passengers for A");
        if (who === 'b' && res.statusCode === 200) t.notMatch(res.body, '张三', "nothing of A's passengers for B");
      }
    });
  }
  t.test('after the custody matrix: only B recorded, on its own task', async (t) => {
    t.match(await w.ctx.app.services.custody.get(await actorOf(w.ctx, (await w.ctx.repos.users.getWithHash('officer'))!.id), taskB), { status: 'ended' });
    t.match(await w.ctx.app.services.custody.get(await actorOf(w.ctx, (await w.ctx.repos.users.getWithHash('officer'))!.id), taskA), { status: 'unrecorded' });
  });
});
