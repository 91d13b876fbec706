import { zodIssues, type FieldIssue } from '../../../problem.js';
import { CHARTER_LIMITS, passengerInputSchema, type PassengerInput } from '../schema.js';

/**
 * From a spreadsheet's rows (header first) to passengers, or to every error found: row-by-row,
 * each naming the row as the user sees it in the file (the header is row 1) and the column.
 * Nothing is half-taken: the caller stores the list only when `errors` is empty.
 */
export const MANIFEST_COLUMNS = ['name', 'idNumber', 'phone', 'originRegion', 'stays'] as const;
export type ManifestColumn = (typeof MANIFEST_COLUMNS)[number];

/** Header cells accepted for each column: the Chinese template's, the English name, case and spaces ignored. */
const HEADERS: Record<ManifestColumn, string[]> = {
  name: ['姓名', 'name'],
  idNumber: ['身份证号', '身份证号码', 'idnumber'],
  phone: ['手机', '手机号', '手机号码', 'phone'],
  originRegion: ['始发地区划', '始发地', 'originregion'],
  stays: ['途经重点地区', 'stays'],
};
const headerKey = (cell: string) => cell.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export interface SheetRow { row: number; cells: string[] }
export type ManifestResult = { passengers: PassengerInput[]; errors: [] } | { passengers: null; errors: FieldIssue[] };

const issue = (row: number, column: ManifestColumn | 'file', message: FieldIssue['message'], params?: FieldIssue['params']): FieldIssue =>
  ({ path: `rows.${row}.${column}`, message, ...(params ? { params } : {}) });

/** `420100:2026-02-10;110000:2026-02-12` → [{ code, lastDay }]; an empty cell declares no stays. */
function parseStays(cell: string): { code: string; lastDay: string }[] | null {
  const parts = cell.split(/[;；]/).map((s) => s.trim()).filter(Boolean);
  const out: { code: string; lastDay: string }[] = [];
  for (const part of parts) {
    const m = /^(\d{6})\s*[:：]\s*(\d{4}-\d{2}-\d{2})$/.exec(part);
    if (!m) return null;
    out.push({ code: m[1]!, lastDay: m[2]! });
  }
  return out;
}

export function readManifest(rows: SheetRow[]): ManifestResult {
  const [header, ...data] = rows;
  if (!header) return { passengers: null, errors: [issue(1, 'file', 'charter.manifest.empty')] };
  const positions = new Map<ManifestColumn, number>();
  header.cells.forEach((cell, i) => {
    const key = headerKey(cell);
    const column = MANIFEST_COLUMNS.find((c) => HEADERS[c].includes(key));
    if (column && !positions.has(column)) positions.set(column, i);
  });
  const missing = MANIFEST_COLUMNS.filter((c) => c !== 'stays' && !positions.has(c));
  if (missing.length) {
    return { passengers: null, errors: missing.map((c) => issue(header.row, c, 'charter.manifest.missing_column', { column: HEADERS[c][0]! })) };
  }
  if (!data.length) return { passengers: null, errors: [issue(header.row, 'file', 'charter.manifest.empty')] };
  if (data.length > CHARTER_LIMITS.maxSeats) {
    return { passengers: null, errors: [issue(data[CHARTER_LIMITS.maxSeats]!.row, 'file', 'charter.manifest.too_many_rows', { max: CHARTER_LIMITS.maxSeats })] };
  }

  const errors: FieldIssue[] = [];
  const passengers: PassengerInput[] = [];
  const seenIds = new Map<string, number>();
  for (const { row, cells } of data) {
    const cell = (c: ManifestColumn) => {
      const at = positions.get(c);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    const stays = parseStays(cell('stays'));
    if (stays === null) {
      errors.push(issue(row, 'stays', 'charter.manifest.stays_format'));
      continue;
    }
    const raw = { name: cell('name'), idNumber: cell('idNumber'), phone: cell('phone'), originRegion: cell('originRegion'), stays };
    const parsed = passengerInputSchema.safeParse(raw);
    if (!parsed.success) {
      // zod's paths are the columns (stays.0.code → stays); keep one message per column.
      const seen = new Set<string>();
      for (const i of zodIssues(passengerInputSchema, raw)) {
        const column = i.path.split('.')[0] as ManifestColumn;
        if (seen.has(column)) continue;
        seen.add(column);
        errors.push({ ...i, path: `rows.${row}.${column}` });
      }
      continue;
    }
    const earlier = seenIds.get(parsed.data.idNumber);
    if (earlier !== undefined) {
      errors.push(issue(row, 'idNumber', 'charter.manifest.duplicate_id', { row: earlier }));
      continue;
    }
    seenIds.set(parsed.data.idNumber, row);
    passengers.push(parsed.data);
  }
  return errors.length ? { passengers: null, errors } : { passengers, errors: [] };
}
