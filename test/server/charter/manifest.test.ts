import t from 'tap';
import { deflateRawSync } from 'node:zlib';
import { parseCsv, decodeUtf8, CsvSyntaxError } from '../../../src/server/features/charter/manifest/csv.js';
import { readXlsxFirstSheet, XlsxError } from '../../../src/server/features/charter/manifest/xlsx.js';
import { readManifest } from '../../../src/server/features/charter/manifest/rows.js';
import { uploadedRows } from '../../../src/server/features/charter/manifest/upload.js';
import { Problem } from '../../../src/server/problem.js';
import { manifestCsv, passengerId } from './fixtures.js';
import { chinaDate } from '../../helpers/fleet.js';

/**
 * A minimal zip writer for fixtures, from the PKWARE APPNOTE (local headers, central directory,
 * end record), independent of the reader under test. CRCs are left 0: the reader does not check them.
 */
function zip(files: Record<string, string>, deflate = true): Buffer {
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
function xlsx(rows: string[][], opts: { deflate?: boolean } = {}): Buffer {
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

t.test('CSV: quotes, BOM, CRLF, blank lines, line numbers', async (t) => {
  t.same(parseCsv('a,"b,c","d ""q"""\r\n\r\n1,2,3'), [{ line: 1, fields: ['a', 'b,c', 'd "q"'] }, { line: 3, fields: ['1', '2', '3'] }]);
  t.same(parseCsv('"multi\nline",x\ny,z\n'), [{ line: 1, fields: ['multi\nline', 'x'] }, { line: 3, fields: ['y', 'z'] }], 'a record after a quoted newline keeps its file line');
  t.equal(decodeUtf8(Buffer.from('\uFEFF姓名', 'utf8')), '姓名', 'BOM dropped');
  t.throws(() => decodeUtf8(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb])), CsvSyntaxError, 'GBK refused, not garbled');
  t.throws(() => parseCsv('a,b"c\n'), CsvSyntaxError);
  t.throws(() => parseCsv('"open\n'), CsvSyntaxError);
});

t.test('rows: English headers, any order, every error at once with its row and column', async (t) => {
  const rows = [
    { row: 1, cells: ['phone', 'Name', 'idNumber', 'originRegion', 'stays'] },
    { row: 2, cells: ['13900000001', '甲', passengerId(1), '510100', `420100:${chinaDate(-2)};110000：${chinaDate(-4)}`] },
    { row: 4, cells: ['123', '', passengerId(1).slice(0, 17) + 'Z', '999999', 'Wuhan'] },
    { row: 5, cells: ['13900000003', '丙', passengerId(1), '510100', ''] },
  ];
  const r = readManifest(rows);
  t.equal(r.passengers, null);
  t.same(r.errors.map((e) => e.path), ['rows.4.stays', 'rows.5.idNumber'], 'a bad stays cell first (the row is not read further); the duplicate');
  const noStays = readManifest([rows[0]!, { row: 4, cells: ['123', '', 'x', '999999', ''] }]);
  t.same(noStays.errors.map((e) => e.path).sort(), ['rows.4.idNumber', 'rows.4.name', 'rows.4.originRegion', 'rows.4.phone']);
  const ok = readManifest(rows.slice(0, 2));
  t.same(ok.passengers?.[0]?.stays, [{ code: '420100', lastDay: chinaDate(-2) }, { code: '110000', lastDay: chinaDate(-4) }]);
  t.same(readManifest([{ row: 1, cells: ['姓名', '手机'] }]).errors.map((e) => e.path), ['rows.1.idNumber', 'rows.1.originRegion'], 'missing columns named');
  t.same(readManifest([{ row: 1, cells: ['姓名', '身份证号', '手机', '始发地区划'] }]).errors.map((e) => e.path), ['rows.1.file'], 'no data rows');
  const many = manifestCsv(81);
  t.same(readManifest(parseCsv(many).map((x) => ({ row: x.line, cells: x.fields }))).errors.map((e) => e.path), ['rows.82.file'], 'at most 80 rows');
});

t.test('XLSX: first sheet through the workbook relationships; shared, rich, inline and numeric cells', async (t) => {
  const header = ['姓名', '身份证号', '手机', '始发地区划', '途经重点地区'];
  const data = [header, ['张三&李', passengerId(1), '13900000001', '510100', ''], ['', '', '', '', ''], ['王五', passengerId(2), '13900000002', '510100', `420100:${chinaDate(-1)}`]];
  for (const deflate of [true, false]) {
    const rows = readXlsxFirstSheet(xlsx(data, { deflate }));
    t.same(rows.map((r) => r.row), [1, 2, 4], 'empty rows skipped, numbers kept');
    t.same(rows[1]!.cells, ['张三&李', passengerId(1), '13900000001', '510100', ''], 'rich text joined, phonetic runs left out, entities decoded');
    const m = readManifest(rows);
    t.equal(m.passengers?.length, 2, deflate ? 'deflated parts' : 'stored parts');
  }
  t.throws(() => readXlsxFirstSheet(Buffer.from('not a zip at all, just some text')), XlsxError);
  t.throws(() => readXlsxFirstSheet(zip({ 'xl/workbook.xml': '<workbook/>' })), XlsxError, 'no worksheet');
});

t.test('upload: size, encoding and format failures are problems on the file', async (t) => {
  const problemOf = (fn: () => unknown) => {
    try { fn(); } catch (e) { return e as Problem; }
    return null;
  };
  t.match(problemOf(() => uploadedRows('csv', Buffer.alloc(600 * 1024, 0x61).toString('base64'))), { code: 'manifest_invalid', errors: [{ path: 'content', message: 'charter.manifest.too_large' }] });
  t.match(problemOf(() => uploadedRows('csv', Buffer.from([0xd0, 0xd5]).toString('base64'))), { errors: [{ message: 'charter.manifest.not_utf8' }] });
  t.match(problemOf(() => uploadedRows('xlsx', Buffer.from('plain').toString('base64'))), { errors: [{ message: 'charter.manifest.not_xlsx' }] });
  t.match(problemOf(() => uploadedRows('csv', '!!!')), { errors: [{ message: 'charter.manifest.not_base64' }] });
  t.equal(uploadedRows('xlsx', xlsx([['姓名'], ['甲']]).toString('base64')).length, 2);
});
