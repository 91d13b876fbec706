import { z } from 'zod';
import { zodLocales, type FieldError } from '../problem.js';
import { isMessageKey, t } from '../i18n/messages.js';
import type { Locale } from '../i18n/locale.js';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[]; fieldErrors: Record<string, string> };

/** Parses a submitted form with a zod schema and turns issues into per-field messages in the viewer's language. */
// zod's own messages (too short, wrong type…) in the viewer's language (the same as API problems); our catalogue keys still win below.

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

/**
 * Where to go after sign-in or a language switch: only a path on our own site.
 * Browsers drop TAB/CR/LF and read `\\` as `/` while parsing a URL, so `/\t/evil`
 * or `/\\evil` would become `//evil`, another origin. We refuse any control
 * character, whitespace or backslash outright, then resolve the value against
 * the public URL and keep it only when the origin stays ours; what we return
 * is the normalised path, never the raw input (so no header can carry CR/LF).
 */
export function safeNext(next: unknown, publicUrl: string, fallback = '/'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//')) return fallback;
  // \p{C}: controls, format characters (bidi overrides), unassigned; \s: any whitespace.
  if (/[\\\s\p{C}]/u.test(next)) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(publicUrl);
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  return url.pathname + url.search + url.hash;
}
