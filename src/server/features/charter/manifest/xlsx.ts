import { inflateRawSync } from 'node:zlib';

/**
 * The first worksheet of an .xlsx (Office Open XML) as rows of text, without a dependency: an
 * .xlsx is a zip of XML parts. Reads the zip's central directory, inflates only the parts it
 * needs (workbook, its relationships, shared strings, the first sheet) with a cap on each part's
 * size against zip bombs, and takes cell text from shared strings, inline strings and plain
 * values. Formulas' cached values are read as values; styles and number formats are ignored, so a
 * long ID number the spreadsheet stored as a number arrives mangled and is refused by the row
 * validation (the template formats that column as text).
 */
export class XlsxError extends Error {
  override name = 'XlsxError';
}

const MAX_PART_BYTES = 8 * 1024 * 1024;
const MAX_ENTRIES = 2000;

interface Entry { method: number; compressedSize: number; size: number; offset: number }

function centralDirectory(zip: Buffer): Map<string, Entry> {
  // The end-of-central-directory record is in the last 22 + 65535 bytes (its comment may be that long).
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new XlsxError('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES) throw new XlsxError('too many zip entries');
  const entries = new Map<string, Entry>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) throw new XlsxError('broken zip directory');
    const nameLength = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    entries.set(name, {
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      offset: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

function readEntry(zip: Buffer, entry: Entry): string {
  const p = entry.offset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== 0x04034b50) throw new XlsxError('broken zip entry');
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.size > MAX_PART_BYTES) throw new XlsxError('part too large');
  if (entry.method === 0) return data.toString('utf8');
  if (entry.method !== 8) throw new XlsxError('unsupported zip compression');
  try {
    return inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES }).toString('utf8');
  } catch {
    throw new XlsxError('broken or oversized zip entry');
  }
}

const decodeXml = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });

/** The text of every <t> in a fragment, phonetic runs (<rPh>) left out. */
const textOf = (xml: string) =>
  [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((m) => decodeXml(m[1] ?? '')).join('');

/** A → 0, Z → 25, AA → 26. */
const columnIndex = (ref: string) => [...ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + (ch.charCodeAt(0) - 64), 0) - 1;

function firstSheetPath(parts: Map<string, Entry>, zip: Buffer): string {
  const workbook = parts.get('xl/workbook.xml');
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  if (workbook && rels) {
    const sheet = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(readEntry(zip, workbook));
    if (sheet) {
      for (const m of readEntry(zip, rels).matchAll(/<Relationship\b[^>]*>/g)) {
        if (!m[0].includes(`Id="${sheet[1]}"`)) continue;
        const target = /Target="([^"]+)"/.exec(m[0])?.[1];
        if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      }
    }
  }
  return 'xl/worksheets/sheet1.xml';
}

export function readXlsxFirstSheet(bytes: Uint8Array): { row: number; cells: string[] }[] {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = centralDirectory(zip);
  const sheetEntry = parts.get(firstSheetPath(parts, zip));
  if (!sheetEntry) throw new XlsxError('no worksheet');
  const sharedEntry = parts.get('xl/sharedStrings.xml');
  const shared = sharedEntry ? [...readEntry(zip, sharedEntry).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]!)) : [];
  const rows: { row: number; cells: string[] }[] = [];
  for (const r of readEntry(zip, sheetEntry).matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const cells: string[] = [];
    for (const c of (r[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
      const body = c[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let text = '';
      if (type === 's') text = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') text = textOf(body);
      else if (v !== undefined) text = decodeXml(v);
      const at = ref ? columnIndex(ref) : cells.length;
      if (at > 50) continue;
      while (cells.length < at) cells.push('');
      cells[at] = text;
    }
    const number = Number(/\br="(\d+)"/.exec(r[1]!)?.[1] ?? rows.length + 1);
    // An empty row (formatting only) is no record, as a blank line of a CSV.
    if (cells.some((x) => x.trim() !== '')) rows.push({ row: number, cells });
  }
  return rows;
}
