import { CsrfField, Field, FormErrors, Layout } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { ActionButton, labelErrors, Notices, SelectField, type FormState, type PageNotice } from '../users/views.js';
import { VEHICLE_TYPES, type RecordStatus, type Vehicle } from './schema.js';

export interface EnterpriseOption {
  id: number;
  name: string;
}

/** The list filters as the page was asked for them, kept in links. */
export interface ListFilters {
  q: string;
  status: RecordStatus;
  type?: string;
  role?: string;
  enterpriseId?: number | undefined;
  page: number;
  pageSize: number;
}

export function listHref(base: string, f: ListFilters, page: number): string {
  const params = new URLSearchParams();
  if (f.enterpriseId) params.set('enterpriseId', String(f.enterpriseId));
  if (f.q) params.set('q', f.q);
  if (f.type) params.set('type', f.type);
  if (f.role) params.set('role', f.role);
  if (f.status !== 'active') params.set('status', f.status);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

export function Pager({ base, filters, total }: { base: string; filters: ListFilters; total: number }) {
  const { t } = useView();
  const pages = Math.max(1, Math.ceil(total / filters.pageSize));
  return (
    <nav class="pager" aria-label={t('common.pagination')}>
      <span>{t('common.page_of', { page: filters.page, total })}</span>
      {filters.page > 1 && (
        <a href={listHref(base, filters, filters.page - 1)} rel="prev">
          {t('common.prev')}
        </a>
      )}
      {filters.page < pages && (
        <a href={listHref(base, filters, filters.page + 1)} rel="next">
          {t('common.next')}
        </a>
      )}
    </nav>
  );
}

export function StatusSelect({ value }: { value: RecordStatus }) {
  const { t } = useView();
  return (
    <SelectField
      name="status"
      label={t('registry.status')}
      value={value}
      options={(['active', 'archived', 'all'] as const).map((s): [string, string] => [s, t(`registry.status.${s}`)])}
    />
  );
}

export function EnterpriseSelect({ value, enterprises }: { value: number | undefined; enterprises: EnterpriseOption[] }) {
  const { t } = useView();
  return (
    <SelectField
      name="enterpriseId"
      label={t('vehicle.enterprise')}
      value={value ? String(value) : ''}
      options={[['', t('registry.all_enterprises')], ...enterprises.map((e): [string, string] => [String(e.id), e.name])]}
    />
  );
}

export function ArchivedBadge({ archived }: { archived: boolean }) {
  const { t } = useView();
  return archived ? <span class="badge badge-off">{t('registry.status.archived')}</span> : <span class="badge badge-ok">{t('registry.status.active')}</span>;
}

function typeOptions(t: ReturnType<typeof useView>['t']): Array<[string, string]> {
  return VEHICLE_TYPES.map((v): [string, string] => [v, t(`vehicle.type.${v}`)]);
}

/** Enterprise: its own vehicles, managed. Bureau: every enterprise's, read-only, with an enterprise filter. */
export function VehicleListPage(props: {
  mode: 'enterprise' | 'bureau';
  items: Vehicle[];
  total: number;
  filters: ListFilters;
  enterprises?: EnterpriseOption[];
  notice?: PageNotice | undefined;
}) {
  const { t } = useView();
  const bureau = props.mode === 'bureau';
  const base = bureau ? '/bureau/vehicles' : '/enterprise/vehicles';
  const f = props.filters;
  return (
    <Layout title={bureau ? t('vehicle.bureau_list_title') : t('vehicle.list_title')}>
      <Notices notice={props.notice} />
      <div class="toolbar">
        <form method="get" action={base} class="search" role="search">
          {bureau && <EnterpriseSelect value={f.enterpriseId} enterprises={props.enterprises ?? []} />}
          <Field name="q" type="search" label={t('vehicle.plate')} placeholder={t('vehicle.search_placeholder')} value={f.q} maxlength={20} />
          <SelectField name="type" label={t('vehicle.type')} value={f.type ?? ''} options={[['', t('registry.all_types')], ...typeOptions(t)]} />
          <StatusSelect value={f.status} />
          <div class="buttons">
            <button type="submit" class="secondary">
              {t('registry.filter')}
            </button>
          </div>
        </form>
        {!bureau && (
          <a href="/enterprise/vehicles/new" class="button primary">
            + {t('vehicle.add')}
          </a>
        )}
      </div>

      {props.items.length === 0 ? (
        <p class="empty">{t('common.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('vehicle.plate')}</th>
                {bureau && <th scope="col">{t('vehicle.enterprise')}</th>}
                <th scope="col">{t('vehicle.type')}</th>
                <th scope="col">{t('vehicle.region')}</th>
                <th scope="col">{t('registry.status')}</th>
                {!bureau && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {props.items.map((v) => (
                <tr class={v.archived ? 'archived' : undefined}>
                  <th scope="row" data-label={t('vehicle.plate')} class="mono plate">
                    {v.plate}
                  </th>
                  {bureau && (
                    <td data-label={t('vehicle.enterprise')}>
                      <a href={`/bureau/enterprises/${v.enterpriseId}`}>{v.enterpriseName}</a>
                    </td>
                  )}
                  <td data-label={t('vehicle.type')}>{t(`vehicle.type.${v.type}`)}</td>
                  <td data-label={t('vehicle.region')}>
                    <span class="mono">{v.regionCode}</span> <span class="muted">{v.regionName}</span>
                  </td>
                  <td data-label={t('registry.status')}>
                    <ArchivedBadge archived={v.archived} />
                  </td>
                  {!bureau && (
                    <td data-label={t('common.actions')} class="actions">
                      {!v.archived && (
                        <a href={`/enterprise/vehicles/${v.id}/edit`} class="button secondary">
                          {t('vehicle.edit')}
                        </a>
                      )}
                      {v.archived ? (
                        <ActionButton action={`/enterprise/vehicles/${v.id}/restore`} label={t('vehicle.restore')} />
                      ) : (
                        <ActionButton action={`/enterprise/vehicles/${v.id}/archive`} label={t('vehicle.archive')} kind="danger" />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager base={base} filters={f} total={props.total} />
    </Layout>
  );
}

/** Register (no vehicle yet) or correct (an existing one) a vehicle of the viewer's enterprise. */
export function VehicleFormPage(props: { vehicle?: Vehicle; form: FormState }) {
  const { t } = useView();
  const { form, vehicle } = props;
  const v = form.values;
  const fe = form.fieldErrors;
  const labels = { plate: t('vehicle.plate'), type: t('vehicle.type') };
  return (
    <Layout title={vehicle ? t('vehicle.edit_title') : t('vehicle.new_title')}>
      <p class="back">
        <a href="/enterprise/vehicles">← {t('vehicle.list_title')}</a>
      </p>
      <FormErrors errors={labelErrors(form.errors, labels)} />
      <form method="post" action={vehicle ? `/enterprise/vehicles/${vehicle.id}` : '/enterprise/vehicles'} class="card form">
        <CsrfField />
        <Field
          name="plate"
          label={t('vehicle.plate')}
          hint={t('vehicle.plate_hint')}
          value={v.plate}
          error={fe.plate}
          required
          maxlength={12}
          autocomplete="off"
          autocapitalize="characters"
        />
        <SelectField name="type" label={t('vehicle.type')} value={v.type} options={typeOptions(t)} error={fe.type} required />
        {vehicle && (
          <p class="muted">
            {t('vehicle.region')}: <span class="mono">{vehicle.regionCode}</span> {vehicle.regionName}
          </p>
        )}
        <div class="buttons">
          <button type="submit" class="primary">
            {vehicle ? t('common.save') : t('common.create')}
          </button>
        </div>
      </form>
    </Layout>
  );
}
