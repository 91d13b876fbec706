/**
 * One catalogue per area (`./<area>.ts`, each a `{ key: { zh, en } }` table),
 * merged here; `t('key', values)` looks a key up in the current language. A
 * key missing from every table is a type error, not a blank on screen.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Facts } from '../../../../src/core/rules/reasons.js';
import { fill, locale, onLocaleChange, type Locale } from './locale.js';
import { common } from './common.js';
import { session } from './session.js';
import { check } from './check.js';
import { scan } from './scan.js';
import { charter } from './charter.js';

const catalogue = { ...common, ...session, ...check, ...scan, ...charter } as const;
export type MessageKey = keyof typeof catalogue;

export function t(key: MessageKey, values: Facts = {}): string {
  return fill(catalogue[key], values);
}

/** Re-renders the calling component when the language changes. */
export function useLocale(): Locale {
  const [l, setL] = useState(locale());
  useEffect(() => onLocaleChange(setL), []);
  return l;
}

export { locale, setLocale, pick, fill } from './locale.js';
export type { Locale, Text } from './locale.js';
