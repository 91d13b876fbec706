/**
 * RFC 4180 CSV as spreadsheets write it: comma-separated, fields optionally in double quotes
 * (a quote inside doubled), CRLF or LF line ends, UTF-8 with or without a byte-order mark.
 * Returns the records as arrays of strings, with the line each starts on (a quoted field may
 * span lines, and row numbers in errors must match what the user sees in the file).
 */
export interface CsvRecord { line: number; fields: string[] }

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(readonly line: number, readonly kind: 'quote' | 'encoding') {
    super(`CSV ${kind} error at line ${line}`);
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    // fatal: a file saved in GBK (Excel's default on Chinese Windows) is refused, not garbled
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new CsvSyntaxError(1, 'encoding');
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line (a spreadsheet's trailing rows) is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: startLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      // A quote opens a field only at its start; elsewhere the file is malformed.
      if (field !== '') throw new CsvSyntaxError(line, 'quote');
      quoted = true;
      i++;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      startLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new CsvSyntaxError(startLine, 'quote');
  if (field !== '' || fields.length) endRecord();
  return records;
}
