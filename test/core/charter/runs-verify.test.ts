import t from 'tap';
import { base64url } from 'jose';
import { CHARTER_RUNS_ERROR_CODES, CHARTER_RUNS_ERROR_TEXT, verifyCharterRuns } from '../../../src/core/charter/index.js';
import { BUNDLE_ERROR_CODES } from '../../../src/core/trust/errors.js';
import { BUNDLE_JWKS, CHECKPOINT, DAY, HOUR, MANIFEST, RUN, T0, bundleKey, runsDoc, signRuns } from './fixtures.js';

// docs/charter-pass.md section 7: the verification steps and their reasons, with their details.
const opts = (o: Partial<Parameters<typeof verifyCharterRuns>[1]> = {}) => ({ trustedKeys: BUNDLE_JWKS, checkpointId: CHECKPOINT, now: T0 + DAY, ...o });
const IAT = T0 + DAY - HOUR;
const EXP = T0 + 2 * DAY;

/** Signs any header and payload text with the bundle key, past the checks of signCharterRuns and of jose's signer. */
async function signRaw(payload: string, header: Record<string, unknown> = {}): Promise<string> {
  const part = (text: string) => base64url.encode(new TextEncoder().encode(text));
  const input = `${part(JSON.stringify({ alg: 'EdDSA', kid: bundleKey.kid, typ: 'kakou-charters+jwt', ...header }))}.${part(payload)}`;
  const signature = await crypto.subtle.sign('Ed25519', bundleKey.privateKey, new TextEncoder().encode(input));
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}
const signDoc = (doc: unknown) => signRaw(JSON.stringify(doc));

t.test('a valid document: the whole result', async (t) => {
  const r = await verifyCharterRuns(await signRuns(), opts());
  t.same(r, { ok: true, data: runsDoc(), kid: bundleKey.kid });
  t.same(await verifyCharterRuns(`  ${await signRuns()}\n`, opts()), r, 'whitespace around the token is ignored');
});

t.test('the reason codes: the trust bundle codes plus wrong_checkpoint, each with both texts', async (t) => {
  t.same([...CHARTER_RUNS_ERROR_CODES].sort(), [...BUNDLE_ERROR_CODES, 'wrong_checkpoint'].sort());
  t.same(Object.keys(CHARTER_RUNS_ERROR_TEXT).sort(), [...CHARTER_RUNS_ERROR_CODES].sort());
});

t.test('time: iat and exp with the tolerance, both edges exact', async (t) => {
  const good = await signRuns();
  // Default tolerance 300 s.
  t.same(await verifyCharterRuns(good, opts({ now: IAT - 301 })), { ok: false, reason: 'not_yet_valid', detail: `iat ${IAT}, now ${IAT - 301}` });
  t.equal((await verifyCharterRuns(good, opts({ now: IAT - 300 }))).ok, true, 'iat minus the tolerance is valid');
  t.equal((await verifyCharterRuns(good, opts({ now: EXP + 299 }))).ok, true);
  t.same(await verifyCharterRuns(good, opts({ now: EXP + 300 })), { ok: false, reason: 'expired', detail: `exp ${EXP}, now ${EXP + 300}` }, 'exp is exclusive');
  // No tolerance.
  t.same(await verifyCharterRuns(good, opts({ now: IAT - 1, clockToleranceSec: 0 })), { ok: false, reason: 'not_yet_valid', detail: `iat ${IAT}, now ${IAT - 1}` });
  t.equal((await verifyCharterRuns(good, opts({ now: IAT, clockToleranceSec: 0 }))).ok, true, 'valid from iat');
  t.same(await verifyCharterRuns(good, opts({ now: EXP, clockToleranceSec: 0 })), { ok: false, reason: 'expired', detail: `exp ${EXP}, now ${EXP}` });
  t.equal((await verifyCharterRuns(good, opts({ now: new Date((EXP - 1) * 1000), clockToleranceSec: 0 }))).ok, true, 'a Date works as now');
  t.same(await verifyCharterRuns(good, opts({ now: new Date(Number.NaN) })), { ok: false, reason: 'malformed', detail: 'verification time is not a valid date' });
});

t.test('checkpoint: the document names the device checkpoint', async (t) => {
  t.same(await verifyCharterRuns(await signRuns(), opts({ checkpointId: CHECKPOINT + 1 })), {
    ok: false,
    reason: 'wrong_checkpoint',
    detail: `data for checkpoint ${CHECKPOINT}, device at ${CHECKPOINT + 1}`,
  });
});

t.test('crit or b64 in the header is malformed, even with a good signature', async (t) => {
  const doc = JSON.stringify(runsDoc());
  const refused = { ok: false, reason: 'malformed', detail: 'crit or b64 header not supported' };
  t.same(await verifyCharterRuns(await signRaw(doc, { b64: true }), opts()), refused, 'b64 alone');
  t.same(await verifyCharterRuns(await signRaw(doc, { crit: ['exp'], exp: 1 }), opts()), refused, 'crit');
});

t.test('failures of the JWS layer keep their detail', async (t) => {
  const good = await signRuns();
  t.same(await verifyCharterRuns(await signRaw(JSON.stringify(runsDoc()), { typ: 'kakou-checkpoint+jwt' }), opts()), {
    ok: false,
    reason: 'wrong_typ',
    detail: 'typ "kakou-checkpoint+jwt"',
  });
  t.same(await verifyCharterRuns(good, opts({ trustedKeys: { keys: [] } })), { ok: false, reason: 'unknown_kid', detail: `kid "${bundleKey.kid}"` });
  const [h, p, s] = good.split('.') as [string, string, string];
  t.same(await verifyCharterRuns(`${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`, opts()), { ok: false, reason: 'bad_signature' }, 'no detail to add');
});

t.test('input that is not a sane string is malformed before any parsing', async (t) => {
  const notSane = { ok: false, reason: 'malformed', detail: 'not a string of sane length' };
  t.same(await verifyCharterRuns(undefined, opts()), notSane);
  t.same(await verifyCharterRuns(42, opts()), notSane);
  // 4 MiB is the limit: one character more is refused unread, the limit itself goes on to the JWS checks.
  t.same(await verifyCharterRuns('a'.repeat(4 * 1024 * 1024 + 1), opts()), notSane);
  t.same(await verifyCharterRuns('a'.repeat(4 * 1024 * 1024), opts()), { ok: false, reason: 'malformed', detail: 'not a compact JWS' });
});

t.test('payload: JSON, then the schema, then every digest', async (t) => {
  t.match(await verifyCharterRuns(await signRaw('{"v":1,'), opts()), { ok: false, reason: 'claims_invalid', detail: /^payload is not JSON: / });
  const extra = await verifyCharterRuns(await signDoc({ ...runsDoc(), extra: 1 }), opts());
  t.match(extra, { ok: false, reason: 'claims_invalid', detail: /extra/ }, 'the detail names the problem');
  const second = { ...RUN, run: 'R2', jti: 'J2', passengers: MANIFEST.slice(1) };
  t.same(await verifyCharterRuns(await signDoc(runsDoc({ runs: [RUN, second] })), opts()), {
    ok: false,
    reason: 'claims_invalid',
    detail: 'md of run R2 is not the digest of its passengers',
  }, 'the first wrong run is named, also when it is not the first run');
});

t.test('never throws: an unexpected failure is malformed', async (t) => {
  const keys = {
    get keys(): never {
      throw new Error('key store unavailable');
    },
  };
  t.same(await verifyCharterRuns(await signRuns(), opts({ trustedKeys: keys })), {
    ok: false,
    reason: 'malformed',
    detail: 'unexpected: key store unavailable',
  });
});
