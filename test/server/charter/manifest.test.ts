import t from 'tap';
import { parseCsv, decodeUtf8, CsvSyntaxError } from '../../../src/server/features/charter/manifest/csv.js';
import { readXlsxFirstSheet, XlsxError } from '../../../src/server/features/charter/manifest/xlsx.js';
import { readManifest } from '../../../src/server/features/charter/manifest/rows.js';
import { uploadedRows } from '../../../src/server/features/charter/manifest/upload.js';
import { Problem } from '../../../src/server/problem.js';
import { manifestCsv, passengerId } from './fixtures.js';
import { xlsx, zip } from './xlsx-fixture.js';
import { chinaDate } from '../../helpers/fleet.js';

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
