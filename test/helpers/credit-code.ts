/**
 * Builds valid unified social credit codes for fixtures, independently of
 * src/core (GB 32100: weights 3^i mod 31, check = (31 − S mod 31) mod 31).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export function withCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('need 17 characters');
  let sum = 0;
  let w = 1;
  for (const ch of first17) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`${ch} is not in the alphabet`);
    sum += v * w;
    w = (w * 3) % 31;
  }
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

/** A valid code for a Kunshan (320583) enterprise; n picks the organisation code (0 ≤ n < 10^8). */
export function creditCode(n: number): string {
  return withCheckChar(`91320583MA${String(n).padStart(7, '0')}`);
}
