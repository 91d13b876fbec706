import t from 'tap';
import { citiesOf, countiesOf, provinces, regionPath } from '../../../scanner-app/src/app/check/regions.js';

t.test('province → city → county', (t) => {
  const p = provinces();
  t.ok(p.length >= 31);
  t.same(p.find((x) => x.code === '420000'), { code: '420000', name: '湖北省' });
  t.ok(p.every((x) => x.code.endsWith('0000')));
  const hubei = citiesOf('420000');
  t.ok(hubei.some((c) => c.code === '420100' && c.name === '武汉市'));
  t.ok(hubei.every((c) => c.code.startsWith('42') && c.code.endsWith('00') && !c.code.endsWith('0000')));
  t.ok(countiesOf('420100').some((c) => c.code === '420102'));
  t.ok(countiesOf('429000').some((c) => c.code === '429004'), '仙桃 under the province-administered block');
  t.ok(citiesOf('110000').every((c) => c.name !== '市辖区'), 'grouping blocks carry their province name');
  t.end();
});

t.test('region paths', (t) => {
  t.equal(regionPath('320583'), '江苏省 苏州市 昆山市');
  t.equal(regionPath('420000'), '湖北省');
  t.equal(regionPath('999999'), undefined);
  t.end();
});
