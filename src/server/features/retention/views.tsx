import { CsrfField, Layout, Notice } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { DateTime } from '../../views/time.js';
import { Field } from '../../views/fields.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { AuditRecord } from '../audit/repository.js';

export interface RetentionPageProps {
  days: number;
  cutoff: Date;
  last: AuditRecord | null;
  /** bureau_admin: may change the period and run the erasure */
  canEdit: boolean;
  form?: { value: string; invalid: boolean } | undefined;
  done?: { kind: 'saved' | 'run'; n?: number | undefined } | undefined;
}

/** /bureau/audit/retention: the retention period, the current cut-off and the last erasure. */
export function RetentionPage({ days, cutoff, last, canEdit, form, done }: RetentionPageProps) {
  const { t } = useView();
  const tables = (last?.detail as { tables?: Record<string, number> } | undefined)?.tables ?? {};
  return (
    <Layout title={t('retention.title')}>
      {done && (
        <Notice kind="ok">
          <p>{done.kind === 'saved' ? t('retention.done_saved') : t('retention.done_run', { n: done.n ?? 0 })}</p>
        </Notice>
      )}
      <p>{t('retention.intro')}</p>
      <section class="card" aria-labelledby="retention-period">
        <h2 id="retention-period">{t('retention.days')}</h2>
        <dl class="facts">
          <dt>{t('retention.days')}</dt>
          <dd data-retention-days={days}>{days}</dd>
          <dt>{t('retention.cutoff')}</dt>
          <dd>
            <DateTime value={cutoff.toISOString()} />
          </dd>
        </dl>
        {canEdit && (
          <form method="post" action="/bureau/audit/retention" class="stack">
            <CsrfField />
            <Field name="days" label={t('retention.days')} hint={t('retention.days_hint')} type="number" inputmode="numeric" value={form?.value ?? String(days)} error={form?.invalid ? t('retention.err.days') : undefined} required />
            <button type="submit" class="primary">
              {t('retention.save')}
            </button>
          </form>
        )}
      </section>
      <section class="card" aria-labelledby="retention-last">
        <h2 id="retention-last">{t('retention.last_run')}</h2>
        {last ? (
          <dl class="facts">
            <dt>{t('audit.integrity.at')}</dt>
            <dd>
              <DateTime value={last.at} />
            </dd>
            <dt>{t('audit.integrity.by')}</dt>
            <dd>{last.actorName}</dd>
            {Object.entries(tables).map(([table, n]) => (
              <>
                <dt>{t(`retention.table.${table}` as MessageKey)}</dt>
                <dd>{n}</dd>
              </>
            ))}
          </dl>
        ) : (
          <p class="muted">{t('retention.never_run')}</p>
        )}
        {canEdit && (
          <form method="post" action="/bureau/audit/retention/run" class="inline">
            <CsrfField />
            <button type="submit">{t('retention.run')}</button>
          </form>
        )}
      </section>
    </Layout>
  );
}
