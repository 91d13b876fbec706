import { Problem } from '../../../problem.js';
import { CHARTER_LIMITS } from '../schema.js';
import { CsvSyntaxError, decodeUtf8, parseCsv } from './csv.js';
import { readXlsxFirstSheet, XlsxError } from './xlsx.js';
import type { SheetRow } from './rows.js';

/** An uploaded manifest file (base64 in JSON, or a form field) to the rows of its first sheet. */
export function uploadedRows(format: 'csv' | 'xlsx', base64: string): SheetRow[] {
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(base64)) throw fileProblem('charter.manifest.not_base64');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw fileProblem('charter.manifest.empty');
  if (bytes.length > CHARTER_LIMITS.maxUploadBytes) throw fileProblem('charter.manifest.too_large', { max: CHARTER_LIMITS.maxUploadBytes / 1024 });
  try {
    if (format === 'xlsx') return readXlsxFirstSheet(bytes);
    return parseCsv(decodeUtf8(bytes)).map((r) => ({ row: r.line, cells: r.fields }));
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      throw err.kind === 'encoding' ? fileProblem('charter.manifest.not_utf8') : fileProblem('charter.manifest.csv_quote', { row: err.line });
    }
    if (err instanceof XlsxError) throw fileProblem('charter.manifest.not_xlsx');
    throw err;
  }
}

const fileProblem = (message: 'charter.manifest.not_base64' | 'charter.manifest.empty' | 'charter.manifest.too_large' | 'charter.manifest.not_utf8' | 'charter.manifest.csv_quote' | 'charter.manifest.not_xlsx', params?: Record<string, number>) =>
  new Problem('manifest_invalid', { errors: [{ path: 'content', message, ...(params ? { params } : {}) }] });
