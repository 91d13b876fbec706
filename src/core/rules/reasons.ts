/**
 * Reason and next-step catalogue. The codes are the stable contract (audit
 * log, sync, scanner UI, API); the texts are for people and may be reworded
 * without changing any decision. Texts are templates: `{name}` is filled from
 * the facts (reasons) or params (steps), so the rendered line shows what the
 * decision rested on. `{personNo}` is `person + 1` and `{passNo}` is
 * `passIndex + 1`: facts keep the 0-based
 * index the input used, staff count from one.
 *
 * Facts hold codes and numbers, never region names from the GB/T 2260 table:
 * the scanner and the server may carry different table snapshots, and the
 * same input must give the same decision, texts included. They hold no names
 * or ID digits either (a pass index says who); the audit log needs no more
 * personal data than the pass already carries.
 */
import { PASS_ERROR_CODES, PASS_ERROR_TEXT } from '../pass/errors.js';
import type { PassErrorCode } from '../pass/errors.js';

export type FactValue = string | number | boolean | null;
export type Facts = Record<string, FactValue>;

export interface CatalogueText {
  readonly zh: string;
  readonly en: string;
}

const FIXED_REASONS = {
  'input.invalid': {
    zh: '检查数据不完整或格式错误，不能自动判定：{issues}',
    en: 'Check data incomplete or malformed, no automatic decision: {issues}',
  },
  'pass.valid': { zh: '通行证有效（编号 {jti}）', en: 'Valid pass (id {jti})' },
  'pass.none': { zh: '未出示通行证', en: 'No pass presented' },

  'match.ok': { zh: '人车证一致', en: 'People, vehicle and pass match' },
  'match.plate_mismatch': {
    zh: '车牌 {seen} 与通行证车牌 {pass} 不一致',
    en: 'Plate {seen} does not match the pass plate {pass}',
  },
  'match.person_not_on_pass': {
    zh: '第 {personNo} 位人员不在通行证上',
    en: 'Person {personNo} is not on the pass',
  },
  'match.id4_mismatch': {
    zh: '第 {personNo} 位人员身份证后四位与通行证不符',
    en: "Person {personNo}: the ID card's last four characters differ from the pass",
  },
  'match.id4_unchecked': {
    zh: '第 {personNo} 位人员尚未核对身份证后四位',
    en: "Person {personNo}: the ID card's last four characters have not been checked",
  },
  'match.driver_absent': {
    zh: '通行证上的驾驶员不在车上',
    en: 'The driver named on the pass is not on board',
  },
  'match.person_absent': {
    zh: '通行证上的第 {passNo} 位人员（押运员）不在车上',
    en: 'Person {passNo} on the pass (an escort) is not on board',
  },

  'temp.normal': {
    zh: '第 {personNo} 位人员体温 {reading}℃，正常',
    en: 'Person {personNo}: {reading} °C, normal',
  },
  'temp.fever_confirmed': {
    zh: '第 {personNo} 位人员体温 {reading}℃（≥ {threshold}℃），已经复测确认',
    en: 'Person {personNo}: {reading} °C (≥ {threshold} °C), confirmed',
  },
  'temp.retest_required': {
    zh: '第 {personNo} 位人员体温 {reading}℃（≥ {threshold}℃），须复测',
    en: 'Person {personNo}: {reading} °C (≥ {threshold} °C), re-test required',
  },
  'temp.implausible': {
    zh: '第 {personNo} 位人员读数 {reading}℃ 超出合理范围（{min}–{max}℃），视为误读，须重测',
    en: 'Person {personNo}: {reading} °C is outside {min}–{max} °C, a misread; measure again',
  },
  'temp.missing': { zh: '第 {personNo} 位人员尚未测温', en: 'Person {personNo} has not been measured' },

  'keyarea.origin': {
    zh: '通行证始发地 {region} 属重点疫区（{covers}）',
    en: 'Pass origin {region} lies in key area {covers}',
  },
  'keyarea.plate': {
    zh: '车辆号牌 {plate} 归属地 {region} 属重点疫区（{covers}）',
    en: 'Plate {plate} is registered in {region}, in key area {covers}',
  },
  'keyarea.plate_unknown': {
    zh: '无法识别车牌 {plate}，车辆归属地不明',
    en: 'Plate {plate} cannot be read; where the vehicle is registered is unknown',
  },
  'keyarea.stay': {
    zh: '第 {personNo} 位人员 {lastDay} 前后在 {region} 停留，属重点疫区（{covers}），在 {lookbackDays} 天内',
    en: 'Person {personNo} stayed in {region} until {lastDay}, in key area {covers}, within {lookbackDays} days',
  },
  'keyarea.staff_flag': {
    zh: '卡口人员标记涉及重点疫区',
    en: 'Checkpoint staff flagged key-area involvement',
  },
  'keyarea.none': {
    zh: '未涉及重点疫区（{keyAreas}）',
    en: 'No key-area involvement (key areas: {keyAreas})',
  },

  'escort.no_receiver': {
    zh: '涉及重点疫区，但没有接车企业',
    en: 'Key-area involvement, but no receiving enterprise',
  },

  'trust.stale_warning': {
    zh: '信任数据已 {ageHours} 小时未更新，请尽快同步',
    en: 'Trust data is {ageHours} hours old; sync soon',
  },
  'trust.too_old': {
    zh: '信任数据过旧或缺失（{ageHours} 小时，上限 {maxHours} 小时），不得自动放行',
    en: 'Trust data too old or missing ({ageHours} h, limit {maxHours} h): no automatic release',
  },
} as const satisfies Record<string, CatalogueText>;

export type PassInvalidReasonCode = `pass.invalid.${PassErrorCode}`;
export type ReasonCode = keyof typeof FIXED_REASONS | PassInvalidReasonCode;

/** One `pass.invalid.<code>` per verify failure, with the pass module's own texts, so the two never drift. */
const PASS_INVALID_REASONS = Object.fromEntries(
  PASS_ERROR_CODES.map((code) => [`pass.invalid.${code}`, PASS_ERROR_TEXT[code]]),
) as Record<PassInvalidReasonCode, CatalogueText>;

export const REASONS: Readonly<Record<ReasonCode, CatalogueText>> = Object.freeze({
  ...FIXED_REASONS,
  ...PASS_INVALID_REASONS,
});

export const STEPS = Object.freeze({
  'step.wave_through': { zh: '直接放行', en: 'Wave through' },
  'step.escort.wait_on_board': {
    zh: '车辆在卡口等候接车；车上人员全程不下车、不接触、不滞留',
    en: 'Vehicle waits at the checkpoint; everyone stays on board: no getting out, no contact, no stopping',
  },
  'step.escort.call_enterprise': {
    zh: '致电{name}值班电话 {dutyPhone}，请企业派人到卡口接车',
    en: 'Call {name} on the duty phone {dutyPhone} to send someone to meet the vehicle',
  },
  'step.escort.record_handover': {
    zh: '登记交接后车辆随接车人员离开；企业确认到达并落实隔离要求',
    en: 'Record the handover; the vehicle leaves under escort; the enterprise confirms arrival and isolation',
  },
  'step.hold.hand_to_health': {
    zh: '不予放行，移交卫生健康人员留观',
    en: 'Not released: hand over to health staff',
  },
  'step.retest': { zh: '为第 {personNo} 位人员重新测温', en: 'Measure person {personNo} again' },
  'step.check.id4': {
    zh: '核对第 {personNo} 位人员身份证后四位与通行证是否一致',
    en: "Compare person {personNo}'s ID card last four characters with the pass",
  },
  'step.check.plate': { zh: '核对并重新录入车牌', en: 'Check the plate and enter it again' },
  'step.refuse.ordinary_inspection': {
    zh: '不予快速通行：转普通查验或劝返',
    en: 'No fast passage: ordinary inspection or turn back',
  },
  'step.manual.supervisor': {
    zh: '由值班负责人人工决定；信任数据过旧的，尽快同步',
    en: 'A supervisor decides; if the trust data is old, sync as soon as possible',
  },
} as const satisfies Record<string, CatalogueText>);

export type StepCode = keyof typeof STEPS;

export interface Reason {
  code: ReasonCode;
  zh: string;
  en: string;
  facts: Facts;
}

export interface Step {
  code: StepCode;
  zh: string;
  en: string;
  params: Facts;
}

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && Object.hasOwn(REASONS, value);
}

export function isStepCode(value: unknown): value is StepCode {
  return typeof value === 'string' && Object.hasOwn(STEPS, value);
}

export function reason(code: ReasonCode, facts: Facts = {}): Reason {
  const text = REASONS[code];
  return { code, zh: render(text.zh, facts), en: render(text.en, facts), facts };
}

export function step(code: StepCode, params: Facts = {}): Step {
  const text = STEPS[code];
  return { code, zh: render(text.zh, params), en: render(text.en, params), params };
}

/** A placeholder with no value shows as `—`, never as `undefined` or the raw `{name}`. */
export function render(template: string, values: Facts): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value =
      key === 'personNo' && typeof values.person === 'number'
        ? values.person + 1
        : key === 'passNo' && typeof values.passIndex === 'number'
          ? values.passIndex + 1
          : Object.hasOwn(values, key)
          ? values[key]
          : undefined;
    return value === undefined || value === null ? '—' : String(value);
  });
}
