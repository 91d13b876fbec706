import t from 'tap';
import { base64url } from 'jose';
import * as z from 'zod';
import {
  BADGE_PATTERN,
  CHECKPOINT_DATA_TYP,
  DEFAULT_CHECKPOINT_DATA_CLOCK_TOLERANCE_SEC,
  checkpointDataSchema,
  signCheckpointData,
  verifyCheckpointData,
} from '../../../src/core/device/checkpoint-data.js';
import type { CheckpointData } from '../../../src/core/device/checkpoint-data.js';
import { PIN_MIN_ITERATIONS, hashPinWebCrypto } from '../../../src/core/device/pin.js';
import { BUNDLE_TYP } from '../../../src/core/trust/sign.js';
import { T0, bundleKey, signRaw, trustedKeys } from '../trust/fixtures.js';

// The lowest accepted iteration count keeps the fixture cheap; the format is the same.
const pinHash = await hashPinWebCrypto('480915', { iterations: PIN_MIN_ITERATIONS });
const DAY = 86_400;

const data: CheckpointData = {
  v: 1,
  iss: 'KSJT',
  iat: T0,
  exp: T0 + 3 * DAY,
  checkpoint: { id: 3, name: '花桥收费站入城卡口', location: '昆山市花桥镇沪宁高速花桥收费站', regionCode: '320583', direction: 'inbound', status: 'active' },
  staff: [
    { badge: 'KS-0107', name: '张卫国', pinHash },
    { badge: 'KS-0211', name: '王秀英', pinHash },
  ],
};
const sign = (payload: unknown, kid = bundleKey.kid) => signCheckpointData(payload as CheckpointData, { privateKey: bundleKey.privateKey, kid });
const jws = await sign(data);
const TOL = 60;
const opts = { trustedKeys, now: T0 + 3600, clockToleranceSec: TOL };
const header = { alg: 'EdDSA', kid: bundleKey.kid, typ: CHECKPOINT_DATA_TYP };

/** The issues zod reports, as path and message only: what a signer's error and a verifier's detail are built from. */
function issuesOf(payload: unknown): Array<{ path: PropertyKey[]; message: string }> {
  const r = checkpointDataSchema.safeParse(payload);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
}
const withCheckpoint = (patch: Record<string, unknown>) => ({ ...data, checkpoint: { ...data.checkpoint, ...patch } });
const withStaff = (patch: Record<string, unknown>) => ({ ...data, staff: [{ ...data.staff[0]!, ...patch }] });

t.test('round trip: the header names the checkpoint-data type, the payload comes back whole', async (t) => {
  t.same(JSON.parse(new TextDecoder().decode(base64url.decode(jws.split('.')[0]!))), { alg: 'EdDSA', kid: bundleKey.kid, typ: 'kakou-checkpoint+jwt' });
  t.same(await verifyCheckpointData(jws, opts), { ok: true, data, kid: bundleKey.kid });
  t.same(await verifyCheckpointData(jws, { ...opts, checkpointId: 3 }), { ok: true, data, kid: bundleKey.kid }, 'for its own checkpoint');
  // A file or an HTTP body may end in a newline.
  t.same(await verifyCheckpointData(`${jws}\n`, opts), { ok: true, data, kid: bundleKey.kid }, 'surrounding whitespace is trimmed');
});

t.test('a trust bundle signed by the same key is not checkpoint data', async (t) => {
  const asBundle = await signRaw({ ...header, typ: BUNDLE_TYP }, data);
  t.same(await verifyCheckpointData(asBundle, opts), { ok: false, reason: 'wrong_typ' }, 'no detail: the code says it all');
});

t.test('shown texts: at most N characters (code points), no padding, no control or format characters', async (t) => {
  // 60 astral characters are 120 UTF-16 units: the limit counts what staff see.
  t.same(issuesOf(withCheckpoint({ name: '𠮷'.repeat(60) })), [], 'exactly 60 characters');
  t.same(issuesOf(withCheckpoint({ name: '卡'.repeat(61) })), [{ path: ['checkpoint', 'name'], message: 'at most 60 characters' }]);
  t.same(issuesOf(withCheckpoint({ location: '路'.repeat(201) })), [{ path: ['checkpoint', 'location'], message: 'at most 200 characters' }]);
  t.same(issuesOf(withStaff({ name: ' 张卫国' })), [{ path: ['staff', 0, 'name'], message: 'no leading or trailing spaces' }]);
  t.same(issuesOf(withStaff({ name: '张卫国\u3000' })), [{ path: ['staff', 0, 'name'], message: 'no leading or trailing spaces' }], 'ideographic space too');
  t.same(issuesOf(withStaff({ name: '张\u202e卫国' })), [{ path: ['staff', 0, 'name'], message: 'no control or format characters' }], 'a bidi override could reorder the name');
  t.same(issuesOf(withCheckpoint({ name: '' })).map((i) => i.path), [['checkpoint', 'name']], 'not empty');
});

t.test('badges: 1–20 of A–Z 0–9 and inner hyphens, the whole string', async (t) => {
  for (const ok of ['A', '7', 'KS-0107', 'KS--1', 'A'.repeat(20)]) t.ok(BADGE_PATTERN.test(ok), ok);
  for (const bad of ['', '-KS1', 'KS1-', 'ks-0107', 'KS 0107', 'A'.repeat(21), 'KS-0107\n']) t.notOk(BADGE_PATTERN.test(bad), JSON.stringify(bad));
  t.same(issuesOf(withStaff({ badge: 'A' })), [], 'a one-character badge');
  for (const bad of ['-KS1', 'KS1-', 'ks-KS1']) {
    t.same(issuesOf(withStaff({ badge: bad })), [{ path: ['staff', 0, 'badge'], message: 'badge: 1–20 of A–Z 0–9 -' }], bad);
  }
});

t.test('checkpoint: every direction, a six-digit region code, a PIN hash this version reads', async (t) => {
  for (const direction of ['inbound', 'outbound', 'both']) t.same(issuesOf(withCheckpoint({ direction })), [], direction);
  t.equal(issuesOf(withCheckpoint({ direction: 'sideways' })).length, 1);
  for (const regionCode of ['x320583', '3205831', '32058', '32O583']) {
    t.same(issuesOf(withCheckpoint({ regionCode })).map((i) => i.path), [['checkpoint', 'regionCode']], regionCode);
  }
  t.same(issuesOf(withStaff({ pinHash: 'sha1$abc' })), [{ path: ['staff', 0, 'pinHash'], message: 'not a PIN hash this version understands' }]);
});

t.test('payload: exp after iat, each badge once', async (t) => {
  t.same(issuesOf({ ...data, exp: data.iat }), [{ path: ['exp'], message: 'exp must be after iat' }], 'exp = iat');
  t.same(issuesOf({ ...data, exp: data.iat + 1 }), [], 'one second of life is enough');
  t.same(issuesOf({ ...data, staff: [data.staff[0]!, { ...data.staff[1]!, badge: 'KS-0107' }] }), [{ path: ['staff'], message: 'a badge is listed twice' }]);
  t.same(issuesOf({ ...data, staff: [] }), [], 'a checkpoint with no enabled staff');
});

t.test('signCheckpointData refuses loudly what no scanner would accept', async (t) => {
  await t.rejects(sign(data, ''), new TypeError('kid is required'));
  await t.rejects(signCheckpointData(data, { privateKey: bundleKey.privateKey } as never), new TypeError('kid is required'), 'no kid at all');
  await t.rejects(sign({ ...data, exp: data.iat }), new TypeError(`checkpoint data: ${z.prettifyError(checkpointDataSchema.safeParse({ ...data, exp: data.iat }).error!)}`));
  await t.rejects(sign({ ...data, exp: data.iat }), { name: 'TypeError', message: /^checkpoint data: .*exp must be after iat/s });
});

t.test('input that is not a sane string is malformed before any work', async (t) => {
  const notSane = { ok: false, reason: 'malformed', detail: 'not a string of sane length' };
  t.same(await verifyCheckpointData(42, opts), notSane);
  t.same(await verifyCheckpointData(undefined, opts), notSane);
  const limit = 4 * 1024 * 1024;
  t.same(await verifyCheckpointData('a'.repeat(limit + 1), opts), notSane, 'one character over 4 MiB');
  t.same(await verifyCheckpointData('a'.repeat(limit), opts), { ok: false, reason: 'malformed', detail: 'not a compact JWS' }, 'exactly 4 MiB goes on to the shape check');
});

t.test('JWS failures: malformed carries its detail, the other codes stand alone', async (t) => {
  t.same(await verifyCheckpointData('a.b', opts), { ok: false, reason: 'malformed', detail: 'not a compact JWS' });
  t.same(await verifyCheckpointData(await signRaw({ ...header, kid: undefined }, data), opts), { ok: false, reason: 'malformed', detail: 'kid missing' });
  // crit and b64 are refused alike: b64 would change what the signature covers.
  const unsupported = { ok: false, reason: 'malformed', detail: 'crit or b64 header not supported' };
  t.same(await verifyCheckpointData(await signRaw({ ...header, crit: ['exp'], exp: 1 }, data), opts), unsupported, 'crit');
  t.same(await verifyCheckpointData(await signRaw({ ...header, b64: true }, data), opts), unsupported, 'b64 without crit');
  t.same(await verifyCheckpointData(await signRaw({ ...header, alg: 'ES256' }, data), opts), { ok: false, reason: 'alg_not_allowed' });
  t.same(await verifyCheckpointData(jws, { ...opts, trustedKeys: { keys: [] } }), { ok: false, reason: 'unknown_kid' });
  const [h, p, s] = jws.split('.') as [string, string, string];
  const otherSig = (await sign({ ...data, iss: 'KSJT2' })).split('.')[2]!;
  t.same(await verifyCheckpointData(`${h}.${p}.${otherSig}`, opts), { ok: false, reason: 'bad_signature' });
  t.not(s, otherSig);
});

t.test('signed but not valid checkpoint data → claims_invalid with the reason', async (t) => {
  const notJson = await verifyCheckpointData(await signRaw(header, 'not json {'), opts);
  t.match(notJson, { ok: false, reason: 'claims_invalid', detail: /^payload is not JSON: ./ });
  t.same(Object.keys(notJson).sort(), ['detail', 'ok', 'reason']);
  const bad = { ...data, exp: data.iat };
  t.same(await verifyCheckpointData(await signRaw(header, bad), opts), {
    ok: false,
    reason: 'claims_invalid',
    detail: z.prettifyError(checkpointDataSchema.safeParse(bad).error!),
  });
  t.match(await verifyCheckpointData(await signRaw(header, { ...data, v: 2 }), opts), { ok: false, reason: 'claims_invalid', detail: /v/ }, 'a newer format');
});

t.test('validity window, with the tolerance at both ends', async (t) => {
  const at = (now: number, clockToleranceSec = TOL) => verifyCheckpointData(jws, { ...opts, now, clockToleranceSec });
  t.same(await at(data.iat - TOL - 1), { ok: false, reason: 'not_yet_valid' });
  t.match(await at(data.iat - TOL), { ok: true }, 'iat minus the tolerance is already valid');
  t.match(await at(data.exp + TOL - 1), { ok: true }, 'the last second within tolerance');
  t.same(await at(data.exp + TOL), { ok: false, reason: 'expired' }, 'exp is exclusive');
  t.same(await at(data.exp, 0), { ok: false, reason: 'expired' }, 'no tolerance: expired at exp');
  t.match(await at(data.exp - 1, 0), { ok: true });
  t.same(await verifyCheckpointData(jws, { trustedKeys, now: data.exp + DEFAULT_CHECKPOINT_DATA_CLOCK_TOLERANCE_SEC }), { ok: false, reason: 'expired' }, 'default tolerance');
  t.match(await verifyCheckpointData(jws, { trustedKeys, now: new Date((data.exp + DEFAULT_CHECKPOINT_DATA_CLOCK_TOLERANCE_SEC - 1) * 1000) }), { ok: true }, 'now as a Date');
  // NaN would make both comparisons false and accept data of any age.
  t.same(await at(Number.NaN), { ok: false, reason: 'malformed', detail: 'verification time is not a valid date' });
  t.same(await verifyCheckpointData(jws, { ...opts, now: new Date('not a date') }), { ok: false, reason: 'malformed', detail: 'verification time is not a valid date' });
});

t.test("another checkpoint's data is refused, naming the checkpoint it is for", async (t) => {
  t.same(await verifyCheckpointData(jws, { ...opts, checkpointId: 4 }), { ok: false, reason: 'wrong_checkpoint', detail: 'data for checkpoint 3' });
});

t.test('never throws, even on options it cannot use', async (t) => {
  const r = await verifyCheckpointData(jws, null as never);
  t.match(r, { ok: false, reason: 'malformed', detail: /^unexpected: .+/ });
});
