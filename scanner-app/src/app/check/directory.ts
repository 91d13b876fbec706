/**
 * Finding the receiving enterprise for a vehicle with no pass: staff type part
 * of the name (what the driver says) or of the credit code (what a delivery
 * note shows). A linear scan: a bundle's directory is at most some ten
 * thousand entries, well under a frame's time.
 */
import type { EnterpriseInfo } from '../../../../src/core/trust/bundle.js';

export const DIRECTORY_RESULTS = 20;

/**
 * Ranked: exact credit code, credit code starting with the query, name
 * starting with it, then name or code containing it; ties by name. An empty
 * query finds nothing (a list of ten thousand is no help at a roadside).
 */
export function searchDirectory(
  directory: ReadonlyMap<string, EnterpriseInfo>,
  query: string,
  limit = DIRECTORY_RESULTS,
): EnterpriseInfo[] {
  const q = query.normalize('NFKC').trim();
  if (q === '' || limit <= 0) return [];
  const code = q.toUpperCase().replace(/\s+/g, '');
  const name = q.toLowerCase();
  const ranked: Array<[number, EnterpriseInfo]> = [];
  for (const e of directory.values()) {
    const n = e.name.normalize('NFKC').toLowerCase();
    const rank =
      e.uscc === code ? 0
      : e.uscc.startsWith(code) ? 1
      : n.startsWith(name) ? 2
      : n.includes(name) || (code.length >= 4 && e.uscc.includes(code)) ? 3
      : -1;
    if (rank >= 0) ranked.push([rank, e]);
  }
  ranked.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name, 'zh-CN') || a[1].uscc.localeCompare(b[1].uscc));
  return ranked.slice(0, limit).map(([, e]) => e);
}
