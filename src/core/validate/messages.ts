/**
 * Failure codes of the validators and their zh/en texts.
 *
 * Choice: every failure carries a stable dotted code (`id.checksum`). The parse
 * functions return it as `code`; the zod schemas put it in the issue `message`
 * AND in `params.code`, so a server or UI translates with this catalogue and
 * tests and logs compare stable keys rather than wording that may be edited.
 * The only exception is a non-string input to a schema: zod's own type check
 * fires before our code runs, so that issue has `message: 'input.type'` but no
 * `params`. Other modules (e.g. `phone.invalid` in the server) follow the same
 * convention and keep their own catalogues.
 */
import * as z from 'zod';

export const validationMessages = {
  'input.type': { zh: '应为文本', en: 'Must be text' },

  'id.length': { zh: '公民身份号码应为 18 位', en: 'Citizen ID number must be 18 characters' },
  'id.charset': {
    zh: '公民身份号码前 17 位应为数字，末位为数字或 X',
    en: 'Citizen ID number must be 17 digits followed by a digit or X',
  },
  'id.birthdate': {
    zh: '公民身份号码中的出生日期无效',
    en: 'Citizen ID number contains an invalid birth date',
  },
  'id.checksum': { zh: '公民身份号码校验位错误', en: 'Citizen ID check character is wrong' },

  'credit.length': {
    zh: '统一社会信用代码应为 18 位',
    en: 'Unified social credit code must be 18 characters',
  },
  'credit.charset': {
    zh: '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
    en: 'Unified social credit code may only contain digits and capital letters other than I, O, S, V, Z',
  },
  'credit.authority': {
    zh: '统一社会信用代码第 1 位（登记管理部门代码）无效',
    en: 'Unified social credit code: the first character (registration authority) is invalid',
  },
  'credit.region': {
    zh: '统一社会信用代码第 3–8 位应为 6 位行政区划码',
    en: 'Unified social credit code: characters 3–8 must be a 6-digit region code',
  },
  'credit.checksum': {
    zh: '统一社会信用代码校验位错误',
    en: 'Unified social credit code check character is wrong',
  },

  'plate.length': {
    zh: '号牌号码长度不对（普通 7 位，新能源 8 位，挂车以“挂”结尾共 7 位）',
    en: 'Plate has the wrong length (7 ordinary, 8 new-energy, 7 for trailers ending in 挂)',
  },
  'plate.province': { zh: '号牌省份简称无效', en: 'Plate province character is not recognised' },
  'plate.authority': {
    zh: '号牌发牌机关代号应为字母（不含 I、O）',
    en: 'Plate authority code must be a letter other than I and O',
  },
  'plate.charset': {
    zh: '号牌序号只能使用数字和字母（不含 I、O）',
    en: 'Plate serial may only use digits and letters other than I and O',
  },
  'plate.format': {
    zh: '号牌号码格式不符合 GA 36',
    en: 'Plate does not follow a GA 36 format',
  },

  'region.format': { zh: '行政区划代码应为 6 位数字', en: 'Region code must be 6 digits' },
  'region.unknown': { zh: '行政区划代码不存在', en: 'Region code does not exist' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ValidationCode = keyof typeof validationMessages;

export type Lang = 'zh' | 'en';

/** Text for a code; an unknown key (e.g. from another module) is returned as is. */
export function validationMessage(code: string, lang: Lang = 'zh'): string {
  const entry = (validationMessages as Record<string, { zh: string; en: string }>)[code];
  return entry ? entry[lang] : code;
}

export type ParseFailure<C extends ValidationCode> = { ok: false; code: C };

/**
 * A string schema whose output is the normalised value of a parser, and whose
 * failures are custom issues keyed by the parser's code.
 */
export function schemaFromParser<C extends ValidationCode>(
  parse: (input: string) => { ok: true; value: string } | ParseFailure<C>,
) {
  return z.string({ error: 'input.type' }).transform((input, ctx) => {
    const result = parse(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.code, params: { code: result.code } });
    return z.NEVER;
  });
}
