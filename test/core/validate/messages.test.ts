import t from 'tap';
import { validationMessage, validationMessages } from '../../../src/core/validate/index.js';

// Every code the validators can return, as promised in the module docs.
const CODES = [
  'input.type',
  'id.length', 'id.charset', 'id.birthdate', 'id.checksum',
  'credit.length', 'credit.charset', 'credit.authority', 'credit.region', 'credit.checksum',
  'plate.length', 'plate.province', 'plate.authority', 'plate.charset', 'plate.format',
  'region.format', 'region.unknown',
];

t.test('every code has zh and en text, and nothing else is in the catalogue', async (t) => {
  t.same(Object.keys(validationMessages).sort(), [...CODES].sort());
  for (const code of CODES) {
    const zh = validationMessage(code, 'zh');
    const en = validationMessage(code, 'en');
    t.match(zh, /[\u4e00-\u9fff]/, `${code} zh is Chinese`);
    t.match(en, /^[\x20-\x7e\u2013\u6302]+$/, `${code} en is English`);
    t.not(zh, en);
  }
});

t.test('unknown codes pass through, zh is the default', async (t) => {
  t.equal(validationMessage('phone.invalid'), 'phone.invalid');
  t.equal(validationMessage('id.checksum'), '公民身份号码校验位错误');
});
