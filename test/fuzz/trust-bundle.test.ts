import t from 'tap';
import fc from 'fast-check';
import { base64url } from 'jose';
import { generatePassKeyPair } from '../../src/core/pass/index.js';
import { applyRevocationDelta, signBundle, trustBundleSchema, verifyBundle } from '../../src/core/trust/index.js';
import { verifyCharterRuns } from '../../src/core/charter/index.js';
import { HOUR, T0, bundleKey, encodeJson, payload, signRaw, trustedKeys } from '../core/trust/fixtures.js';
import { BUNDLE_JWKS, signRuns, T0 as CHARTER_T0, DAY, CHECKPOINT } from '../core/charter/fixtures.js';
import { JWS_CHARS, applyMutation, jwsMutation } from '../helpers/jws-mutation.js';
import { applyJsonEdit, fuzz, jsonEdit, watchForCrashes } from '../helpers/fuzz.js';

/**
 * The trust bundle (and the charter runs document, signed with the same bundle
 * keys) under random and mutated input: never a throw, no change to signed
 * bytes accepted, and even a payload that is authentically signed but hostile
 * comes back either refused or as a value the schema accepts.
 */
watchForCrashes(t);
const target = 'trust bundle verifier';

const jws = await signBundle({ ...payload, enterprises: payload.enterprises.slice(0, 1) }, { privateKey: bundleKey.privateKey, kid: bundleKey.kid });
const options = { trustedKeys, now: T0 + HOUR };
const baseline = await verifyBundle(jws, options);
t.equal(baseline.ok, true, 'baseline verifies');

async function safely(input: string) {
  try {
    return await verifyBundle(input, options);
  } catch (error) {
    throw new Error(`verifyBundle threw on ${JSON.stringify(input.slice(0, 80))}: ${String(error)}`);
  }
}

const [H, P, S] = jws.split('.') as [string, string, string];
const decodePart = (part: string): unknown => JSON.parse(new TextDecoder().decode(base64url.decode(part)));

t.test('byte-wise mutations are refused', async (t) => {
  await fuzz(t, target, 'mutated JWS', fc.asyncProperty(fc.array(jwsMutation(100_000), { minLength: 1, maxLength: 6 }), async (edits) => {
    const mutated = edits.reduce(applyMutation, jws);
    // Whitespace around the token is trimmed on purpose (a file or response may end in a newline).
    if (mutated.trim() === jws) return true;
    return (await safely(mutated)).ok === false;
  }), 3);
  await fuzz(t, target, 'truncations', fc.asyncProperty(fc.nat(), async (n) => (await safely(jws.slice(0, n % jws.length))).ok === false), 0.5);
});

t.test('structural edits of header or payload under the original signature are refused', async (t) => {
  await fuzz(t, target, 'edited header/payload', fc.asyncProperty(fc.boolean(), fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), async (inHeader, edits) => {
    const part = inHeader ? H : P;
    const edited = encodeJson(edits.reduce(applyJsonEdit, decodePart(part)));
    if (edited === part) return true;
    return (await safely(inHeader ? `${edited}.${P}.${S}` : `${H}.${edited}.${S}`)).ok === false;
  }), 3);
});

t.test('what is outside the signature changes nothing', async (t) => {
  const space = fc.string({ unit: fc.constantFrom(' ', '\t', '\r', '\n'), maxLength: 4 });
  await fuzz(t, target, 'surrounding whitespace', fc.asyncProperty(space, space, async (a, b) => {
    const result = await safely(a + jws + b);
    return result.ok && baseline.ok && JSON.stringify(result.bundle) === JSON.stringify(baseline.bundle);
  }), 0.3);
});

t.test('a stranger with the trusted kid cannot sign a bundle', async (t) => {
  const stranger = await generatePassKeyPair();
  await fuzz(t, target, 'stranger-signed bundles', fc.asyncProperty(fc.nat({ max: 1000 }), fc.array(fc.constantFrom('Q7mZ2xKp9A', 'Z9yX8wV7uT'), { maxLength: 2 }), async (seq, passNos) => {
    const forged = await signBundle({ ...payload, seq, revocations: { version: 8, passNos } }, { privateKey: stranger.privateKey, kid: bundleKey.kid });
    return (await safely(forged)).ok === false;
  }), 0.2);
});

t.test('authentic but hostile payloads: refused, or accepted only as the schema reads them', async (t) => {
  const header = { alg: 'EdDSA', typ: 'kakou-bundle+jwt', kid: bundleKey.kid };
  const body = fc.oneof(
    fc.array(jsonEdit, { minLength: 1, maxLength: 4 }).map((edits) => edits.reduce(applyJsonEdit, payload as unknown)),
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ maxLength: 60 }),
  );
  await fuzz(t, target, 'hostile signed payloads', fc.asyncProperty(body, async (b) => {
    const signed = await signRaw(header, b);
    const result = await safely(signed);
    if (!result.ok) return typeof result.reason === 'string';
    return trustBundleSchema.safeParse(result.bundle).success;
  }), 1);
});

t.test('arbitrary strings never throw and never verify', async (t) => {
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: fc.constantFrom(...JWS_CHARS), maxLength: 400 }),
    fc.tuple(fc.jsonValue(), fc.jsonValue()).map(([h, p]) => `${encodeJson(h)}.${encodeJson(p)}.${S}`),
  );
  await fuzz(t, target, 'arbitrary strings', fc.asyncProperty(text, async (s) => (await safely(s)).ok === false), 2);
});

t.test('revocation deltas: any input is applied or refused, never thrown, and an applied one moves forward', async (t) => {
  const current = { version: 7, passNos: ['Q7mZ2xKp9A', 'Z9yX8wV7uT'] };
  const delta = fc.oneof(
    fc.array(jsonEdit, { minLength: 1, maxLength: 3 }).map((edits) => edits.reduce(applyJsonEdit, { fromVersion: 7, toVersion: 9, added: ['new0000001'], expired: ['Q7mZ2xKp9A'] } as unknown)),
    fc.anything(),
  );
  await fuzz(t, target, 'revocation deltas', fc.property(delta, (d) => {
    const r = applyRevocationDelta(current, d as never);
    return r.ok ? r.revocations.version > current.version : typeof r.reason === 'string';
  }), 2);
});

t.test('charter runs document (bundle-signed): mutations are refused', async (t) => {
  const runs = await signRuns();
  const runsOptions = { trustedKeys: BUNDLE_JWKS, now: CHARTER_T0 + DAY, checkpointId: CHECKPOINT };
  const ok = await verifyCharterRuns(runs, runsOptions);
  t.equal(ok.ok, true, 'baseline verifies');
  await fuzz(t, target, 'mutated charter runs', fc.asyncProperty(fc.array(jwsMutation(100_000), { minLength: 1, maxLength: 6 }), async (edits) => {
    const mutated = edits.reduce(applyMutation, runs);
    if (mutated.trim() === runs) return true;
    try {
      return (await verifyCharterRuns(mutated, runsOptions)).ok === false;
    } catch (error) {
      throw new Error(`verifyCharterRuns threw: ${String(error)}`);
    }
  }), 1);
});
