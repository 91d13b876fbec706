import { deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for fixtures, from the PKWARE APPNOTE (local headers, central directory,
 * end record), independent of the reader under test. CRCs are left 0: the reader does not check them.
 */
export function zip(files: Record<string, string>, deflate = true): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text, 'utf8');
    const data = deflate ? deflateRawSync(raw) : raw;
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(raw.length, 22); local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(raw.length, 24); central.writeUInt16LE(n.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(files).length, 8); end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** An .xlsx as Excel writes it: workbook, relationships, shared strings, and a sheet mixing shared, inline and numeric cells. */
export function xlsx(rows: string[][], opts: { deflate?: boolean } = {}): Buffer {
  const shared: string[] = [];
  const cell = (v: string, ref: string, i: number) => {
    if (i % 3 === 1) return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    if (/^\d{1,11}$/.test(v) && i % 3 === 2) return `<c r="${ref}"><v>${v}</v></c>`;
    shared.push(v);
    return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
  };
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const sheetRows = rows.map((r, y) => `<row r="${y + 1}">${r.map((v, x) => cell(v, `${String.fromCharCode(65 + x)}${y + 1}`, x + y)).join('')}</row>`).join('');
  return zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
    'xl/workbook.xml': '<workbook xmlns:r="r"><sheets><sheet name="名单" sheetId="1" r:id="rId3"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="styles.xml"/><Relationship Id="rId3" Type="worksheet" Target="worksheets/manifest.xml"/></Relationships>',
    'xl/sharedStrings.xml': `<sst>${shared.map((s) => `<si><r><t>${esc(s.slice(0, 1))}</t></r><r><t xml:space="preserve">${esc(s.slice(1))}</t></r><rPh><t>ふりがな</t></rPh></si>`).join('')}</sst>`,
    'xl/worksheets/manifest.xml': `<worksheet><sheetData>${sheetRows}</sheetData></worksheet>`,
  }, opts.deflate ?? true);
}

