import t from 'tap';
import { CompactSign } from 'jose';
import {
  CHARTER_RUNS_ERROR_CODES,
  CHARTER_RUNS_ERROR_TEXT,
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
