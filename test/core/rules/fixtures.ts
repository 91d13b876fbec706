// Shared test data for the rules (no tests here; tap lists this file as skipped).
import type { PassErrorCode } from '../../../src/core/pass/errors.js';
import { DECISION_SEVERITY, DEFAULT_RULE_SET } from '../../../src/core/rules/index.js';
import type { CheckInput, Decision, RuleSet } from '../../../src/core/rules/index.js';

/** 2020-02-25 00:00 China time, the day of the Kunshan measures (as in test/core/pass/fixtures.ts). */
export const T0 = 1582560000;
export const DAY = 86400;
/** Mid-morning the day after: 2020-02-26 10:00 China time. */
export const NOW = '2020-02-26T10:00:00+08:00';
export const NOW_MS = Date.parse(NOW);

export const ENTERPRISE = { uscc: '91350100M000100Y43', name: '昆山精工机械有限公司', dutyPhone: '0512-57001234' };

type PassResult = Extract<CheckInput['pass'], { kind: 'scanned' }>['result'];
type Person = CheckInput['observed']['people'][number];

/**
 * Claims as verifyPass returns them, built directly: the signature checks are
 * tested in test/core/pass. `ent` is left to each test so the rules never
 * depend on its shape, which is changing.
 */
export function claims(overrides: Record<string, unknown> = {}) {
  return {
    v: 1,
    jti: 'Q7mZ2xKp9A',
    iss: 'KSJT',
    nbf: T0,
    exp: T0 + 14 * DAY,
    pl: '苏E12345',
    ppl: [
      ['张建国', '002X'],
      ['李卫东', '1234'],
    ] as Array<[string, string]>,
    ent: ENTERPRISE.uscc,
    org: '320583',
    ...overrides,
  };
}

export function validPass(claimOverrides: Record<string, unknown> = {}): CheckInput['pass'] {
  return {
    kind: 'scanned',
    result: { ok: true, claims: claims(claimOverrides), kid: '-aZXzCUU', header: { alg: 'EdDSA', kid: '-aZXzCUU', typ: 'kkp' } },
  };
}

/** Failures after the signature held carry the claims; the others do not. */
export function invalidPass(reason: PassErrorCode, withClaims = true): CheckInput['pass'] {
  const result: PassResult = withClaims
    ? { ok: false, reason, detail: `test: ${reason}`, claims: claims(), kid: '-aZXzCUU' }
    : { ok: false, reason };
  return { kind: 'scanned', result };
}

export function person(overrides: Partial<Person> = {}): Person {
  return { passIndex: 0, id4Matches: true, readings: [36.5], stays: [], ...overrides };
}

export const driver = (o: Partial<Person> = {}) => person({ passIndex: 0, ...o });
export const escort = (o: Partial<Person> = {}) => person({ passIndex: 1, ...o });
/** Someone in a vehicle without a pass: nothing to compare with. */
export const passenger = (o: Partial<Person> = {}) => person({ passIndex: null, id4Matches: null, ...o });

export interface InputOverrides extends Partial<Omit<CheckInput, 'observed' | 'ruleSet'>> {
  observed?: Partial<CheckInput['observed']>;
  ruleSet?: Partial<RuleSet>;
}

/** A vehicle that is released unless the test changes something: valid pass, Suzhou plate, two people at 36.5 °C. */
export function checkInput(o: InputOverrides = {}): CheckInput {
  return {
    pass: o.pass ?? validPass(),
    observed: { plate: '苏E12345', people: [driver(), escort()], staffKeyAreaFlag: false, ...o.observed },
    receivingEnterprise: o.receivingEnterprise === undefined ? ENTERPRISE : o.receivingEnterprise,
    now: o.now ?? NOW,
    ruleSet: { ...DEFAULT_RULE_SET, ...o.ruleSet },
    trustAgeSec: o.trustAgeSec === undefined ? 3600 : o.trustAgeSec,
  };
}

/** A vehicle with no pass, otherwise as `checkInput`. */
export function noPassInput(o: InputOverrides = {}): CheckInput {
  return checkInput({
    ...o,
    pass: { kind: 'none' },
    observed: { people: [passenger(), passenger()], ...o.observed },
  });
}

export const codes = (d: Decision): string[] => d.reasons.map((r) => r.code);
export const stepCodes = (d: Decision): string[] => d.steps.map((s) => s.code);
export const severity = (d: Decision): number => DECISION_SEVERITY[d.decision];
export const reasonFor = (d: Decision, code: string) => d.reasons.find((r) => r.code === code);
export const reasonsFor = (d: Decision, code: string) => d.reasons.filter((r) => r.code === code);

/** A China date `days` before NOW. */
export function daysBeforeNow(days: number): string {
  return new Date(NOW_MS + 8 * 3_600_000 - days * DAY * 1000).toISOString().slice(0, 10);
}

/** A stay in Wuhan (420100, in key area 420000) that ended `daysAgo` China days before NOW. */
export const wuhan = (daysAgo: number) => ({ region: '420100', lastDay: daysBeforeNow(daysAgo) });
