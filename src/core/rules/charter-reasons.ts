/**
 * Reasons and steps for a charter coach (measures item 7), in the style of
 * reasons.ts: stable codes, zh/en templates filled from facts. Facts name
 * people by role and 0-based index (`role`, `index`), never by name or ID
 * digits; `{who}` renders as 驾驶员 / 乘客 3 / 名单外人员 1, counting from one
 * as staff do. Passengers are numbered in the manifest's canonical order, the
 * order the checklist shows.
 *
 * Texts that say the same thing as a freight reason are derived from it
 * (the freight text with its person placeholder replaced by `{who}`), so the
 * two can never drift apart.
 */
import { CHARTER_ERROR_CODES, CHARTER_ERROR_TEXT } from '../charter/errors.js';
import type { CharterErrorCode } from '../charter/errors.js';
import { REASONS, render } from './reasons.js';
import type { CatalogueText, Facts, Reason, Step } from './reasons.js';

export type CharterRole = 'driver' | 'passenger' | 'unlisted';

const FROM_FREIGHT = ['temp.normal', 'temp.fever_confirmed', 'temp.retest_required', 'temp.implausible', 'temp.missing', 'keyarea.stay'] as const;
type FromFreight = (typeof FROM_FREIGHT)[number];

const withWho = (t: CatalogueText): CatalogueText => ({
  zh: t.zh.replace('第 {personNo} 位人员', '{who}'),
  en: t.en.replace('Person {personNo}', '{who}'),
});

const DERIVED = Object.fromEntries(FROM_FREIGHT.map((code) => [`charter.${code}`, withWho(REASONS[code])])) as Record<
  `charter.${FromFreight}`,
  CatalogueText
>;

const FIXED = {
  'charter.pass.valid': { zh: '包车通行证有效（编号 {jti}，车牌 {plate}，乘客 {passengers} 人）', en: 'Valid charter pass (id {jti}, plate {plate}, {passengers} passengers)' },
  'charter.run.matched': { zh: '包车班次 {run} 的乘客名单与通行证一致', en: 'The manifest of charter run {run} matches the pass' },
  'charter.run.not_expected': {
    zh: '本卡口没有该包车班次的乘客名单（编号 {jti}），无法逐人核对',
    en: 'This checkpoint has no manifest for the charter run (pass {jti}); passengers cannot be checked one by one',
  },
  'charter.run.mismatch': {
    zh: '通行证与本卡口收到的乘客名单不一致（{mismatches}），可能是名单变更后的旧通行证',
    en: 'The pass does not match the manifest this checkpoint has ({mismatches}); possibly a pass printed before the manifest changed',
  },
  'charter.plate_mismatch': { zh: '车牌 {seen} 与包车通行证车牌 {pass} 不一致', en: 'Plate {seen} does not match the charter pass plate {pass}' },
  'charter.id4_mismatch': {
    zh: '{who}身份证后四位与名单不符，视为名单外人员',
    en: "{who}: the ID card's last four characters differ from the manifest; treated as not on it",
  },
  'charter.id4_unchecked': { zh: '{who}尚未核对身份证后四位', en: "{who}: the ID card's last four characters have not been checked" },
  'charter.passenger.absent': { zh: '{who}在名单上但不在车上', en: '{who} is on the manifest but not on board' },
  'charter.unlisted': { zh: '{who}在车上，但不在包车乘客名单上', en: '{who} is on board but not on the manifest' },
  'charter.keyarea.passenger_origin': {
    zh: '{who}出发地 {region} 属重点疫区（{covers}）',
    en: '{who} travels from {region}, in key area {covers}',
  },
  'charter.keyarea.coach_origin': {
    zh: '包车始发地 {region} 属重点疫区（{covers}），车上人员均视为涉及重点疫区',
    en: 'The coach sets out from {region}, in key area {covers}; everyone on board counts as involved',
  },
  'charter.keyarea.plate': {
    zh: '车辆号牌 {plate} 归属地 {region} 属重点疫区（{covers}），车上人员均视为涉及重点疫区',
    en: 'Plate {plate} is registered in {region}, in key area {covers}; everyone on board counts as involved',
  },
  'charter.keyarea.plate_unknown': { zh: '无法识别车牌 {plate}，车辆归属地不明', en: 'Plate {plate} cannot be read; where the coach is registered is unknown' },
  'charter.keyarea.driver_stay': {
    zh: '驾驶员曾在重点疫区停留，车上人员均视为涉及重点疫区',
    en: 'The driver stayed in a key area; everyone on board counts as involved',
  },
  'charter.keyarea.staff_flag': { zh: '卡口人员标记本车涉及重点疫区', en: 'Checkpoint staff flagged key-area involvement for the coach' },
  'charter.custody': {
    zh: '{who}涉及重点疫区、体温正常：交由企业 {ent} 接收并落实隔离',
    en: '{who}: key-area involvement, normal temperature: released into the custody of enterprise {ent} for isolation',
  },
  'charter.coach.custody': {
    zh: '本车 {count} 名乘客须交由企业接收并落实隔离（{enterprises}）',
    en: '{count} passengers on this coach go into their enterprises\u2019 custody for isolation ({enterprises})',
  },
  'charter.coach.hold': {
    zh: '车上有 {count} 人发热已经复测确认，本车等候卫生健康人员处置',
    en: '{count} people on board have a confirmed fever; the coach waits for health staff',
  },
  'charter.coach.unlisted': {
    zh: '车上有 {count} 人不在名单上或与名单不符，人车证不一致',
    en: '{count} people on board are not on the manifest or do not match it: people, vehicle and pass do not match',
  },
} as const satisfies Record<string, CatalogueText>;

export type CharterPassInvalidCode = `charter.pass.invalid.${CharterErrorCode}`;

const PASS_INVALID = Object.fromEntries(
  CHARTER_ERROR_CODES.map((code) => [`charter.pass.invalid.${code}`, CHARTER_ERROR_TEXT[code]]),
) as Record<CharterPassInvalidCode, CatalogueText>;

export const CHARTER_REASONS: Readonly<Record<CharterReasonCode, CatalogueText>> = Object.freeze({ ...FIXED, ...DERIVED, ...PASS_INVALID });

export type CharterReasonCode = keyof typeof FIXED | `charter.${FromFreight}` | CharterPassInvalidCode;

export const CHARTER_STEPS = Object.freeze({
  'charter.step.priority': { zh: '包车优先查验：逐一核对乘客并测温', en: 'Priority inspection: check and measure every passenger' },
  'charter.step.release': { zh: '放行，包车点到点直达目的企业', en: 'Release: the coach goes point to point to its enterprise' },
  'charter.step.custody': {
    zh: '放行，包车点到点直达，途中不下车、不接触、不滞留；通知企业 {ent} 接收乘客 {passengerNos} 并落实隔离',
    en: 'Release point to point, no getting out, no contact, no stopping on the way; tell enterprise {ent} to take passengers {passengerNos} into custody for isolation',
  },
  'charter.step.hold': {
    zh: '发热人员（{count} 人）移交卫生健康人员留观；本车等候其处置',
    en: 'Hand the {count} people with a fever to health staff; the coach waits for their decision',
  },
  'charter.step.retest': { zh: '为{who}重新测温', en: 'Measure {who} again' },
  'charter.step.check_id4': { zh: '核对{who}身份证后四位', en: "Compare {who}'s ID card last four characters" },
  'charter.step.check_plate': { zh: '核对并重新录入车牌', en: 'Check the plate and enter it again' },
  'charter.step.ordinary_inspection': {
    zh: '不予优先通行：转普通查验或劝返',
    en: 'No priority passage: ordinary inspection or turn back',
  },
  'charter.step.supervisor': { zh: '由值班负责人人工决定', en: 'A supervisor decides' },
} as const satisfies Record<string, CatalogueText>);

export type CharterStepCode = keyof typeof CHARTER_STEPS;

export interface CharterReason {
  code: CharterReasonCode;
  zh: string;
  en: string;
  facts: Facts;
}

export interface CharterStep {
  code: CharterStepCode;
  zh: string;
  en: string;
  params: Facts;
}

/** `{who}` per language from `role` and `index`; then the shared template filling. */
function fill(template: string, facts: Facts, lang: 'zh' | 'en'): string {
  const who = whoText(facts, lang);
  return render(template, who === null ? facts : { ...facts, who });
}

export function whoText(facts: Facts, lang: 'zh' | 'en'): string | null {
  const { role, index } = facts;
  const no = typeof index === 'number' ? index + 1 : null;
  // "Driver" rather than "The driver": the same word starts a reason and sits mid-sentence in a step.
  if (role === 'driver') return lang === 'zh' ? '驾驶员' : 'Driver';
  if (role === 'passenger') return lang === 'zh' ? `乘客 ${no ?? '—'} ` : `Passenger ${no ?? '—'}`;
  if (role === 'unlisted') return lang === 'zh' ? `名单外人员 ${no ?? '—'} ` : `Unlisted person ${no ?? '—'}`;
  return null;
}

export function charterReason(code: CharterReasonCode, facts: Facts = {}): CharterReason {
  const t = CHARTER_REASONS[code];
  return { code, zh: fill(t.zh, facts, 'zh'), en: fill(t.en, facts, 'en'), facts };
}

export function charterStep(code: CharterStepCode, params: Facts = {}): CharterStep {
  const t = CHARTER_STEPS[code];
  return { code, zh: fill(t.zh, params, 'zh'), en: fill(t.en, params, 'en'), params };
}

export function isCharterReasonCode(value: unknown): value is CharterReasonCode {
  return typeof value === 'string' && Object.hasOwn(CHARTER_REASONS, value);
}

/** Freight reasons (trust age, invalid input) appear in a coach decision as they are. */
export type CoachReason = CharterReason | Reason;
export type CoachStep = CharterStep | Step;
