import t from 'tap';
import fc from 'fast-check';
import { signBundle, verifyBundle } from '../../../src/core/trust/index.js';
import { HOUR, T0, bundleKey, payload, trustedKeys } from './fixtures.js';
import { applyMutation, jwsMutation } from '../../helpers/jws-mutation.js';

// A small bundle keeps each run fast; the mutations are what is under test, not the size.
const jws = await signBundle({ ...payload, enterprises: payload.enterprises.slice(0, 1) }, { privateKey: bundleKey.privateKey, kid: bundleKey.kid });
const options = { trustedKeys, now: T0 + HOUR };
t.equal((await verifyBundle(jws, options)).ok, true, 'baseline verifies');

const mutation = jwsMutation(100_000);

t.test('random mutations of a valid bundle never verify', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
      const mutated = mutations.reduce(applyMutation, jws);
      // Whitespace around the token is trimmed on purpose (a file or response may end in a newline).
      if (mutated.trim() === jws) return true;
      const result = await verifyBundle(mutated, options);
      return result.ok === false && typeof result.reason === 'string';
    }),
    { numRuns: 1000 },
  );
  t.pass('1000 runs');
});

t.test('truncations never verify', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.nat(), async (n) => (await verifyBundle(jws.slice(0, n % jws.length), options)).ok === false),
    { numRuns: 200 },
  );
  t.pass('200 runs');
});
