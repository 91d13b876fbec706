import t from 'tap';
import { base64url } from 'jose';
import {
  CHARTER_ERROR_CODES,
  CHARTER_ERROR_TEXT,
  CHARTER_QR_PREFIX,
  CharterError,
  charterClaimsSchema,
  charterView,
  decodeCharterQrText,
  encodeCharterQrText,
  signCharterPass,
  verifyCharterPass,
} from '../../../src/core/charter/index.js';
import type { CharterErrorCode } from '../../../src/core/charter/index.js';
import { PASS_ERROR_CODES } from '../../../src/core/pass/index.js';
import { decodeJwsPart, signRaw, signTypical } from '../pass/fixtures.js';
import { DAY, MD, T0, TEST_KID, charterInput, signCharter, signOpts, verifyOpts } from './fixtures.js';

const claimsOf = (jws: string) => decodeJwsPart(jws, 1);

t.test('sign → QR text → verify round trip', async (t) => {
  const jws = await signCharter();
  t.same(decodeJwsPart(jws, 0), { alg: 'EdDSA', kid: TEST_KID, typ: 'kkc' });
  t.same(Object.keys(claimsOf(jws)), ['v', 'jti', 'nbf', 'exp', 'pl', 'drv', 'n', 'org', 'md'], 'claims in the documented order');
  const text = encodeCharterQrText(jws);
  t.ok(text.startsWith(CHARTER_QR_PREFIX));
  t.equal(decodeCharterQrText(`  ${text.toLowerCase()}\r\n`), jws, 'wedge-scanner whitespace and case are tolerated');
  const result = await verifyCharterPass(text, verifyOpts());
  t.equal(result.ok, true);
  if (result.ok) {
    t.same(charterView(result.claims), {
      id: 'C8nW3yLq5B',
      validFrom: T0,
      validUntil: T0 + 2 * DAY,
      plate: '苏E12345',
      driver: { name: '张建国', id4: '002X' },
      passengerCount: 30,
      origin: '510100',
      manifestDigest: MD,
    });
  }
  t.equal((await verifyCharterPass(jws, verifyOpts())).ok, true, 'a bare JWS verifies too');
  t.equal(await signCharter(), jws, 'deterministic: equal input gives the same token');
});

t.test('signing normalises and refuses bad input loudly', async (t) => {
  const jws = await signCharter({ plate: '苏e·12345', driver: { name: ' 张建国 ', id4: '002x' } });
  t.equal(claimsOf(jws).pl, '苏E12345');
  t.same(claimsOf(jws).drv, ['张建国', '002X']);
  const generated = claimsOf(await signCharter({ jti: undefined })).jti;
  t.match(generated, /^[A-Za-z0-9_-]{10}$/, 'a random 10-character id when none is given');
  for (const [what, bad] of [
    ['no passengers', { passengerCount: 0 }],
    ['100 passengers', { passengerCount: 100 }],
    ['digest not SHA-256 length', { manifestDigest: 'abc' }],
    ['digest with spare bits set', { manifestDigest: `${MD.slice(0, 42)}B` }],
    ['exp before nbf', { exp: T0 - 1 }],
    ['bad plate', { plate: 'XX12345' }],
    ['bad origin', { origin: '000000' }],
  ] as const) {
    await t.rejects(signCharter(bad as never), CharterError, what);
  }
  await t.rejects(signCharterPass(charterInput, { ...signOpts, kid: '' }), { name: 'TypeError', message: 'kid is required' });
  // A kid that is not a string would be written into the header as is: no verifier would find its key.
  await t.rejects(signCharterPass(charterInput, { ...signOpts, kid: 42 as never }), { name: 'TypeError', message: 'kid is required' });
});

t.test('claims schema is closed and typed', async (t) => {
  const good = claimsOf(await signCharter());
  t.ok(charterClaimsSchema.safeParse(good).success);
  t.notOk(charterClaimsSchema.safeParse({ ...good, iss: 'KSJT' }).success, 'no extra claims: a new claim needs a new v');
  t.notOk(charterClaimsSchema.safeParse({ ...good, n: 1.5 }).success);
  t.notOk(charterClaimsSchema.safeParse({ ...good, drv: ['张建国', '12345'] }).success);
});

t.test('every error code, one way to reach it', async (t) => {
  const good = await signCharter();
  const header = decodeJwsPart(good, 0);
  const payload = claimsOf(good);
  const [h, p, s] = good.split('.') as [string, string, string];
  const flip = (c: string) => (c === 'A' ? 'B' : 'A');
  const cases: Array<[CharterErrorCode, () => Promise<string> | string, Parameters<typeof verifyOpts>[0]?]> = [
    ['malformed', () => 'KC1/123'],
    ['bad_prefix', () => 'KK1/5676'],
    ['unsupported_version', () => 'KC2/5676'],
    ['alg_not_allowed', () => signRaw({ ...header, alg: 'HS256' }, payload)],
    ['wrong_typ', () => signTypical()], // a freight pass, same key: the typ keeps them apart
    ['unknown_kid', () => signRaw({ ...header, kid: 'nobody00' }, payload)],
    ['bad_signature', () => `${h}.${p}.${flip(s[0] ?? 'A')}${s.slice(1)}`],
    ['crit_unsupported', () => signRaw({ ...header, crit: ['exp'] }, payload)],
    ['expired', () => good, { now: T0 + 2 * DAY + 61 }],
    ['not_yet_valid', () => good, { now: T0 - 61 }],
    ['revoked', () => good, { isRevoked: (jti: string) => jti === 'C8nW3yLq5B' }],
    ['claims_invalid', () => signRaw(header, { ...payload, n: 0 })],
  ];
  t.same(cases.map(([c]) => c).sort(), [...CHARTER_ERROR_CODES].sort(), 'all codes covered');
  for (const [code, make, opts] of cases) {
    const made = await make();
    const r = await verifyCharterPass(made.includes('.') ? encodeCharterQrText(made) : made, verifyOpts(opts));
    t.equal(r.ok ? 'ok' : r.reason, code, code);
  }
  t.test('edges', async (t) => {
    t.equal((await verifyCharterPass(good, verifyOpts({ now: T0 + 2 * DAY + 59 }))).ok, true, 'within tolerance after exp');
    const unavailable = await verifyCharterPass(good, verifyOpts({ isRevoked: () => Promise.reject(new Error('offline')) }));
    t.match(unavailable, { ok: false, reason: 'revoked', detail: /unavailable/ }, 'unknown revocation status fails closed');
    const expired = await verifyCharterPass(good, verifyOpts({ now: T0 + 10 * DAY }));
    t.match(expired, { ok: false, reason: 'expired', claims: { jti: 'C8nW3yLq5B' } }, 'authentic claims shown with a refusal');
    const forged = await verifyCharterPass(`${h}.${base64url.encode(JSON.stringify({ ...payload, n: 31 }))}.${s}`, verifyOpts());
    t.same(Object.keys(forged).sort(), ['detail', 'ok', 'reason'].filter((k) => k in forged).sort());
    t.notOk('claims' in forged, 'no claims before the signature holds');
    t.match(await verifyCharterPass(await signRaw(header, { ...payload, v: 2 }), verifyOpts()), { reason: 'unsupported_version' });
    t.match(await verifyCharterPass(await signRaw(header, `{"v":1,"v":1}`), verifyOpts()), { reason: 'claims_invalid' }, 'duplicate members');
    t.match(await verifyCharterPass(good, verifyOpts({ now: new Date(NaN) })), { reason: 'malformed' });
    t.match(await verifyCharterPass(42 as unknown as string, verifyOpts()), { reason: 'malformed' });
    const bundleOnly = { keys: verifyOpts().keys.keys.map((k) => ({ ...k, purpose: 'bundle' })) };
    t.match(await verifyCharterPass(good, verifyOpts({ keys: bundleOnly })), { reason: 'unknown_kid' }, 'a bundle key never vouches for a pass');
  });
});

t.test('texts: every code has zh and en, and they say "charter"', async (t) => {
  t.same([...CHARTER_ERROR_CODES], [...PASS_ERROR_CODES], 'same contract as the freight pass');
  for (const code of CHARTER_ERROR_CODES) {
    t.match(CHARTER_ERROR_TEXT[code].zh, /包车/);
    t.match(CHARTER_ERROR_TEXT[code].en, /charter/);
  }
});
