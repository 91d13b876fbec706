import type { ComponentChildren } from 'preact';
import { CsrfField, Field, FormErrors, Layout } from '../../views/layout.js';
import { SelectField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge } from '../../views/badge.js';
import { FilterForm } from '../../views/filter-form.js';
import { Pager, withQuery } from '../../views/pagination.js';
import { DataTable, type Column } from '../../views/table.js';
import { ActionButton } from '../../views/action-button.js';
import { labelErrors, type FormState } from '../../views/form-state.js';
import { Notices, type PageNotice } from '../../views/notices.js';
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

function listHref(base: string, f: ListFilters, page: number): string {
  return withQuery(base, {
    enterpriseId: f.enterpriseId || undefined,
    q: f.q,
    type: f.type,
    role: f.role,
    status: f.status === 'active' ? undefined : f.status,
    page,
  });
}

function StatusSelect({ value }: { value: RecordStatus }) {
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

function EnterpriseSelect({ value, enterprises }: { value: number | undefined; enterprises: EnterpriseOption[] }) {
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
  return archived ? <Badge tone="off">{t('registry.status.archived')}</Badge> : <Badge tone="ok">{t('registry.status.active')}</Badge>;
}

/** What a registry list row needs: vehicles and people alike. */
interface RegistryRecord {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  archived: boolean;
}

export interface RegistryListProps<T> {
  mode: 'enterprise' | 'bureau';
  items: T[];
  total: number;
  filters: ListFilters;
  enterprises?: EnterpriseOption[];
  notice?: PageNotice | undefined;
}

/**
 * An enterprise's vehicles or people, or (bureau) every enterprise's. The
 * enterprise sees its own records with add, edit, archive and restore; the
 * bureau reads them all, with an enterprise filter and column.
 */
export function RegistryListPage<T extends RegistryRecord>(
  props: RegistryListProps<T> & {
    /** 'vehicles' or 'people': the URL segment under /enterprise and /bureau */
    segment: string;
    title: string;
    /** the search field and the type filter */
    filterFields: ComponentChildren;
    addLabel: string;
    /** the first column, naming the row */
    nameColumn: Column<T>;
    /** the columns between the enterprise and the status */
    columns: Array<Column<T>>;
    actionLabels: { edit: string; restore: string; archive: string };
  },
) {
  const { t } = useView();
  const bureau = props.mode === 'bureau';
  const base = `/${props.mode}/${props.segment}`;
  const f = props.filters;
  const labels = props.actionLabels;
  return (
    <Layout title={props.title}>
      <Notices notice={props.notice} />
      <div class="toolbar">
        <FilterForm action={base} submit={t('registry.filter')}>
          {bureau && <EnterpriseSelect value={f.enterpriseId} enterprises={props.enterprises ?? []} />}
          {props.filterFields}
          <StatusSelect value={f.status} />
        </FilterForm>
        {!bureau && (
          <a href={`${base}/new`} class="button primary">
            + {props.addLabel}
          </a>
        )}
      </div>

      <DataTable
        rows={props.items}
        empty={t('common.none')}
        rowClass={(r) => (r.archived ? 'archived' : undefined)}
        columns={[
          { ...props.nameColumn, rowHeader: true },
          bureau && { label: t('vehicle.enterprise'), cell: (r) => <a href={`/bureau/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</a> },
          ...props.columns,
          { label: t('registry.status'), cell: (r) => <ArchivedBadge archived={r.archived} /> },
          !bureau && {
            label: t('common.actions'),
            class: 'actions',
            cell: (r) => (
              <>
                {!r.archived && (
                  <a href={`${base}/${r.id}/edit`} class="button secondary">
                    {labels.edit}
                  </a>
                )}
                {r.archived ? (
                  <ActionButton action={`${base}/${r.id}/restore`} label={labels.restore} />
                ) : (
                  <ActionButton action={`${base}/${r.id}/archive`} label={labels.archive} kind="danger" />
                )}
              </>
            ),
          },
        ]}
      />
      <Pager page={f.page} total={props.total} pageSize={f.pageSize} href={(page) => listHref(base, f, page)} />
    </Layout>
  );
}

function typeOptions(t: ReturnType<typeof useView>['t']): Array<[string, string]> {
  return VEHICLE_TYPES.map((v): [string, string] => [v, t(`vehicle.type.${v}`)]);
}

/** Enterprise: its own vehicles, managed. Bureau: every enterprise's, read-only, with an enterprise filter. */
export function VehicleListPage(props: RegistryListProps<Vehicle>) {
  const { t } = useView();
  const f = props.filters;
  return (
    <RegistryListPage
      {...props}
      segment="vehicles"
      title={props.mode === 'bureau' ? t('vehicle.bureau_list_title') : t('vehicle.list_title')}
      filterFields={
        <>
          <Field name="q" type="search" label={t('vehicle.plate')} placeholder={t('vehicle.search_placeholder')} value={f.q} maxlength={20} />
          <SelectField name="type" label={t('vehicle.type')} value={f.type ?? ''} options={[['', t('registry.all_types')], ...typeOptions(t)]} />
        </>
      }
      addLabel={t('vehicle.add')}
      nameColumn={{ label: t('vehicle.plate'), class: 'mono plate', cell: (v) => v.plate }}
      columns={[
        { label: t('vehicle.type'), cell: (v) => t(`vehicle.type.${v.type}`) },
        {
          label: t('vehicle.region'),
          cell: (v) => (
            <>
              <span class="mono">{v.regionCode}</span> <span class="muted">{v.regionName}</span>
            </>
          ),
        },
      ]}
      actionLabels={{ edit: t('vehicle.edit'), restore: t('vehicle.restore'), archive: t('vehicle.archive') }}
    />
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
