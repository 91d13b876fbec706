/** Custody-task templates: the enterprise's list (home section and page), one task with its isolation form, the bureau's list with the flagged checks. */
import { CsrfField, FormErrors, Layout, Notice } from '../../views/layout.js';
import { SelectField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge, type BadgeTone } from '../../views/badge.js';
import { Fact } from '../../views/facts.js';
import { DataTable } from '../../views/table.js';
import { DateTime } from '../../views/time.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import { Pager, withQuery } from '../../views/pagination.js';
import { FilterForm } from '../../views/filter-form.js';
import type { FormState } from '../../views/form-state.js';
import { IsolationEndForm, IsolationFields } from '../../views/isolation.js';
import { defaultPlannedEnd } from '../isolation/schema.js';
import type { CharterCheckFlag, CustodyOverdue, CustodyStatus, CustodyTask } from './schema.js';

const STATUS_TONE: Record<CustodyStatus, BadgeTone | undefined> = { unrecorded: 'off', isolating: 'pending', ended: 'ok' };

function StatusBadge({ status }: { status: CustodyStatus }) {
  const { t } = useView();
  return <Badge tone={STATUS_TONE[status]} class={`badge-custody-${status}`}>{t(`custody.status.${status}`)}</Badge>;
}

function OverdueList({ overdue }: { overdue: CustodyOverdue[] }) {
  const { t } = useView();
  if (overdue.length === 0) return null;
  return (
    <ul class="plain overdue">
      {overdue.map((o) => (
        <li key={o.kind}>
          <Badge tone="off">{t(`custody.overdue.${o.kind}`)}</Badge> <span class="muted small"><DateTime value={o.since} /></span>
        </li>
      ))}
    </ul>
  );
}

function Isolation({ task }: { task: CustodyTask }) {
  const { t } = useView();
  return (
    <>
      <StatusBadge status={task.status} />
      {task.isolation && (
        <>
          <br />
          <span class="small">{task.isolation.place} · {task.isolation.startDate} – {task.isolation.plannedEnd}{task.isolation.endedOn ? ` (${t('escort.ended_on')} ${task.isolation.endedOn})` : ''} · {task.isolation.responsible}</span>
        </>
      )}
      <OverdueList overdue={task.overdue} />
    </>
  );
}

/** The table both lists share; `link` makes the passenger a link to the task (the enterprise's view). */
function TaskTable({ items, link, showEnterprise }: { items: CustodyTask[]; link: boolean; showEnterprise: boolean }) {
  const { t } = useView();
  return (
    <DataTable
      rows={items}
      empty={t('custody.none')}
      rowClass={(r) => (r.overdue.length > 0 ? 'flagged' : undefined)}
      columns={[
        { label: t('custody.passenger'), rowHeader: true, cell: (r) => (link ? <a href={`/enterprise/custody/${r.id}`}>{r.passenger.name}</a> : r.passenger.name) },
        { label: t('custody.id_masked'), cell: (r) => <span class="mono">{r.passenger.idMasked}</span> },
        showEnterprise && { label: t('custody.enterprise'), cell: (r) => r.enterpriseName },
        { label: t('custody.run'), cell: (r) => (<>#{r.runId} <span class="mono">{r.plate}</span></>) },
        { label: t('custody.checkpoint'), cell: (r) => (<>{r.checkpoint.name}<br /><span class="muted small">{r.checkpoint.location}</span></>) },
        { label: t('custody.handed_over_at'), cell: (r) => <DateTime value={r.handedOverAt} /> },
        { label: t('custody.isolation'), cell: (r) => <Isolation task={r} /> },
      ]}
    />
  );
}

/** On the enterprise's home page: its custody tasks not yet ended. */
export function CustodyPanel({ items }: { items: CustodyTask[] }) {
  const { t } = useView();
  return (
    <section class="card" id="custody-tasks" aria-labelledby="custody-h">
      <h2 id="custody-h">{t('custody.section_title')}</h2>
      <p class="muted small">{t('custody.section_hint')}</p>
      <TaskTable items={items} link showEnterprise={false} />
      <p><a href="/enterprise/custody">{t('custody.title')}</a></p>
    </section>
  );
}

export function EnterpriseCustodyPage(props: { items: CustodyTask[]; total: number; page: number; pageSize: number; notice?: PageNotice | undefined }) {
  const { t } = useView();
  return (
    <Layout title={t('custody.title')}>
      <Notices notice={props.notice} />
      <p class="muted small">{t('custody.section_hint')}</p>
      <TaskTable items={props.items} link showEnterprise={false} />
      <Pager page={props.page} total={props.total} pageSize={props.pageSize} href={(p) => withQuery('/enterprise/custody', { page: p })} />
    </Layout>
  );
}

export interface CustodyForms {
  isolation?: FormState | undefined;
  isolationEnd?: FormState | undefined;
}

export function CustodyTaskPage(props: { task: CustodyTask; isolationDays: number; today: string; forms?: CustodyForms; notice?: PageNotice | undefined }) {
  const { t } = useView();
  const { task } = props;
  const forms = props.forms ?? {};
  const startDate = forms.isolation?.values.startDate ?? props.today;
  const values = forms.isolation?.values ?? { startDate, plannedEnd: defaultPlannedEnd(startDate, props.isolationDays) };
  return (
    <Layout title={`${t('custody.title')} · ${task.passenger.name}`}>
      <Notices notice={props.notice} />
      {task.overdue.length > 0 && (
        <Notice kind="warn">
          <OverdueList overdue={task.overdue} />
        </Notice>
      )}
      <section class="card" aria-labelledby="custody-facts">
        <h2 id="custody-facts">{t('custody.passenger')}</h2>
        <dl class="facts">
          <Fact label={t('custody.passenger')}>{task.passenger.name}</Fact>
          <Fact label={t('custody.id_masked')}><span class="mono">{task.passenger.idMasked}</span></Fact>
          <Fact label={t('custody.run')}>#{task.runId} <span class="mono">{task.plate}</span></Fact>
          <Fact label={t('custody.checkpoint')}>{task.checkpoint.name}</Fact>
          <Fact label={t('custody.handed_over_at')}><DateTime value={task.handedOverAt} /></Fact>
          <Fact label={t('custody.isolation')}><Isolation task={task} /></Fact>
        </dl>
      </section>
      {!task.isolation && (
        <section class="card" aria-labelledby="custody-record">
          <h2 id="custody-record">{t('custody.record_title')}</h2>
          <p class="muted small">{t('escort.isolation_hint', { days: props.isolationDays })}</p>
          <form method="post" action={`/enterprise/custody/${task.id}/isolation`} class="form">
            <CsrfField />
            <FormErrors errors={forms.isolation?.errors} />
            <IsolationFields values={values} form={forms.isolation} />
            <div class="buttons">
              <button type="submit" class="primary">{t('escort.isolation_submit')}</button>
            </div>
          </form>
        </section>
      )}
      {task.isolation && task.isolation.endedOn === null && (
        <section class="card" aria-labelledby="custody-end">
          <h2 id="custody-end">{t('escort.ended_on')}</h2>
          {forms.isolationEnd?.errors && <FormErrors errors={forms.isolationEnd.errors} />}
          <IsolationEndForm action={`/enterprise/custody/${task.id}/isolation/end`} inputId="ended-on" value={forms.isolationEnd?.values.endedOn ?? props.today} />
        </section>
      )}
      <p>
        <a href="/enterprise/custody">{t('common.back')}</a>
      </p>
    </Layout>
  );
}

export interface BureauCustodyFilter {
  status: string;
  overdue: string;
}

function FlagTable({ items }: { items: CharterCheckFlag[] }) {
  const { t } = useView();
  return (
    <DataTable
      rows={items}
      empty={t('custody.flags_none')}
      columns={[
        { label: t('custody.device_time'), cell: (f) => <DateTime value={f.deviceTime} /> },
        { label: t('custody.checkpoint'), cell: (f) => f.checkpoint.name },
        { label: t('custody.run'), rowHeader: true, cell: (f) => (<>{f.runId === null ? '—' : `#${f.runId}`} <span class="mono">{f.plate}</span></>) },
        { label: t('custody.decision'), cell: (f) => f.decision },
        { label: t('custody.flag_kind'), cell: (f) => <Badge tone="off">{t(`custody.flag.${f.kind}`, { n: (f.place ?? 0) + 1 })}</Badge> },
      ]}
    />
  );
}

export function BureauCustodyPage(props: { items: CustodyTask[]; total: number; page: number; pageSize: number; filter: BureauCustodyFilter; flags: CharterCheckFlag[] }) {
  const { t } = useView();
  const f = props.filter;
  const statuses = ['active', 'unrecorded', 'isolating', 'ended', 'all'] as const;
  return (
    <Layout title={t('custody.bureau_title')}>
      <FilterForm action="/bureau/custody" submit={t('escort.filter')}>
        <SelectField name="status" label={t('custody.isolation')} value={f.status} options={statuses.map((s) => [s, s === 'active' || s === 'all' ? t(`escort.status.${s}`) : t(`custody.status.${s}`)])} />
        <SelectField name="overdue" label={t('escort.overdue')} value={f.overdue} options={[['any', t('common.all')], ['yes', t('escort.overdue_only')]]} />
      </FilterForm>
      <TaskTable items={props.items} link={false} showEnterprise />
      <Pager page={props.page} total={props.total} pageSize={props.pageSize} href={(p) => withQuery('/bureau/custody', { ...f, page: p })} />
      <section class="card" aria-labelledby="custody-flags">
        <h2 id="custody-flags">{t('custody.flags_title')}</h2>
        <p class="muted small">{t('custody.flags_hint')}</p>
        <FlagTable items={props.flags} />
      </section>
    </Layout>
  );
}
