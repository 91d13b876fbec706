import t from 'tap';
import { enrollmentQrText, formatEnrollmentCode, normalizeEnrollmentCode, parseEnrollmentQr, splitEnrollmentCode } from '../../../src/core/device/enrollment.js';

// The everyday cases are in test/server/devices/pin-and-formats.test.ts; these are the edges.
const CODE = 'K7QM3XBD9F2HTWCN';
const SHOWN = 'K7QM-3XBD-9F2H-TWCN';

t.test('a typed code is read up to 64 characters, spaces included', async (t) => {
  t.equal(normalizeEnrollmentCode(SHOWN.padEnd(64)), CODE, '64 characters');
  t.equal(normalizeEnrollmentCode(SHOWN.padEnd(65)), undefined, '65 characters');
});

t.test('format and split', async (t) => {
  t.equal(formatEnrollmentCode(CODE), SHOWN);
  t.equal(formatEnrollmentCode(''), '', 'nothing to group');
  t.same(splitEnrollmentCode(CODE), { id: 'K7QM', secret: '3XBD9F2HTWCN' }, 'the secret is the other twelve characters, without the id');
});

t.test('QR text: every trailing slash of the base URL goes', async (t) => {
  t.equal(enrollmentQrText('https://kakou.example.cn//', CODE), `KKENROLL:https://kakou.example.cn:${SHOWN}`);
  t.equal(enrollmentQrText('https://kakou.example.cn/kakou', CODE), `KKENROLL:https://kakou.example.cn/kakou:${SHOWN}`);
});

t.test('QR parse: the prefix exactly, at most 512 characters', async (t) => {
  t.equal(parseEnrollmentQr(`kkenroll:https://kakou.example.cn:${SHOWN}`), undefined, 'prefix in the wrong case');
  t.equal(parseEnrollmentQr(`XXENROLL:https://kakou.example.cn:${SHOWN}`), undefined, 'another prefix of the same length');
  for (const notText of [42, null, undefined, { toString: () => `KKENROLL:https://kakou.example.cn:${SHOWN}` }]) {
    t.equal(parseEnrollmentQr(notText), undefined, String(notText));
  }
  const at = (length: number) => {
    const head = 'KKENROLL:https://kakou.example.cn/';
    const tail = `:${SHOWN}`;
    return `${head}${'p'.repeat(length - head.length - tail.length)}${tail}`;
  };
  t.equal(at(512).length, 512);
  t.match(parseEnrollmentQr(at(512)), { code: CODE }, '512 characters');
  t.equal(parseEnrollmentQr(at(513)), undefined, '513 characters');
});

t.test('QR parse: the base URL is a whole http(s) URL', async (t) => {
  for (const baseUrl of ['xhttps://kakou.example.cn', 'https://kakou.example.cn/x?y=1', 'https://kakou.example.cn/a b', 'https://kakou.example.cn#f', 'https://kakou.example.cn:99999', 'https://[::1']) {
    t.equal(parseEnrollmentQr(`KKENROLL:${baseUrl}:${SHOWN}`), undefined, baseUrl);
  }
  t.same(parseEnrollmentQr(`KKENROLL:http://10.7.0.2:8080/kakou:${SHOWN.toLowerCase()}`), { baseUrl: 'http://10.7.0.2:8080/kakou', code: CODE }, 'plain http on a LAN, code typed loosely');
});
