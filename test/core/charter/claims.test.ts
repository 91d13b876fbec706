import t from 'tap';
import {
  CHARTER_MAX_PASSENGERS,
  charterClaimsSchema,
  charterInputSchema,
  manifestDigestSchema,
} from '../../../src/core/charter/index.js';
import type { CharterClaims } from '../../../src/core/charter/index.js';
import { PASS_EPOCH_MAX } from '../../../src/core/pass/index.js';
import { decodeJwsPart } from '../pass/fixtures.js';
import { DAY, MD, T0, charterInput, signCharter } from './fixtures.js';

// The claims of the fixture pass, written as docs/charter-pass.md section 2 lists them.
const CLAIMS: CharterClaims = {
  v: 1,
  jti: 'C8nW3yLq5B',
  nbf: T0,
  exp: T0 + 2 * DAY,
  pl: '苏E12345',
  drv: ['张建国', '002X'],
  n: 30,
  org: '510100',
  md: MD,
};

const issues = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  r.error?.issues.map((i) => ({ path: i.path, message: i.message }));

t.test('the fixture claims are valid', async (t) => {
  t.same(charterClaimsSchema.safeParse(CLAIMS), { success: true, data: CLAIMS });
});

t.test('n: 1 to 99 passengers, whole numbers only', async (t) => {
  t.equal(CHARTER_MAX_PASSENGERS, 99);
  for (const n of [1, 99]) t.ok(charterClaimsSchema.safeParse({ ...CLAIMS, n }).success, `n ${n}`);
  for (const n of [0, 100, -1, 1.5]) t.notOk(charterClaimsSchema.safeParse({ ...CLAIMS, n }).success, `n ${n}`);
  for (const passengerCount of [1, 99]) t.ok(charterInputSchema.safeParse({ ...charterInput, passengerCount }).success, `passengerCount ${passengerCount}`);
  for (const passengerCount of [0, 100]) t.notOk(charterInputSchema.safeParse({ ...charterInput, passengerCount }).success, `passengerCount ${passengerCount}`);
});

t.test('times: whole epoch seconds from 0 to PASS_EPOCH_MAX', async (t) => {
  t.ok(charterClaimsSchema.safeParse({ ...CLAIMS, nbf: 0 }).success, 'nbf 0');
  t.ok(charterClaimsSchema.safeParse({ ...CLAIMS, exp: PASS_EPOCH_MAX }).success, 'exp at the maximum');
  t.notOk(charterClaimsSchema.safeParse({ ...CLAIMS, nbf: -1 }).success, 'nbf below 0');
  t.notOk(charterClaimsSchema.safeParse({ ...CLAIMS, exp: PASS_EPOCH_MAX + 1 }).success, 'exp above the maximum');
  t.notOk(charterClaimsSchema.safeParse({ ...CLAIMS, nbf: T0 + 0.5 }).success, 'a fraction');
});

t.test('exp must be after nbf: equal is refused, on the claims and on the input', async (t) => {
  // exp is exclusive, so exp = nbf would be a pass valid for no second at all.
  const refusal = [{ path: ['exp'], message: 'exp must be after nbf' }];
  t.same(issues(charterClaimsSchema.safeParse({ ...CLAIMS, exp: T0 })), refusal);
  t.same(issues(charterInputSchema.safeParse({ ...charterInput, exp: T0 })), refusal);
  t.ok(charterClaimsSchema.safeParse({ ...CLAIMS, exp: T0 + 1 }).success, 'one second is enough');
  t.ok(charterInputSchema.safeParse({ ...charterInput, exp: T0 + 1 }).success);
});

t.test('signing input times may be Dates, taken as whole seconds (rounded down)', async (t) => {
  const jws = await signCharter({ nbf: new Date(T0 * 1000 + 999), exp: new Date((T0 + DAY) * 1000) });
  t.same(decodeJwsPart(jws, 1), { ...CLAIMS, exp: T0 + DAY });
  t.notOk(charterInputSchema.safeParse({ ...charterInput, nbf: new Date(Number.NaN) }).success, 'an invalid Date');
  t.notOk(charterInputSchema.safeParse({ ...charterInput, nbf: new Date(-1000) }).success, 'before 1970');
});

t.test('md: exactly 43 base64url characters, spare bits zero', async (t) => {
  t.ok(manifestDigestSchema.safeParse(MD).success);
  // With the anchors gone a longer string ending (or starting) in a digest would pass.
  for (const bad of [`x${MD}`, `${MD}A`, MD.slice(1), `${MD.slice(0, 42)}B`, `${MD.slice(0, 41)}+A`]) {
    t.same(issues(manifestDigestSchema.safeParse(bad)), [{ path: [], message: 'base64url SHA-256 digest (43 characters)' }], bad);
  }
});
