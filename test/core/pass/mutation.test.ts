import t from 'tap';
import fc from 'fast-check';
import { encodePassQrText, verifyPass } from '../../../src/core/pass/index.js';
import { DAY, T0, largeInput, signOptions, signTypical, verifyOptions } from './fixtures.js';
import { signPass } from '../../../src/core/pass/index.js';

const tokens = [await signTypical(), await signPass(largeInput, signOptions)];
// Inside both validity windows, so every baseline verifies and only the mutation can make it fail.
const options = verifyOptions({ now: T0 + 2 * DAY });
const JWS_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';

for (const jws of tokens) {
  t.equal((await verifyPass(jws, options)).ok, true, 'baseline verifies');
}

type Mutation =
  | { kind: 'replace'; at: number; char: string }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; char: string }
  | { kind: 'delete'; at: number }
  | { kind: 'swap'; at: number };

const position = fc.nat({ max: 10_000 });
const jwsChar = fc.constantFrom(...JWS_CHARS);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: position, char: jwsChar }),
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 15 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, char: jwsChar }),
  fc.record({ kind: fc.constant('delete' as const), at: position }),
  fc.record({ kind: fc.constant('swap' as const), at: position }),
);

function apply(s: string, m: Mutation): string {
  const at = m.at % (s.length + (m.kind === 'insert' ? 1 : 0));
  switch (m.kind) {
    case 'replace':
      return s.slice(0, at) + m.char + s.slice(at + 1);
    case 'flip':
      return s.slice(0, at) + String.fromCharCode(s.charCodeAt(at) ^ (1 << m.bit)) + s.slice(at + 1);
    case 'insert':
      return s.slice(0, at) + m.char + s.slice(at);
    case 'delete':
      return s.slice(0, at) + s.slice(at + 1);
    case 'swap':
      return at + 1 < s.length ? s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2) : s;
  }
}

t.test('mutated JWS never verifies', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...tokens), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (jws, mutations) => {
      const mutated = mutations.reduce(apply, jws);
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
  const digitMutation = fc.record({ at: position, digit: fc.constantFrom(...'0123456789') });
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
