import t from 'tap';
import { CompactSign } from 'jose';
import {
  CHARTER_RUNS_ERROR_CODES,
  CHARTER_RUNS_ERROR_TEXT,
  charterRunsSchema,
  findCharterRun,
  matchCharterRun,
  runsExpectedAt,
  signCharterRuns,
  verifyCharterPass,
  verifyCharterRuns,
} from '../../../src/core/charter/index.js';
import { generatePassKeyPair } from '../../../src/core/pass/index.js';
import { BUNDLE_JWKS, CHECKPOINT, DAY, HOUR, MANIFEST, RUN, T0, bundleKey, runsDoc, signCharter, signRuns, verifyOpts } from './fixtures.js';

const opts = (o: Partial<Parameters<typeof verifyCharterRuns>[1]> = {}) => ({ trustedKeys: BUNDLE_JWKS, checkpointId: CHECKPOINT, now: T0 + DAY, ...o });

/** Signs any payload with the bundle key, past signCharterRuns's checks. */
async function signRawRuns(payload: unknown, typ = 'kakou-charters+jwt'): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid: bundleKey.kid, typ }).sign(bundleKey.privateKey);
}

t.test('verifies, and the run matches a scanned pass', async (t) => {
  const r = await verifyCharterRuns(await signRuns(), opts());
  t.equal(r.ok, true);
  if (!r.ok) return;
  const pass = await verifyCharterPass(await signCharter(), verifyOpts());
  if (!pass.ok) return t.fail('pass should verify');
  const run = findCharterRun(r.data, pass.claims.jti);
  t.equal(run?.run, 'R2020-0042');
  t.same(run && matchCharterRun(pass.claims, run), { ok: true });
  t.equal(findCharterRun(r.data, 'someoneelse'), undefined);
});

t.test('refusals', async (t) => {
  const good = await signRuns();
  t.match(await verifyCharterRuns(good, opts({ checkpointId: CHECKPOINT + 1 })), { ok: false, reason: 'wrong_checkpoint' }, 'another checkpoint');
  t.match(await verifyCharterRuns(good, opts({ now: T0 + 2 * DAY + 301 })), { ok: false, reason: 'expired' }, 'expired');
  t.equal((await verifyCharterRuns(good, opts({ now: T0 + 2 * DAY + 299 }))).ok, true, 'within the default tolerance');
  t.match(await verifyCharterRuns(good, opts({ now: T0 })), { ok: false, reason: 'not_yet_valid' });
  const other = await generatePassKeyPair();
  const sameKid = { ...other.publicJwk, kid: bundleKey.kid, purpose: 'bundle' };
  const passPurpose = { ...bundleKey.publicJwk, purpose: 'pass' };
  t.match(await verifyCharterRuns(good, opts({ trustedKeys: { keys: [sameKid] } })), { ok: false, reason: 'bad_signature' }, 'wrong key with the same kid');
  t.match(await verifyCharterRuns(good, opts({ trustedKeys: { keys: [other.publicJwk] } })), { ok: false, reason: 'unknown_kid' }, 'wrong key');
  t.match(await verifyCharterRuns(good, opts({ trustedKeys: { keys: [passPurpose] } })), { ok: false, reason: 'unknown_kid' }, 'a pass key never vouches for runs');
  t.match(await verifyCharterRuns(await signRawRuns(runsDoc(), 'kakou-checkpoint+jwt'), opts()), { ok: false, reason: 'wrong_typ' }, 'checkpoint data is not runs');
  t.match(await verifyCharterRuns(await signRawRuns({ ...runsDoc(), extra: 1 }), opts()), { ok: false, reason: 'claims_invalid' });
  const wrongMd = { ...runsDoc(), runs: [{ ...RUN, passengers: MANIFEST.slice(1) }] };
  t.match(await verifyCharterRuns(await signRawRuns(wrongMd), opts()), { ok: false, reason: 'claims_invalid', detail: /md of run/ }, 'md must be the digest of its passengers');
  const reversed = { ...runsDoc(), runs: [{ ...RUN, passengers: [...MANIFEST].reverse() }] };
  t.match(await verifyCharterRuns(await signRawRuns(reversed), opts()), { ok: false, reason: 'claims_invalid' }, 'passengers out of canonical order');
  const twice = { ...runsDoc(), runs: [RUN, { ...RUN, run: 'R2' }] };
  t.match(await verifyCharterRuns(await signRawRuns(twice), opts()), { ok: false, reason: 'claims_invalid' }, 'a pass id listed twice');
  const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid: bundleKey.kid, typ: 'kakou-charters+jwt' })).toString('base64url')}.${good.split('.')[1]}.`;
  t.match(await verifyCharterRuns(unsigned, opts()), { ok: false, reason: 'alg_not_allowed' }, 'unsigned');
  t.match(await verifyCharterRuns('x.y.z', opts()), { ok: false, reason: 'malformed' });
  t.match(await verifyCharterRuns(undefined, opts()), { ok: false, reason: 'malformed' });
  await t.rejects(signCharterRuns(wrongMd, { privateKey: bundleKey.privateKey, kid: bundleKey.kid }), TypeError, 'the signer refuses a wrong md');
  for (const code of CHARTER_RUNS_ERROR_CODES) t.ok(CHARTER_RUNS_ERROR_TEXT[code].zh && CHARTER_RUNS_ERROR_TEXT[code].en, code);
});

t.test('pass against run: each mismatch named', async (t) => {
  const pass = await verifyCharterPass(await signCharter(), verifyOpts());
  if (!pass.ok) return t.fail();
  t.same(matchCharterRun({ ...pass.claims, n: 29 }, RUN), { ok: false, mismatches: ['count'] });
  t.same(matchCharterRun(pass.claims, { ...RUN, md: RUN.md.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }), { ok: false, mismatches: ['digest'] });
  t.same(matchCharterRun(pass.claims, { ...RUN, pl: '苏E54321', jti: 'other' }), { ok: false, mismatches: ['jti', 'plate'] });
});

t.test('runs expected now, earliest first', async (t) => {
  const later = { ...RUN, run: 'R2', jti: 'J2', from: RUN.from + HOUR, until: RUN.until + HOUR };
  const gone = { ...RUN, run: 'R3', jti: 'J3', from: T0, until: T0 + HOUR };
  const data = runsDoc({ runs: [later, gone, RUN] });
  t.same(runsExpectedAt(data, RUN.from + 2 * HOUR).map((r) => r.run), ['R2020-0042', 'R2']);
  t.same(runsExpectedAt(data, RUN.until).map((r) => r.run), ['R2'], 'until is exclusive');
});

const issuesOf = (doc: unknown) => charterRunsSchema.safeParse(doc).error?.issues.map((i) => ({ path: i.path, message: i.message }));

t.test('runs schema: run ids of 1 to 32 characters of A–Z a–z 0–9 - _', async (t) => {
  for (const run of ['R', 'r_2020-42', 'R'.repeat(32)]) t.equal(issuesOf(runsDoc({ runs: [{ ...RUN, run }] })), undefined, run);
  const message = 'run id: 1–32 of A–Z a–z 0–9 - _';
  for (const run of ['', 'R'.repeat(33), 'R/1', 'R 1', '路线1']) {
    t.same(issuesOf(runsDoc({ runs: [{ ...RUN, run }] })), [{ path: ['runs', 0, 'run'], message }], JSON.stringify(run));
  }
});

t.test('runs schema: iss of 1 to 64 characters, checkpoint from 1', async (t) => {
  t.equal(issuesOf(runsDoc({ iss: 'K' })), undefined);
  t.equal(issuesOf(runsDoc({ iss: 'K'.repeat(64) })), undefined);
  t.same(issuesOf(runsDoc({ iss: '' }))?.map((i) => i.path), [['iss']]);
  t.same(issuesOf(runsDoc({ iss: 'K'.repeat(65) }))?.map((i) => i.path), [['iss']]);
  t.equal(issuesOf(runsDoc({ checkpoint: 1 })), undefined);
  t.same(issuesOf(runsDoc({ checkpoint: 0 }))?.map((i) => i.path), [['checkpoint']]);
  t.equal(issuesOf(runsDoc({ runs: [] })), undefined, 'a checkpoint may expect no runs');
});

t.test('runs schema: windows and validity are not empty (until > from, exp > iat)', async (t) => {
  t.same(issuesOf(runsDoc({ runs: [{ ...RUN, until: RUN.from }] })), [{ path: ['runs', 0, 'until'], message: 'until must be after from' }]);
  t.equal(issuesOf(runsDoc({ runs: [{ ...RUN, until: RUN.from + 1 }] })), undefined);
  const iat = T0 + DAY;
  t.same(issuesOf(runsDoc({ iat, exp: iat })), [{ path: ['exp'], message: 'exp must be after iat' }]);
  t.equal(issuesOf(runsDoc({ iat, exp: iat + 1 })), undefined);
});

t.test('runs schema: no run id and no pass id twice, each named', async (t) => {
  t.same(issuesOf(runsDoc({ runs: [RUN, { ...RUN, jti: 'J2' }] })), [{ path: ['runs'], message: 'a run is listed twice' }]);
  t.same(issuesOf(runsDoc({ runs: [RUN, { ...RUN, run: 'R2' }] })), [{ path: ['runs'], message: 'a pass id is listed twice' }]);
  t.equal(issuesOf(runsDoc({ runs: [RUN, { ...RUN, run: 'R2', jti: 'J2' }] })), undefined);
});

t.test('runs expected: from is inclusive, equal starts by run id', async (t) => {
  const b = { ...RUN, run: 'B', jti: 'JB' };
  const a = { ...RUN, run: 'A', jti: 'JA' };
  const c = { ...RUN, run: 'C', jti: 'JC' };
  const data = runsDoc({ runs: [b, c, a] });
  t.same(runsExpectedAt(data, RUN.from).map((r) => r.run), ['A', 'B', 'C'], 'at the first second of the window');
  t.same(runsExpectedAt(data, RUN.from - 1), [], 'one second before');
  t.same(runsExpectedAt(data, new Date(RUN.from * 1000)).map((r) => r.run), ['A', 'B', 'C'], 'a Date works as now');
});

t.test('signCharterRuns: header, and refusals with their reasons', async (t) => {
  const jws = await signRuns();
  t.same(JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString('utf8')), { alg: 'EdDSA', kid: bundleKey.kid, typ: 'kakou-charters+jwt' });
  t.same(JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8')), runsDoc(), 'the payload is the document as given');
  const sign = (doc: unknown, kid = bundleKey.kid) => signCharterRuns(doc as never, { privateKey: bundleKey.privateKey, kid });
  await t.rejects(sign(runsDoc(), ''), { name: 'TypeError', message: 'kid is required' });
  await t.rejects(sign(runsDoc(), 42 as never), { name: 'TypeError', message: 'kid is required' }, 'a kid that is not a string');
  await t.rejects(sign(runsDoc({ checkpoint: 0 })), { name: 'TypeError', message: /^charter runs: .*checkpoint/s });
  const wrongMd = runsDoc({ runs: [{ ...RUN, passengers: MANIFEST.slice(1) }] });
  await t.rejects(sign(wrongMd), { name: 'TypeError', message: 'charter runs: md of run R2020-0042 is not the digest of its passengers' });
});
