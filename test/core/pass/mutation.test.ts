import t from 'tap';
import fc from 'fast-check';
import { encodePassQrText, verifyPass } from '../../../src/core/pass/index.js';
import { DAY, T0, largeInput, signOptions, signTypical, verifyOptions } from './fixtures.js';
import { signPass } from '../../../src/core/pass/index.js';
import { JWS_CHARS, applyMutation, jwsMutation } from '../../helpers/jws-mutation.js';

const tokens = [await signTypical(), await signPass(largeInput, signOptions)];
// Inside both validity windows, so every baseline verifies and only the mutation can make it fail.
const options = verifyOptions({ now: T0 + 2 * DAY });

for (const jws of tokens) {
  t.equal((await verifyPass(jws, options)).ok, true, 'baseline verifies');
}

const mutation = jwsMutation(10_000);

t.test('mutated JWS never verifies', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...tokens), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (jws, mutations) => {
      const mutated = mutations.reduce(applyMutation, jws);
      if (mutated === jws) return true; // a no-op (e.g. swapping two equal characters)
      const result = await verifyPass(mutated, options);
      return result.ok === false;
    }),
    { numRuns: 1500 },
  );
  t.pass('1500 runs');
});

t.test('truncated JWS never verifies', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...tokens), fc.nat(), async (jws, n) => {
      const result = await verifyPass(jws.slice(0, n % jws.length), options);
      return result.ok === false;
    }),
    { numRuns: 300 },
  );
  t.pass('300 runs');
});

t.test('mutated QR digits never verify', async (t) => {
  // Only the digit part: the prefix is matched case-insensitively on purpose,
  // so flipping its letter case is a no-op by design.
  const digitMutation = fc.record({ at: fc.nat({ max: 10_000 }), digit: fc.constantFrom(...'0123456789') });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...tokens), fc.array(digitMutation, { minLength: 1, maxLength: 4 }), async (jws, mutations) => {
      const qr = encodePassQrText(jws);
      const prefix = qr.slice(0, 4);
      let digits = qr.slice(4);
      for (const { at, digit } of mutations) {
        const i = at % digits.length;
        digits = digits.slice(0, i) + digit + digits.slice(i + 1);
      }
      const mutated = prefix + digits;
      if (mutated === qr) return true;
      return (await verifyPass(mutated, options)).ok === false;
    }),
    { numRuns: 500 },
  );
  t.pass('500 runs');
});

t.test('arbitrary strings never throw and never verify', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...JWS_CHARS) }), fc.string({ unit: fc.constantFrom(...'KK1/0123456789') })), async (s) => {
      const result = await verifyPass(s, options);
      return result.ok === false && typeof result.reason === 'string';
    }),
    { numRuns: 1000 },
  );
  t.pass('1000 runs');
});
