/**
 * Citizen ID numbers (GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence, check character.
 *
 * Masking choice: `maskCitizenId` shows the last 4 characters only
 * (`**************002X`). Any leading digits would reveal the province or
 * county of household registration, which together with a name and the last
 * 4 narrows a person down far more than a checkpoint needs; the last 4 are
 * what staff compare with the card in hand.
 */
import { type ParseFailure, schemaFromParser } from './messages.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type CitizenIdFailureCode = 'id.length' | 'id.charset' | 'id.birthdate' | 'id.checksum';

export type CitizenIdResult =
  | {
      ok: true;
      /** 18 characters, check character upper-case. */
      value: string;
      /** `YYYY-MM-DD`. */
      birthDate: string;
      /** Household registration (GB/T 2260 at the time of issue), not where the person has been. */
      addressCode: string;
      last4: string;
    }
  | ParseFailure<CitizenIdFailureCode>;

/**
 * Full-width digits/letters (common with Chinese input methods) become ASCII,
 * and spaces vanish because IDs are often written in 6-8-4 groups.
 */
export function normalizeCitizenId(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** `first17` must be 17 ASCII digits. */
export function computeCitizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('computeCitizenIdCheckChar: need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Proleptic Gregorian, which is what GB 11643 dates use. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Years before 1800 are rejected: 18-digit numbers date from 1999, so no holder
 * can be born earlier, and such a year is a typo. Future dates are not checked
 * here because that needs a clock; callers with one may add it.
 */
function isValidBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1800) return false;
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

export function parseCitizenId(input: string): CitizenIdResult {
  const value = normalizeCitizenId(input);
  if (value.length !== 18) return { ok: false, code: 'id.length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, code: 'id.charset' };
  const birth = value.slice(6, 14);
  if (!isValidBirthDate(birth)) return { ok: false, code: 'id.birthdate' };
  if (computeCitizenIdCheckChar(value.slice(0, 17)) !== value[17]) {
    return { ok: false, code: 'id.checksum' };
  }
  return {
    ok: true,
    value,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    addressCode: value.slice(0, 6),
    last4: value.slice(14),
  };
}

/** Output: the normalised 18-character ID. Issue messages are failure codes (see messages.ts). */
export const citizenIdSchema = schemaFromParser(parseCitizenId);


/**
 * Last 4 characters, check character upper-case, for comparing with a pass.
 * Throws on anything that is not 18 ID characters: a silent slice of garbage
 * would compare as a mismatch that looks like the person's fault.
 * The check character is not verified, so a card with a misprinted number can
 * still be compared; use `parseCitizenId` to validate.
 */
export function idLast4(id: string): string {
  const value = normalizeCitizenId(id);
  if (!/^\d{17}[\dX]$/.test(value)) throw new RangeError('idLast4: not an 18-character citizen ID');
  return value.slice(14);
}
