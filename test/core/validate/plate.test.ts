import t from 'tap';
import fc from 'fast-check';
import {
  PLATE_PROVINCE_CHARS,
  parsePlate,
  plateSchema,
  validationMessages,
} from '../../../src/core/validate/index.js';

// The 31 province characters as the domain README lists them.
const README_PROVINCES = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // A–Z without I and O
const DIGITS = '0123456789';

t.test('province characters are exactly the README list', async (t) => {
  t.equal(PLATE_PROVINCE_CHARS.length, 31);
  t.same([...PLATE_PROVINCE_CHARS].sort(), [...README_PROVINCES].sort());
});

t.test('valid plates, normalisation and kind', async (t) => {
  const cases: Array<[input: string, value: string, kind: string]> = [
    ['苏E12345', '苏E12345', 'ordinary'],
    ['苏EA1B2C', '苏EA1B2C', 'ordinary'],
    [' 苏 E 12345 ', '苏E12345', 'ordinary'],
    ['苏E·12345', '苏E12345', 'ordinary'],
    ['苏E•12345', '苏E12345', 'ordinary'],
    ['苏E-12345', '苏E12345', 'ordinary'],
    ['苏e12345', '苏E12345', 'ordinary'],
    ['苏Ｅ１２３４５', '苏E12345', 'ordinary'],
    ['苏E\u300012345', '苏E12345', 'ordinary'],
    ['鄂A12345', '鄂A12345', 'ordinary'],
    ['京A12345', '京A12345', 'ordinary'],
    ['新Z12345', '新Z12345', 'ordinary'],
    ['苏ED12345', '苏ED12345', 'new_energy'],
    ['苏EF12345', '苏EF12345', 'new_energy'],
    ['苏EDA1234', '苏EDA1234', 'new_energy'],
    ['苏e·d12345', '苏ED12345', 'new_energy'],
    ['苏E12345D', '苏E12345D', 'new_energy'],
    ['苏E12345F', '苏E12345F', 'new_energy'],
    ['苏E1234挂', '苏E1234挂', 'trailer'],
    ['苏E·A123 挂', '苏EA123挂', 'trailer'],
  ];
  for (const [input, value, kind] of cases) {
    const r = parsePlate(input);
    t.ok(r.ok, `accepts ${JSON.stringify(input)}`);
    if (r.ok) {
      t.equal(r.value, value, `value of ${input}`);
      t.equal(r.kind, kind, `kind of ${input}`);
      t.equal(r.province, value[0]);
      t.equal(r.authority, value[1]);
    }
  }
});

t.test('failures carry the first rule broken', async (t) => {
  const cases: Array<[input: string, code: string]> = [
    ['', 'plate.length'],
    ['苏E1234', 'plate.length'],
    ['苏E123456789', 'plate.length'],
    ['苏E123挂', 'plate.length'],
    ['港A12345', 'plate.province'],
    ['台A12345', 'plate.province'],
    ['AE12345', 'plate.province'],
    ['苏I12345', 'plate.authority'],
    ['苏O12345', 'plate.authority'],
    ['苏112345', 'plate.authority'],
    ['苏苏12345', 'plate.authority'],
    ['苏E1234O', 'plate.charset'],
    ['苏EI2345', 'plate.charset'],
    ['苏EO1234挂', 'plate.charset'],
    ['苏ED1234O', 'plate.charset'],
    ['苏E1234学', 'plate.charset'],
    ['苏E1234警', 'plate.charset'],
    ['苏E123456', 'plate.format'], // 6 without D/F
    ['苏EA12345', 'plate.format'],
    ['苏ED1234A', 'plate.format'], // small NEV ends in 4 digits
    ['苏E1234D5', 'plate.format'],
    ['苏EA2345D', 'plate.format'], // large NEV: 5 digits then D/F
    ['苏E12345挂', 'plate.format'],
  ];
  for (const [input, code] of cases) {
    t.same(parsePlate(input), { ok: false, code }, `${JSON.stringify(input)} → ${code}`);
    t.ok(code in validationMessages, `${code} has a message`);
  }
});

t.test('zod schema', async (t) => {
  t.same(plateSchema.safeParse('苏 e·12345'), { success: true, data: '苏E12345' });
  const bad = plateSchema.safeParse('苏E1234O');
  t.notOk(bad.success);
  const issue = bad.error?.issues[0];
  t.equal(issue?.message, 'plate.charset');
  t.same((issue as { params?: unknown } | undefined)?.params, { code: 'plate.charset' });
});

const pick = (chars: string) => fc.constantFrom(...chars);
const run = (chars: string, n: number) => fc.string({ unit: pick(chars), minLength: n, maxLength: n });
const ordinary = fc
  .tuple(pick(README_PROVINCES), pick(LETTERS), run(LETTERS + DIGITS, 5))
  .map((p) => p.join(''));
const separator = fc.constantFrom('', ' ', '·', '-', '\u3000');

t.test('property: ordinary plates parse, also with separators and lower case', async (t) => {
  fc.assert(
    fc.property(ordinary, fc.array(separator, { minLength: 8, maxLength: 8 }), (plate, seps) => {
      const chars = [...plate];
      const messy = chars.map((c, i) => seps[i] + c).join('') + seps[7];
      const r = parsePlate(messy.toLowerCase());
      return r.ok && r.value === plate && r.kind === 'ordinary';
    }),
  );
  t.pass();
});

t.test('property: new-energy serials, small and large, parse as new_energy', async (t) => {
  const small = fc.tuple(pick('DF'), pick(LETTERS + DIGITS), run(DIGITS, 4)).map((p) => p.join(''));
  const large = fc.tuple(run(DIGITS, 5), pick('DF')).map((p) => p.join(''));
  fc.assert(
    fc.property(pick(README_PROVINCES), pick(LETTERS), fc.oneof(small, large), (p, a, serial) => {
      const r = parsePlate(p + a + serial);
      return r.ok && r.kind === 'new_energy';
    }),
  );
  t.pass();
});

t.test('property: an I or O anywhere after the province is rejected', async (t) => {
  fc.assert(
    fc.property(ordinary, fc.integer({ min: 1, max: 6 }), pick('IO'), (plate, pos, bad) => {
      const r = parsePlate(plate.slice(0, pos) + bad + plate.slice(pos + 1));
      return !r.ok && (pos === 1 ? r.code === 'plate.authority' : r.code === 'plate.charset');
    }),
  );
  t.pass();
});
