import t from 'tap';
import fc from 'fast-check';
import { signBundle, verifyBundle } from '../../../src/core/trust/index.js';
import { HOUR, T0, bundleKey, payload, trustedKeys } from './fixtures.js';

// A small bundle keeps each run fast; the mutations are what is under test, not the size.
const jws = await signBundle({ ...payload, enterprises: payload.enterprises.slice(0, 1) }, { privateKey: bundleKey.privateKey, kid: bundleKey.kid });
const options = { trustedKeys, now: T0 + HOUR };
const JWS_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';

t.equal((await verifyBundle(jws, options)).ok, true, 'baseline verifies');

type Mutation =
  | { kind: 'replace'; at: number; char: string }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; char: string }
  | { kind: 'delete'; at: number }
  | { kind: 'swap'; at: number };

const position = fc.nat({ max: 100_000 });
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

t.test('random mutations of a valid bundle never verify', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
      const mutated = mutations.reduce(apply, jws);
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
