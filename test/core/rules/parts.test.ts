/**
 * The pass and key-area parts of a decision, whole: reason codes with their
 * facts, follow-up steps and sources. The decision table checks outcomes and
 * codes; these pin the facts staff read and the steps the scanner prompts,
 * which a mutation run showed nothing else did.
 */
import t from 'tap';
import { checkInputSchema } from '../../../src/core/rules/input.js';
import { checkKeyArea } from '../../../src/core/rules/key-area.js';
import { checkPass, passEnterpriseId } from '../../../src/core/rules/pass-check.js';
import { checkInput, daysBeforeNow, driver, escort, ENTERPRISE, invalidPass, noPassInput, NOW_MS, validPass, type InputOverrides } from './fixtures.js';

const parsed = (o: InputOverrides = {}, base = checkInput) => checkInputSchema.parse(base(o));
const facts = (rs: Array<{ code: string; facts?: unknown; params?: unknown }>) => rs.map((r) => [r.code, r.facts ?? r.params]);

t.test('passEnterpriseId reads both shapes of ent, and nothing else', async (t) => {
  t.equal(passEnterpriseId({ ent: ENTERPRISE.uscc }), ENTERPRISE.uscc);
  t.equal(passEnterpriseId({ ent: ['昆山精工', ENTERPRISE.uscc] }), ENTERPRISE.uscc);
  t.equal(passEnterpriseId({ ent: ['昆山精工'] }), null);
  t.equal(passEnterpriseId({ ent: 7 }), null);
  t.equal(passEnterpriseId({}), null);
});

t.test('checkPass', async (t) => {
  t.test('no pass: released as far as the pass goes', async (t) => {
    t.strictSame(checkPass(parsed({}, noPassInput)), { outcome: 'RELEASE', reasons: [checkPass(parsed({}, noPassInput)).reasons[0]!], followUps: [], authenticClaims: null });
    t.same(facts(checkPass(parsed({}, noPassInput)).reasons), [['pass.none', {}]]);
  });

  t.test('a valid pass that matches', async (t) => {
    const r = checkPass(parsed());
    t.equal(r.outcome, 'RELEASE');
    t.strictSame(facts(r.reasons), [
      ['pass.valid', { jti: 'Q7mZ2xKp9A', kid: '-aZXzCUU', plate: '苏E12345', enterprise: ENTERPRISE.uscc, origin: '320583', people: 2 }],
      ['match.ok', { plate: '苏E12345', people: 2, passPeople: 2 }],
    ]);
    t.strictSame(r.followUps, []);
    t.equal(r.authenticClaims?.jti, 'Q7mZ2xKp9A');
  });

  t.test('an invalid pass keeps its authentic claims', async (t) => {
    const r = checkPass(parsed({ pass: invalidPass('expired') }));
    t.equal(r.outcome, 'REFUSE');
    t.strictSame(facts(r.reasons), [['pass.invalid.expired', { detail: 'test: expired', jti: 'Q7mZ2xKp9A', kid: '-aZXzCUU' }]]);
    t.strictSame(r.followUps, []);
    t.equal(r.authenticClaims?.org, '320583');
    const forged = checkPass(parsed({ pass: invalidPass('bad_signature', false) }));
    t.strictSame(facts(forged.reasons), [['pass.invalid.bad_signature', { detail: null, jti: null, kid: null }]]);
    t.equal(forged.authenticClaims, null);
  });

  t.test('an unchecked ID card asks for the check; a refusal does not', async (t) => {
    const r = checkPass(parsed({ observed: { people: [driver(), escort({ id4Matches: null })] } }));
    t.equal(r.outcome, 'MANUAL');
    t.strictSame(facts(r.followUps), [['step.check.id4', { person: 1, passIndex: 1 }]]);
    const refused = checkPass(parsed({ observed: { plate: '苏E99999', people: [driver(), escort({ id4Matches: null })] } }));
    t.equal(refused.outcome, 'REFUSE');
    t.strictSame(refused.followUps, [], 'ordinary inspection checks IDs its own way');
    t.strictSame(facts(refused.reasons).map((r) => r[0]), ['pass.valid', 'match.plate_mismatch', 'match.id4_unchecked']);
  });
});

t.test('checkKeyArea', async (t) => {
  const ka = (o: InputOverrides = {}, base = checkInput) => {
    const input = parsed(o, base);
    return checkKeyArea(input, input.pass.kind === 'scanned' && input.pass.result.ok ? input.pass.result.claims : null, NOW_MS);
  };

  t.test('none: the key areas are named', async (t) => {
    const r = ka();
    t.strictSame({ outcome: r.outcome, reasons: facts(r.reasons), followUps: r.followUps, sources: r.sources }, {
      outcome: 'RELEASE',
      reasons: [['keyarea.none', { keyAreas: '420000' }]],
      followUps: [],
      sources: [],
    });
    t.strictSame(facts(ka({ ruleSet: { keyAreas: [] } }).reasons), [['keyarea.none', { keyAreas: null }]], 'no key areas at all');
  });

  t.test('an unreadable plate: MANUAL, check the plate, and never "none"', async (t) => {
    const r = ka({ observed: { plate: '无牌' } }, noPassInput);
    t.equal(r.outcome, 'MANUAL');
    t.strictSame(facts(r.reasons), [['keyarea.plate_unknown', { plate: '无牌' }]]);
    t.strictSame(facts(r.followUps), [['step.check.plate', { plate: '无牌' }]]);
    t.strictSame(r.sources, []);
  });

  t.test('the staff flag is a source of its own', async (t) => {
    const r = ka({ observed: { staffKeyAreaFlag: true } });
    t.equal(r.outcome, 'RELEASE');
    t.strictSame(r.sources, [{ kind: 'staff_flag' }]);
    t.strictSame(facts(r.reasons), [['keyarea.staff_flag', {}]]);
  });

  t.test('origin, plate and a stay, each with its facts', async (t) => {
    const r = ka({
      pass: validPass({ org: '420100', pl: '鄂A12345' }),
      observed: { plate: '鄂A12345', people: [driver({ stays: [{ region: '421000', lastDay: daysBeforeNow(2) }] }), escort()] },
    });
    t.strictSame(r.sources, [
      { kind: 'origin', region: '420100' },
      { kind: 'plate', region: '420100' },
      { kind: 'stay', region: '421000', person: 0 },
    ]);
    t.strictSame(facts(r.reasons).map((x) => x[0]), ['keyarea.origin', 'keyarea.plate', 'keyarea.stay']);
    t.match(facts(r.reasons)[2]![1], { person: 0, region: '421000', covers: '420000', daysAgo: 2, lookbackDays: 14 });
  });
});
