/** One pass: its facts, people, print links and the actions its state allows, for the enterprise and the bureau. */
import { Layout, Notice } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { Fact } from '../../views/facts.js';
import { DataTable } from '../../views/table.js';
import { chinaDateTime } from '../../views/time.js';
import type { FormState } from '../../views/form-state.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import { ActionButton } from '../../views/action-button.js';
import type { Pass } from './schema.js';
import { When, Validity, PassStatusBadge, RegionName, ReasonForm } from './view-parts.js';

// ---------------------------------------------------------------------------
// One pass

export function PeopleTable({ pass }: { pass: Pass }) {
  const { t } = useView();
  return (
    <DataTable
      bare
      class="people"
      rows={pass.people}
      columns={[
        { label: t('pass.person_role'), cell: (p) => t(`pass.role.${p.role}`) },
        { label: t('pass.person_name'), rowHeader: true, cell: (p) => p.name },
        { label: t('pass.person_id'), class: 'mono', cell: (p) => p.idMasked },
      ]}
    />
  );
}

function PassFacts({ pass: p, dutyPhone, related, base }: { pass: Pass; dutyPhone?: string | undefined; related: Related; base: string }) {
  const { t } = useView();
  return (
    <dl class="facts">
      <Fact label={t('pass.status')}>
        <PassStatusBadge status={p.displayStatus} />
      </Fact>
      <Fact label={t('pass.plate')}>
        <span class="plate">{p.plate}</span>
      </Fact>
      <Fact label={t('pass.enterprise')}>
        {p.enterpriseName}
        {dutyPhone && (
          <>
            {' · '}
            <a href={`tel:${dutyPhone}`} class="mono">
              {dutyPhone}
            </a>
          </>
        )}
      </Fact>
      <Fact label={t('pass.validity')} wide>
        <Validity pass={p} />
      </Fact>
      <Fact label={t('pass.origin')}>
        <RegionName code={p.originRegion} />
      </Fact>
      <Fact label={t('pass.destination')}>{p.destination}</Fact>
      <Fact label={t('pass.cargo')}>{t(`pass.cargo.${p.cargoCategory}`)}</Fact>
      {p.routeNote && (
        <Fact label={t('pass.route_note')} wide>
          {p.routeNote}
        </Fact>
      )}
      <Fact label={t('pass.created_at')}>
        <When value={p.createdAt} />
      </Fact>
      {p.submittedAt && (
        <Fact label={t('pass.submitted_at')}>
          <When value={p.submittedAt} />
        </Fact>
      )}
      {p.decidedAt && (
        <Fact label={t('pass.decided_at')}>
          <When value={p.decidedAt} />
        </Fact>
      )}
      {p.rejectReason && (
        <Fact label={t('pass.reject_reason')} wide>
          {p.rejectReason}
        </Fact>
      )}
      {p.revokedAt && (
        <Fact label={t('pass.revoked_at')}>
          <When value={p.revokedAt} />
        </Fact>
      )}
      {p.revokeReason && (
        <Fact label={t('pass.revoke_reason')} wide>
          {p.revokeReason}
        </Fact>
      )}
      {related.replaces && (
        <Fact label={t('pass.replaces')}>
          <a href={`${base}/${related.replaces.id}`} class="mono">
            {related.replaces.passNo}
          </a>
        </Fact>
      )}
      {related.replacedBy && (
        <Fact label={t('pass.replaced_by')}>
          <a href={`${base}/${related.replacedBy.id}`} class="mono">
            {related.replacedBy.passNo}
          </a>{' '}
          <PassStatusBadge status={related.replacedBy.displayStatus} />
        </Fact>
      )}
    </dl>
  );
}

function PrintLinks({ pass }: { pass: Pass }) {
  const { t } = useView();
  return (
    <div class="buttons print-links">
      <a href={`/passes/${pass.id}/print?size=a4`} class="button primary" target="_blank" rel="noopener">
        {t('pass.print_a4')}
      </a>
      <a href={`/passes/${pass.id}/print?size=a5`} class="button secondary" target="_blank" rel="noopener">
        {t('pass.print_a5')}
      </a>
      <a href={`/api/v1/passes/${pass.id}/qr.png`} class="button secondary" download={`pass-${pass.passNo}.png`}>
        {t('pass.download_png')}
      </a>
    </div>
  );
}

export interface Related {
  replaces?: Pass | undefined;
  replacedBy?: Pass | undefined;
}

/** Which reason form came back refused, to show it with the typed text. */
export interface ReasonFormState {
  which: 'reject' | 'revoke' | 'cancel';
  form: FormState;
}

export interface DetailProps {
  pass: Pass;
  dutyPhone?: string | undefined;
  related?: Related;
  notice?: PageNotice | undefined;
  reasonForm?: ReasonFormState | undefined;
}

export function EnterprisePassPage(props: DetailProps) {
  const { t } = useView();
  const p = props.pass;
  const base = `/enterprise/passes/${p.id}`;
  const related = props.related ?? {};
  const inForce = p.displayStatus === 'issued';
  const formFor = (which: ReasonFormState['which']) => (props.reasonForm?.which === which ? props.reasonForm.form : undefined);
  return (
    <Layout title={p.plate}>
      <p class="back">
        <a href="/enterprise/passes">← {t('pass.back_to_list')}</a>
      </p>
      <Notices notice={props.notice} />
      {p.status === 'draft' && related.replaces && (
        <Notice kind="info">
          <p>{t('pass.replacement_draft', { passNo: related.replaces.passNo })}</p>
        </Notice>
      )}
      {p.status === 'submitted' && (
        <Notice kind="info">
          <p>{t('pass.awaiting')}</p>
        </Notice>
      )}
      {p.status === 'rejected' && (
        <Notice kind="error">
          <p>{t('pass.rejected_notice', { reason: p.rejectReason ?? '—' })}</p>
        </Notice>
      )}
      {p.status === 'revoked' && (
        <Notice kind="error">
          <p>{t('pass.revoked_notice')}</p>
        </Notice>
      )}
      {p.displayStatus === 'expired' && (
        <Notice kind="warn">
          <p>{t('pass.expired_notice')}</p>
        </Notice>
      )}
      {inForce && p.cancelRequestedAt && (
        <Notice kind="warn">
          <p>{t('pass.cancel_pending_own', { at: chinaDateTime(p.cancelRequestedAt), reason: p.cancelReason ?? '—' })}</p>
        </Notice>
      )}

      <section class="card" aria-labelledby="facts">
        <div class="card-head">
          <h2 id="facts">{t('pass.pass_no')} <span class="mono">{p.passNo}</span></h2>
          {p.status === 'draft' && (
            <a href={`${base}/edit`} class="button secondary">
              {t('common.edit')}
            </a>
          )}
        </div>
        <PassFacts pass={p} dutyPhone={props.dutyPhone} related={related} base="/enterprise/passes" />
        <h3>{t('pass.people')}</h3>
        <PeopleTable pass={p} />
      </section>

      {p.status === 'draft' && (
        <section class="card actions" aria-label={t('common.actions')}>
          <div class="buttons">
            <ActionButton action={`${base}/submit`} label={t('pass.submit')} kind="primary" />
            <a href={`${base}/edit`} class="button secondary">
              {t('common.edit')}
            </a>
          </div>
        </section>
      )}

      {p.status === 'issued' && (
        <section class="card actions" aria-labelledby="actions">
          <h2 id="actions">{t('common.actions')}</h2>
          <PrintLinks pass={p} />
          {inForce && !p.replacedById && (
            <div class="amend">
              <p class="muted small">{t('pass.amend_hint')}</p>
              <ActionButton action={`${base}/amend`} label={t('pass.amend')} />
            </div>
          )}
          {related.replacedBy && related.replacedBy.status === 'draft' && (
            <p>
              <a href={`/enterprise/passes/${related.replacedBy.id}/edit`}>{t('pass.view_replacement')}</a>
            </p>
          )}
          {inForce && !p.cancelRequestedAt && (
            <ReasonForm
              action={`${base}/cancel-request`}
              id="cancel"
              title={t('pass.request_cancel')}
              hint={t('pass.request_cancel_hint')}
              button={t('pass.request_cancel')}
              kind="danger"
              form={formFor('cancel')}
            />
          )}
        </section>
      )}
    </Layout>
  );
}

export function BureauPassPage(props: DetailProps) {
  const { t } = useView();
  const p = props.pass;
  const base = `/bureau/passes/${p.id}`;
  const related = props.related ?? {};
  const inForce = p.status === 'issued';
  const formFor = (which: ReasonFormState['which']) => (props.reasonForm?.which === which ? props.reasonForm.form : undefined);
  return (
    <Layout title={`${p.plate} · ${p.enterpriseName}`}>
      <p class="back">
        <a href="/bureau/passes?status=submitted">← {t('pass.back_to_queue')}</a>
      </p>
      <Notices notice={props.notice} />
      {inForce && p.cancelRequestedAt && (
        <Notice kind="warn">
          <p>
            <strong>{t('pass.cancel_pending', { at: chinaDateTime(p.cancelRequestedAt), reason: p.cancelReason ?? '—' })}</strong>
          </p>
          <ActionButton action={`${base}/confirm-cancel`} label={t('pass.confirm_cancel')} kind="danger" />
        </Notice>
      )}
      {p.status === 'submitted' && related.replaces && (
        <Notice kind="info">
          <p>{t('pass.replacement_draft', { passNo: related.replaces.passNo })}</p>
        </Notice>
      )}

      <section class="card" aria-labelledby="facts">
        <h2 id="facts">
          {t('pass.pass_no')} <span class="mono">{p.passNo}</span>
        </h2>
        <PassFacts pass={p} dutyPhone={props.dutyPhone} related={related} base="/bureau/passes" />
        <h3>{t('pass.people')}</h3>
        <PeopleTable pass={p} />
      </section>

      {p.status === 'submitted' && (
        <section class="card actions" aria-labelledby="decide">
          <h2 id="decide">{t('common.actions')}</h2>
          <div class="buttons">
            <ActionButton action={`${base}/approve`} label={t('pass.approve')} kind="primary" />
          </div>
          <ReasonForm action={`${base}/reject`} id="reject" title={t('pass.reject')} button={t('pass.reject')} kind="danger" form={formFor('reject')} />
        </section>
      )}

      {inForce && (
        <section class="card actions" aria-labelledby="issued-actions">
          <h2 id="issued-actions">{t('common.actions')}</h2>
          <PrintLinks pass={p} />
          <ReasonForm action={`${base}/revoke`} id="revoke" title={t('pass.revoke')} button={t('pass.revoke')} kind="danger" form={formFor('revoke')} />
        </section>
      )}
    </Layout>
  );
}
