/**
 * How charter reasons and steps name people: `{who}` from role and 0-based
 * index, counted from one as staff do, in both languages; and which codes are
 * charter reason codes. The decision tests compare codes and facts; these pin
 * the words on the screen.
 */
import t from 'tap';
import { CHARTER_ERROR_CODES } from '../../../src/core/charter/index.js';
import { charterReason, charterStep, isCharterReasonCode, whoText } from '../../../src/core/rules/index.js';

t.test('whoText: the driver, passengers and unlisted people, numbered from one', async (t) => {
  const rows: Array<[object, string | null, string | null]> = [
    [{ role: 'driver', index: 0 }, '驾驶员', 'Driver'],
    [{ role: 'driver' }, '驾驶员', 'Driver'],
    [{ role: 'passenger', index: 0 }, '乘客 1 ', 'Passenger 1'],
    [{ role: 'passenger', index: 29 }, '乘客 30 ', 'Passenger 30'],
    [{ role: 'unlisted', index: 0 }, '名单外人员 1 ', 'Unlisted person 1'],
    [{ role: 'unlisted', index: 2 }, '名单外人员 3 ', 'Unlisted person 3'],
    // No index: a dash, never "NaN" or "undefined".
    [{ role: 'passenger' }, '乘客 — ', 'Passenger —'],
    [{ role: 'unlisted', index: '1' }, '名单外人员 — ', 'Unlisted person —'],
    // Not a person: no `{who}` at all.
    [{}, null, null],
    [{ role: 'escort', index: 1 }, null, null],
  ];
  for (const [facts, zh, en] of rows) {
    t.equal(whoText(facts as never, 'zh'), zh, `zh ${JSON.stringify(facts)}`);
    t.equal(whoText(facts as never, 'en'), en, `en ${JSON.stringify(facts)}`);
  }
});

t.test('charterReason fills {who} per language', async (t) => {
  t.strictSame(charterReason('charter.id4_unchecked', { role: 'driver', index: 0 }), {
    code: 'charter.id4_unchecked',
    zh: '驾驶员尚未核对身份证后四位',
    en: "Driver: the ID card's last four characters have not been checked",
    facts: { role: 'driver', index: 0 },
  });
  t.strictSame(charterReason('charter.unlisted', { role: 'unlisted', index: 1 }), {
    code: 'charter.unlisted',
    zh: '名单外人员 2 在车上，但不在包车乘客名单上',
    en: 'Unlisted person 2 is on board but not on the manifest',
    facts: { role: 'unlisted', index: 1 },
  });
  // Texts derived from the freight reasons name the person the charter way, not "第 n 位人员".
  const normal = charterReason('charter.temp.normal', { person: 3, reading: 36.6, role: 'passenger', index: 3 });
  t.equal(normal.zh, '乘客 4 体温 36.6℃，正常');
  t.equal(normal.en, 'Passenger 4: 36.6 °C, normal');
  t.equal(charterReason('charter.coach.hold', { count: 2 }).zh, '车上有 2 人发热已经复测确认，本车等候卫生健康人员处置', 'no person, no {who}');
});

t.test('charterStep fills {who} per language', async (t) => {
  t.strictSame(charterStep('charter.step.retest', { role: 'passenger', index: 4, why: 'retest' }), {
    code: 'charter.step.retest',
    zh: '为乘客 5 重新测温',
    en: 'Measure Passenger 5 again',
    params: { role: 'passenger', index: 4, why: 'retest' },
  });
  t.strictSame(charterStep('charter.step.check_id4', { role: 'driver', index: 0 }), {
    code: 'charter.step.check_id4',
    zh: '核对驾驶员身份证后四位',
    en: "Compare Driver's ID card last four characters",
    params: { role: 'driver', index: 0 },
  });
  t.strictSame(charterStep('charter.step.supervisor'), { code: 'charter.step.supervisor', zh: '由值班负责人人工决定', en: 'A supervisor decides', params: {} });
});

t.test('isCharterReasonCode: the catalogue, and nothing inherited or freight', async (t) => {
  for (const code of ['charter.custody', 'charter.coach.unlisted', 'charter.temp.fever_confirmed', 'charter.keyarea.stay', ...CHARTER_ERROR_CODES.map((c) => `charter.pass.invalid.${c}`)]) {
    t.equal(isCharterReasonCode(code), true, code);
  }
  for (const value of ['custody', 'temp.normal', 'charter.step.release', 'charter.pass.invalid.nope', 'toString', 'constructor', '', 42, null, undefined, { code: 'charter.custody' }]) {
    t.equal(isCharterReasonCode(value), false, String(value));
  }
});
