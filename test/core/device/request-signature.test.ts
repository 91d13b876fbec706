import t from 'tap';
import {
  DEFAULT_MAX_SKEW_MS,
  DEVICE_REQUEST_FAILURE_TEXT,
  DEVICE_HEADER,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  bodyHash,
  deviceRequestSigningString,
  generateDeviceKeyPair,
  readDeviceId,
  signDeviceRequest,
  verifyDeviceRequest,
} from '../../../src/core/device/index.js';
import type { DeviceRequestHeaders, VerifyDeviceRequestOptions, VerifyDeviceRequestResult } from '../../../src/core/device/index.js';

const device = await generateDeviceKeyPair();
const other = await generateDeviceKeyPair();
const NOW = Date.UTC(2020, 1, 25, 6, 0, 0);
const MIN = 60_000;
const body = JSON.stringify({ events: [{ id: 'x', plate: '苏E12345' }] });
const base = { method: 'POST', path: '/api/device/events?batch=3', body, deviceId: 'dev-ks-001', privateKey: device.privateKey, now: NOW };
const headers = await signDeviceRequest(base);

function verifyWith(overrides: Partial<VerifyDeviceRequestOptions> = {}): Promise<VerifyDeviceRequestResult> {
  return verifyDeviceRequest({ method: 'POST', path: base.path, body, headers, publicJwk: device.publicJwk, now: NOW, ...overrides });
}
const reasonOf = (r: VerifyDeviceRequestResult) => (r.ok ? 'ok' : r.reason);

t.test('round trip', async (t) => {
  t.same(Object.keys(headers).sort(), [DEVICE_HEADER, NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER].sort());
  t.equal(headers[DEVICE_HEADER], 'dev-ks-001');
  t.equal(headers[TIMESTAMP_HEADER], String(NOW));
  t.match(headers[NONCE_HEADER], /^[A-Za-z0-9_-]{22}$/, '16 random bytes');
  t.match(headers[SIGNATURE_HEADER], /^[A-Za-z0-9_-]{86}$/, '64-byte P1363 signature');
  const r = await verifyWith();
  t.same(r, { ok: true, deviceId: 'dev-ks-001', nonce: headers[NONCE_HEADER], timestamp: NOW });

  // Body as bytes on one side and a string on the other is the same request.
  t.equal(reasonOf(await verifyWith({ body: new TextEncoder().encode(body) })), 'ok', 'body as Uint8Array');
  t.equal(reasonOf(await verifyWith({ body: new TextEncoder().encode(body).buffer })), 'ok', 'body as ArrayBuffer');
  t.equal(reasonOf(await verifyWith({ method: 'post' })), 'ok', 'method case does not matter');
  t.equal(reasonOf(await verifyWith({ now: new Date(NOW) })), 'ok', 'now as a Date');
  const key = await crypto.subtle.importKey('jwk', { ...device.publicJwk }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  t.equal(reasonOf(await verifyWith({ publicJwk: key })), 'ok', 'imported CryptoKey');

  const nonces = new Set<string>();
  for (let i = 0; i < 20; i++) nonces.add((await signDeviceRequest(base))[NONCE_HEADER]);
  t.equal(nonces.size, 20, 'a fresh nonce every time');
});

t.test('GET with no body, and empty body', async (t) => {
  const get = await signDeviceRequest({ ...base, method: 'GET', path: '/api/device/bundle', body: undefined });
  const opts = { method: 'GET', path: '/api/device/bundle', headers: get, publicJwk: device.publicJwk, now: NOW };
  t.equal(reasonOf(await verifyDeviceRequest(opts)), 'ok');
  t.equal(reasonOf(await verifyDeviceRequest({ ...opts, body: '' })), 'ok', 'empty body = no body');
  t.equal(reasonOf(await verifyDeviceRequest({ ...opts, body: new Uint8Array(0) })), 'ok');
  t.equal(reasonOf(await verifyDeviceRequest({ ...opts, body: 'x' })), 'bad_signature');
  t.equal(await bodyHash(null), '');
  t.equal(await bodyHash('abc'), 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0', 'SHA-256("abc")');
});

t.test('signing string', async (t) => {
  t.equal(
    deviceRequestSigningString({ method: 'get', path: '/a?b=1', timestamp: '1582610400000', nonce: 'n'.repeat(22), bodyHash: '' }),
    `KAKOU-DEVICE-V1\nGET\n/a?b=1\n1582610400000\n${'n'.repeat(22)}\n`,
  );
});

t.test('stale or future timestamps', async (t) => {
  t.equal(reasonOf(await verifyWith({ now: NOW + 6 * MIN })), 'stale', 'signed 6 minutes ago');
  t.equal(reasonOf(await verifyWith({ now: NOW - 6 * MIN })), 'stale', 'signed 6 minutes in the future');
  t.equal(reasonOf(await verifyWith({ now: NOW + 4 * MIN })), 'ok', '4 minutes old');
  t.equal(reasonOf(await verifyWith({ now: NOW - 4 * MIN })), 'ok', '4 minutes ahead');
  t.equal(reasonOf(await verifyWith({ now: NOW + DEFAULT_MAX_SKEW_MS })), 'ok', 'exactly at the limit');
  t.equal(reasonOf(await verifyWith({ now: NOW + DEFAULT_MAX_SKEW_MS + 1 })), 'stale', 'one ms past the limit');
  t.equal(reasonOf(await verifyWith({ now: NOW + 2 * MIN, maxSkewMs: MIN })), 'stale', 'custom maxSkewMs');
  t.equal(reasonOf(await verifyWith({ now: Number.NaN })), 'malformed', 'NaN time is not "no limit"');
  const old = await signDeviceRequest({ ...base, now: NOW - 6 * MIN });
  t.equal(reasonOf(await verifyWith({ headers: old })), 'stale', 'signed with an old clock');
});

t.test('any change → bad_signature', async (t) => {
  t.equal(reasonOf(await verifyWith({ body: body.replace('12345', '12346') })), 'bad_signature', 'body');
  t.equal(reasonOf(await verifyWith({ body: undefined })), 'bad_signature', 'body dropped');
  t.equal(reasonOf(await verifyWith({ path: '/api/device/events?batch=4' })), 'bad_signature', 'query');
  t.equal(reasonOf(await verifyWith({ path: '/api/device/event?batch=3' })), 'bad_signature', 'path');
  t.equal(reasonOf(await verifyWith({ method: 'PUT' })), 'bad_signature', 'method');
  const otherNonce = await signDeviceRequest(base);
  t.equal(reasonOf(await verifyWith({ headers: { ...headers, [NONCE_HEADER]: otherNonce[NONCE_HEADER] } })), 'bad_signature', 'nonce');
  t.equal(reasonOf(await verifyWith({ headers: { ...headers, [TIMESTAMP_HEADER]: String(NOW + 1) } })), 'bad_signature', 'timestamp');
  t.equal(reasonOf(await verifyWith({ publicJwk: other.publicJwk })), 'bad_signature', 'another device key');
  t.equal(reasonOf(await verifyWith({ headers: { ...headers, [SIGNATURE_HEADER]: otherNonce[SIGNATURE_HEADER] } })), 'bad_signature', 'signature of another request');
  const sig = headers[SIGNATURE_HEADER];
  const flipped = (sig[10] === 'A' ? 'B' : 'A');
  t.equal(reasonOf(await verifyWith({ headers: { ...headers, [SIGNATURE_HEADER]: sig.slice(0, 10) + flipped + sig.slice(11) } })), 'bad_signature', 'signature byte');
  t.equal(reasonOf(await verifyWith({ publicJwk: { kty: 'EC', crv: 'P-256', x: 'bad', y: 'bad' } })), 'bad_signature', 'unusable enrolled key');
  t.equal(reasonOf(await verifyWith({ publicJwk: { ...device.publicJwk, d: 'secret' } as never })), 'bad_signature', 'private JWK refused as verify key');
});

t.test('missing and malformed headers', async (t) => {
  for (const name of [DEVICE_HEADER, TIMESTAMP_HEADER, NONCE_HEADER, SIGNATURE_HEADER] as const) {
    const partial: Partial<DeviceRequestHeaders> = { ...headers };
    delete partial[name];
    const r = await verifyWith({ headers: partial });
    t.equal(reasonOf(r), 'missing_headers', `without ${name}`);
    t.ok(!r.ok && r.detail?.includes(name), 'detail names the header');
    t.equal(reasonOf(await verifyWith({ headers: { ...headers, [name]: '' } })), 'missing_headers', `empty ${name}`);
  }
  t.equal(reasonOf(await verifyWith({ headers: {} })), 'missing_headers');
  t.equal(reasonOf(await verifyWith({ headers: { ...headers, [TIMESTAMP_HEADER]: '1e12' } })), 'malformed', 'timestamp not digits');
  t.equal(reasonOf(await verifyWith({ headers: { ...headers, [NONCE_HEADER]: 'short' } })), 'malformed', 'nonce under 16 bytes');
  t.equal(reasonOf(await verifyWith({ headers: { ...headers, [DEVICE_HEADER]: 'dev 1\n' } })), 'malformed', 'device id');
  t.equal(reasonOf(await verifyWith({ headers: { ...headers, [NONCE_HEADER]: [headers[NONCE_HEADER], headers[NONCE_HEADER]] } })), 'malformed', 'repeated header');
  t.equal(reasonOf(await verifyWith({ headers: { ...headers, [NONCE_HEADER]: `${headers[NONCE_HEADER]}, ${headers[NONCE_HEADER]}` } })), 'malformed', 'repeated header, joined');
  t.equal(reasonOf(await verifyWith({ path: '/a\nb' })), 'malformed', 'newline in path');
  t.equal(reasonOf(await verifyWith({ method: 'GET\n/x' })), 'malformed', 'newline in method');
  t.equal(reasonOf(await verifyWith({ headers: { ...headers, [SIGNATURE_HEADER]: 'AAAA' } })), 'bad_signature', 'short signature');
});

t.test('header containers', async (t) => {
  const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
  t.equal(reasonOf(await verifyWith({ headers: upper })), 'ok', 'any header name case');
  t.equal(reasonOf(await verifyWith({ headers: new Headers({ ...headers }) })), 'ok', 'fetch Headers');
  t.equal(readDeviceId(headers), 'dev-ks-001');
  t.equal(readDeviceId(new Headers({ ...headers })), 'dev-ks-001');
  t.equal(readDeviceId({}), undefined);
});

t.test('signing refuses input no server would accept', async (t) => {
  await t.rejects(signDeviceRequest({ ...base, path: 'api/x' }), TypeError);
  await t.rejects(signDeviceRequest({ ...base, path: '/a b' }), TypeError);
  await t.rejects(signDeviceRequest({ ...base, method: 'GET /' }), TypeError);
  await t.rejects(signDeviceRequest({ ...base, deviceId: '' }), TypeError);
  await t.rejects(signDeviceRequest({ ...base, nonce: 'abc' }), TypeError);
});

t.test('every refusal names what is wrong, so the server log and the device can say it', async (t) => {
  t.same(await verifyWith({ headers: {} }), { ok: false, reason: 'missing_headers', detail: 'x-kakou-device, x-kakou-timestamp, x-kakou-nonce, x-kakou-signature' });
  t.same(await verifyWith({ headers: { ...headers, [DEVICE_HEADER]: 'dev 1' } }), { ok: false, reason: 'malformed', detail: 'device id' });
  t.same(await verifyWith({ headers: { ...headers, [TIMESTAMP_HEADER]: '-1' } }), { ok: false, reason: 'malformed', detail: 'timestamp' });
  t.same(await verifyWith({ headers: { ...headers, [NONCE_HEADER]: 'short' } }), { ok: false, reason: 'malformed', detail: 'nonce' });
  t.same(await verifyWith({ method: 'GET\n/x' }), { ok: false, reason: 'malformed', detail: 'method' });
  t.same(await verifyWith({ path: '/a\nb' }), { ok: false, reason: 'malformed', detail: 'path' });
  t.same(await verifyWith({ now: Number.NaN }), { ok: false, reason: 'malformed', detail: 'verification time is not a valid date' });
  t.same(await verifyWith({ now: NOW + 6 * MIN }), { ok: false, reason: 'stale', detail: `timestamp ${NOW}, server time ${NOW + 6 * MIN}` });
  t.same(await verifyWith({ publicJwk: { kty: 'EC', crv: 'P-256', x: 'bad', y: 'bad' } }), { ok: false, reason: 'bad_signature', detail: 'enrolled key unusable' });
  t.same(await verifyWith({ publicJwk: other.publicJwk }), { ok: false, reason: 'bad_signature' }, 'a plain bad signature has no detail');
});

t.test('a nonce is base64url from its first to its last character', async (t) => {
  const nonce = headers[NONCE_HEADER];
  for (const bad of [`${nonce}=`, `=${nonce}`, `${nonce}\n`, 'n'.repeat(65)]) {
    t.same(await verifyWith({ headers: { ...headers, [NONCE_HEADER]: bad } }), { ok: false, reason: 'malformed', detail: 'nonce' }, JSON.stringify(bad));
    await t.rejects(signDeviceRequest({ ...base, nonce: bad }), new TypeError('nonce must be at least 16 bytes of base64url'), JSON.stringify(bad));
  }
  t.match(await signDeviceRequest({ ...base, nonce: 'n'.repeat(64) }), { [NONCE_HEADER]: 'n'.repeat(64) }, '64 characters is the most');
});

t.test('method and path must be strings, not anything that prints like one', async (t) => {
  // 'undefined' is nine letters: a check on String(method) alone would let it through.
  t.same(await verifyWith({ method: undefined as never }), { ok: false, reason: 'malformed', detail: 'method' });
  t.same(await verifyWith({ path: { toString: () => base.path } as never }), { ok: false, reason: 'malformed', detail: 'path' });
});

t.test('signing refuses with a message that says what to fix', async (t) => {
  await t.rejects(signDeviceRequest({ ...base, method: 'GET /' }), new TypeError('method must be an HTTP method name'));
  await t.rejects(signDeviceRequest({ ...base, path: 'api/x' }), new TypeError('path must start with / and contain only printable ASCII (percent-encode the rest)'));
  await t.rejects(signDeviceRequest({ ...base, deviceId: '' }), new TypeError('invalid device id'));
  // A clock before 1970 or no clock at all: the server could never accept the timestamp.
  await t.rejects(signDeviceRequest({ ...base, now: -1 }), new TypeError('invalid time'));
  await t.rejects(signDeviceRequest({ ...base, now: new Date('not a date') }), new TypeError('invalid time'));
});

t.test('maxSkewMs: a usable number or the default', async (t) => {
  t.same(await verifyWith({ maxSkewMs: 0 }), await verifyWith(), 'zero: only the exact millisecond');
  t.equal(reasonOf(await verifyWith({ now: NOW + 1, maxSkewMs: 0 })), 'stale', 'zero is a limit, not "use the default"');
  // Anything else that is not a finite, non-negative number falls back to five minutes, never to "no limit".
  for (const maxSkewMs of [Number.NaN, Number.POSITIVE_INFINITY, -1]) {
    t.equal(reasonOf(await verifyWith({ now: NOW + 6 * MIN, maxSkewMs })), 'stale', `${maxSkewMs}: six minutes is too old`);
    t.equal(reasonOf(await verifyWith({ now: NOW + 4 * MIN, maxSkewMs })), 'ok', `${maxSkewMs}: four minutes is fine`);
  }
});

t.test('headers: absent, repeated, or spelt twice in different case', async (t) => {
  t.same(await verifyWith({ headers: { ...headers, [NONCE_HEADER]: undefined } }), { ok: false, reason: 'missing_headers', detail: NONCE_HEADER }, 'a key with no value is absent');
  const twice = { ok: false, reason: 'malformed', detail: `${NONCE_HEADER} sent more than once` };
  t.same(await verifyWith({ headers: { ...headers, 'X-Kakou-Nonce': headers[NONCE_HEADER] } }), twice, 'the same name in two spellings');
  t.same(await verifyWith({ headers: { ...headers, [NONCE_HEADER]: [headers[NONCE_HEADER], headers[NONCE_HEADER]] } }), twice, 'an array of values');
  t.same(await verifyWith({ headers: { ...headers, [NONCE_HEADER]: `${headers[NONCE_HEADER]}, ${headers[NONCE_HEADER]}` } }), twice, 'joined by Node');
  const fetchHeaders = new Headers({ ...headers });
  fetchHeaders.append(NONCE_HEADER, headers[NONCE_HEADER]);
  t.same(await verifyWith({ headers: fetchHeaders }), twice, 'joined by fetch');
  const partial = new Headers({ ...headers });
  partial.delete(SIGNATURE_HEADER);
  t.same(await verifyWith({ headers: partial }), { ok: false, reason: 'missing_headers', detail: SIGNATURE_HEADER }, 'absent from fetch Headers');
});

t.test('readDeviceId: a well-formed id sent once, or nothing', async (t) => {
  t.equal(readDeviceId(new Headers()), undefined);
  t.equal(readDeviceId({ [DEVICE_HEADER]: 'dev 1' }), undefined, 'not a device id');
  t.equal(readDeviceId({ [DEVICE_HEADER]: ['dev-ks-001', 'dev-ks-002'] }), undefined, 'sent twice');
  t.equal(readDeviceId({ [DEVICE_HEADER]: 'dev-ks-001, dev-ks-002' }), undefined, 'joined');
});

t.test('never throws: unusable input is malformed', async (t) => {
  t.match(await verifyDeviceRequest({ ...base, headers: null as never, publicJwk: device.publicJwk }), { ok: false, reason: 'malformed', detail: /^unexpected: .+/ });
});

t.test('failure texts: zh and en for every reason', async (t) => {
  const reasons = ['missing_headers', 'stale', 'bad_signature', 'malformed'] as const;
  t.same(Object.keys(DEVICE_REQUEST_FAILURE_TEXT).sort(), [...reasons].sort());
  for (const r of reasons) {
    t.match(DEVICE_REQUEST_FAILURE_TEXT[r], { zh: /\p{Script=Han}/u, en: /^[A-Z][a-z]/ }, r);
  }
  t.equal(new Set(reasons.map((r) => DEVICE_REQUEST_FAILURE_TEXT[r].en)).size, reasons.length, 'each says something different');
  t.ok(Object.isFrozen(DEVICE_REQUEST_FAILURE_TEXT));
});
