import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import t from 'tap';
import { decodeProtectedHeader } from 'jose';
import {
  PASS_ERROR_CODES,
  PASS_ERROR_TEXT,
  PassError,
  PASS_ID_LENGTH,
  PASS_KID_LENGTH,
  PASS_PERSON_NAME_MAX,
  isPassErrorCode,
  newPassId,
  passClaimsSchema,
  passErrorText,
  passView,
  signPass,
  verifyPass,
} from '../../../src/core/pass/index.js';
import type { PassInput } from '../../../src/core/pass/index.js';
import { DAY, SIGNED_AT, T0, TEST_KID, TEST_PRIVATE_JWK, decodeJwsPart, signOptions, signTypical, typicalInput, verifyOptions } from './fixtures.js';

t.test('signed header and payload', async (t) => {
  const jws = await signTypical();
  t.same(decodeProtectedHeader(jws), { alg: 'EdDSA', kid: TEST_KID, typ: 'kkp' });
  t.equal(TEST_KID.length, PASS_KID_LENGTH);
  const payload = decodeJwsPart(jws, 1);
  t.same(Object.keys(payload), ['v', 'jti', 'iss', 'nbf', 'exp', 'pl', 'ppl', 'ent', 'org'], 'fixed key order, no iat');
  t.same(payload, {
    v: 1,
    jti: 'Q7mZ2xKp9A',
    iss: 'KSJT',
    nbf: T0,
    exp: T0 + 14 * DAY,
    pl: '苏E12345',
    ppl: [
      ['张建国', '002X'],
      ['李卫东', '1234'],
    ],
    ent: '91350100M000100Y43',
    org: '320583',
  });
  t.equal(await signTypical(), jws, 'Ed25519 is deterministic: same input, same token');
});

t.test('input normalisation', async (t) => {
  const jws = await signTypical({
    plate: ' 苏e·12345 ',
    driver: { name: ' 张建国 ', id4: '002x' },
    enterprise: { uscc: ' 91350100m000100y43 ' },
    nbf: new Date(T0 * 1000 + 999),
    exp: new Date((T0 + 14 * DAY) * 1000 + 999),
  });
  const p = decodeJwsPart(jws, 1);
  t.equal(p.pl, '苏E12345');
  t.same(p.ppl, [
    ['张建国', '002X'],
    ['李卫东', '1234'],
  ]);
  t.equal(p.ent, '91350100M000100Y43');
  t.equal(p.nbf, T0, 'Dates become whole seconds');
  t.equal(p.exp, T0 + 14 * DAY);
  for (const plate of ['苏E 12345', '苏E-12345', '苏Ｅ１２３４５', '苏e12345']) {
    t.equal(decodeJwsPart(await signTypical({ plate }), 1).pl, '苏E12345', `plate ${plate}`);
  }
});

t.test('nbf is always carried; it defaults to the signing time', async (t) => {
  const { nbf: _nbf, ...withoutStart } = typicalInput;
  const p = decodeJwsPart(await signPass(withoutStart, signOptions), 1);
  t.equal(p.nbf, SIGNED_AT);
  t.notOk('iat' in p, 'the issue time is not in the token');
  const same = decodeJwsPart(await signPass({ ...typicalInput, nbf: SIGNED_AT }, signOptions), 1);
  t.equal(same.nbf, SIGNED_AT, 'kept even when equal to the signing time');
});

t.test('generated pass id', async (t) => {
  const { jti: _jti, ...withoutId } = typicalInput;
  const a = decodeJwsPart(await signPass(withoutId, signOptions), 1).jti;
  const b = decodeJwsPart(await signPass(withoutId, signOptions), 1).jti;
  t.equal(PASS_ID_LENGTH, 10);
  t.match(a, /^[A-Za-z0-9_-]{10}$/);
  t.not(a, b);
  const ids = new Set(Array.from({ length: 2000 }, () => newPassId()));
  t.equal(ids.size, 2000, 'no clash among 2000');
  for (const id of ids) if (!/^[A-Za-z0-9_-]{10}$/.test(id)) t.fail(id);
  // Every one of the 10 characters is random: each position takes many values.
  for (let i = 0; i < 10; i++) t.ok(new Set([...ids].map((id) => id[i])).size > 40, `position ${i} varies`);
});

t.test('bad input throws PassError claims_invalid', async (t) => {
  const bad: Array<[string, Partial<PassInput>]> = [
    ['plate with I', { plate: '苏EI2345' }],
    ['plate with unknown province', { plate: '港E12345' }],
    ['full ID number', { driver: { name: '张建国', id4: '11010519491231002X' } }],
    ['id4 letters', { driver: { name: '张建国', id4: 'ABCD' } }],
    ['empty name', { driver: { name: '  ', id4: '002X' } }],
    ['name too long', { driver: { name: '张'.repeat(PASS_PERSON_NAME_MAX + 1), id4: '002X' } }],
    ['control character in name', { driver: { name: '张\u202E国', id4: '002X' } }],
    ['four escorts', { escorts: Array.from({ length: 4 }, () => ({ name: '李卫东', id4: '1234' })) }],
    ['USCC check character', { enterprise: { uscc: '91350100M000100Y42' } }],
    ['USCC with O', { enterprise: { uscc: '91350100M0O0100Y43' } }],
    ['USCC registration authority', { enterprise: { uscc: 'B1350100M000100Y43' } }],
    ['enterprise name (not part of the input)', { enterprise: { name: '某公司', uscc: '91350100M000100Y43' } } as unknown as Partial<PassInput>],
    ['new-energy plate with a letter in the digits', { plate: '苏ED1234A' }],
    ['origin not a code', { origin: '32058' }],
    ['exp before nbf', { nbf: T0 + 2 * DAY, exp: T0 + DAY }],
    ['exp equal to nbf', { exp: T0 }],
    ['exp with 11 digits', { exp: 10_000_000_000 }],
    ['jti with space', { jti: 'a b' }],
    ['jti too long', { jti: 'x'.repeat(17) }],
    ['unknown field', { phone: '13800000000' } as Partial<PassInput>],
  ];
  for (const [name, overrides] of bad) {
    await t.rejects(signTypical(overrides), { name: 'PassError', code: 'claims_invalid' }, name);
  }
  await t.rejects(signPass(typicalInput, { ...signOptions, issuer: '' }), { code: 'claims_invalid' }, 'empty issuer');
  await t.rejects(signPass(typicalInput, { ...signOptions, issuer: 'K'.repeat(17) }), { code: 'claims_invalid' }, 'issuer too long');
  const { nbf: _nbf, ...withoutStart } = typicalInput;
  await t.rejects(signPass({ ...withoutStart, exp: SIGNED_AT }, signOptions), { code: 'claims_invalid' }, 'exp equal to the default nbf');
  await t.rejects(signPass(typicalInput, { ...signOptions, kid: '' }), TypeError, 'empty kid');
});

t.test('plates accepted', async (t) => {
  const rare = await signTypical({ driver: { name: '王\u{2B820}\uE000', id4: '002X' } });
  t.equal((await verifyPass(rare, verifyOptions())).ok, true, 'CJK Ext-B and private-use name characters are kept');
  const minority = await signTypical({ driver: { name: '阿卜杜热合曼·买买提', id4: '002X' } });
  t.equal((await verifyPass(minority, verifyOptions())).ok, true, 'ten-character minority name with a middle dot');
  for (const plate of ['苏E12345', '苏U9A8B7', '鄂A12345', '苏EF12345', '苏ED12345', '苏E12345D', '苏E1234挂', '新A0000J']) {
    const jws = await signTypical({ plate });
    t.equal((await verifyPass(jws, verifyOptions())).ok, true, plate);
  }
});

t.test('claims schema and view', async (t) => {
  const payload = decodeJwsPart(await signTypical({ nbf: T0 + DAY }), 1);
  const claims = passClaimsSchema.parse(payload);
  t.same(passView(claims), {
    id: 'Q7mZ2xKp9A',
    issuer: 'KSJT',
    validFrom: T0 + DAY,
    validUntil: T0 + 14 * DAY,
    plate: '苏E12345',
    driver: { name: '张建国', id4: '002X' },
    escorts: [{ name: '李卫东', id4: '1234' }],
    enterprise: { uscc: '91350100M000100Y43' },
    origin: '320583',
  });
  // Only the canonical spelling of the plate is a valid claim.
  t.notOk(passClaimsSchema.safeParse({ ...payload, pl: '苏e12345' }).success, 'lower-case plate');
  t.notOk(passClaimsSchema.safeParse({ ...payload, pl: '苏E·12345' }).success, 'plate with a dot');
  t.notOk(passClaimsSchema.safeParse({ ...payload, ent: ['某公司', '91350100M000100Y43'] }).success, 'v1 draft enterprise tuple');
  t.notOk(passClaimsSchema.safeParse({ ...payload, iat: T0 }).success, 'iat is not a claim');
  const { nbf: _nbf, ...noStart } = payload;
  t.notOk(passClaimsSchema.safeParse(noStart).success, 'nbf is required');
  // The token checks the credit code's shape only; the check character is the issuer's job.
  t.ok(passClaimsSchema.safeParse({ ...payload, ent: '91350100M000100Y44' }).success, 'wrong check character still parses');
});

t.test('error codes and texts', async (t) => {
  t.equal(PASS_ERROR_CODES.length, 12);
  for (const code of PASS_ERROR_CODES) {
    t.ok(PASS_ERROR_TEXT[code].zh.length > 0 && PASS_ERROR_TEXT[code].en.length > 0, code);
    t.equal(passErrorText(code), PASS_ERROR_TEXT[code]);
    t.ok(isPassErrorCode(code));
  }
  t.notOk(isPassErrorCode('nope'));
  const e = new PassError('expired', 'exp 1');
  t.equal(e.code, 'expired');
  t.equal(e.message, 'The pass has expired: exp 1');
  t.equal(new PassError('revoked').message, 'The pass has been revoked');
  t.ok(e instanceof Error);
});

t.test('signPass needs a kid', async (t) => {
  const refused = { name: 'TypeError', message: 'kid is required' };
  await t.rejects(signPass(typicalInput, { ...signOptions, kid: '' }), refused, 'empty');
  await t.rejects(signPass(typicalInput, { ...signOptions, kid: undefined as unknown as string }), refused, 'absent');
});

t.test('rawSign gives the very token CompactSign gives, and is what signs', async (t) => {
  const nodeKey = createPrivateKey({ key: TEST_PRIVATE_JWK as never, format: 'jwk' });
  const inputs: string[] = [];
  const rawSign = (signingInput: Uint8Array): Uint8Array => {
    inputs.push(new TextDecoder().decode(signingInput));
    return nodeSign(null, signingInput, nodeKey);
  };
  const fast = await signPass(typicalInput, { ...signOptions, rawSign });
  t.equal(fast, await signTypical(), 'Ed25519 is deterministic: byte for byte the same');
  t.same(inputs, [fast.slice(0, fast.lastIndexOf('.'))], 'called once, over BASE64URL(header) "." BASE64URL(payload)');
  t.equal((await verifyPass(fast, verifyOptions())).ok, true);
});

t.test('the signing time becomes whole seconds when it is the start of validity', async (t) => {
  const { nbf: _nbf, ...withoutStart } = typicalInput;
  const fromDate = decodeJwsPart(await signPass(withoutStart, { ...signOptions, now: new Date(SIGNED_AT * 1000 + 999) }), 1);
  t.equal(fromDate.nbf, SIGNED_AT, 'a Date: milliseconds dropped');
  const fromNumber = decodeJwsPart(await signPass(withoutStart, { ...signOptions, now: SIGNED_AT + 0.75 }), 1);
  t.equal(fromNumber.nbf, SIGNED_AT, 'fractional seconds: rounded down');
});

t.test('id4 is trimmed and upper-cased; escorts default to none', async (t) => {
  const p = decodeJwsPart(await signTypical({ driver: { name: '张建国', id4: ' 002x ' }, escorts: [{ name: '李卫东', id4: '1234\t' }] }), 1);
  t.same(p.ppl, [
    ['张建国', '002X'],
    ['李卫东', '1234'],
  ]);
  const { escorts: _escorts, ...driverOnly } = typicalInput;
  t.same(decodeJwsPart(await signPass(driverOnly, signOptions), 1).ppl, [['张建国', '002X']], 'driver only');
});
