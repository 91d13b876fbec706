/**
 * Unified social credit codes (GB 32100-2015): registration authority (1),
 * organisation category (1), GB/T 2260 region (6), organisation code (9),
 * check character (1).
 *
 * The region part is checked for shape only: it records where the code was
 * registered, and codes outlive later boundary changes, so a code that is no
 * longer in today's table is still a valid credit code. The category character
 * is not cross-checked against the authority either; its table has grown over
 * time and a stricter check would reject real enterprises.
 */
import { type ParseFailure, schemaFromParser } from './messages.js';

/** No I, O, S, V, Z: they read like 1, 0, 5, U, 2. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31, written out so the tests can derive them independently. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 32100 table 1: 机构编制 1, 外交 2, 司法行政 3, 文化 4, 民政 5, 旅游 6, 宗教 7, 工会 8, 工商 9, 中央军委改革和编制办公室 A, 农业 N, 其他 Y. */
const AUTHORITIES = '123456789ANY';

const CHARSET = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

export type CreditCodeFailureCode =
  | 'credit.length'
  | 'credit.charset'
  | 'credit.authority'
  | 'credit.region'
  | 'credit.checksum';

export type CreditCodeResult =
  | {
      ok: true;
      value: string;
      /** Registration authority character (first). */
      authority: string;
      /** Positions 3–8: GB/T 2260 code of the registering administration. */
      regionCode: string;
    }
  | ParseFailure<CreditCodeFailureCode>;

export function normalizeCreditCode(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

/** `first17` must be 17 characters of the alphabet (upper-case). */
export function computeCreditCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('computeCreditCheckChar: need 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`computeCreditCheckChar: '${first17[i]}' is not in the alphabet`);
    sum += v * WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function parseCreditCode(input: string): CreditCodeResult {
  const value = normalizeCreditCode(input);
  if (value.length !== 18) return { ok: false, code: 'credit.length' };
  if (!CHARSET.test(value)) return { ok: false, code: 'credit.charset' };
  const authority = value[0]!;
  if (!AUTHORITIES.includes(authority)) return { ok: false, code: 'credit.authority' };
  const regionCode = value.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) return { ok: false, code: 'credit.region' };
  if (computeCreditCheckChar(value.slice(0, 17)) !== value[17]) {
    return { ok: false, code: 'credit.checksum' };
  }
  return { ok: true, value, authority, regionCode };
}

/** Output: the normalised 18-character code. Issue messages are failure codes (see messages.ts). */
export const creditCodeSchema = schemaFromParser(parseCreditCode);
