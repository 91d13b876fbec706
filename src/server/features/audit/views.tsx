import { CsrfField, Layout, Notice } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { Badge } from '../../views/badge.js';
import { DateTime } from '../../views/time.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { AuditCheckpointRow, AuditVerificationRow } from './integrity-repository.js';

export interface IntegrityPageProps {
  last: AuditVerificationRow | null;
  checkpoint: AuditCheckpointRow | null;
  /** bureau_admin: may run a verification and sign a checkpoint */
  canRun: boolean;
  done?: 'verified' | 'signed' | undefined;
}

/** /bureau/audit/integrity: the last verification of the audit log and the latest signed checkpoint. */
export function IntegrityPage({ last, checkpoint, canRun, done }: IntegrityPageProps) {
  const { t } = useView();
  return (
    <Layout title={t('audit.integrity.title')}>
      {done && (
        <Notice kind="ok">
          <p>{t(done === 'verified' ? 'audit.integrity.done_verified' : 'audit.integrity.done_signed')}</p>
        </Notice>
      )}
      <p>{t('audit.integrity.intro')}</p>
      <section class="card" aria-labelledby="audit-last">
        <h2 id="audit-last">{t('audit.integrity.last_verification')}</h2>
        {last ? (
          <dl class="facts" data-verification={last.ok ? 'ok' : 'failed'}>
            <dt>{t('audit.integrity.result')}</dt>
            <dd>{last.ok ? <Badge tone="ok">{t('audit.integrity.ok')}</Badge> : <Badge class="badge-suspended">{t('audit.integrity.failed')}</Badge>}</dd>
            <dt>{t('audit.integrity.at')}</dt>
            <dd>
              <DateTime value={last.at} />
            </dd>
            <dt>{t('audit.integrity.by')}</dt>
            <dd>{last.byName}</dd>
            <dt>{t('audit.integrity.entries')}</dt>
            <dd>{last.entries}</dd>
            <dt>{t('audit.integrity.erased')}</dt>
            <dd>{last.erased}</dd>
            <dt>{t('audit.integrity.checkpoints')}</dt>
            <dd>{last.checkpoints}</dd>
            {!last.ok && (
              <>
                <dt>{t('audit.integrity.first_bad')}</dt>
                <dd>{last.failureSeq ?? '—'}</dd>
                <dt>{t('audit.integrity.why')}</dt>
                <dd>
                  {last.failureKind ? t(`audit.failure.${last.failureKind}` as MessageKey) : ''}
                  {last.detail && (
                    <>
                      <br />
                      <code class="mono">{last.detail}</code>
                    </>
                  )}
                </dd>
              </>
            )}
          </dl>
        ) : (
          <p class="muted">{t('audit.integrity.never_verified')}</p>
        )}
        {canRun && (
          <form method="post" action="/bureau/audit/integrity/verify" class="inline">
            <CsrfField />
            <button type="submit" class="primary">
              {t('audit.integrity.run')}
            </button>
          </form>
        )}
      </section>
      <section class="card" aria-labelledby="audit-checkpoint">
        <h2 id="audit-checkpoint">{t('audit.integrity.latest_checkpoint')}</h2>
        {checkpoint ? (
          <dl class="facts">
            <dt>{t('audit.integrity.at')}</dt>
            <dd>
              <DateTime value={checkpoint.at} />
            </dd>
            <dt>{t('audit.integrity.size')}</dt>
            <dd>{checkpoint.size}</dd>
            <dt>{t('audit.integrity.head')}</dt>
            <dd>
              <code class="mono">{checkpoint.head}</code>
            </dd>
            <dt>{t('audit.integrity.kid')}</dt>
            <dd>
              <code class="mono">{checkpoint.kid}</code>
            </dd>
          </dl>
        ) : (
          <p class="muted">{t('audit.integrity.no_checkpoint')}</p>
        )}
        {canRun && (
          <form method="post" action="/bureau/audit/integrity/checkpoint" class="inline">
            <CsrfField />
            <button type="submit" class="secondary">
              {t('audit.integrity.sign')}
            </button>
          </form>
        )}
      </section>
      <p class="muted">{t('audit.integrity.cli')}</p>
    </Layout>
  );
}
