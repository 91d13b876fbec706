import t from 'tap';
import { pbkdf2Sync } from 'node:crypto';
import { bundleForBrowser } from '../../core/device/browser-bundle-check.js';
import { hashPinWebCrypto, parsePinHash, PIN_MAX_ITERATIONS, verifyPin } from '../../../src/core/device/pin.js';
import { enrollmentQrText, formatEnrollmentCode, normalizeEnrollmentCode, parseEnrollmentQr } from '../../../src/core/device/enrollment.js';
import { hashPin, isTrivialPin } from '../../../src/server/security/pin.js';

t.test('PIN hash: the server (node:crypto) and the scanner (Web Crypto) agree', async (t) => {
  const h = await hashPin('480915');
  t.match(h, /^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  t.equal(await verifyPin('480915', h), true);
  t.equal(await verifyPin('480916', h), false);
  t.not(await hashPin('480915'), h, 'a fresh salt each time');

  // Independent check of the format: PBKDF2-HMAC-SHA-256 over the UTF-8 PIN, 32 bytes.
  const parsed = parsePinHash(h)!;
  const expected = pbkdf2Sync('480915', Buffer.from(parsed.salt), parsed.iterations, 32, 'sha256').toString('base64url');
  t.equal(h.split('$')[3], expected, 'hash = PBKDF2-SHA-256(pin, salt, iterations, 32)');

  const salt = new Uint8Array(16).fill(7);
  const web = await hashPinWebCrypto('2580', { salt, iterations: 20_000 });
  t.equal(web.split('$')[3], pbkdf2Sync('2580', Buffer.from(salt), 20_000, 32, 'sha256').toString('base64url'), 'Web Crypto gives the same bytes');
  t.equal(await verifyPin('2580', web), true, 'other iteration counts verify: the parameters travel with the hash');
});

t.test('PIN hash: malformed or hostile hashes verify nothing', async (t) => {
  const h = await hashPin('480915');
  const [scheme, it, salt, hash] = h.split('$');
  const bad = [
    '',
    'plain',
    `pbkdf2-sha1$${it}$${salt}$${hash}`,
    `${scheme}$${PIN_MAX_ITERATIONS + 1}$${salt}$${hash}`,
    `${scheme}$1000$${salt}$${hash}`,
    `${scheme}$0100000$${salt}$${hash}`,
    `${scheme}$${it}$${salt!.slice(0, 10)}$${hash}`,
    `${scheme}$${it}$${salt}$${hash!.slice(0, -1)}`,
    `${scheme}$${it}$${salt}$${hash!.slice(0, -1)}B`, // non-canonical last character
    `${h}$extra`,
  ];
  for (const b of bad) {
    t.equal(parsePinHash(b), undefined, `parse refuses ${b.slice(0, 40)}`);
    t.equal(await verifyPin('480915', b), false);
  }
  t.equal(await verifyPin(480915 as unknown as string, h), false, 'a number is not a PIN');
  t.equal(await verifyPin('', h), false);
  t.equal(await verifyPin('４８０９１５', h), false, 'full-width digits are not the PIN');
});

t.test('trivial PINs', async (t) => {
  for (const p of ['0000', '1111', '1234', '4321', '0123', '9876', '7890', '123456', '654321', '1212', '909090', '12a4', '1']) t.ok(isTrivialPin(p), `${p} trivial`);
  for (const p of ['4809', '480915', '1357', '2580', '3690', '73190254']) t.notOk(isTrivialPin(p), `${p} fine`);
});

t.test('enrollment codes and QR text', async (t) => {
  t.equal(normalizeEnrollmentCode('k7qm 3xbd-9f2h-twcn'), 'K7QM3XBD9F2HTWCN');
  t.equal(normalizeEnrollmentCode('O1IL-0000-0000-0000'), '0111000000000000', 'O is 0, I and L are 1');
  for (const bad of ['K7QM-3XBD-9F2H-TWC', 'K7QM-3XBD-9F2H-TWCNX', 'U7QM-3XBD-9F2H-TWCN', '', 42, null]) t.equal(normalizeEnrollmentCode(bad), undefined, `refuses ${String(bad)}`);
  t.equal(formatEnrollmentCode('K7QM3XBD9F2HTWCN'), 'K7QM-3XBD-9F2H-TWCN');
  const text = enrollmentQrText('https://kakou.example.cn:8443/', 'K7QM3XBD9F2HTWCN');
  t.equal(text, 'KKENROLL:https://kakou.example.cn:8443:K7QM-3XBD-9F2H-TWCN');
  t.same(parseEnrollmentQr(text), { baseUrl: 'https://kakou.example.cn:8443', code: 'K7QM3XBD9F2HTWCN' });
  t.same(parseEnrollmentQr('KKENROLL:https://kakou.example.cn/kakou:K7QM3XBD9F2HTWCN'), { baseUrl: 'https://kakou.example.cn/kakou', code: 'K7QM3XBD9F2HTWCN' });
  for (const bad of ['KKENROLL:K7QM3XBD9F2HTWCN', 'KKENROLL:ftp://x:K7QM3XBD9F2HTWCN', 'KKENROLL:https://x/:K7QM3XBD9F2HTWCN', 'KKP:https://x:K7QM3XBD9F2HTWCN', 'KKENROLL:https://x:nope']) {
    t.equal(parseEnrollmentQr(bad), undefined, `refuses ${bad}`);
  }
});

// Under mutation testing (stryker/run.mjs sets STRYKER_AREA) the sources are instrumented with Stryker's own
// globals: this checks the real sources, which `npm test` does.
const mutating = process.env.STRYKER_AREA ? 'the sources are instrumented by Stryker' : false;
t.test('the scanner-side modules bundle for the browser with no Node built-ins', { skip: mutating }, async (t) => {
  for (const file of ['pin.ts', 'checkpoint-data.ts', 'enrollment.ts']) {
    const report = await bundleForBrowser(new URL(`../../../src/core/device/${file}`, import.meta.url));
    t.same(report.errors, [], `${file}: no errors`);
    t.same(report.builtins, [], `${file}: no Node built-ins`);
    t.notMatch(report.code, /\brequire\(|\bprocess\.|\bBuffer\./, `${file}: no Node globals`);
  }
});
