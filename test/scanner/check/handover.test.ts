import t from 'tap';
import {
  handoverProblems,
  handoverTemperature,
  minutesWaiting,
  phoneDigits,
  toHandoverPayload,
} from '../../../scanner-app/src/app/check/handover.js';
import type { WaitingVehicle } from '../../../scanner-app/src/app/check/host.js';
import { DEFAULT_RULE_SET } from '../../../src/core/rules/rule-set.js';
import { ENTERPRISE } from './fixtures.js';

const rules = { ...DEFAULT_RULE_SET };
const vehicle: WaitingVehicle = {
  checkEventId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  plate: '鄂A12345',
  since: 0,
  enterprise: ENTERPRISE,
  people: [{ name: '张建国', id4: '002X', role: 'driver' }],
};
const ok = { escortName: '周明', phone: '138 1234 5678', readings: [36.6] };

t.test('a normal escort: only the phone’s last four are recorded', (t) => {
  t.same(handoverProblems(vehicle, ok, rules), []);
  t.same(toHandoverPayload(vehicle, ok, rules), {
    checkEventId: vehicle.checkEventId,
    escortName: '周明',
    escortPhoneLast4: '5678',
    enterpriseUscc: ENTERPRISE.uscc,
  });
  t.notOk(JSON.stringify(toHandoverPayload(vehicle, ok, rules)).includes('1234'));
  t.end();
});

t.test('the phone is optional, but must be a number when given', (t) => {
  t.same(toHandoverPayload(vehicle, { ...ok, phone: '' }, rules).escortPhoneLast4, undefined);
  t.equal(phoneDigits('+86 138-1234-5678'), '8613812345678');
  t.equal(phoneDigits('12'), null);
  t.equal(phoneDigits('call me'), null);
  t.same(handoverProblems(vehicle, { ...ok, phone: 'abc' }, rules), ['phone.invalid']);
  t.end();
});

t.test('a fever blocks the handover; a single high reading asks for a re-test', (t) => {
  t.same(handoverProblems(vehicle, { ...ok, readings: [37.8] }, rules), ['temp.retest']);
  t.same(handoverProblems(vehicle, { ...ok, readings: [37.8, 37.9] }, rules), ['temp.fever']);
  t.same(handoverProblems(vehicle, { ...ok, readings: [37.8, 37.9, 36.5] }, rules), ['temp.fever'], 'a confirmed fever stands');
  t.same(handoverProblems(vehicle, { ...ok, readings: [37.8, 36.5] }, rules), [], 'a normal re-test clears it');
  t.same(handoverProblems(vehicle, { ...ok, readings: [33.1] }, rules), ['temp.implausible']);
  t.same(handoverProblems(vehicle, { ...ok, readings: [] }, rules), ['temp.missing']);
  t.equal(handoverTemperature({ readings: [36.9] }, rules), 'normal');
  t.throws(() => toHandoverPayload(vehicle, { ...ok, readings: [37.8, 37.9] }, rules), /temp\.fever/);
  t.end();
});

t.test('name and enterprise are required', (t) => {
  t.same(handoverProblems(vehicle, { ...ok, escortName: '  ' }, rules), ['name.empty']);
  t.same(handoverProblems(vehicle, { ...ok, escortName: '一二三四五六七八九十一二三四五六七八九十一' }, rules), ['name.too_long']);
  t.same(handoverProblems({ ...vehicle, enterprise: null }, ok, rules), ['enterprise.missing']);
  t.end();
});

t.test('minutes waiting', (t) => {
  t.equal(minutesWaiting(0, 59_999), 0);
  t.equal(minutesWaiting(0, 60_000), 1);
  t.equal(minutesWaiting(120_000, 0), 0, 'a clock stepping back is not negative waiting');
  t.end();
});
