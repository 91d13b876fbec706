/**
 * The scanner's language: Simplified Chinese unless staff switched to English
 * (kept in localStorage, so the choice survives restarts and is per device).
 */
import { render, type Facts } from '../../../../src/core/rules/reasons.js';

export type Locale = 'zh' | 'en';
export interface Text {
  readonly zh: string;
  readonly en: string;
}
export type Catalogue = Readonly<Record<string, Text>>;

const STORAGE_KEY = 'kakou.locale';
let current: Locale = readStored();
const listeners = new Set<(l: Locale) => void>();

function readStored(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts this session only
  }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const l of listeners) l(next);
}

export function onLocaleChange(listener: (l: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A `{zh, en}` pair (the core's reasons and steps have the same shape) in the current language. */
export function pick(text: Text, l: Locale = current): string {
  return text[l];
}

/** Fills `{name}` placeholders the same way the core's reason texts are filled. */
export function fill(text: Text, values: Facts = {}, l: Locale = current): string {
  return render(text[l], values);
}
