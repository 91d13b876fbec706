import t from 'tap';
import { base64url } from 'jose';
import {
  PIN_MAX_ITERATIONS,
  PIN_MIN_ITERATIONS,
  derivePin,
  formatPinHash,
  hashPinWebCrypto,
  isPinHash,
  parsePinHash,
  verifyPin,
} from '../../../src/core/device/pin.js';

// The format's own PBKDF2 tests live in test/server/devices/pin-and-formats.test.ts; these are about its bounds.
const salt = new Uint8Array(16).fill(7);
const hash = await hashPinWebCrypto('480915', { salt, iterations: PIN_MIN_ITERATIONS });
const [scheme, iterations, saltText, hashText] = hash.split('$') as [string, string, string, string];
const hashBytes = new Uint8Array(base64url.decode(hashText));

t.test('a hash is exactly the format, from its first character to its last', async (t) => {
  t.same(parsePinHash(hash), { iterations: PIN_MIN_ITERATIONS, salt, hash: hashBytes });
  t.equal(isPinHash(hash), true);
  for (const bad of [`x${hash}`, ` ${hash}`, `${hash}\n`, 'plain', '']) {
    t.equal(parsePinHash(bad), undefined, JSON.stringify(bad).slice(0, 30));
    t.equal(isPinHash(bad), false);
  }
  // String([hash]) is the hash itself: only a string is read.
  t.equal(parsePinHash([hash]), undefined, 'an array holding a hash');
  t.equal(isPinHash([hash]), false);
  t.equal(await verifyPin('480915', [hash]), false);
});

t.test('iteration bounds are inclusive at both ends', async (t) => {
  const withIterations = (n: number) => formatPinHash({ iterations: n, salt, hash: hashBytes });
  t.match(parsePinHash(withIterations(PIN_MIN_ITERATIONS)), { iterations: PIN_MIN_ITERATIONS });
  t.match(parsePinHash(withIterations(PIN_MAX_ITERATIONS)), { iterations: PIN_MAX_ITERATIONS });
  t.equal(parsePinHash(withIterations(PIN_MIN_ITERATIONS - 1)), undefined);
  t.equal(parsePinHash(withIterations(PIN_MAX_ITERATIONS + 1)), undefined, 'a forged count must not hang the scanner');
});

t.test('salt: canonical base64url only', async (t) => {
  // The last of 22 characters carries 4 spare bits; 'B' sets one, so the same salt would have two spellings.
  const loose = `${saltText.slice(0, -1)}${saltText.endsWith('B') ? 'C' : 'B'}`;
  t.equal(parsePinHash(`${scheme}$${iterations}$${loose}$${hashText}`), undefined);
  t.equal(await verifyPin('480915', `${scheme}$${iterations}$${loose}$${hashText}`), false);
  const longer = new Uint8Array(17).fill(7);
  t.match(parsePinHash(formatPinHash({ iterations: PIN_MIN_ITERATIONS, salt: longer, hash: hashBytes })), { salt: longer }, 'a longer salt is fine');
});

t.test('a string that is not 4–8 ASCII digits never verifies, even against a hash made from it', async (t) => {
  for (const notPin of ['x4809', '4809x', '4809\n', ' 4809', '123', '123456789']) {
    const own = formatPinHash({ iterations: PIN_MIN_ITERATIONS, salt, hash: await derivePin(notPin, salt, PIN_MIN_ITERATIONS) });
    t.equal(await verifyPin(notPin, own), false, JSON.stringify(notPin));
  }
  t.equal(await verifyPin('480915', hash), true, 'control: the PIN itself');
});

t.test('hashPinWebCrypto refuses what verifyPin would never accept', async (t) => {
  for (const notPin of ['x4809', '4809x', '4809\n', '123', '123456789', '４８０９']) {
    await t.rejects(hashPinWebCrypto(notPin, { iterations: PIN_MIN_ITERATIONS }), new TypeError('a PIN is 4–8 ASCII digits'), JSON.stringify(notPin));
  }
  for (const n of [PIN_MIN_ITERATIONS - 1, PIN_MAX_ITERATIONS + 1, PIN_MIN_ITERATIONS + 0.5, Number.NaN]) {
    await t.rejects(hashPinWebCrypto('4809', { iterations: n }), new RangeError('iterations out of range'), String(n));
  }
  await t.rejects(hashPinWebCrypto('4809', { iterations: PIN_MIN_ITERATIONS, salt: new Uint8Array(15) }), new RangeError('salt must be at least 16 bytes'));
  t.match(await hashPinWebCrypto('4809', { iterations: PIN_MIN_ITERATIONS }), /^pbkdf2-sha256\$10000\$/, 'the lowest count');
  // The highest count takes about a second: once, to show the bound is inclusive.
  const slow = await hashPinWebCrypto('4809', { iterations: PIN_MAX_ITERATIONS, salt });
  t.match(parsePinHash(slow), { iterations: PIN_MAX_ITERATIONS, salt });
});
