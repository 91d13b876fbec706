import t, { type Test } from 'tap';
import QRCode from 'qrcode';
import {
  PASS_ISSUER_MAX,
  PASS_JTI_MAX,
  PASS_MAX_ESCORTS,
  PASS_PERSON_NAME_MAX,
  encodePassQrText,
  passQrSegments,
  signPass,
} from '../../../src/core/pass/index.js';
import type { PassInput } from '../../../src/core/pass/index.js';
import { largeInput, signOptions, typicalInput } from './fixtures.js';

/**
 * Measured, not guessed: each printed pass is one QR code at error correction
 * M (survives some dirt and folding), in numeric mode after the `KK1/` prefix.
 * The product requirement: a typical pass fits version 13 (69×69 modules).
 * docs/pass-format.md, section 8, lists these numbers.
 */
const TYPICAL_MAX_VERSION = 13;
const LARGEST_MAX_VERSION = 20;

function versions(jws: string): { numeric: number; byte: number; jwsChars: number } {
  const numeric = QRCode.create(passQrSegments(encodePassQrText(jws)), { errorCorrectionLevel: 'M' }).version;
  const byte = QRCode.create([{ data: new TextEncoder().encode(jws), mode: 'byte' }], { errorCorrectionLevel: 'M' }).version;
  return { numeric, byte, jwsChars: jws.length };
}

async function measure(t: Test, name: string, input: PassInput, issuer = signOptions.issuer) {
  const jws = await signPass(input, { ...signOptions, issuer });
  const v = versions(jws);
  t.comment(`${name}: ${v.jwsChars} JWS chars → QR version ${v.numeric} numeric (${17 + 4 * v.numeric} modules), ${v.byte} byte mode`);
  return v;
}

// The generated id, as the server issues it (always 10 characters, so the size does not depend on the draw).
const { jti: _fixedJti, ...typicalGenerated } = typicalInput;

t.test('typical pass fits version 13', async (t) => {
  const v = await measure(t, 'typical (苏E12345, driver + 1 escort, 3-character names, generated jti)', typicalGenerated);
  t.ok(v.numeric <= TYPICAL_MAX_VERSION, `version ${v.numeric} ≤ ${TYPICAL_MAX_VERSION}`);
  t.ok(v.numeric < v.byte, `numeric mode (${v.numeric}) beats byte mode (${v.byte})`);
  t.equal(v.jwsChars, (await signPass(typicalInput, signOptions)).length, 'the documented example has the same size');
});

t.test('neighbours of the typical pass', async (t) => {
  // The margin is two JWS characters (see the doc): one more Chinese character
  // anywhere, or the 挂 of a trailer plate, tips the pass into version 14.
  const neighbours: Array<[string, Partial<PassInput>, number]> = [
    ['new-energy plate', { plate: '苏ED12345' }, 13],
    ['two-character names', { driver: { name: '张军', id4: '002X' }, escorts: [{ name: '李伟', id4: '1234' }] }, 13],
    ['driver only, four-character name', { driver: { name: '欧阳建国', id4: '002X' }, escorts: [] }, 13],
    ['trailer plate (苏E1234挂)', { plate: '苏E1234挂' }, 14],
    ['four-character driver name', { driver: { name: '欧阳建国', id4: '002X' } }, 14],
    ['driver + 2 escorts', { escorts: [{ name: '李卫东', id4: '1234' }, { name: '王志强', id4: '5678' }] }, 14],
  ];
  for (const [name, overrides, expected] of neighbours) {
    const v = await measure(t, `typical, ${name}`, { ...typicalGenerated, ...overrides });
    t.equal(v.numeric, expected, `${name}: version ${expected}`);
  }
});

t.test('realistic large pass', async (t) => {
  const v = await measure(t, 'large (trailer, driver + 3 escorts, 4-character names and 阿卜杜热合曼·买买提)', largeInput);
  t.ok(v.numeric <= 15, `version ${v.numeric} ≤ 15`);
  t.ok(v.numeric < v.byte, 'numeric mode beats byte mode');
});

t.test('largest allowed pass', async (t) => {
  // Every variable field at its limit, with the costliest characters: names of
  // PASS_PERSON_NAME_MAX supplementary-plane characters (4 UTF-8 bytes each,
  // e.g. CJK Extension B), the trailer plate (挂 is 3 bytes), the longest jti
  // and issuer, 10-digit times. Every other field has a fixed length.
  const longName = (i: number) => '\u{20000}'.repeat(PASS_PERSON_NAME_MAX - 1) + String.fromCodePoint(0x20001 + i);
  const largest: PassInput = {
    jti: 'x'.repeat(PASS_JTI_MAX),
    plate: '苏E1234挂',
    driver: { name: longName(0), id4: '002X' },
    escorts: Array.from({ length: PASS_MAX_ESCORTS }, (_, i) => ({ name: longName(i + 1), id4: '1234' })),
    enterprise: { uscc: '91350100M000100Y43' },
    origin: '420100',
    nbf: 9_999_000_000,
    exp: 9_999_999_999,
  };
  const v = await measure(
    t,
    `largest allowed (4 people × ${PASS_PERSON_NAME_MAX} four-byte characters, ${PASS_JTI_MAX}-char jti, ${PASS_ISSUER_MAX}-char iss)`,
    largest,
    'K'.repeat(PASS_ISSUER_MAX),
  );
  t.ok(v.numeric <= LARGEST_MAX_VERSION, `version ${v.numeric} ≤ ${LARGEST_MAX_VERSION}`);
  t.ok(v.numeric < v.byte, 'numeric mode beats byte mode');

  const common = await measure(t, `largest allowed with ordinary Chinese characters (4 × ${PASS_PERSON_NAME_MAX} three-byte characters)`, {
    ...largest,
    driver: { name: '阿'.repeat(PASS_PERSON_NAME_MAX), id4: '002X' },
    escorts: largest.escorts?.map((e) => ({ ...e, name: '阿'.repeat(PASS_PERSON_NAME_MAX) })) ?? [],
  }, 'K'.repeat(PASS_ISSUER_MAX));
  t.ok(common.numeric <= v.numeric);
});
