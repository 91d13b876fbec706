import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { UserActor } from '../types.js';
import type { Locale } from '../i18n/locale.js';
import { t, type MessageKey } from '../i18n/messages.js';

/** What every template may read: the viewer, their language and the form token. */
export interface ViewContext {
  locale: Locale;
  actor: UserActor | null;
  csrfToken: string;
  /** Request path without the query, for highlighting the current page. */
  path: string;
  /** Path and query of a GET page, to come back to after switching language; null on a page that answers a form submission. */
  returnUrl: string | null;
  /** Whether this server has a GET page at the path (a menu entry another build may lack); absent: none of them. */
  hasPage?: (href: string) => boolean;
}

export const ViewCtx = createContext<ViewContext | null>(null);

export function useView() {
  const ctx = useContext(ViewCtx);
  if (!ctx) throw new Error('view rendered outside ViewCtx');
  return { ...ctx, t: (key: MessageKey, params?: Record<string, string | number>) => t(ctx.locale, key, params) };
}
