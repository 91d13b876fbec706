/**
 * Shape-only logic over GB/T 2260 codes, kept apart from the region table so
 * that code which only compares codes (the decision engine in the scanner)
 * does not pull the whole table into a browser bundle.
 */

export type RegionLevel = 'province' | 'city' | 'county';

const CODE = /^\d{6}$/;

export function isWellFormed(code: string): boolean {
  return CODE.test(code) && !code.startsWith('00');
}

export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * Whether key area `areaCode` includes `code`: a province covers every code
 * starting with its 2 digits, a city its 4, a county only itself. Both must be
 * 6-digit codes; anything else covers and is covered by nothing, so malformed
 * data can never put a vehicle inside (or outside) an area by accident of
 * string matching. Neither code needs to be in the table.
 */
export function regionCovers(areaCode: string, code: string): boolean {
  if (!isWellFormed(areaCode) || !isWellFormed(code)) return false;
  switch (regionLevel(areaCode)) {
    case 'province':
      return code.slice(0, 2) === areaCode.slice(0, 2);
    case 'city':
      return code.slice(0, 4) === areaCode.slice(0, 4);
    case 'county':
      return code === areaCode;
  }
}

