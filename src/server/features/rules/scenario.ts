/**
 * The rule playground: an officer describes a situation at the checkpoint and
 * sees what the draft and the active rule set would decide, side by side,
 * before the draft is published. The same core `decide` the scanners run is
 * called directly; the pass is described, not scanned, so the verify result
 * is built here (a valid one with made-up claims, or a failure with the
 * chosen reason) and nothing is signed or recorded.
 *
 * This module is the scenario, pure (no views, no I/O): its fields and
 * examples, parsing the form values, and running draft and active rules on
 * it. The page is playground.tsx.
 */
import {
  PASS_ALG,
  PASS_ERROR_CODES,
  PASS_FORMAT_VERSION,
  PASS_TYP,
  type PassClaims,
  type PassErrorCode,
  type VerifyPassResult,
} from '../../../core/pass/index.js';
import { chinaDayNumber, decide, regionCodeSchema, type CheckInput, type Decision, type RuleSet } from '../../../core/rules/index.js';
import type { MessageKey } from '../../i18n/messages.js';

export const MAX_PEOPLE = 4;
const DAY_MS = 86_400_000;
const DAY_SEC = 86_400;

/** Failures after the signature held: verifyPass still returns the claims, and the origin still counts. */
const AUTHENTIC_FAILURES: ReadonlySet<PassErrorCode> = new Set(['expired', 'not_yet_valid', 'revoked']);

/** Made-up enterprise of the playground's passes and escorts. */
export const PLAYGROUND_ENTERPRISE = { uscc: '91350100M000100Y43', name: '演练企业', dutyPhone: '0512-57000000' };

export type PassChoice = 'valid' | 'invalid' | 'none';
export type IdCheck = 'ok' | 'mismatch' | 'unchecked';

export interface ScenarioPerson {
  present: boolean;
  onPass: boolean;
  id: IdCheck;
  readings: number[];
  stays: string[];
  /** China date; set whenever `stays` is not empty */
  lastDay: string | null;
}

export interface Scenario {
  pass: PassChoice;
  invalidReason: PassErrorCode;
  origin: string;
  plate: string;
  /** The plate the pass names; empty = the plate seen. */
  passPlate: string;
  staffFlag: boolean;
  receiver: boolean;
  /** null = no trust data at all */
  trustAgeHours: number | null;
  people: ScenarioPerson[];
}

/** The form as submitted (query string): every value a string, so a refused form is shown as typed. */
export type ScenarioValues = Record<string, string>;

export const personKeys = (n: number) => ({
  present: `p${n}_present`,
  onPass: `p${n}_onPass`,
  id: `p${n}_id`,
  readings: `p${n}_readings`,
  stays: `p${n}_stays`,
  lastDay: `p${n}_lastDay`,
});

/** Every field the form has; anything else in the query is ignored. */
export const SCENARIO_FIELDS: readonly string[] = [
  'pass',
  'invalidReason',
  'origin',
  'plate',
  'passPlate',
  'staffFlag',
  'receiver',
  'trustAgeHours',
  ...Array.from({ length: MAX_PEOPLE }, (_, i) => Object.values(personKeys(i + 1))).flat(),
];

/** A Kunshan truck with a valid pass, driver and escort at normal temperatures: released under any sensible rules. */
export function defaultValues(): ScenarioValues {
  const v: ScenarioValues = {
    pass: 'valid',
    invalidReason: 'expired',
    origin: '320583',
    plate: '苏E12345',
    passPlate: '',
    staffFlag: 'no',
    receiver: 'yes',
    trustAgeHours: '1',
  };
  for (let n = 1; n <= MAX_PEOPLE; n++) {
    const k = personKeys(n);
    Object.assign(v, {
      [k.present]: n <= 2 ? 'yes' : 'no',
      [k.onPass]: 'yes',
      [k.id]: 'ok',
      [k.readings]: n === 1 ? '36.5' : '36.6',
      [k.stays]: '',
      [k.lastDay]: '',
    });
  }
  return v;
}

/** China date `YYYY-MM-DD` of `days` days before `nowMs`. */
function chinaDaysAgo(nowMs: number, days: number): string {
  return new Date((chinaDayNumber(nowMs) - days) * DAY_MS).toISOString().slice(0, 10);
}

export const EXAMPLES = {
  wuhan_plate: () => ({ plate: '鄂A12345' }),
  fever_retest: () => ({ p1_readings: '37.8, 37.9' }),
  single_high: () => ({ p1_readings: '37.6' }),
  wuhan_stay: (nowMs: number) => ({
    pass: 'none',
    p1_onPass: 'no',
    p1_id: 'unchecked',
    p1_stays: '420100',
    p1_lastDay: chinaDaysAgo(nowMs, 10),
    p2_present: 'no',
  }),
  expired_pass: () => ({ pass: 'invalid', invalidReason: 'expired' }),
  stale_trust: () => ({ trustAgeHours: '80' }),
} satisfies Record<string, (nowMs: number) => ScenarioValues>;
export type ExampleName = keyof typeof EXAMPLES;
export const isExample = (name: unknown): name is ExampleName => typeof name === 'string' && Object.hasOwn(EXAMPLES, name);

export function exampleValues(name: ExampleName, nowMs: number): ScenarioValues {
  return { ...defaultValues(), ...EXAMPLES[name](nowMs) };
}

/** The form's values from a query string: known fields only, strings only, trimmed and cut short. */
export function scenarioValues(query: unknown): ScenarioValues {
  const q = (query ?? {}) as Record<string, unknown>;
  const v = defaultValues();
  for (const key of SCENARIO_FIELDS) {
    const raw = q[key];
    if (typeof raw === 'string') v[key] = raw.trim().slice(0, 200);
  }
  return v;
}

const SPLIT = /[\s,,;;、]+/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const oneOf = <T extends string>(value: string | undefined, options: readonly T[], fallback: T): T =>
  (options as readonly string[]).includes(value ?? '') ? (value as T) : fallback;

/** The scenario, or the fields that are wrong (messages are catalogue keys). */
export function parseScenario(v: ScenarioValues): { scenario: Scenario; errors: null } | { scenario: null; errors: Record<string, MessageKey> } {
  const errors: Record<string, MessageKey> = {};
  const pass = oneOf<PassChoice>(v.pass, ['valid', 'invalid', 'none'], 'valid');
  const origin = v.origin ?? '';
  if (pass !== 'none' && !regionCodeSchema.safeParse(origin).success) errors.origin = 'rules.pg.err.origin';
  const plate = v.plate ?? '';
  if (!plate || plate.length > 20) errors.plate = 'rules.pg.err.plate';
  let trustAgeHours: number | null = null;
  if (v.trustAgeHours) {
    trustAgeHours = Number(v.trustAgeHours.replace(',', '.'));
    if (!Number.isFinite(trustAgeHours) || trustAgeHours < 0) errors.trustAgeHours = 'rules.pg.err.trust_age';
  }

  const people: ScenarioPerson[] = [];
  for (let n = 1; n <= MAX_PEOPLE; n++) {
    const k = personKeys(n);
    // The driver is always on board: a vehicle has at least its driver.
    const present = n === 1 || v[k.present] === 'yes';
    const readingTexts = (v[k.readings] ?? '').split(SPLIT).filter(Boolean);
    const readings = readingTexts.map(Number);
    if (present && readings.some((r) => !Number.isFinite(r))) errors[k.readings] = 'rules.pg.err.readings';
    const stays = (v[k.stays] ?? '').split(SPLIT).filter(Boolean);
    if (present && stays.some((s) => !regionCodeSchema.safeParse(s).success)) errors[k.stays] = 'rules.pg.err.stays';
    const lastDay = v[k.lastDay] ?? '';
    if (present && stays.length > 0 && !isDate(lastDay)) errors[k.lastDay] = 'rules.pg.err.last_day';
    people.push({
      present,
      onPass: v[k.onPass] !== 'no',
      id: oneOf<IdCheck>(v[k.id], ['ok', 'mismatch', 'unchecked'], 'ok'),
      readings,
      stays,
      lastDay: isDate(lastDay) ? lastDay : null,
    });
  }
  if (Object.keys(errors).length) return { scenario: null, errors };
  return {
    scenario: {
      pass,
      invalidReason: oneOf(v.invalidReason, PASS_ERROR_CODES, 'expired'),
      origin,
      plate,
      passPlate: v.passPlate ?? '',
      staffFlag: v.staffFlag === 'yes',
      receiver: v.receiver !== 'no',
      trustAgeHours,
      people,
    },
    errors: null,
  };
}

/** The pass as verifyPass would have returned it for this scenario. */
export function verifyResultFor(s: Scenario, nowMs: number): VerifyPassResult {
  const now = Math.floor(nowMs / 1000);
  const onPass = s.people.filter((p) => p.present && p.onPass);
  const ppl: Array<[string, string]> = onPass.map((_, i) => [i === 0 ? '驾驶员' : `押运员${i}`, String(1000 + i)]);
  // A pass names at least its driver; with nobody on board on the pass, its driver is someone absent.
  if (ppl.length === 0) ppl.push(['驾驶员', '0999']);
  const window =
    s.pass === 'invalid' && s.invalidReason === 'expired'
      ? { nbf: now - 15 * DAY_SEC, exp: now - DAY_SEC }
      : s.pass === 'invalid' && s.invalidReason === 'not_yet_valid'
        ? { nbf: now + DAY_SEC, exp: now + 8 * DAY_SEC }
        : { nbf: now - DAY_SEC, exp: now + 13 * DAY_SEC };
  const claims: PassClaims = {
    v: PASS_FORMAT_VERSION,
    jti: 'PLAYGROUND01',
    iss: 'KSJT',
    ...window,
    pl: s.passPlate || s.plate,
    ppl,
    ent: PLAYGROUND_ENTERPRISE.uscc,
    org: s.origin,
  };
  const kid = 'playgrnd';
  if (s.pass === 'valid') return { ok: true, claims, kid, header: { alg: PASS_ALG, kid, typ: PASS_TYP } };
  if (AUTHENTIC_FAILURES.has(s.invalidReason)) return { ok: false, reason: s.invalidReason, detail: 'playground', claims, kid };
  return { ok: false, reason: s.invalidReason, detail: 'playground' };
}

const ID_MATCH: Record<IdCheck, boolean | null> = { ok: true, mismatch: false, unchecked: null };

export function checkInputFor(s: Scenario, ruleSet: RuleSet, nowMs: number): CheckInput {
  const withPass = s.pass !== 'none';
  let next = 0;
  const people = s.people
    .filter((p) => p.present)
    .map((p) => {
      const passIndex = withPass && p.onPass ? next++ : null;
      return {
        passIndex,
        id4Matches: passIndex === null ? null : ID_MATCH[p.id],
        readings: p.readings,
        stays: p.lastDay ? p.stays.map((region) => ({ region, lastDay: p.lastDay! })) : [],
      };
    });
  return {
    pass: withPass ? { kind: 'scanned', result: verifyResultFor(s, nowMs) } : { kind: 'none' },
    observed: { plate: s.plate, people, staffKeyAreaFlag: s.staffFlag },
    receivingEnterprise: s.receiver ? PLAYGROUND_ENTERPRISE : null,
    now: nowMs,
    ruleSet,
    trustAgeSec: s.trustAgeHours === null ? null : Math.round(s.trustAgeHours * 3600),
  };
}

export interface PlaygroundRun {
  draft: Decision;
  active: Decision;
  draftVersion: number;
  activeVersion: number;
}

export function runScenario(s: Scenario, draft: RuleSet, active: RuleSet, nowMs: number): PlaygroundRun {
  return {
    draft: decide(checkInputFor(s, draft, nowMs)),
    active: decide(checkInputFor(s, active, nowMs)),
    draftVersion: draft.version,
    activeVersion: active.version,
  };
}
