import t from 'tap';
import { searchDirectory } from '../../../scanner-app/src/app/check/directory.js';
import type { EnterpriseInfo } from '../../../src/core/trust/bundle.js';
import { creditCode } from '../../helpers/credit-code.js';

const e = (n: number, name: string): EnterpriseInfo => ({ uscc: creditCode(n), name, dutyPhone: '0512-5700000' + (n % 10) });
const list = [e(1, '昆山精工机械有限公司'), e(2, '苏州精工物流有限公司'), e(3, '昆山食品有限公司'), e(10, 'Acme Kunshan Ltd')];
const dir = new Map(list.map((x) => [x.uscc, x]));

t.test('by name: starts-with before contains', (t) => {
  t.same(searchDirectory(dir, '精工').map((x) => x.name), ['苏州精工物流有限公司', '昆山精工机械有限公司'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  t.same(searchDirectory(dir, '昆山').map((x) => x.name).sort(), ['昆山精工机械有限公司', '昆山食品有限公司'].sort());
  t.same(searchDirectory(dir, 'acme').map((x) => x.name), ['Acme Kunshan Ltd'], 'Latin names ignore case');
  t.same(searchDirectory(dir, ' 食品 ').map((x) => x.name), ['昆山食品有限公司'], 'trimmed');
  t.end();
});

t.test('by credit code: exact first, then prefix, lower case and spaces accepted', (t) => {
  const code = creditCode(1);
  t.same(searchDirectory(dir, code.toLowerCase())[0]?.uscc, code);
  t.equal(searchDirectory(dir, '91320583').length, 4, 'the shared prefix finds all');
  t.same(searchDirectory(dir, code.slice(11)).map((x) => x.uscc), [code], 'a middle part of 4+ characters');
  t.same(searchDirectory(dir, `${code.slice(0, 9)} ${code.slice(9)}`).map((x) => x.uscc), [code]);
  t.end();
});

t.test('empty query, no match, limit', (t) => {
  t.same(searchDirectory(dir, '   '), []);
  t.same(searchDirectory(dir, '不存在'), []);
  t.equal(searchDirectory(dir, '9132', 2).length, 2);
  t.same(searchDirectory(dir, '9132', 0), []);
  t.end();
});

t.test('ten thousand entries stay fast', (t) => {
  const big = new Map(Array.from({ length: 10_000 }, (_, i) => e(i + 100, `企业${i}`)).map((x) => [x.uscc, x]));
  const start = performance.now();
  const found = searchDirectory(big, '企业99');
  t.ok(performance.now() - start < 200, 'well under a frame budget on this machine');
  t.equal(found[0]?.name, '企业99');
  t.end();
});
