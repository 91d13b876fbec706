/**
 * GB/T 2260 administrative division codes: lookup, search, and the "covers"
 * relation that key-area lists are matched with.
 *
 * Levels come from the shape of the code (`XX0000` province, `XXYY00` city,
 * otherwise county), which is how GB/T 2260 is built. Coverage is decided by
 * prefix on that shape, not by walking the table, because the table has
 * blocks that are not administrative units: `110100 市辖区` under Beijing and
 * `429000 省直辖县级行政区划` holding 仙桃 429004 directly under Hubei. Prefix
 * logic makes 420000 cover 429004 and 110000 cover 110101 with no special
 * cases, and keeps working for a code retired after the data snapshot.
 */
import { type ParseFailure, schemaFromParser } from './messages.js';
import { REGION_ENTRIES } from './region-data.js';
import { isWellFormed, regionLevel, type RegionLevel } from './region-code.js';

export { regionCovers, regionLevel, type RegionLevel } from './region-code.js';


export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface RegionInfo extends RegionRef {
  /**
   * Enclosing units, province first. Grouping blocks (市辖区, 县,
   * 省直辖县级行政区划) are left out: 东城区's parent is 北京市 and 仙桃市's is 湖北省.
   */
  parents: RegionRef[];
}

const CODE = /^\d{6}$/;

/** Code blocks at city level that only group counties and have no government of their own. */
function isGroupingName(name: string): boolean {
  return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
}

interface Entry extends RegionRef {
  grouping: boolean;
}

const byCode = new Map<string, Entry>();
for (const [code, rawName] of REGION_ENTRIES) {
  const level = regionLevel(code);
  byCode.set(code, { code, name: rawName, level, grouping: level === 'city' && isGroupingName(rawName) });
}
// A bare "市辖区" or "县" is meaningless on a screen or in a search result.
for (const entry of byCode.values()) {
  if (!entry.grouping) continue;
  const province = byCode.get(`${entry.code.slice(0, 2)}0000`);
  if (province) entry.name = `${province.name}${entry.name}`;
}

const LEVEL_ORDER: Record<RegionLevel, number> = { province: 0, city: 1, county: 2 };
const sortedEntries = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));

function ref(entry: Entry): RegionRef {
  return { code: entry.code, name: entry.name, level: entry.level };
}

function info(entry: Entry): RegionInfo {
  const parents: RegionRef[] = [];
  if (entry.level !== 'province') {
    const province = byCode.get(`${entry.code.slice(0, 2)}0000`);
    if (province) parents.push(ref(province));
  }
  if (entry.level === 'county') {
    const city = byCode.get(`${entry.code.slice(0, 4)}00`);
    if (city && !city.grouping) parents.push(ref(city));
  }
  return { ...ref(entry), parents };
}

export function lookupRegion(code: string): RegionInfo | undefined {
  const entry = byCode.get(code);
  return entry ? info(entry) : undefined;
}

export function isKnownRegion(code: string): boolean {
  return byCode.has(code);
}


/**
 * Digits: code prefix, in code order. Otherwise: name substring, exact names
 * first, then names starting with the query, then higher levels, then code.
 * Results carry parents so that e.g. the two 朝阳区 can be told apart.
 */
export function searchRegions(query: string, limit = 20): RegionInfo[] {
  const q = query.normalize('NFKC').trim();
  if (q === '' || limit <= 0) return [];
  if (/^\d+$/.test(q)) {
    const out: RegionInfo[] = [];
    for (const entry of sortedEntries) {
      if (!entry.code.startsWith(q)) continue;
      out.push(info(entry));
      if (out.length >= limit) break;
    }
    return out;
  }
  const rank = (name: string) => (name === q ? 0 : name.startsWith(q) ? 1 : 2);
  return sortedEntries
    .filter((e) => e.name.includes(q))
    .sort(
      (a, b) =>
        rank(a.name) - rank(b.name) ||
        LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
        a.code.localeCompare(b.code),
    )
    .slice(0, limit)
    .map(info);
}

export type RegionFailureCode = 'region.format' | 'region.unknown';

export function parseRegionCode(
  input: string,
): { ok: true; value: string; region: RegionInfo } | ParseFailure<RegionFailureCode> {
  const value = input.normalize('NFKC').trim();
  if (!CODE.test(value)) return { ok: false, code: 'region.format' };
  const entry = byCode.get(value);
  if (!entry) return { ok: false, code: 'region.unknown' };
  return { ok: true, value, region: info(entry) };
}

/** Output: the 6-digit code, which exists in the table. Issue messages are failure codes. */
export const regionSchema = schemaFromParser(parseRegionCode);
