// One table per clause of seed items 6 and 7 (seed-kunshan-measures-2020-02-25.txt), written from the seed text.
import t from 'tap';
import { verifyPass } from '../../../src/core/pass/index.js';
import type { VerifyPassResult } from '../../../src/core/pass/index.js';
import { decide } from '../../../src/core/rules/index.js';
import type { CheckInput } from '../../../src/core/rules/index.js';
import { signTypical, verifyOptions } from '../pass/fixtures.js';
import {
  ENTERPRISE,
  checkInput,
  codes,
  daysBeforeNow,
  driver,
  escort,
  noPassInput,
  passenger,
  reasonFor,
  reasonsFor,
  stepCodes,
  validPass,
} from './fixtures.js';

const ESCORT_STEPS = ['step.escort.wait_on_board', 'step.escort.call_enterprise', 'step.escort.record_handover'];

t.test('item 6, clause 1: "持证车辆“人车证”一致,驾押人员体温正常可直接放行"', async (t) => {
  const rows: Array<[string, CheckInput]> = [
    ['driver and escort, 36.5 °C', checkInput()],
    ['driver alone', checkInput({ observed: { people: [driver()] } })],
    ['plate typed with a dot and lower case', checkInput({ observed: { plate: '苏e·12345' } })],
    ['a high reading whose re-test is normal', checkInput({ observed: { people: [driver({ readings: [37.5, 36.8] }), escort()] } })],
    ['a misread measured again', checkInput({ observed: { people: [driver({ readings: [31.2, 36.6] }), escort()] } })],
    ['just below the threshold', checkInput({ observed: { people: [driver({ readings: [37.2] }), escort()] } })],
    ['the pass enterprise in the older [name, uscc] shape', checkInput({ pass: validPass({ ent: [ENTERPRISE.name, ENTERPRISE.uscc] }) })],
  ];
  for (const [name, input] of rows) {
    const d = decide(input);
    t.equal(d.decision, 'RELEASE', name);
    t.same(stepCodes(d), ['step.wave_through'], `${name}: wave through`);
    t.ok(codes(d).includes('pass.valid') && codes(d).includes('match.ok'), `${name}: pass and match are reasons`);
    t.equal(reasonsFor(d, 'temp.normal').length, input.observed.people.length, `${name}: every temperature normal`);
    t.ok(codes(d).includes('keyarea.none'), `${name}: no key area`);
    t.equal(d.keyArea.involved, false);
    t.same(d.pendingMeasurements, []);
    t.equal(d.ruleSetVersion, 1);
  }
  t.equal(reasonFor(decide(rows[6]![1]), 'pass.valid')?.facts.enterprise, ENTERPRISE.uscc, 'enterprise id read from either shape');
});

t.test('item 6, clause 1 with a really signed and verified pass', async (t) => {
  const opts = verifyOptions();
  const result: VerifyPassResult = await verifyPass(await signTypical(), opts);
  t.equal(result.ok, true);
  // verifyPass's own result type goes into decide as is.
  const d = decide(checkInput({ pass: { kind: 'scanned', result } }));
  t.equal(d.decision, 'RELEASE');
  t.equal(reasonFor(d, 'pass.valid')?.facts.jti, 'Q7mZ2xKp9A');
});

t.test('item 6, clause 2: "非重点疫区人、车测温正常后直接放行"', async (t) => {
  const rows: Array<[string, CheckInput]> = [
    ['Suzhou plate, two people', noPassInput()],
    ['Zhejiang plate, one person', noPassInput({ observed: { plate: '浙A12345', people: [passenger()] } })],
    ['Shanghai plate, stay in Hangzhou last week', noPassInput({
      observed: { plate: '沪A12345', people: [passenger({ stays: [{ region: '330100', lastDay: daysBeforeNow(5) }] })] },
    })],
    ['stay in Wuhan, but 20 days ago', noPassInput({
      observed: { people: [passenger({ stays: [{ region: '420100', lastDay: daysBeforeNow(20) }] })] },
    })],
    ['no receiving enterprise needed', noPassInput({ receivingEnterprise: null })],
  ];
  for (const [name, input] of rows) {
    const d = decide(input);
    t.equal(d.decision, 'RELEASE', name);
    t.same(stepCodes(d), ['step.wave_through']);
    t.ok(codes(d).includes('pass.none'), `${name}: the missing pass is on record`);
    t.ok(codes(d).includes('keyarea.none'));
  }
  // "测温正常后": only after the temperatures are normal.
  const unmeasured = decide(noPassInput({ observed: { people: [passenger({ readings: [] })] } }));
  t.not(unmeasured.decision, 'RELEASE', 'not before everyone is measured');
});

t.test('item 6, clause 3: "使用重点疫区运输车辆或人员的,由企业派人赴卡口接车,确保人员全程不下车、不接触、不滞留"', async (t) => {
  const wuhanStay = { region: '420100', lastDay: daysBeforeNow(3) };
  const rows: Array<[string, CheckInput, string]> = [
    ['鄂A vehicle without a pass', noPassInput({ observed: { plate: '鄂A12345' } }), 'keyarea.plate'],
    ['鄂A vehicle with a valid pass', checkInput({ pass: validPass({ pl: '鄂A12345', org: '420100' }), observed: { plate: '鄂A12345' } }), 'keyarea.plate'],
    ['Suzhou vehicle, a person who stayed in 420100 three days ago', noPassInput({
      observed: { people: [passenger(), passenger({ stays: [wuhanStay] })] },
    }), 'keyarea.stay'],
    ['Suzhou vehicle with a pass, the escort stayed in 420100', checkInput({
      observed: { people: [driver(), escort({ stays: [wuhanStay] })] },
    }), 'keyarea.stay'],
    ['Suzhou vehicle whose pass names a Hubei origin', checkInput({ pass: validPass({ org: '420100' }) }), 'keyarea.origin'],
    ['checkpoint staff flag', noPassInput({ observed: { staffKeyAreaFlag: true } }), 'keyarea.staff_flag'],
  ];
  for (const [name, input, source] of rows) {
    const d = decide(input);
    t.equal(d.decision, 'ESCORT', name);
    t.ok(codes(d).includes(source), `${name}: ${source}`);
    t.equal(d.keyArea.involved, true);
    t.same(stepCodes(d), ESCORT_STEPS, `${name}: wait on board, call, record`);
    const [wait, call] = d.steps;
    t.match(wait?.zh, /全程不下车、不接触、不滞留/, 'people stay on board');
    t.equal(call?.params.dutyPhone, ENTERPRISE.dutyPhone, "the enterprise's duty phone");
    t.match(call?.zh, ENTERPRISE.dutyPhone);
    t.match(call?.en, ENTERPRISE.dutyPhone);
  }
  const stay = decide(rows[2]![1]);
  t.same(stay.keyArea.sources, [{ kind: 'stay', region: '420100', person: 1 }]);
  t.same(reasonFor(stay, 'keyarea.stay')?.facts, {
    person: 1, region: '420100', covers: '420000', lastDay: daysBeforeNow(3), daysAgo: 3, lookbackDays: 14,
  });
  t.same(reasonFor(decide(rows[0]![1]), 'keyarea.plate')?.facts, {
    plate: '鄂A12345', region: '420100', level: 'city', covers: '420000',
  });
});

t.test('item 7: "对于疫情防控重点地区来昆人员,体温无异常的,由复工企业落实人员隔离相关要求"', async (t) => {
  const fromHubei = { region: '420900', lastDay: daysBeforeNow(1) }; // 孝感
  const rows: Array<[string, CheckInput]> = [
    ['passenger without a pass', noPassInput({ observed: { people: [passenger({ stays: [fromHubei] })] } })],
    ['driver with a pass', checkInput({ observed: { people: [driver({ stays: [fromHubei] }), escort()] } })],
  ];
  for (const [name, input] of rows) {
    const d = decide(input);
    t.equal(d.decision, 'ESCORT', `${name}: handed to the enterprise`);
    const handover = d.steps.find((s) => s.code === 'step.escort.record_handover');
    t.ok(handover, `${name}: the handover is recorded`);
    t.match(handover?.zh, /隔离/, 'the enterprise carries out isolation');
    t.equal(handover?.params.uscc, ENTERPRISE.uscc);
  }
  // "体温无异常的" is the condition: with a confirmed fever the person goes to health staff, not to the enterprise.
  const fever = decide(noPassInput({ observed: { people: [passenger({ stays: [fromHubei], readings: [37.9, 38.1] })] } }));
  t.equal(fever.decision, 'HOLD');
  t.same(stepCodes(fever), ['step.hold.hand_to_health']);
  t.equal(fever.keyArea.involved, true, 'the key-area involvement is still reported');
});
