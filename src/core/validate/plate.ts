/**
 * Motor vehicle number plates (GA 36-2018), the forms a freight checkpoint
 * meets: ordinary (苏E12345), new-energy (苏ED12345 small, 苏E12345D large)
 * and trailer (苏E1234挂). Police, coach (学), embassy and Hong Kong/Macau forms
 * are rejected as `plate.format`/`plate.charset`: they do not carry freight
 * passes, and accepting them would widen what a typo can match.
 *
 * Letters are never auto-corrected (O→0, I→1): a pass is issued for one plate,
 * and a guess that happens to match another vehicle is worse than a re-entry.
 */
import { type ParseFailure, schemaFromParser } from './messages.js';

/** GB/T 2260 order. */
export const PLATE_PROVINCE_CHARS = [
  '京', '津', '冀', '晋', '蒙', '辽', '吉', '黑', '沪', '苏', '浙', '皖', '闽', '赣', '鲁', '豫',
  '鄂', '湘', '粤', '桂', '琼', '渝', '川', '贵', '云', '藏', '陕', '甘', '青', '宁', '新',
] as const;
export type PlateProvince = (typeof PLATE_PROVINCE_CHARS)[number];

export type PlateKind = 'ordinary' | 'new_energy' | 'trailer';

export type PlateFailureCode =
  | 'plate.length'
  | 'plate.province'
  | 'plate.authority'
  | 'plate.charset'
  | 'plate.format';

export type PlateResult =
  | { ok: true; value: string; kind: PlateKind; province: PlateProvince; authority: string }
  | ParseFailure<PlateFailureCode>;

const PROVINCES: ReadonlySet<string> = new Set(PLATE_PROVINCE_CHARS);
/** I and O are left out of plates because they read like 1 and 0. */
const LETTER = /^[A-HJ-NP-Z]$/;
const SERIAL_CHAR = /^[0-9A-HJ-NP-Z]$/;
/** Small NEV: D (battery) or F (other), then a letter or digit, then 4 digits. */
const NEV_SMALL = /^[DF][0-9A-HJ-NP-Z]\d{4}$/;
/** Large NEV: 5 digits, then D or F. */
const NEV_LARGE = /^\d{5}[DF]$/;
const TRAILER = '挂';

/**
 * Removes what people and OCR put between plate characters (spaces, the
 * middle dot printed on plates, hyphens) and folds full-width letters/digits.
 */
export function normalizePlate(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF65\-\u2010-\u2015\u2212\uFF0D]/g, '')
    .toUpperCase();
}

export function parsePlate(input: string): PlateResult {
  const value = normalizePlate(input);
  const chars = Array.from(value);
  if (chars.length !== 7 && chars.length !== 8) return { ok: false, code: 'plate.length' };
  const [province, authority] = chars as [string, string, ...string[]];
  if (!PROVINCES.has(province)) return { ok: false, code: 'plate.province' };
  if (!LETTER.test(authority)) return { ok: false, code: 'plate.authority' };

  let serial = chars.slice(2);
  const isTrailer = serial[serial.length - 1] === TRAILER;
  if (isTrailer) serial = serial.slice(0, -1);
  if (!serial.every((c) => SERIAL_CHAR.test(c))) return { ok: false, code: 'plate.charset' };

  const body = serial.join('');
  const ok = (kind: PlateKind): PlateResult => ({
    ok: true,
    value,
    kind,
    province: province as PlateProvince,
    authority,
  });
  if (isTrailer) return body.length === 4 ? ok('trailer') : { ok: false, code: 'plate.format' };
  if (body.length === 5) return ok('ordinary');
  if (NEV_SMALL.test(body) || NEV_LARGE.test(body)) return ok('new_energy');
  return { ok: false, code: 'plate.format' };
}

/** Output: the normalised plate. Issue messages are failure codes (see messages.ts). */
export const plateSchema = schemaFromParser(parsePlate);
