import t from 'tap';
import {
  CHARTER_ERROR_TEXT,
  CHARTER_QR_PREFIX,
  CharterError,
  charterErrorText,
  charterQrSegments,
  decodeCharterQrText,
  encodeCharterQrText,
} from '../../../src/core/charter/index.js';

// docs/charter-pass.md section 1: each character as two digits, its code minus 45; pairs 00 ('-') to 77 ('z').
const charterError = (code: string, detail?: string) => ({
  name: 'CharterError',
  code,
  detail,
  message: detail === undefined ? CHARTER_ERROR_TEXT[code as 'malformed'].en : `${CHARTER_ERROR_TEXT[code as 'malformed'].en}: ${detail}`,
});

t.test('encoding: the edges of the two-digit range', async (t) => {
  t.equal(CHARTER_QR_PREFIX, 'KC1/');
  t.equal(encodeCharterQrText('-'), 'KC1/00', "'-' is code 45, the lowest pair");
  t.equal(encodeCharterQrText('6'), 'KC1/09', 'single digits get a leading zero');
  t.equal(encodeCharterQrText('7'), 'KC1/10', 'ten is already two digits');
  t.equal(encodeCharterQrText('z'), 'KC1/77', "'z' is code 122, the highest pair");
  t.equal(encodeCharterQrText('a.b_c-'), 'KC1/520153505400');
});

t.test('encoding refuses what cannot be in a compact JWS', async (t) => {
  t.throws(() => encodeCharterQrText(''), charterError('malformed', 'empty JWS'));
  t.throws(() => encodeCharterQrText(','), charterError('malformed', 'character at 0 cannot appear in a compact JWS'), 'code 44, below the range');
  t.throws(() => encodeCharterQrText('ab{'), charterError('malformed', 'character at 2 cannot appear in a compact JWS'), 'code 123, above the range');
});

t.test('decoding: the inverse, pairs up to 77', async (t) => {
  t.equal(decodeCharterQrText('KC1/00097710'), '-6z7');
  t.equal(decodeCharterQrText(encodeCharterQrText('eyJhbGciOiJFZERTQSJ9.e30.sig-_')), 'eyJhbGciOiJFZERTQSJ9.e30.sig-_');
  t.equal(decodeCharterQrText(' \tkc1/00097710\r\n'), '-6z7', 'keyboard-wedge whitespace and a lower-case prefix are ignored');
  t.throws(() => decodeCharterQrText('KC1/0078'), charterError('malformed', 'digit pair 78 at 2 out of range'));
});

t.test('decoding: prefix and version', async (t) => {
  t.throws(() => decodeCharterQrText('xKC1/5676'), charterError('bad_prefix'), 'the prefix must come first');
  t.throws(() => decodeCharterQrText('KC/5676'), charterError('bad_prefix'), 'a version number is required');
  t.throws(() => decodeCharterQrText('KC12/5676'), charterError('unsupported_version', 'QR format version 12'), 'versions of more than one digit');
  t.throws(() => decodeCharterQrText('kc2/5676'), charterError('unsupported_version', 'QR format version 2'));
});

t.test('decoding: a non-empty, even number of digits and nothing else', async (t) => {
  const detail = 'expected a non-empty, even number of digits';
  for (const text of ['KC1/', 'KC1/567', 'KC1/x5676', 'KC1/5676x', 'KC1/56 76']) {
    t.throws(() => decodeCharterQrText(text), charterError('malformed', detail), JSON.stringify(text));
  }
});

t.test('segments: the prefix alphanumeric, the digits numeric', async (t) => {
  t.same(charterQrSegments('KC1/5676'), [
    { data: 'KC1/', mode: 'alphanumeric' },
    { data: '5676', mode: 'numeric' },
  ]);
  t.throws(() => charterQrSegments('KK1/5676'), charterError('bad_prefix'), 'a freight pass text');
  t.throws(() => charterQrSegments('kc1/5676'), charterError('bad_prefix'), 'segments are made from our own, upper-case text');
  for (const text of ['KC1/', 'KC1/a12', 'KC1/12a']) {
    t.throws(() => charterQrSegments(text), charterError('malformed', 'non-digit after prefix'), JSON.stringify(text));
  }
});

t.test('CharterError and charterErrorText', async (t) => {
  const plain = new CharterError('revoked');
  t.match(plain, charterError('revoked'));
  t.ok(plain instanceof Error);
  // Whole, not t.match: a string pattern only asks for containment, and "…: undefined" contains the text.
  t.equal(plain.message, CHARTER_ERROR_TEXT.revoked.en, 'no detail: the text alone');
  t.equal(new CharterError('malformed', 'bad prefix').message, `${CHARTER_ERROR_TEXT.malformed.en}: bad prefix`);
  t.same(charterErrorText('revoked'), { zh: '包车通行证已被撤销', en: 'The charter pass has been revoked' });
  t.equal(charterErrorText('expired'), CHARTER_ERROR_TEXT.expired);
});
