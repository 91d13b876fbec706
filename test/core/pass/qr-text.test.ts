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
