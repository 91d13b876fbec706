import t, { type Test } from 'tap';
import { setup, type TestContext } from '../../helpers/app.js';
import { Client, loggedIn } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { chinaDate, fleet } from '../../helpers/fleet.js';

interface Evaluation {
  decision: {
    decision: string;
    reasons: Array<{ code: string; facts: Record<string, unknown> }>;
    steps: Array<{ code: string; zh: string; params: Record<string, unknown> }>;
    ruleSetVersion: number | null;
    keyArea: { involved: boolean };
  };
  pass: { ok: boolean; reason: string | null; claims: { jti: string; ent: string } | null } | null;
  receivingEnterprise: { uscc: string; name: string; dutyPhone: string; from: string } | null;
  ruleSet: { version: number; source: string };
  trustAgeSec: number | null;
  recorded: boolean;
}

const A_CODE = creditCode(21);
const A_NAME = '昆山锦程精密机械有限公司';
const A_PHONE = '051257001234';
const PENDING_CODE = creditCode(22);

/** Everyone on board as on the pass, ID suffixes checked, normal temperatures, nothing declared. */
const onBoard = (plate: string) => ({
  plate,
  people: [
    { passIndex: 0, id4Matches: true, readings: [36.5], stays: [] },
    { passIndex: 1, id4Matches: true, readings: [36.7], stays: [] },
  ],
  staffKeyAreaFlag: false,
});
const noPassDriver = (plate: string) => ({
  plate,
  people: [{ passIndex: null, id4Matches: null, readings: [36.4], stays: [] }],
  staffKeyAreaFlag: false,
});

async function world(t: Test) {
  const ctx = await setup(t);
  const a = await ctx.enterprise(A_NAME, A_CODE, 'approved');
  await ctx.enterprise('昆山待备案物流有限公司', PENDING_CODE, 'registered');
  await ctx.user('enterprise_user', 'a1', a);
  await ctx.user('bureau_officer', 'officer');
  await ctx.user('bureau_admin', 'admin');
  const ent = await loggedIn(ctx.app, 'a1', { remoteAddress: '10.8.0.1' });
  const officer = await loggedIn(ctx.app, 'officer', { remoteAddress: '10.8.0.2' });
  const admin = await loggedIn(ctx.app, 'admin', { remoteAddress: '10.8.0.3' });

  // An issued pass for a Kunshan truck coming from Kunshan, driver and escort.
  const crew = await fleet(ent, '苏E12345', '1');
  const created = await ent.request('POST', '/api/v1/passes', {
    vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId],
    validFrom: chinaDate(0), validTo: chinaDate(6), originRegion: '320583',
    destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts',
  });
  const { id } = created.json() as { id: number };
  await ent.request('POST', `/api/v1/passes/${id}/submit`);
  const approved = await officer.request('POST', `/api/v1/passes/${id}/approve`);
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.body}`);
  const { qrText } = (await ent.request('GET', `/api/v1/passes/${id}/token`)).json() as { qrText: string };
  return { ctx, ent, officer, admin, passId: id, passNo: (approved.json() as { passNo: string }).passNo, qrText };
}

const auditCount = async (ctx: TestContext) =>
  (await ctx.repos.store.q().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

const evaluate = (c: Client, body: unknown) => c.request('POST', '/api/v1/checks/evaluate', body);

t.test('a valid pass with normal temperatures is released; once revoked it is refused', async (t) => {
  const { ctx, officer, admin, passId, passNo, qrText } = await world(t);
  const auditBefore = await auditCount(ctx);

  const res = await evaluate(officer, { qrText, observed: onBoard('苏E12345') });
  t.equal(res.statusCode, 200, res.statusCode === 200 ? 'evaluated' : res.body);
  t.equal(res.headers['cache-control'], 'no-store');
  const ok = res.json() as Evaluation;
  t.equal(ok.decision.decision, 'RELEASE');
  t.same(ok.decision.steps.map((s) => s.code), ['step.wave_through']);
  t.ok(ok.decision.reasons.some((r) => r.code === 'pass.valid' && r.facts.jti === passNo));
  t.match(ok.pass, { ok: true, reason: null, claims: { jti: passNo, ent: A_CODE } });
  t.same(ok.receivingEnterprise, { uscc: A_CODE, name: A_NAME, dutyPhone: A_PHONE, from: 'pass' }, "the pass's enterprise from the directory");
  t.equal(ok.recorded, false);
  t.equal(ok.trustAgeSec, 0, 'server data is current');
  t.equal(ok.ruleSet.source, 'active');
  t.equal(ok.decision.ruleSetVersion, ok.ruleSet.version);

  // The bare JWS works as well as the QR text (other terminals may hand over either).
  const { token } = (await admin.request('GET', `/api/v1/passes/${passId}/token`)).json() as { token: string };
  t.equal(((await evaluate(officer, { qrText: token, observed: onBoard('苏E12345') })).json() as Evaluation).decision.decision, 'RELEASE');

  // A plate that is not the pass's.
  const other = (await evaluate(officer, { qrText, observed: onBoard('苏E99999') })).json() as Evaluation;
  t.equal(other.decision.decision, 'REFUSE');
  t.ok(other.decision.reasons.some((r) => r.code === 'match.plate_mismatch'));

  t.equal((await officer.request('POST', `/api/v1/passes/${passId}/revoke`, { reason: '车辆已出售' })).statusCode, 200);
  const revoked = (await evaluate(officer, { qrText, observed: onBoard('苏E12345') })).json() as Evaluation;
  t.equal(revoked.decision.decision, 'REFUSE');
  t.ok(revoked.decision.reasons.some((r) => r.code === 'pass.invalid.revoked'), 'pass.invalid.revoked');
  t.match(revoked.pass, { ok: false, reason: 'revoked', claims: { jti: passNo } });

  const auditAfter = await auditCount(ctx);
  // The token fetch and the revocation are audited; evaluations are not recorded at all.
  t.equal(auditAfter - auditBefore, 2, 'nothing recorded by the evaluations');
});

t.test('a forged, expired or foreign pass is refused', async (t) => {
  const { officer, qrText } = await world(t);
  const digits = qrText.slice(4);
  // Change one digit pair in the signature part: still a well-formed QR text.
  const pos = digits.length - 10;
  const pair = digits.slice(pos, pos + 2);
  const forged = `KK1/${digits.slice(0, pos)}${pair === '20' ? '21' : '20'}${digits.slice(pos + 2)}`;
  const f = (await evaluate(officer, { qrText: forged, observed: onBoard('苏E12345') })).json() as Evaluation;
  t.equal(f.decision.decision, 'REFUSE');
  t.match(f.decision.reasons[0]?.code, /^pass\.invalid\./);

  const late = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const e = (await evaluate(officer, { qrText, observed: onBoard('苏E12345'), now: late })).json() as Evaluation;
  t.equal(e.decision.decision, 'REFUSE');
  t.ok(e.decision.reasons.some((r) => r.code === 'pass.invalid.expired'), 'expired at the given time');

  const junk = (await evaluate(officer, { qrText: 'https://example.com/', observed: onBoard('苏E12345') })).json() as Evaluation;
  t.equal(junk.decision.decision, 'REFUSE');
  t.ok(junk.decision.reasons.some((r) => r.code === 'pass.invalid.bad_prefix'));
});

t.test('Wuhan plate without a pass: refused without a receiving enterprise, escorted with one', async (t) => {
  const { officer } = await world(t);
  const alone = await evaluate(officer, { qrText: null, observed: noPassDriver('鄂A12345') });
  t.equal(alone.statusCode, 200);
  const refused = alone.json() as Evaluation;
  t.equal(refused.decision.decision, 'REFUSE');
  t.ok(refused.decision.reasons.some((r) => r.code === 'escort.no_receiver'));
  t.ok(refused.decision.keyArea.involved);
  t.equal(refused.pass, null);
  t.equal(refused.receivingEnterprise, null);

  const escorted = (await evaluate(officer, { qrText: null, observed: noPassDriver('鄂A12345'), receivingEnterpriseUscc: A_CODE })).json() as Evaluation;
  t.equal(escorted.decision.decision, 'ESCORT');
  t.same(escorted.receivingEnterprise, { uscc: A_CODE, name: A_NAME, dutyPhone: A_PHONE, from: 'request' });
  const call = escorted.decision.steps.find((s) => s.code === 'step.escort.call_enterprise');
  t.equal(call?.params.dutyPhone, A_PHONE, 'the duty phone in the steps');
  t.match(call?.zh, A_PHONE);
  t.match(call?.zh, A_NAME);

  // Old trust data: a supervisor decides instead of the automatic escort.
  const stale = (await evaluate(officer, { qrText: null, observed: noPassDriver('鄂A12345'), receivingEnterpriseUscc: A_CODE, trustAgeSec: 4 * 86_400 })).json() as Evaluation;
  t.equal(stale.decision.decision, 'MANUAL');
  t.ok(stale.decision.reasons.some((r) => r.code === 'trust.too_old'));
  const none = (await evaluate(officer, { qrText: null, observed: noPassDriver('苏E54321'), trustAgeSec: null })).json() as Evaluation;
  t.equal(none.decision.decision, 'MANUAL', 'no trust data at all');

  const kunshan = (await evaluate(officer, { qrText: null, observed: noPassDriver('苏E54321') })).json() as Evaluation;
  t.equal(kunshan.decision.decision, 'RELEASE', 'no pass, no key area, normal temperature');
});

t.test('rule-set selection', async (t) => {
  const { officer } = await world(t);
  const v1 = (await evaluate(officer, { qrText: null, observed: noPassDriver('苏E54321'), ruleSet: 1 })).json() as Evaluation;
  t.same(v1.ruleSet, { version: 1, source: 'version' });
  const draft = (await evaluate(officer, { qrText: null, observed: noPassDriver('苏E54321'), ruleSet: 'draft' })).json() as Evaluation;
  t.same(draft.ruleSet, { version: 2, source: 'draft' }, 'the draft, numbered as the next version');
  const unknown = await evaluate(officer, { qrText: null, observed: noPassDriver('苏E54321'), ruleSet: 99 });
  t.equal(unknown.statusCode, 400);
  t.match(unknown.json(), { code: 'validation', errors: [{ path: 'body.ruleSet' }] });
});

t.test('validation and access', async (t) => {
  const { ctx, ent, officer, admin, qrText } = await world(t);
  const body = { qrText, observed: onBoard('苏E12345') };

  const forbidden = await evaluate(ent, body);
  t.equal(forbidden.statusCode, 403, 'enterprise users may not evaluate');
  t.match(forbidden.headers['content-type'], /application\/problem\+json/);
  const anon = new Client(ctx.app, { remoteAddress: '10.8.1.1' });
  await anon.refreshCsrf();
  t.equal((await evaluate(anon, body)).statusCode, 401);
  t.equal((await evaluate(admin, body)).statusCode, 200, 'administrators may');

  const cases: Array<[string, unknown, RegExp]> = [
    ['no observed', { qrText }, /observed/],
    ['nobody on board', { qrText, observed: { ...onBoard('苏E12345'), people: [] } }, /people/],
    ['unknown member', { ...body, receivingEnterprise: A_CODE }, /.*/],
    ['bad credit code', { ...body, receivingEnterpriseUscc: 'abc' }, /receivingEnterpriseUscc/],
    ['local time', { ...body, now: '2020-02-26T08:00:00' }, /now/],
    ['rule set', { ...body, ruleSet: 'latest' }, /ruleSet/],
    ['negative age', { ...body, trustAgeSec: -1 }, /trustAgeSec/],
    ['before 1970', { ...body, now: '1969-12-31T23:59:59Z' }, /^body\.now$/],
    ['before 1970 by its offset', { ...body, now: '1970-01-01T07:59:00+08:00' }, /^body\.now$/],
    ['after 9999 by its offset', { ...body, now: '9999-12-31T23:00:00-05:00' }, /^body\.now$/],
    ['a stay ending after the check date', { ...body, now: '2026-03-01T10:00:00+08:00', observed: { ...onBoard('苏E12345'), people: [{ ...onBoard('苏E12345').people[0], stays: [{ region: '420100', lastDay: '2026-03-02' }] }, onBoard('苏E12345').people[1]] } }, /^body\.observed\.people\.0\.stays\.0\.lastDay$/],
  ];
  for (const [what, b, path] of cases) {
    const res = await evaluate(officer, b);
    t.equal(res.statusCode, 400, what);
    t.match(res.headers['content-type'], /application\/problem\+json/, `${what}: problem+json`);
    const problem = res.json() as { code: string; errors?: Array<{ path: string }> };
    t.equal(problem.code, 'validation');
    t.ok(problem.errors?.some((e) => path.test(e.path)), `${what}: names the field`);
  }

  // The edges themselves are decisions, not errors.
  for (const now of ['1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']) {
    const edge = await evaluate(officer, { ...body, now });
    t.equal(edge.statusCode, 200, `${now}: ${edge.body.slice(0, 120)}`);
  }

  // A receiving enterprise must be in the directory (approved); an enterprise not approved is refused with a reason.
  const pending = await evaluate(officer, { qrText: null, observed: noPassDriver('鄂A12345'), receivingEnterpriseUscc: PENDING_CODE });
  t.equal(pending.statusCode, 400);
  t.match(pending.json(), { code: 'validation', errors: [{ path: 'body.receivingEnterpriseUscc' }] });
  t.match((pending.json() as { errors: Array<{ message: string }> }).errors[0]?.message, /企业名录/, 'message in the reader’s language');
});
