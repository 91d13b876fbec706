import { CsrfField, Layout } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { Badge } from '../../views/badge.js';
import { DataTable } from '../../views/table.js';
import { DateTime } from '../../views/time.js';
import { Field, SelectField } from '../../views/fields.js';
import { ActionButton } from '../../views/action-button.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import { TOKEN_SCOPE_CODES, scopesForRole } from '../../security/api-token.js';
import type { Role } from '../../security/identity.js';
import type { ApiToken } from './schema.js';

const STATE_TONE = { active: 'ok', expired: 'off', revoked: 'off' } as const;

/** The token list, the create form and, right after creating one, its text (shown this once). */
export function TokensPage(props: { base: string; tokens: ApiToken[]; admin: boolean; created?: string | undefined; notice?: PageNotice | undefined }) {
  const { t } = useView();
  const scopes = props.admin ? TOKEN_SCOPE_CODES : scopesForRole('enterprise_user');
  const roles: Role[] = ['bureau_officer', 'bureau_admin', 'enterprise_user'];
  return (
    <Layout title={t('tokens.title')}>
      <h1>{t('tokens.title')}</h1>
      <p class="muted">{t('tokens.intro')}</p>
      <Notices notice={props.notice} />
      {props.created && (
        <section class="card" aria-labelledby="token-created">
          <h2 id="token-created">{t('tokens.created_once')}</h2>
          <p>
            <code class="mono token-text">{props.created}</code>
          </p>
        </section>
      )}
      <DataTable
        rows={props.tokens}
        empty={t('common.none')}
        columns={[
          { label: t('tokens.id'), rowHeader: true, cell: (k) => <code class="mono">{k.id}</code> },
          { label: t('tokens.name'), cell: (k) => k.name },
          { label: t('tokens.role'), cell: (k) => t(`role.${k.role}`) + (k.enterpriseId !== null && props.admin ? ` #${k.enterpriseId}` : '') },
          { label: t('tokens.scopes'), cell: (k) => k.scopes.join(' ') },
          { label: t('tokens.expires_at'), cell: (k) => <DateTime value={k.expiresAt} /> },
          { label: t('tokens.last_used'), cell: (k) => (k.lastUsedAt ? <><DateTime value={k.lastUsedAt} /> {k.lastUsedIp}</> : <span class="muted">{t('tokens.never_used')}</span>) },
          { label: t('tokens.state'), cell: (k) => <Badge tone={STATE_TONE[k.state]}>{t(`tokens.state.${k.state}`)}</Badge> },
          { label: t('common.actions'), cell: (k) => (k.state === 'revoked' ? null : <ActionButton action={`${props.base}/${k.id}/revoke`} label={t('tokens.revoke')} kind="danger" />) },
        ]}
      />
      <section class="card" aria-labelledby="token-new">
        <h2 id="token-new">{t('tokens.create')}</h2>
        <form method="post" action={props.base}>
          <CsrfField />
          <Field name="name" label={t('tokens.name')} required maxlength={60} />
          {props.admin && (
            <>
              <SelectField name="role" label={t('tokens.role')} value="bureau_officer" options={roles.map((r) => [r, t(`role.${r}`)] as [string, string])} />
              <Field name="enterpriseId" label={t('tokens.enterprise')} hint={t('tokens.enterprise_hint')} inputmode="numeric" />
            </>
          )}
          <fieldset>
            <legend>{t('tokens.scopes')}</legend>
            {scopes.map((s) => (
              <label class="check">
                <input type="checkbox" name="scopes" value={s} /> <code>{s}</code> {t(`tokens.scope.${s}`)}
              </label>
            ))}
          </fieldset>
          <Field name="expiresInDays" label={t('tokens.expires_in_days')} value="90" required inputmode="numeric" />
          <button type="submit" class="primary">
            {t('tokens.create')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
