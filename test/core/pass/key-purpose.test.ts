// Issue 10: a verifier can tell pass keys from bundle keys, and the pass verifier trusts only pass keys.
import t from 'tap';
import { generatePassKeyPair, signPass, verifyPass } from '../../../src/core/pass/index.js';
import { signBundle, verifyBundle } from '../../../src/core/trust/index.js';
import { SIGNED_AT, typicalInput, verifyOptions } from './fixtures.js';
import { payload as bundlePayload, T0 as BUNDLE_T0, HOUR } from '../trust/fixtures.js';

const passKey = await generatePassKeyPair();
const bundleKey = await generatePassKeyPair();
// The JWKS as the server publishes it: both purposes in one set, each marked.
const published = { keys: [{ ...passKey.publicJwk, purpose: 'pass' }, { ...bundleKey.publicJwk, purpose: 'bundle' }] };

t.test('a pass signed by the bundle key is refused, even with both key sets loaded', async (t) => {
  const good = await signPass(typicalInput, { privateKey: passKey.privateKey, kid: passKey.kid, issuer: 'KSJT', now: SIGNED_AT });
  t.ok((await verifyPass(good, verifyOptions({ keys: published }))).ok, 'a pass key verifies a pass');

  const forged = await signPass(typicalInput, { privateKey: bundleKey.privateKey, kid: bundleKey.kid, issuer: 'KSJT', now: SIGNED_AT });
  t.match(await verifyPass(forged, verifyOptions({ keys: published })), { ok: false, reason: 'unknown_kid' }, 'the bundle key is not a pass key');
  // Without the marks (a hand-built set), both keys would be candidates: the mark is what keeps them apart.
  const unmarked = { keys: [passKey.publicJwk, bundleKey.publicJwk] };
  t.ok((await verifyPass(forged, verifyOptions({ keys: unmarked }))).ok, 'unmarked keys are taken as given');
});

t.test('a bundle signed by a pass key is refused the same way', async (t) => {
  const opts = { trustedKeys: published, now: BUNDLE_T0 + HOUR, clockToleranceSec: 60 };
  const good = await signBundle(bundlePayload, { privateKey: bundleKey.privateKey, kid: bundleKey.kid });
  t.ok((await verifyBundle(good, opts)).ok);
  const forged = await signBundle(bundlePayload, { privateKey: passKey.privateKey, kid: passKey.kid });
  t.match(await verifyBundle(forged, opts), { ok: false, reason: 'unknown_kid' });
});
