import type { FieldError } from '../problem.js';
import { t as translate, type MessageKey } from '../i18n/messages.js';
import type { Locale } from '../i18n/locale.js';
import { useView } from './context.js';
import { Notice } from './layout.js';

/** A message shown at the top of a page after an action. */
export interface PageNotice {
  kind: 'info' | 'ok' | 'error' | 'warn';
  text: string;
  /** Field problems from the service, listed under the text. */
  errors?: FieldError[] | undefined;
}

/** A one-time password to show once, on the page that answers the POST that made it. */
export interface OneTimePassword {
  kind: 'created' | 'reset';
  username: string;
  password: string;
}

/**
 * The notice after a POST-redirect-GET (`?done=…`): only the fixed texts the
 * page names, whatever the URL holds.
 */
export function doneNotice(locale: Locale, query: unknown, texts: Readonly<Record<string, MessageKey>>): PageNotice | undefined {
  const done = (query as { done?: unknown } | undefined)?.done;
  if (typeof done !== 'string' || !Object.hasOwn(texts, done)) return undefined;
  return { kind: 'ok', text: translate(locale, texts[done]!) };
}

export function Notices({ notice, oneTime }: { notice?: PageNotice | undefined; oneTime?: OneTimePassword | undefined }) {
  return (
    <>
      {notice && (
        <Notice kind={notice.kind}>
          <p>{notice.text}</p>
          {notice.errors?.length ? (
            <ul>
              {notice.errors.map((e) => (
                <li>
                  {e.path ? <strong>{e.path}: </strong> : null}
                  {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      )}
      {oneTime && <OneTimeNotice {...oneTime} />}
    </>
  );
}

/** The catalogue sentence with the password set apart, so it can be read and copied without mistakes. */
export function OneTimeNotice({ kind, username, password }: OneTimePassword) {
  const { t } = useView();
  const MARK = '\u0000';
  const key: MessageKey = kind === 'created' ? 'user.created_once' : 'user.reset_once';
  const [before = '', after = ''] = t(key, { username, password: MARK }).split(MARK);
  return (
    <Notice kind="warn">
      <p class="otp-text">
        {before}
        <code class="otp" aria-label={t('user.one_time_label')}>
          {password}
        </code>
        {after}
      </p>
    </Notice>
  );
}
