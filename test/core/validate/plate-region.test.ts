import t from 'tap';
import { lookupRegion, plateRegion, regionCovers } from '../../../src/core/validate/index.js';

// Copied from the domain README, facts section.
const README_PROVINCES =
  '京110000 津120000 冀130000 晋140000 蒙150000 辽210000 吉220000 黑230000 ' +
  '沪310000 苏320000 浙330000 皖340000 闽350000 赣360000 鲁370000 豫410000 ' +
  '鄂420000 湘430000 粤440000 桂450000 琼460000 渝500000 川510000 贵520000 ' +
  '云530000 藏540000 陕610000 甘620000 青630000 宁640000 新650000';
const README_HUBEI: Array<[letter: string, name: string, code: string]> = [
  ['A', '武汉', '420100'], ['B', '黄石', '420200'], ['C', '十堰', '420300'],
  ['D', '荆州', '421000'], ['E', '宜昌', '420500'], ['F', '襄阳', '420600'],
  ['G', '鄂州', '420700'], ['H', '荆门', '420800'], ['J', '黄冈', '421100'],
  ['K', '孝感', '420900'], ['L', '咸宁', '421200'], ['M', '仙桃', '429004'],
  ['N', '潜江', '429005'], ['P', '神农架', '429021'], ['Q', '恩施', '422800'],
  ['R', '天门', '429006'], ['S', '随州', '421300'],
];
const JIANGSU: Array<[letter: string, name: string, code: string]> = [
  ['A', '南京', '320100'], ['B', '无锡', '320200'], ['C', '徐州', '320300'],
  ['D', '常州', '320400'], ['E', '苏州', '320500'], ['U', '苏州', '320500'],
  ['F', '南通', '320600'], ['G', '连云港', '320700'], ['H', '淮安', '320800'],
  ['J', '盐城', '320900'], ['K', '扬州', '321000'], ['L', '镇江', '321100'],
  ['M', '泰州', '321200'], ['N', '宿迁', '321300'],
];

t.test('brief examples', async (t) => {
  t.same(plateRegion('鄂A12345'), { code: '420100', level: 'city', name: '武汉市' });
  t.same(plateRegion('苏E12345'), { code: '320500', level: 'city', name: '苏州市' });
  t.same(plateRegion('京A12345'), { code: '110000', level: 'province', name: '北京市' });
  t.same(plateRegion(' 苏u·d12345 '), { code: '320500', level: 'city', name: '苏州市' });
  t.same(plateRegion('鄂A1234挂')?.code, '420100');
});

t.test('every province of the README, with a letter that has no city entry', async (t) => {
  const pairs = README_PROVINCES.split(' ');
  t.equal(pairs.length, 31);
  for (const pair of pairs) {
    const [ch, code] = [pair[0]!, pair.slice(1)];
    const r = plateRegion(`${ch}Z12345`);
    t.same(r && { code: r.code, level: r.level }, { code, level: 'province' }, `${ch}Z`);
    // The name must agree with the GB/T 2260 table, which is a separate source.
    t.equal(r?.name, lookupRegion(code)?.name, `${ch} name`);
  }
});

t.test('Hubei and Jiangsu letters', async (t) => {
  for (const [province, table] of [['鄂', README_HUBEI], ['苏', JIANGSU]] as const) {
    for (const [letter, name, code] of table) {
      const r = plateRegion(`${province}${letter}12345`);
      t.equal(r?.code, code, `${province}${letter} → ${code}`);
      t.equal(r?.level, 'city');
      t.ok(r?.name?.startsWith(name), `${province}${letter} is ${name}`);
      t.equal(r?.name, lookupRegion(code)?.name, `${code} name matches the region table`);
      t.ok(regionCovers(`${code.slice(0, 2)}0000`, code), `${code} lies in its province`);
    }
  }
  t.equal(plateRegion('鄂T12345')?.code, '420000', 'unlisted Hubei letter falls back to the province');
  t.equal(plateRegion('苏P12345')?.level, 'province');
});

t.test('a key-area list at province level catches every Hubei plate', async (t) => {
  for (const [letter] of README_HUBEI) {
    const r = plateRegion(`鄂${letter}D12345`);
    t.ok(r && regionCovers('420000', r.code), `鄂${letter}`);
    t.notOk(r && regionCovers('320000', r.code));
  }
  t.ok(regionCovers('320500', plateRegion('苏U12345')!.code));
  t.notOk(regionCovers('320583', plateRegion('苏E12345')!.code), 'a Suzhou plate is not known to be Kunshan');
});

t.test('invalid plates give no region', async (t) => {
  for (const bad of ['', '鄂I12345', '港A12345', '鄂A1234', '鄂A1234O']) {
    t.equal(plateRegion(bad), undefined, JSON.stringify(bad));
  }
});

t.test('Zhejiang and Henan city letters (key areas of February 2020)', async (t) => {
  // From the GA 36 allocation: 浙C 温州 330300, 豫S 信阳 411500, 豫U 济源 (a county-level city under the province).
  t.same(plateRegion('浙C12345'), { code: '330300', level: 'city', name: '温州市' });
  t.same(plateRegion('豫S12345'), { code: '411500', level: 'city', name: '信阳市' });
  t.equal(plateRegion('豫U12345')?.code, '419001');
  t.equal(plateRegion('浙Z12345')?.code, '330000', 'an unknown letter falls back to the province');
});

t.test('every Zhejiang and Henan city letter maps to its city in the region table', async (t) => {
  // GA 36 allocation, written out from the standard's list rather than read from the module.
  const ZHEJIANG: Array<[letter: string, name: string, code: string]> = [
    ['A', '杭州', '330100'], ['B', '宁波', '330200'], ['C', '温州', '330300'], ['D', '绍兴', '330600'],
    ['E', '湖州', '330500'], ['F', '嘉兴', '330400'], ['G', '金华', '330700'], ['H', '衢州', '330800'],
    ['J', '台州', '331000'], ['K', '丽水', '331100'], ['L', '舟山', '330900'],
  ];
  const HENAN: Array<[letter: string, name: string, code: string]> = [
    ['A', '郑州', '410100'], ['B', '开封', '410200'], ['C', '洛阳', '410300'], ['D', '平顶山', '410400'],
    ['E', '安阳', '410500'], ['F', '鹤壁', '410600'], ['G', '新乡', '410700'], ['H', '焦作', '410800'],
    ['J', '濮阳', '410900'], ['K', '许昌', '411000'], ['L', '漯河', '411100'], ['M', '三门峡', '411200'],
    ['N', '商丘', '411400'], ['P', '周口', '411600'], ['Q', '驻马店', '411700'], ['R', '南阳', '411300'],
    ['S', '信阳', '411500'], ['U', '济源', '419001'],
  ];
  for (const [province, table] of [['浙', ZHEJIANG], ['豫', HENAN]] as const) {
    for (const [letter, name, code] of table) {
      // The name comes from the GB/T 2260 table, a separate source from the plate table.
      t.same(plateRegion(`${province}${letter}12345`), { code, level: 'city', name: lookupRegion(code)?.name }, `${province}${letter} → ${code}`);
      t.ok(lookupRegion(code)?.name.startsWith(name), `${code} is ${name}`);
    }
  }
});
