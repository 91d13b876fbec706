import t from 'tap';
import { duplicateMember, parseJsonBytes } from '../../../src/core/jws/index.js';
import { PASS_TYP, verifyPass } from '../../../src/core/pass/index.js';
import { verifyBundle } from '../../../src/core/trust/index.js';
import { TEST_KID, decodeJwsPart, signRaw, signTypical, verifyOptions } from '../pass/fixtures.js';
import * as bundle from '../trust/fixtures.js';

t.test('duplicateMember finds a name twice in one object, at any depth, after unescaping', async (t) => {
  t.equal(duplicateMember('{"a":1,"b":2}'), null);
  t.equal(duplicateMember('{"a":1,"a":2}'), 'a');
  t.equal(duplicateMember('{"pl":"x","p\\u006c":"y"}'), 'pl', 'escaped spelling of the same name');
  t.equal(duplicateMember('{"a":{"b":1},"c":{"b":2}}'), null, 'the same name in two objects is fine');
  t.equal(duplicateMember('{"a":[{"b":1,"b":2}]}'), 'b', 'inside an array');
  t.equal(duplicateMember('[{"a":1},{"a":1}]'), null, 'array items are not members');
  t.equal(duplicateMember('{"a":"b,\\"a\\":","c":1}'), null, 'a comma and quote inside a string value');
  t.equal(duplicateMember('{"a":"x","b":["a","a"],"c":{"d":{}},"e":1}'), null, 'values named like members are not members');
  t.equal(duplicateMember('{"a":{},"a":[]}'), 'a');
  t.equal(duplicateMember('{"__proto__":1,"__proto__":2}'), '__proto__');
  t.equal(duplicateMember('"a"'), null);
});

t.test('duplicateMember reads names with escaped quotes whole', async (t) => {
  // An escaped quote does not end a string: the names are a"b and a"c, and then a" twice.
  t.equal(duplicateMember('{"a\\"b":1,"a\\"c":2}'), null);
  t.equal(duplicateMember('{"a\\"":1,"a\\u0022":2}'), 'a"');
});

t.test('duplicateMember: a value is not a name, even when a later member has its text', async (t) => {
  t.equal(duplicateMember('{"a":"b","b":1}'), null);
  t.equal(duplicateMember('{"a":"b","c":{"d":"e","e":1},"f":"a"}'), null);
});

t.test('parseJsonBytes refuses duplicates, keeps everything else', async (t) => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  t.same(parseJsonBytes(bytes('{"a":1,"b":[1,2]}')), { a: 1, b: [1, 2] });
  t.throws(() => parseJsonBytes(bytes('{"a":1,"a":1}')), /duplicate member "a"/, 'even with the same value');
});

t.test('a pass whose payload names a member twice is refused, both orders', async (t) => {
  const jws = await signTypical();
  const claims = decodeJwsPart(jws, 1);
  const text = JSON.stringify(claims);
  const header = { alg: 'EdDSA', kid: TEST_KID, typ: PASS_TYP };
  const good = await verifyPass(await signRaw(header, text), verifyOptions());
  t.ok(good.ok, 'the same claims signed as text verify');
  for (const twin of [text.replace('{', '{"pl":"鄂A12345",'), text.replace(/}$/, ',"pl":"鄂A12345"}')]) {
    const r = await verifyPass(await signRaw(header, twin), verifyOptions());
    t.match(r, { ok: false, reason: 'claims_invalid', detail: /duplicate member "pl"/ });
  }
  const dupHeader = `{"alg":"EdDSA","kid":"${TEST_KID}","typ":"${PASS_TYP}","alg":"EdDSA"}`;
  t.match(await verifyPass(await signRaw(dupHeader, text), verifyOptions()), { ok: false, reason: 'malformed' }, 'a header naming alg twice');
});

t.test('a trust bundle whose payload names a member twice is refused', async (t) => {
  const header = { alg: 'EdDSA', kid: bundle.bundleKey.kid, typ: 'kakou-bundle+jwt' };
  const text = JSON.stringify(bundle.payload);
  const opts = { trustedKeys: bundle.trustedKeys, now: bundle.T0 + bundle.HOUR, clockToleranceSec: 60 };
  t.ok((await verifyBundle(await bundle.signRaw(header, text), opts)).ok, 'as text, it verifies');
  const twin = text.replace(/}$/, ',"revocations":{"version":8,"passNos":[]}}');
  t.match(await verifyBundle(await bundle.signRaw(header, twin), opts), { ok: false, reason: 'claims_invalid', detail: /duplicate member "revocations"/ });
});
