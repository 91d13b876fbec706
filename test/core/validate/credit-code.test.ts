import t from 'tap';
import fc from 'fast-check';
import {
  computeCreditCheckChar,
  creditCodeSchema,
  parseCreditCode,
  validationMessages,
} from '../../../src/core/validate/index.js';

// From GB 32100 as written: the alphabet, weights 3^i mod 31 computed here
// rather than copied, check = (31 - S mod 31) mod 31.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});
function specCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}
const withCheck = (first17: string) => first17 + specCheckChar(first17);

t.test('the spec helper reproduces the README example', async (t) => {
  t.same(WEIGHTS, [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  t.equal(specCheckChar('91350100M000100Y4'), '3');
});

t.test('valid codes and normalisation', async (t) => {
  const cases: Array<[input: string, value: string]> = [
    ['91350100M000100Y43', '91350100M000100Y43'],
    ['91350100m000100y43', '91350100M000100Y43'],
    ['  91350100M000100Y43\t', '91350100M000100Y43'],
    ['９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
    [withCheck('12100000400000001'), withCheck('12100000400000001')],
    [withCheck('Y1320583MA1XXXXXX'), withCheck('Y1320583MA1XXXXXX')],
    [withCheck('N2420100000000000'), withCheck('N2420100000000000')],
  ];
  for (const [input, value] of cases) {
    const r = parseCreditCode(input);
    t.ok(r.ok, `accepts ${JSON.stringify(input)}`);
    if (r.ok) t.equal(r.value, value);
  }
  t.same(parseCreditCode('91350100M000100Y43'), {
    ok: true,
    value: '91350100M000100Y43',
    authority: '9',
    regionCode: '350100',
  });
});

t.test('failures carry the first rule broken', async (t) => {
  const cases: Array<[input: string, code: string]> = [
    ['', 'credit.length'],
    ['91350100M000100Y4', 'credit.length'],
    ['91350100M000100Y433', 'credit.length'],
    ['91350100M000100I43', 'credit.charset'],
    ['91350100M000100O43', 'credit.charset'],
    ['91350100M000100S43', 'credit.charset'],
    ['91350100M000100V43', 'credit.charset'],
    ['Z1350100M000100Y43', 'credit.charset'],
    ['91350100M-00100Y43', 'credit.charset'],
    ['91350100M00010统Y43', 'credit.charset'],
    [withCheck('B1350100M000100Y4'), 'credit.authority'],
    [withCheck('01350100M000100Y4'), 'credit.authority'],
    [withCheck('913501A0M000100Y4'), 'credit.region'],
    [withCheck('91A50100M000100Y4'), 'credit.region'],
    ['91350100M000100Y44', 'credit.checksum'],
    ['91350100M000100Y4Y', 'credit.checksum'],
  ];
  for (const [input, code] of cases) {
    t.same(parseCreditCode(input), { ok: false, code }, `${JSON.stringify(input)} → ${code}`);
    t.ok(code in validationMessages, `${code} has a message`);
  }
});

t.test('every authority character GB 32100 lists is accepted', async (t) => {
  for (const a of '123456789ANY') {
    t.ok(parseCreditCode(withCheck(`${a}1350100M000100Y4`)).ok, a);
  }
});

t.test('computeCreditCheckChar', async (t) => {
  t.equal(computeCreditCheckChar('91350100M000100Y4'), '3');
  t.throws(() => computeCreditCheckChar('91350100M000100Y'), RangeError);
  t.throws(() => computeCreditCheckChar('91350100M000100I4'), RangeError);
});

t.test('zod schema', async (t) => {
  t.same(creditCodeSchema.safeParse(' 91350100m000100y43 '), {
    success: true,
    data: '91350100M000100Y43',
  });
  const bad = creditCodeSchema.safeParse('91350100M000100Y44');
  t.notOk(bad.success);
  const issue = bad.error?.issues[0];
  t.equal(issue?.message, 'credit.checksum');
  t.same((issue as { params?: unknown } | undefined)?.params, { code: 'credit.checksum' });
});

const alnum = (n: number) =>
  fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: n, maxLength: n });
const body17 = fc
  .tuple(fc.constantFrom(...'123456789ANY'), alnum(1), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }), alnum(9))
  .map((parts) => parts.join(''));

t.test('property: the spec check char validates, every other one fails', async (t) => {
  fc.assert(
    fc.property(body17, (body) => {
      const good = specCheckChar(body);
      if (computeCreditCheckChar(body) !== good) return false;
      const r = parseCreditCode(body + good);
      if (!r.ok || r.value !== body + good || r.regionCode !== body.slice(2, 8)) return false;
      for (const c of ALPHABET) {
        if (c === good) continue;
        const bad = parseCreditCode(body + c);
        if (bad.ok || bad.code !== 'credit.checksum') return false;
      }
      return true;
    }),
  );
  t.pass();
});

t.test('property: any single changed organisation-code character is caught', async (t) => {
  // 31 is prime and no weight is 0 mod 31, so one substitution always changes S mod 31.
  fc.assert(
    fc.property(body17, fc.integer({ min: 8, max: 16 }), fc.integer({ min: 1, max: 30 }), (body, pos, delta) => {
      const code = body + specCheckChar(body);
      const replaced = ALPHABET[(ALPHABET.indexOf(code[pos]!) + delta) % 31]!;
      const changed = code.slice(0, pos) + replaced + code.slice(pos + 1);
      const r = parseCreditCode(changed);
      return !r.ok && r.code === 'credit.checksum';
    }),
  );
  t.pass();
});

t.test('computeCreditCheckChar refuses anything but 17 alphabet characters', async (t) => {
  // An 18-character input must not be hashed over its first 17 and passed as valid.
  t.throws(() => computeCreditCheckChar('91350100M000100Y43'), { name: 'RangeError', message: 'computeCreditCheckChar: need 17 characters' });
  t.throws(() => computeCreditCheckChar('91350100M000100Y'), { name: 'RangeError', message: 'computeCreditCheckChar: need 17 characters' });
  t.throws(() => computeCreditCheckChar('91350100M000100I4'), { name: 'RangeError', message: "computeCreditCheckChar: 'I' is not in the alphabet" });
  t.throws(() => computeCreditCheckChar('91350100m000100Y4'), { name: 'RangeError', message: "computeCreditCheckChar: 'm' is not in the alphabet" });
  t.equal(computeCreditCheckChar('00000000000000000'), '0', 'all zero: S = 0, check 0');
});
