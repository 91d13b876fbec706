/**
 * The region tree for the stay picker and region names on the pass card:
 * province → city → county from the core's GB/T 2260 table. About 30 KB
 * gzipped, so screens load it with `import('./regions.js')` when first
 * needed: it stays out of the main bundle and, precached by the service
 * worker like every chunk, works offline.
 */
import { lookupRegion } from '../../../../src/core/validate/region.js';
import { REGION_ENTRIES } from '../../../../src/core/validate/region-data.js';
import { regionLevel } from '../../../../src/core/validate/region-code.js';

export interface RegionOption {
  code: string;
  name: string;
}

function option(code: string): RegionOption {
  // lookupRegion names grouping blocks ("市辖区" → "北京市市辖区"), which a bare list could not tell apart.
  return { code, name: lookupRegion(code)?.name ?? code };
}

const byLevel = { province: [] as string[], city: [] as string[], county: [] as string[] };
for (const [code] of [...REGION_ENTRIES].sort((a, b) => a[0].localeCompare(b[0]))) byLevel[regionLevel(code)].push(code);

export function provinces(): RegionOption[] {
  return byLevel.province.map(option);
}

/** Cities (and city-level blocks such as 省直辖县级行政区划) of a province. */
export function citiesOf(province: string): RegionOption[] {
  const prefix = province.slice(0, 2);
  return byLevel.city.filter((c) => c.startsWith(prefix)).map(option);
}

/** Counties of a city; empty for cities without counties (东莞 441900). */
export function countiesOf(city: string): RegionOption[] {
  const prefix = city.slice(0, 4);
  return byLevel.county.filter((c) => c.startsWith(prefix)).map(option);
}

/** "湖北省 武汉市 江岸区" for a code in the table; undefined for a code the table does not have. */
export function regionPath(code: string): string | undefined {
  const info = lookupRegion(code);
  if (!info) return undefined;
  return [...info.parents.map((p) => p.name), info.name].join(' ');
}
