import { z } from 'zod';
import { isMessageKey, problems, t, type MessageKey, type ProblemCode } from './i18n/messages.js';
import type { Locale, Text } from './i18n/locale.js';

export { problems, type ProblemCode };

/**
 * Problem codes are declared once, with their HTTP status and zh/en title, in a
 * `…Problems` table beside the messages of the feature that raises them (the
 * shared ones in i18n/messages.ts); the catalogue gathers them, and the title
 * key of code `x` is `problem.x`.
 */
export const problemCodes = Object.keys(problems) as [ProblemCode, ...ProblemCode[]];
export const problemStatus = (code: ProblemCode): number => problems[code].status;

export const problemTypeUri = (code: ProblemCode) => `urn:kakou:problem:${code}`;

export type MessageParams = Record<string, string | number>;

/**
 * One field's message as a problem carries it: a catalogue key (with parameters),
 * or — for zod's own messages, which are not in the catalogue — the text in both
 * languages. It is rendered in the reader's language only when sent.
 */
export interface FieldIssue {
  /** relative to the request body for a service's errors (`plate`, `escortIds.0`); see qualifyPath */
  path: string;
  message: MessageKey | Text;
  params?: MessageParams;
}

/** A field message already rendered in one language (portal forms). */
export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemOptions {
  /** a catalogue key, rendered in the reader's language; never free text */
  detail?: MessageKey;
  params?: MessageParams;
  errors?: FieldIssue[];
}

/** Throw from a service or route; the error plugin turns it into application/problem+json. */
export class Problem extends Error {
  override name = 'Problem';
  readonly status: number;
  readonly detail: MessageKey | undefined;
  readonly params: MessageParams | undefined;
  readonly errors: FieldIssue[] | undefined;
  constructor(
    readonly code: ProblemCode,
    options: ProblemOptions = {},
  ) {
    super(options.detail ?? code);
    this.status = problemStatus(code);
    this.detail = options.detail;
    this.params = options.params;
    this.errors = options.errors;
  }
  get titleKey(): MessageKey {
    return `problem.${this.code}`;
  }
}

/** `throw problem('invalid_state', { detail: 'pass.conflict.draft_only' })`: the status comes from the code. */
export const problem = (code: ProblemCode, options?: ProblemOptions) => new Problem(code, options);

/** 400 validation with one or more field messages. */
export const invalid = (...errors: FieldIssue[]) => new Problem('validation', { errors });

/** 429 with the seconds until a slot frees, sent as Retry-After. */
export class RateLimited extends Problem {
  constructor(readonly retryAfterSec: number) {
    super('rate_limited');
  }
}

export const notFound = () => new Problem('not_found');
export const forbidden = () => new Problem('forbidden');

/** A field message in one language. */
export function renderFieldMessage(issue: { message: string | Text; params?: MessageParams | undefined }, locale: Locale): string {
  const m = issue.message;
  if (typeof m === 'string') return isMessageKey(m) ? t(locale, m, issue.params) : m;
  return m[locale];
}

/** The problem's detail in one language, if it has one. */
export const renderDetail = (p: Problem, locale: Locale): string | undefined => (p.detail ? t(locale, p.detail, p.params) : undefined);

/** The problem's field messages in one language, paths as the service gave them (portal forms). */
export const renderFieldErrors = (p: Problem, locale: Locale): FieldError[] | undefined =>
  p.errors?.map((e) => ({ path: e.path, message: renderFieldMessage(e, locale) }));

// zod's zh-CN locale leaves type names in English ("期望 string >=2 字符"): name them in Chinese too.
const ZH_TYPE_NAMES: Record<string, string> = {
  string: '字符串', number: '数字', int: '整数', bigint: '大整数', boolean: '布尔值', array: '数组', object: '对象',
  set: '集合', map: '映射', date: '日期', file: '文件', undefined: '空(未填写)', symbol: '符号', function: '函数',
};
const zhCN = z.locales.zhCN().localeError;
const zhLocaleError: z.core.$ZodErrorMap = (issue) => {
  const out = zhCN(issue);
  const rename = (m: string) => m.replace(/(?<![\w/])(string|number|int|bigint|boolean|array|object|set|map|date|file|undefined|symbol|function)(?![\w/])/g, (w) => ZH_TYPE_NAMES[w] ?? w);
  if (typeof out === 'string') return rename(out);
  return out && typeof out.message === 'string' ? { ...out, message: rename(out.message) } : out;
};

/** zod's own messages (too short, wrong type…) in each language; our catalogue keys, set on the schema, win. */
export const zodLocales = { zh: zhLocaleError, en: z.locales.en().localeError } as const;

/**
 * Field issues of a value a zod schema refused, with zod's own messages in both
 * languages (the value is parsed once per language: only on failure) and
 * catalogue keys kept as keys. `prefix` goes before each path (`['body']`).
 */
export function zodIssues(schema: z.ZodType, value: unknown, prefix: readonly (string | number)[] = []): FieldIssue[] {
  const zh = schema.safeParse(value, { error: zodLocales.zh });
  const en = schema.safeParse(value, { error: zodLocales.en });
  const zhIssues = zh.success ? [] : zh.error.issues;
  const enIssues = en.success ? [] : en.error.issues;
  return enIssues.map((issue, i) => ({
    path: [...prefix, ...issue.path.map(String)].join('.'),
    message: isMessageKey(issue.message) ? issue.message : { zh: zhIssues[i]?.message ?? issue.message, en: issue.message },
  }));
}

/**
 * The one rule for field paths in problem bodies: `<where>.<field>`, where is
 * `body`, `query`, `params` or `headers`, then the field's path with array items
 * by index (`body.escortIds.0`). Services report paths relative to the request
 * body (the same paths the portal's forms use); the API puts `body.` in front.
 */
export function qualifyPath(path: string): string {
  if (path === '') return 'body';
  return /^(body|query|params|headers)(\.|$)/.test(path) ? path : `body.${path}`;
}

/** The response body, documented in OpenAPI for every error status. */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: '`urn:kakou:problem:<code>`' }),
    title: z.string().meta({ description: "The problem's title in the request's language" }),
    status: z.number().int(),
    code: z.enum(problemCodes).meta({ description: 'Stable machine-readable code' }),
    detail: z.string().optional().meta({ description: "What exactly went wrong, in the request's language" }),
    instance: z.string().optional(),
    messages: z.object({ zh: z.string(), en: z.string() }).meta({ description: 'The title in both languages' }),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ description: '`body.<field>`, `query.<field>`, `params.<field>` or `headers.<name>`; array items by index' }),
          message: z.string().meta({ description: "In the request's language" }),
        }),
      )
      .optional()
      .meta({ description: 'The fields at fault. A 409 without `errors` concerns the resource as a whole: no single field applies' }),
  })
  .meta({ id: 'Problem' });
export type ProblemBody = z.infer<typeof problemSchema>;
