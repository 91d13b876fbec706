/** The pass lists: an enterprise's own passes and the bureau's queue with filters. */
import { CsrfField, Layout } from '../../views/layout.js';
import { Field, SelectField, type Option } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { FilterForm } from '../../views/filter-form.js';
import { Pager, withQuery } from '../../views/pagination.js';
import { DataTable } from '../../views/table.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import type { Pass } from './schema.js';
import { When, ValidityDays, STATUSES, PassStatusBadge, RegionName, driverOf } from './view-parts.js';

// ---------------------------------------------------------------------------
// Lists

export interface ListProps {
  items: Pass[];
  total: number;
  page: number;
  pageSize: number;
  q: string;
  /** '' or 'all': every status. */
  status: string;
  notice?: PageNotice | undefined;
}

export function EnterprisePassListPage(props: ListProps) {
  const { t } = useView();
  const href = (page: number) => withQuery('/enterprise/passes', { q: props.q, status: props.status, page });
  return (
    <Layout title={t('pass.list_title')}>
      <Notices notice={props.notice} />
      <div class="toolbar">
        <FilterForm action="/enterprise/passes" submit={t('common.search')}>
          <Field name="q" type="search" label={t('pass.search_label')} placeholder={t('pass.search_placeholder')} value={props.q} maxlength={60} />
          <SelectField
            name="status"
            label={t('pass.status')}
            value={props.status}
            options={[['', t('common.all')], ...STATUSES.map((s): Option => [s, t(`pass.status.${s}`)])]}
          />
        </FilterForm>
        <a href="/enterprise/passes/new" class="button primary">
          + {t('pass.apply')}
        </a>
      </div>
      <DataTable
        class="passes"
        rows={props.items}
        empty={props.q || props.status ? t('pass.no_results') : t('common.none')}
        columns={[
          {
            label: t('pass.plate'),
            rowHeader: true,
            cell: (p) => (
              <a href={`/enterprise/passes/${p.id}`} class="plate">
                {p.plate}
              </a>
            ),
          },
          { label: t('pass.pass_no'), class: 'mono', cell: (p) => p.passNo },
          {
            label: t('pass.driver'),
            cell: (p) => (
              <>
                {driverOf(p)?.name ?? '—'}
                {p.people.length > 1 && <span class="muted"> +{p.people.length - 1}</span>}
              </>
            ),
          },
          { label: t('pass.validity'), cell: (p) => <ValidityDays pass={p} /> },
          { label: t('pass.destination'), cell: (p) => p.destination },
          {
            label: t('pass.status'),
            cell: (p) => (
              <>
                <PassStatusBadge status={p.displayStatus} />
                {p.cancelRequestedAt && p.status === 'issued' && <div class="muted small">{t('pass.cancel_requested_short')}</div>}
              </>
            ),
          },
        ]}
      />
      <Pager page={props.page} total={props.total} pageSize={props.pageSize} href={href} />
    </Layout>
  );
}

export interface BureauListProps extends ListProps {
  enterpriseId: string;
  enterprises: Array<{ id: number; name: string }>;
}

export function BureauPassListPage(props: BureauListProps) {
  const { t } = useView();
  const queue = props.status === 'submitted';
  const href = (page: number) => withQuery('/bureau/passes', { q: props.q, status: props.status, enterpriseId: props.enterpriseId, page });
  const approvable = props.items.some((p) => p.status === 'submitted');
  return (
    <Layout title={queue ? t('pass.queue_title') : t('pass.all_title')}>
      <Notices notice={props.notice} />
      <div class="toolbar">
        <FilterForm action="/bureau/passes" submit={t('common.filter')}>
          <Field name="q" type="search" label={t('common.search')} placeholder={t('pass.bureau_search_placeholder')} value={props.q} maxlength={60} />
          <SelectField
            name="status"
            label={t('pass.status')}
            value={props.status}
            options={[['all', t('common.all')], ...STATUSES.map((s): Option => [s, t(`pass.status.${s}`)])]}
          />
          <SelectField
            name="enterpriseId"
            label={t('pass.enterprise')}
            value={props.enterpriseId}
            options={[['', t('common.all')], ...props.enterprises.map((e): Option => [String(e.id), e.name])]}
          />
        </FilterForm>
      </div>
      {props.items.length === 0 ? (
        <p class="empty">{queue && !props.q && !props.enterpriseId ? t('pass.queue_empty') : t('pass.no_results')}</p>
      ) : (
        <form method="post" action="/bureau/passes/approve" class="bulk">
          <CsrfField />
          <input type="hidden" name="back" value={href(props.page)} />
          <DataTable
            class="passes"
            rows={props.items}
            rowClass={(p) => (p.cancelRequestedAt && p.status === 'issued' ? 'attention' : undefined)}
            columns={[
              approvable && {
                label: t('pass.select'),
                headClass: 'check',
                class: 'check',
                unlabelled: true,
                cell: (p) =>
                  p.status === 'submitted' && (
                    <input type="checkbox" name="ids" value={String(p.id)} id={`sel-${p.id}`} aria-label={t('pass.select_row', { plate: p.plate })} />
                  ),
              },
              {
                label: t('pass.plate'),
                rowHeader: true,
                cell: (p) => (
                  <>
                    <a href={`/bureau/passes/${p.id}`} class="plate">
                      {p.plate}
                    </a>
                    <div class="mono muted small">{p.passNo}</div>
                  </>
                ),
              },
              { label: t('pass.enterprise'), cell: (p) => p.enterpriseName },
              { label: t('pass.people'), cell: (p) => p.people.map((x) => x.name).join('、') },
              { label: t('pass.origin'), cell: (p) => <RegionName code={p.originRegion} /> },
              { label: t('pass.validity'), cell: (p) => <ValidityDays pass={p} /> },
              { label: queue ? t('pass.submitted_at') : t('pass.created_at'), cell: (p) => <When value={queue ? p.submittedAt : p.createdAt} /> },
              {
                label: t('pass.status'),
                cell: (p) => (
                  <>
                    <PassStatusBadge status={p.displayStatus} />
                    {p.cancelRequestedAt && p.status === 'issued' && <div class="small">{t('pass.cancel_requested_short')}</div>}
                  </>
                ),
              },
            ]}
          />
          {approvable && (
            <div class="buttons">
              <button type="submit" class="primary">
                {t('pass.approve_selected')}
              </button>
            </div>
          )}
        </form>
      )}
      <Pager page={props.page} total={props.total} pageSize={props.pageSize} href={href} />
    </Layout>
  );
}
