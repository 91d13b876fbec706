import { z } from 'zod';

export const localeSchema = z.enum(['zh', 'en']);
export type Locale = z.infer<typeof localeSchema>;
export type Text = Readonly<Record<Locale, string>>;
export const DEFAULT_LOCALE: Locale = 'zh';

/** Fills {name} placeholders; values are plain text, escaping is the template's job. */
export function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/**
 * The language an Accept-Language header asks for, of ours, by q-value (ties:
 * the order given); undefined when it names neither Chinese nor English (or
 * refuses both with q=0). `*` alone asks for nothing in particular.
 */
export function explicitLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const langs = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q) || 0, i };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of langs) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return undefined;
}

/** Parses Accept-Language just enough to prefer English when a browser asks for it before Chinese. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  return explicitLocale(header) ?? DEFAULT_LOCALE;
}

/** Problem codes of one feature, declared once beside its messages: HTTP status and title. */
export type ProblemTable = Readonly<Record<string, { readonly status: number; readonly title: Text }>>;
