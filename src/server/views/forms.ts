import { z } from 'zod';
import type { FieldError } from '../problem.js';
import { isMessageKey, t } from '../i18n/messages.js';
import type { Locale } from '../i18n/locale.js';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[]; fieldErrors: Record<string, string> };

/** Parses a submitted form with a zod schema and turns issues into per-field messages in the viewer's language. */
// zod's own messages (too short, wrong type…) in the viewer's language; our catalogue keys still win below.
const zodLocales = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError } as const;

export function parseForm<S extends z.ZodType>(schema: S, body: unknown, locale: Locale): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {}, { error: zodLocales[locale] });
  if (result.success) return { ok: true, data: result.data };
  const errors = result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: isMessageKey(issue.message) ? t(locale, issue.message) : issue.message,
  }));
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) fieldErrors[e.path] ??= e.message;
  return { ok: false, errors, fieldErrors };
}

/** The raw submitted strings, to put back into a refused form. */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && !/password|_csrf/i.test(k)) out[k] = v;
  }
  return out;
}

/** Only same-site relative paths are followed after login, never another origin. */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : fallback;
}
