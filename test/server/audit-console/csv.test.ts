import t from 'tap';
import { csvCell, csvLine } from '../../../src/server/features/audit-console/csv.js';

t.test('CSV cells: RFC 4180 quoting and the formula guard', async (t) => {
  t.equal(csvCell('苏E12345'), '苏E12345', 'plain text as is');
  t.equal(csvCell('a,b'), '"a,b"', 'comma quoted');
  t.equal(csvCell('say "hi"'), '"say ""hi"""', 'quotes doubled');
  t.equal(csvCell('two\nlines'), '"two\nlines"', 'newline quoted');
  for (const lead of ['=', '+', '-', '@', '\t']) t.equal(csvCell(`${lead}1+1`).replace(/^"|"$/g, '').startsWith(`'${lead}`), true, `${JSON.stringify(lead)} guarded`);
  t.equal(csvCell('=A1,B1'), `"'=A1,B1"`, 'guarded, then quoted');
  t.equal(csvCell(-5), '-5', 'numbers are ours, not guarded');
  t.equal(csvCell(null), '', 'null is empty');
  t.equal(csvLine(['a', 1, null]), 'a,1,\r\n', 'CRLF line end');
});
