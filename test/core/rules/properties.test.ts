// Properties the rules must keep for every input, checked with generated inputs.
import t from 'tap';
import fc from 'fast-check';
import { PASS_ERROR_CODES } from '../../../src/core/pass/errors.js';
import { DECISIONS, DECISION_SEVERITY, DEFAULT_RULE_SET, REASONS, STEPS, checkInputSchema, decide } from '../../../src/core/rules/index.js';
import type { CheckInput } from '../../../src/core/rules/index.js';
import { ENTERPRISE, NOW_MS, claims, severity } from './fixtures.js';

type Person = CheckInput['observed']['people'][number];
type Pass = CheckInput['pass'];

const THRESHOLD = DEFAULT_RULE_SET.feverThresholdC;
const MIN = DEFAULT_RULE_SET.plausibleMinC;
const MAX = DEFAULT_RULE_SET.plausibleMaxC;
const isPlausible = (r: number) => r >= MIN && r <= MAX;

// Tenths of a degree, as thermometers show them; the edges of every range are included.
const tenths = (lo: number, hi: number) => fc.integer({ min: Math.round(lo * 10), max: Math.round(hi * 10) }).map((n) => n / 10);
const normalReading = tenths(MIN, THRESHOLD - 0.1);
const feverReading = tenths(THRESHOLD, MAX);
const implausibleReading = fc.oneof(tenths(20, MIN - 0.1), tenths(MAX + 0.1, 50));
const reading = fc.oneof({ weight: 4, arbitrary: normalReading }, { weight: 2, arbitrary: feverReading }, { weight: 1, arbitrary: implausibleReading });

const REGIONS = ['420000', '420100', '429004', '421100', '320583', '320500', '330100', '330302', '110101'];
const region = fc.constantFrom(...REGIONS);
const DAY_MS = 86_400_000;
const lastDay = fc.integer({ min: -3, max: 30 }).map((daysAgo) => new Date(NOW_MS + 8 * 3_600_000 - daysAgo * DAY_MS).toISOString().slice(0, 10));

const chinaDate = (now: number | string) => new Date((typeof now === 'number' ? now : Date.parse(now)) + 8 * 3_600_000).toISOString().slice(0, 10);
const notAfter = (day: string, now: number | string) => (day > chinaDate(now) ? chinaDate(now) : day);

const person: fc.Arbitrary<Person> = fc.record({
  passIndex: fc.option(fc.nat({ max: 4 }), { nil: null, freq: 4 }),
  id4Matches: fc.constantFrom<boolean | null>(true, true, true, false, null),
  readings: fc.array(reading, { maxLength: 4 }),
  stays: fc.array(fc.record({ region, lastDay }), { maxLength: 2 }),
});

const PLATES = ['苏E12345', '苏E·12345', '苏e 12345', '鄂A12345', '鄂M12345', '浙A12345', '苏ED12345', '京A1234挂', 'ABC', ''];
const plate = fc.constantFrom(...PLATES);
const verifiedClaims = fc
  .record({
    pl: fc.constantFrom('苏E12345', '鄂A12345', '浙A12345'),
    org: region,
    ppl: fc.array(fc.constant<[string, string]>(['张建国', '002X']), { minLength: 1, maxLength: 4 }),
    ent: fc.constantFrom<unknown>(ENTERPRISE.uscc, [ENTERPRISE.name, ENTERPRISE.uscc]),
  })
  .map((o) => claims(o));
const errorCode = fc.constantFrom(...PASS_ERROR_CODES);
const invalidPass: fc.Arbitrary<Pass> = fc
  .record({ reason: errorCode, claims: fc.option(verifiedClaims, { nil: undefined }) })
  .map(({ reason, claims }) => ({
    kind: 'scanned',
    result: claims ? { ok: false, reason, claims, kid: '-aZXzCUU' } : { ok: false, reason },
  }));
const validPass: fc.Arbitrary<Pass> = verifiedClaims.map((claims) => ({
  kind: 'scanned',
  result: { ok: true, claims, kid: '-aZXzCUU', header: { alg: 'EdDSA', kid: '-aZXzCUU', typ: 'kkp' } },
}));
const pass: fc.Arbitrary<Pass> = fc.oneof(fc.constant<Pass>({ kind: 'none' }), validPass, invalidPass);

const ruleSet = fc.record({
  keyAreas: fc.subarray(['420000', '420100', '320000', '330300']),
  retestRequired: fc.boolean(),
  stayLookbackDays: fc.constantFrom(7, 14, 21),
});

const inputWith = (passArb: fc.Arbitrary<Pass>): fc.Arbitrary<CheckInput> =>
  fc
    .record({
      pass: passArb,
      plate,
      people: fc.array(person, { minLength: 1, maxLength: 4 }),
      staffKeyAreaFlag: fc.boolean(),
      receivingEnterprise: fc.option(fc.constant(ENTERPRISE), { nil: null }),
      now: fc.oneof(
        fc.integer({ min: NOW_MS - 30 * DAY_MS, max: NOW_MS + 30 * DAY_MS }),
        fc.constantFrom('2020-02-26T10:00:00+08:00', '2020-02-25T16:30:00Z'),
      ),
      rules: ruleSet,
      trustAgeSec: fc.option(fc.integer({ min: 0, max: 400_000 }), { nil: null, freq: 6 }),
    })
    .map((o) => ({
      pass: o.pass,
      // A stay cannot end after the check date (the input schema refuses it): clamp to the China date of `now`.
      observed: { plate: o.plate, people: o.people.map((p) => ({ ...p, stays: p.stays.map((st) => ({ ...st, lastDay: notAfter(st.lastDay, o.now) })) })), staffKeyAreaFlag: o.staffKeyAreaFlag },
      receivingEnterprise: o.receivingEnterprise,
      now: o.now,
      ruleSet: { ...DEFAULT_RULE_SET, ...o.rules },
      trustAgeSec: o.trustAgeSec,
    }));
const input = inputWith(pass);

const withPeople = (i: CheckInput, people: Person[]): CheckInput => ({ ...i, observed: { ...i.observed, people } });

t.test('the generated inputs are schema-valid and reach every decision', async (t) => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(input, (i) => {
      seen.add(decide(i).decision);
      return checkInputSchema.safeParse(i).success;
    }),
    { numRuns: 2000 },
  );
  t.same([...seen].sort(), [...DECISIONS].sort(), 'RELEASE, ESCORT, MANUAL, REFUSE and HOLD all occur');
});

t.test('adding a fever reading to any person never improves the decision', async (t) => {
  const case_ = fc.tuple(input, fc.nat(), fc.nat(), feverReading);
  fc.assert(
    fc.property(case_, ([i, who, where, fever]) => {
      const people = i.observed.people;
      const k = who % people.length;
      const target = people[k]!;
      const at = where % (target.readings.length + 1);
      const readings = [...target.readings.slice(0, at), fever, ...target.readings.slice(at)];
      const after = withPeople(i, people.map((p, j) => (j === k ? { ...p, readings } : p)));
      return severity(decide(after)) >= severity(decide(i));
    }),
    { numRuns: 1500 },
  );
  t.pass('checked');
});

t.test('removing key-area involvement never makes the decision worse', async (t) => {
  fc.assert(
    fc.property(input, (i) => {
      const cleared: CheckInput = {
        ...i,
        ruleSet: { ...i.ruleSet, keyAreas: [] },
        observed: { ...i.observed, staffKeyAreaFlag: false, people: i.observed.people.map((p) => ({ ...p, stays: [] })) },
      };
      const d = decide(cleared);
      return severity(d) <= severity(decide(i)) && !d.keyArea.involved;
    }),
    { numRuns: 1500 },
  );
  t.pass('checked');
});

t.test('an invalid pass is never RELEASE or ESCORT', async (t) => {
  fc.assert(
    fc.property(inputWith(invalidPass), (i) => {
      const d = decide(i);
      return d.decision !== 'RELEASE' && d.decision !== 'ESCORT' && d.reasons.some((r) => r.code.startsWith('pass.invalid.'));
    }),
    { numRuns: 1500 },
  );
  t.pass('checked');
});

t.test('a reading outside the plausible range never counts as normal', async (t) => {
  // Anywhere in the list: it is never the reading a temp.normal rests on.
  fc.assert(
    fc.property(input, (i) => {
      const d = decide(i);
      return d.reasons.every((r) => r.code !== 'temp.normal' || isPlausible(r.facts.reading as number));
    }),
    { numRuns: 1500 },
  );
  // As a person's last reading: no temp.normal for that person, and no RELEASE.
  fc.assert(
    fc.property(input, fc.nat(), implausibleReading, (i, who, misread) => {
      const people = i.observed.people;
      const k = who % people.length;
      const after = withPeople(i, people.map((p, j) => (j === k ? { ...p, readings: [...p.readings, misread] } : p)));
      const d = decide(after);
      // ESCORT too: it is "otherwise releasable", and an unresolved temperature is not.
      return (
        d.decision !== 'RELEASE' &&
        d.decision !== 'ESCORT' &&
        !d.reasons.some((r) => r.code === 'temp.normal' && r.facts.person === k)
      );
    }),
    { numRuns: 1500 },
  );
  t.pass('checked');
});

t.test('decide never throws on schema-valid input, and always explains itself', async (t) => {
  const placeholder = /\{\w+\}|undefined|NaN/;
  fc.assert(
    fc.property(input, (i) => {
      const d = decide(i);
      const again = decide(structuredClone(i));
      return (
        d.reasons.length >= 1 &&
        d.steps.length >= 1 &&
        DECISIONS.includes(d.decision) &&
        d.ruleSetVersion === i.ruleSet.version &&
        d.reasons.every((r) => Object.hasOwn(REASONS, r.code) && !placeholder.test(r.zh) && !placeholder.test(r.en)) &&
        d.steps.every((s) => Object.hasOwn(STEPS, s.code) && !placeholder.test(s.zh) && !placeholder.test(s.en)) &&
        d.keyArea.involved === d.keyArea.sources.length > 0 &&
        // The scanner stores decisions and uploads them later: plain JSON, and the same again for the same input.
        JSON.stringify(JSON.parse(JSON.stringify(d))) === JSON.stringify(again)
      );
    }),
    { numRuns: 1500 },
  );
  t.pass('checked');
});

t.test('RELEASE only with every person measured normal and nothing pending', async (t) => {
  fc.assert(
    fc.property(input, (i) => {
      const d = decide(i);
      if (d.decision !== 'RELEASE' && d.decision !== 'ESCORT') return true;
      const normal = new Set(d.reasons.filter((r) => r.code === 'temp.normal').map((r) => r.facts.person));
      return d.pendingMeasurements.length === 0 && normal.size === i.observed.people.length;
    }),
    { numRuns: 1500 },
  );
  t.equal(DECISION_SEVERITY.RELEASE < DECISION_SEVERITY.ESCORT, true);
});
