import t from 'tap';
import fc from 'fast-check';
import { PASS_QR_PREFIX, PassError, decodePassQrText, encodePassQrText, passQrSegments } from '../../../src/core/pass/index.js';

t.test('each character becomes two digits (char code − 45)', async (t) => {
  t.equal(encodePassQrText('-'), 'KK1/00');
  t.equal(encodePassQrText('.'), 'KK1/01');
  t.equal(encodePassQrText('z'), 'KK1/77');
  t.equal(encodePassQrText('eyJ'), 'KK1/567629', 'e=101→56, y=121→76, J=74→29');
  t.equal(decodePassQrText('KK1/567629'), 'eyJ');
});

t.test('round trip over the whole JWS alphabet', async (t) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
  await fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1 }), (s) => {
      const text = encodePassQrText(s);
      return text.startsWith(PASS_QR_PREFIX) && /^[0-9]+$/.test(text.slice(4)) && decodePassQrText(text) === s;
    }),
  );
  t.pass();
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof PassError ? error.code : `not a PassError: ${String(error)}`;
  }
  return undefined;
}

t.test('decode errors', async (t) => {
  t.equal(codeOf(() => decodePassQrText('shc:/5676')), 'bad_prefix');
  t.equal(codeOf(() => decodePassQrText('KK/0102')), 'bad_prefix');
  t.equal(codeOf(() => decodePassQrText('')), 'bad_prefix');
  t.equal(codeOf(() => decodePassQrText('KK2/0102')), 'unsupported_version');
  t.equal(codeOf(() => decodePassQrText('KK10/0102')), 'unsupported_version');
  t.equal(codeOf(() => decodePassQrText('KK1/')), 'malformed');
  t.equal(codeOf(() => decodePassQrText('KK1/010')), 'malformed', 'odd length');
  t.equal(codeOf(() => decodePassQrText('KK1/0178')), 'malformed', '78 is out of range');
  t.equal(codeOf(() => decodePassQrText('KK1/01 02')), 'malformed', 'space inside');
  t.equal(codeOf(() => decodePassQrText('KK1/01a2')), 'malformed');
  t.equal(decodePassQrText(' kk1/0101\n'), '..', 'whitespace and prefix case from wedge scanners are tolerated');
});

t.test('encode refuses characters that cannot be in a JWS', async (t) => {
  t.equal(codeOf(() => encodePassQrText('')), 'malformed');
  t.equal(codeOf(() => encodePassQrText('a b')), 'malformed');
  t.equal(codeOf(() => encodePassQrText('苏')), 'malformed');
  t.equal(codeOf(() => encodePassQrText('{')), 'malformed');
});

t.test('segments for the qrcode library', async (t) => {
  t.same(passQrSegments('KK1/0102'), [
    { data: 'KK1/', mode: 'alphanumeric' },
    { data: '0102', mode: 'numeric' },
  ]);
  t.match(PASS_QR_PREFIX, /^[0-9A-Z $%*+\-./:]+$/, 'prefix uses only QR alphanumeric characters');
  t.equal(codeOf(() => passQrSegments('kk1/0102')), 'bad_prefix', 'segments need the canonical prefix');
  t.equal(codeOf(() => passQrSegments('KK1/01a2')), 'malformed');
  t.equal(codeOf(() => passQrSegments('KK1/')), 'malformed');
});

/** The thrown PassError as code and detail, so a test states exactly what staff would be told. */
function failureOf(fn: () => unknown): { code: string; detail: string | undefined } | string {
  try {
    fn();
  } catch (error) {
    return error instanceof PassError ? { code: error.code, detail: error.detail } : `not a PassError: ${String(error)}`;
  }
  return 'no error';
}

t.test('decode errors say what is wrong', async (t) => {
  t.same(failureOf(() => decodePassQrText('KK2/0102')), { code: 'unsupported_version', detail: 'QR format version 2' });
  t.same(failureOf(() => decodePassQrText('KK1/')), { code: 'malformed', detail: 'no data after prefix' });
  t.same(failureOf(() => decodePassQrText('KK1/01a2')), { code: 'malformed', detail: 'non-digit after prefix' });
  t.same(failureOf(() => decodePassQrText('KK1/010')), { code: 'malformed', detail: 'odd number of digits' });
  t.same(failureOf(() => decodePassQrText('KK1/0178')), { code: 'malformed', detail: 'digit pair 78 at 2 out of range' });
  t.same(failureOf(() => decodePassQrText('KK1/99')), { code: 'malformed', detail: 'digit pair 99 at 0 out of range' });
  t.same(decodePassQrText('KK1/0177'), '.z', 'control: 77 is the highest pair');
});

t.test('the prefix must start the text', async (t) => {
  t.same(failureOf(() => decodePassQrText('xKK1/0102')), { code: 'bad_prefix', detail: undefined });
  t.same(failureOf(() => decodePassQrText('1KK1/0102')), { code: 'bad_prefix', detail: undefined });
});

t.test('encode errors say what is wrong', async (t) => {
  t.same(failureOf(() => encodePassQrText('')), { code: 'malformed', detail: 'empty JWS' });
  t.same(failureOf(() => encodePassQrText('a b')), { code: 'malformed', detail: 'character at 1 cannot appear in a compact JWS' });
  t.same(failureOf(() => encodePassQrText('ab{')), { code: 'malformed', detail: 'character at 2 cannot appear in a compact JWS' });
  t.same(failureOf(() => passQrSegments('KK1/01a2')), { code: 'malformed', detail: 'non-digit after prefix' });
});
