import type { ComponentChildren } from 'preact';
import { CsrfField, FormErrors, Layout, Notice } from '../../views/layout.js';
import { Field, SelectField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge } from '../../views/badge.js';
import { DataTable } from '../../views/table.js';
import type { FieldError } from '../../problem.js';
import { isMessageKey, t as translate, type MessageKey } from '../../i18n/messages.js';
import type { Locale } from '../../i18n/locale.js';
import { formValues } from '../../views/forms.js';
import type { Problem } from '../../problem.js';
import type { User } from './schema.js';
import { DateTime } from '../../views/time.js';

/** A form as the viewer last saw it: what they typed and what was wrong with it. */
export interface FormState {
  values: Record<string, string>;
  errors?: FieldError[] | undefined;
  fieldErrors: Record<string, string>;
}

export const blankForm = (values: Record<string, string> = {}): FormState => ({ values, fieldErrors: {} });

/** A form parseForm refused: its messages, and everything the user typed except passwords. */
export function refusedForm(result: { errors: FieldError[]; fieldErrors: Record<string, string> }, body: unknown): FormState {
  return { values: formValues(body), errors: result.errors, fieldErrors: result.fieldErrors };
}

/**
 * A form a service refused with a Problem: its field messages (translated when they are
 * catalogue keys) or else its title, put next to `field` when the caller knows which one it is about.
 */
export function problemForm(err: Problem, locale: Locale, body: unknown, field?: string): FormState {
  const errors: FieldError[] = err.errors?.length
    ? err.errors.map((e) => ({ path: e.path, message: isMessageKey(e.message) ? translate(locale, e.message) : e.message }))
    : [{ path: field ?? '', message: translate(locale, err.titleKey) }];
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) if (e.path) fieldErrors[e.path] ??= e.message;
  return { values: formValues(body), errors, fieldErrors };
}

/** What the page after a POST-redirect-GET says happened; only these fixed texts, whatever the URL holds. */
const DONE = {
  registered: 'enterprise.registered_ok',
  status: 'enterprise.status_changed',
  saved: 'common.saved',
  disabled: 'user.disabled_ok',
  enabled: 'user.enabled_ok',
} as const satisfies Record<string, MessageKey>;
export type Done = keyof typeof DONE;

export function doneNotice(locale: Locale, query: unknown): PageNotice | undefined {
  const done = (query as { done?: unknown } | undefined)?.done;
  if (typeof done !== 'string' || !Object.hasOwn(DONE, done)) return undefined;
  return { kind: 'ok', text: translate(locale, DONE[done as Done]) };
}

/** A message shown at the top of a page after an action. */
export interface PageNotice {
  kind: 'info' | 'ok' | 'error' | 'warn';
  text: string;
}

/** A one-time password to show once, on the page that answers the POST that made it. */
export interface OneTimePassword {
  kind: 'created' | 'reset';
  username: string;
  password: string;
}

/** Replaces field paths by their visible labels in the error summary. */
export function labelErrors(errors: FieldError[] | undefined, labels: Record<string, string>): FieldError[] | undefined {
  return errors?.map((e) => ({ ...e, path: labels[e.path] ?? e.path }));
}


export function Notices({ notice, oneTime }: { notice?: PageNotice | undefined; oneTime?: OneTimePassword | undefined }) {
  return (
    <>
      {notice && (
        <Notice kind={notice.kind}>
          <p>{notice.text}</p>
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

/** A one-button form: state changes are POSTs with the form token, never links. */
export function ActionButton({ action, label, kind }: { action: string; label: string; kind?: 'primary' | 'danger' | undefined }) {
  return (
    <form method="post" action={action} class="inline">
      <CsrfField />
      <button type="submit" class={kind ?? 'secondary'}>
        {label}
      </button>
    </form>
  );
}

export function UserStatus({ user }: { user: User }) {
  const { t } = useView();
  if (user.disabled) return <Badge tone="off">{t('user.disabled')}</Badge>;
  if (user.mustChangePassword) return <Badge tone="pending">{t('user.must_change')}</Badge>;
  return <Badge tone="ok">{t('user.active')}</Badge>;
}

/** Accounts table; with `manage`, each row has disable/enable and reset-password buttons. */
export function UserTable({ users, manage, showRole }: { users: User[]; manage: boolean; showRole?: boolean }) {
  const { t, actor } = useView();
  const isSelf = (u: User) => actor?.user.id === u.id;
  return (
    <DataTable
      rows={users}
      empty={t('common.none')}
      columns={[
        {
          label: t('user.username'),
          cell: (u) => (
            <>
              <span class="mono">{u.username}</span>
              {isSelf(u) && <span class="muted"> {t('user.self')}</span>}
            </>
          ),
        },
        { label: t('user.display_name'), cell: (u) => u.displayName },
        showRole && { label: t('user.role'), cell: (u) => t(`role.${u.role}`) },
        { label: t('user.status'), cell: (u) => <UserStatus user={u} /> },
        { label: t('user.created_at'), cell: (u) => <DateTime value={u.createdAt} /> },
        manage && {
          label: t('common.actions'),
          headClass: 'actions',
          class: 'actions',
          cell: (u) =>
            !isSelf(u) && (
              <>
                {u.disabled ? (
                  <ActionButton action={`/bureau/users/${u.id}/enable`} label={t('user.enable')} />
                ) : (
                  <ActionButton action={`/bureau/users/${u.id}/disable`} label={t('user.disable')} kind="danger" />
                )}
                <ActionButton action={`/bureau/users/${u.id}/reset-password`} label={t('user.reset_password')} />
              </>
            ),
        },
      ]}
    />
  );
}

/** Username and name: the part of the account form shared by enterprise and bureau accounts. */
export function AccountFields({ form, children }: { form: FormState; children?: ComponentChildren }) {
  const { t } = useView();
  return (
    <>
      <Field
        name="username"
        label={t('user.username')}
        hint={t('user.username_hint')}
        value={form.values.username}
        error={form.fieldErrors.username}
        required
        minlength={3}
        maxlength={32}
        autocomplete="off"
        autocapitalize="none"
      />
      <Field
        name="displayName"
        label={t('user.display_name')}
        value={form.values.displayName}
        error={form.fieldErrors.displayName}
        required
        maxlength={60}
        autocomplete="off"
      />
      {children}
    </>
  );
}

export function StaffPage(props: { users: User[]; form: FormState; notice?: PageNotice | undefined; oneTime?: OneTimePassword | undefined }) {
  const { t } = useView();
  const { form } = props;
  const labels = { username: t('user.username'), displayName: t('user.display_name'), role: t('user.role') };
  return (
    <Layout title={t('staff.title')}>
      <Notices notice={props.notice} oneTime={props.oneTime} />
      <section class="card" aria-labelledby="staff-list">
        <h2 id="staff-list">{t('staff.title')}</h2>
        <UserTable users={props.users} manage showRole />
      </section>
      <section class="card no-print" aria-labelledby="staff-add">
        <h2 id="staff-add">{t('staff.add')}</h2>
        <FormErrors errors={labelErrors(form.errors, labels)} />
        <form method="post" action="/bureau/staff" class="form">
          <CsrfField />
          <AccountFields form={form}>
            <SelectField
              name="role"
              label={t('user.role')}
              value={form.values.role ?? 'bureau_officer'}
              error={form.fieldErrors.role}
              required
              options={[
                ['bureau_officer', t('role.bureau_officer')],
                ['bureau_admin', t('role.bureau_admin')],
              ]}
            />
          </AccountFields>
          <div class="buttons">
            <button type="submit" class="primary">
              {t('common.create')}
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

export { DateTime };
