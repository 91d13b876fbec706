// Random edits of a compact JWS, for the property tests of the pass and trust-bundle verifiers (no tests here).
import fc from 'fast-check';

/** The base64url alphabet and the dot: edits that keep a token looking like a JWS. */
export const JWS_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';

export type Mutation =
  | { kind: 'replace'; at: number; char: string }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; char: string }
  | { kind: 'delete'; at: number }
  | { kind: 'swap'; at: number }
  /**
   * Replaces the last character of one dot-separated part. That character
   * carries the part's spare bits, so some replacements respell the same bytes:
   * only the canonical-base64url check refuses those, and an edit anywhere in
   * the token would hit one too rarely to test it.
   */
  | { kind: 'last'; part: number; char: string };

/** One edit at a position up to `maxAt` (taken modulo the token's length when applied). */
export function jwsMutation(maxAt: number): fc.Arbitrary<Mutation> {
  const position = fc.nat({ max: maxAt });
  const jwsChar = fc.constantFrom(...JWS_CHARS);
  return fc.oneof(
    fc.record({ kind: fc.constant('replace' as const), at: position, char: jwsChar }),
    fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 15 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: position, char: jwsChar }),
    fc.record({ kind: fc.constant('delete' as const), at: position }),
    fc.record({ kind: fc.constant('swap' as const), at: position }),
    fc.record({ kind: fc.constant('last' as const), part: fc.nat({ max: 2 }), char: fc.constantFrom(...JWS_CHARS.slice(0, -1)) }),
  );
}

export function applyMutation(s: string, m: Mutation): string {
  if (m.kind === 'last') {
    const parts = s.split('.');
    const i = m.part % parts.length;
    const part = parts[i] ?? '';
    if (part.length === 0) return s;
    parts[i] = part.slice(0, -1) + m.char;
    return parts.join('.');
  }
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
