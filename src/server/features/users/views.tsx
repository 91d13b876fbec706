import type { ComponentChildren } from 'preact';
import { CsrfField, FormErrors, Layout, Notice } from '../../views/layout.js';
import { Field, SelectField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge } from '../../views/badge.js';
import { DataTable } from '../../views/table.js';
import type { User } from './schema.js';
import { ActionButton } from '../../views/action-button.js';
import { labelErrors, type FormState } from '../../views/form-state.js';
import { Notices, type OneTimePassword, type PageNotice } from '../../views/notices.js';
import { DateTime } from '../../views/time.js';

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

