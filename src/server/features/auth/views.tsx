import { CsrfField, Field, FormErrors, Layout, Notice } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import type { FieldError } from '../../problem.js';

export function LoginPage(props: { next: string; username?: string; error?: string; signedOut?: boolean }) {
  const { t } = useView();
  return (
    <Layout title={t('login.title')}>
      {props.signedOut && <Notice kind="ok">{t('login.signed_out')}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="post" action="/login" class="card narrow">
        <CsrfField />
        <input type="hidden" name="next" value={props.next} />
        <Field name="username" label={t('login.username')} value={props.username} required autocomplete="username" />
        <Field name="password" label={t('login.password')} type="password" required autocomplete="current-password" />
        <button type="submit" class="primary">
          {t('login.submit')}
        </button>
      </form>
    </Layout>
  );
}

export function PasswordPage(props: { errors?: FieldError[]; done?: boolean }) {
  const { t, actor } = useView();
  return (
    <Layout title={t('password.title')}>
      {actor?.user.mustChangePassword && <Notice kind="warn">{t('password.must_change')}</Notice>}
      {props.done && <Notice kind="ok">{t('password.changed')}</Notice>}
      <FormErrors errors={props.errors} />
      <form method="post" action="/password" class="card narrow">
        <CsrfField />
        <Field name="currentPassword" label={t('password.current')} type="password" required autocomplete="current-password" />
        <Field name="newPassword" label={t('password.new')} type="password" required autocomplete="new-password" />
        <Field name="confirmPassword" label={t('password.confirm')} type="password" required autocomplete="new-password" />
        <button type="submit" class="primary">
          {t('common.save')}
        </button>
      </form>
    </Layout>
  );
}
