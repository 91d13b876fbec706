/** Escort-loop templates: the enterprise's live list, a request with its forms and timeline, the bureau's list, the check history. */
import { REASONS, isReasonCode, render } from '../../../core/rules/index.js';
import { CsrfField, FormErrors, Layout, Notice } from '../../views/layout.js';
import { Field, SelectField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge, type BadgeTone } from '../../views/badge.js';
import { Fact } from '../../views/facts.js';
import { DataTable } from '../../views/table.js';
import { DateTime, chinaDateTime } from '../../views/time.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import { Pager, withQuery } from '../../views/pagination.js';
import { FilterForm } from '../../views/filter-form.js';
import type { FormState } from '../../views/form-state.js';
import { IsolationEndForm, IsolationFields } from '../../views/isolation.js';
import type { EscortPerson, EscortRequest, EscortRequestStatus, Overdue, PassCheck, TimelineEntry } from './schema.js';

const STATUS_TONE: Record<EscortRequestStatus, BadgeTone | undefined> = { open: 'off', dispatched: 'pending', in_transit: 'pending', arrived: 'pending', closed: 'ok' };

export function StatusBadge({ status }: { status: EscortRequestStatus }) {
  const { t } = useView();
  return <Badge tone={STATUS_TONE[status]} class={`badge-escort-${status}`}>{t(`escort.status.${status}`)}</Badge>;
}

function personName(p: EscortPerson, t: ReturnType<typeof useView>['t']): string {
  return p.name ?? t('escort.unnamed', { n: p.index + 1 });
}

export function People({ people }: { people: EscortPerson[] }) {
  const { t } = useView();
  return (
    <ul class="plain">
      {people.map((p) => (
        <li>
          {personName(p, t)}
          {p.idMasked && <span class="mono muted"> {p.idMasked}</span>}
          {p.keyArea && <> <Badge tone="off">{t('escort.key_area')}</Badge></>}
        </li>
      ))}
    </ul>
  );
}

/**
 * The decision's reasons in the core's words. The check event keeps codes only
 * (no facts), so a template's placeholders show what is known here (the plate)
 * and a dash otherwise.
 */
export function Reasons({ codes, plate }: { codes: string[]; plate: string }) {
  const { locale } = useView();
  return (
    <ul class="plain small">
      {codes.map((code) => (
        <li>{isReasonCode(code) ? render(REASONS[code][locale], { plate, seen: plate }) : code}</li>
      ))}
    </ul>
  );
}

function OverdueList({ overdue, people }: { overdue: Overdue[]; people: EscortPerson[] }) {
  const { t } = useView();
  if (overdue.length === 0) return null;
  const nameOf = (i: number | null) => {
    const p = people.find((x) => x.index === i);
    return p ? personName(p, t) : '';
  };
  return (
    <ul class="plain overdue">
      {overdue.map((o) => (
        <li>
          <Badge tone="off">{t('escort.overdue')}</Badge> {t(`escort.overdue.${o.kind}`, { since: chinaDateTime(o.since), name: nameOf(o.personIndex) })}
        </li>
      ))}
    </ul>
  );
}

function Checkpoint({ r }: { r: Pick<EscortRequest, 'checkpoint'> }) {
  return (
    <>
      {r.checkpoint.name}
      <br />
      <span class="muted small">{r.checkpoint.location}</span>
    </>
  );
}

/**
 * The enterprise's requests on its home page, open ones first. The script
 * (/static/escorts.js) refreshes this section when the server-sent stream
 * says something changed, or when polling the JSON list shows a change.
 */
export function EscortPanel({ items }: { items: EscortRequest[] }) {
  const { t } = useView();
  return (
    <>
    <section class="card" id="escort-requests" aria-labelledby="escorts-h" aria-live="polite" data-stream="/enterprise/escorts/stream" data-poll="/api/v1/escort-requests?status=active">
      <h2 id="escorts-h">{t('escort.section_title')}</h2>
      <p class="muted small">{t('escort.section_hint')}</p>
      <DataTable
        rows={items}
        empty={t('escort.none_active')}
        rowClass={(r) => (r.overdue.length > 0 ? 'flagged' : undefined)}
        columns={[
          { label: t('escort.plate'), rowHeader: true, cell: (r) => <a href={`/enterprise/escorts/${r.id}`}>{r.plate}</a> },
          { label: t('escort.checkpoint'), cell: (r) => <Checkpoint r={r} /> },
          { label: t('escort.waiting_since'), cell: (r) => <DateTime value={r.waitingSince} /> },
          { label: t('escort.people'), cell: (r) => <People people={r.people} /> },
          { label: t('escort.reasons'), cell: (r) => <Reasons codes={r.reasons} plate={r.plate} /> },
          { label: t('escort.status'), cell: (r) => (<><StatusBadge status={r.status} /><OverdueList overdue={r.overdue} people={r.people} /></>) },
        ]}
      />
      <p class="muted small no-print">{t('escort.live_hint')}</p>
    </section>
    <script src="/static/escorts.js" defer></script>
    </>
  );
}

function Timeline({ items }: { items: TimelineEntry[] }) {
  const { t } = useView();
  return (
    <DataTable
      rows={items}
      empty={t('common.none')}
      columns={[
        { label: t('escort.at'), cell: (e) => <DateTime value={e.at} /> },
        { label: t('escort.what'), cell: (e) => <TimelineWhat entry={e} /> },
        { label: t('escort.by'), cell: (e) => e.actorName },
      ]}
    />
  );
}

function TimelineWhat({ entry: e }: { entry: TimelineEntry }) {
  const { t } = useView();
  const d = e.detail as Record<string, unknown>;
  const extra =
    e.kind === 'dispatched' || e.kind === 'handed_over' ? String(d.escortName ?? '')
    : e.kind === 'isolation_started' ? `${String(d.place ?? '')} ${String(d.startDate ?? '')} – ${String(d.plannedEnd ?? '')}`
    : e.kind === 'isolation_ended' ? String(d.endedOn ?? '')
    : e.kind === 'overdue' ? t(`escort.overdue.${String(d.kind)}` as never, { since: chinaDateTime(String(d.since ?? '')), name: '' })
    : e.kind === 'notified' ? String(d.channel ?? '')
    : '';
  return (
    <>
      {t(`escort.timeline.${e.kind}`)}
      {extra && <span class="muted"> · {extra}</span>}
      {e.kind === 'handed_over' && d.differentEscort === true && <> <Badge tone="off">{t('escort.different_escort')}</Badge></>}
    </>
  );
}

export interface DetailForms {
  dispatch?: FormState | undefined;
  arrival?: FormState | undefined;
  isolation?: FormState | undefined;
  isolationEnd?: FormState | undefined;
}

export interface EscortDetailProps {
  request: EscortRequest;
  timeline: TimelineEntry[];
  /** the enterprise's own view, with its forms; the bureau reads only */
  act: boolean;
  isolationDays: number;
  forms?: DetailForms;
  notice?: PageNotice | undefined;
  /** for the forms' defaults */
  today: string;
}

function Section({ id, title, children }: { id: string; title: string; children: preact.ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function DispatchForm({ r, form }: { r: EscortRequest; form?: FormState | undefined }) {
  const { t } = useView();
  const v = form?.values ?? { escortName: r.dispatch?.escortName ?? '' };
  return (
    <form method="post" action={`/enterprise/escorts/${r.id}/dispatch`} class="form">
      <CsrfField />
      <FormErrors errors={form?.errors} />
      <p class="muted small">{t('escort.dispatch_hint')}</p>
      <Field name="escortName" label={t('escort.escort_name')} value={v.escortName} error={form?.fieldErrors.escortName} required maxlength={20} />
      <Field name="escortPhone" label={t('escort.escort_phone')} type="tel" value={v.escortPhone} error={form?.fieldErrors.escortPhone} required maxlength={20} autocomplete="tel" />
      <Field name="dispatchedAt" label={t('escort.dispatched_at')} type="datetime-local" hint={t('escort.time_hint')} value={v.dispatchedAt} error={form?.fieldErrors.dispatchedAt} />
      <div class="buttons">
        <button type="submit" class="primary">{t('escort.dispatch_submit')}</button>
      </div>
    </form>
  );
}

function ArrivalForm({ r, form }: { r: EscortRequest; form?: FormState | undefined }) {
  const { t } = useView();
  return (
    <form method="post" action={`/enterprise/escorts/${r.id}/arrival`} class="form">
      <CsrfField />
      <FormErrors errors={form?.errors} />
      <Field name="arrivedAt" label={t('escort.arrived_at')} type="datetime-local" hint={t('escort.time_hint')} value={form?.values.arrivedAt} error={form?.fieldErrors.arrivedAt} />
      <div class="buttons">
        <button type="submit" class="primary">{t('escort.arrival_submit')}</button>
      </div>
    </form>
  );
}

function Isolations(props: { r: EscortRequest; act: boolean; isolationDays: number; today: string; form?: FormState | undefined; endForm?: FormState | undefined }) {
  const { t } = useView();
  const { r } = props;
  const byPerson = new Map(r.isolations.map((i) => [i.personIndex, i]));
  const missing = r.people.filter((p) => !byPerson.has(p.index));
  const v = props.form?.values ?? { startDate: props.today, personIndex: String(missing.find((p) => p.keyArea)?.index ?? missing[0]?.index ?? '') };
  return (
    <>
      <p class="muted small">{t('escort.isolation_hint', { days: props.isolationDays })}</p>
      <DataTable
        rows={r.people}
        columns={[
          { label: t('escort.person'), rowHeader: true, cell: (p) => (<>{personName(p, t)}{p.keyArea && <> <Badge tone="off">{t('escort.key_area')}</Badge></>}</>) },
          { label: t('escort.place'), cell: (p) => byPerson.get(p.index)?.place ?? <span class="muted">{t('escort.isolation_none')}</span> },
          { label: t('escort.start_date'), cell: (p) => byPerson.get(p.index)?.startDate ?? '' },
          { label: t('escort.planned_end'), cell: (p) => byPerson.get(p.index)?.plannedEnd ?? '' },
          { label: t('escort.responsible'), cell: (p) => byPerson.get(p.index)?.responsible ?? '' },
          {
            label: t('escort.ended_on'),
            cell: (p) => {
              const iso = byPerson.get(p.index);
              if (!iso) return '';
              if (iso.endedOn) return iso.endedOn;
              if (!props.act) return '';
              return <IsolationEndForm action={`/enterprise/escorts/${r.id}/isolations/${p.index}/end`} inputId={`ended-${p.index}`} value={props.endForm?.values.endedOn ?? props.today} />;
            },
          },
        ]}
      />
      {props.endForm?.errors && <FormErrors errors={props.endForm.errors} />}
      {props.act && r.arrivedAt && missing.length > 0 && (
        <form method="post" action={`/enterprise/escorts/${r.id}/isolations`} class="form">
          <CsrfField />
          <FormErrors errors={props.form?.errors} />
          <SelectField name="personIndex" label={t('escort.person')} value={v.personIndex} options={missing.map((p) => [String(p.index), personName(p, t)])} error={props.form?.fieldErrors.personIndex} required />
          <IsolationFields values={v} form={props.form} />
          <div class="buttons">
            <button type="submit" class="primary">{t('escort.isolation_submit')}</button>
          </div>
        </form>
      )}
    </>
  );
}

export function EscortDetailPage(props: EscortDetailProps) {
  const { t } = useView();
  const { request: r, act, forms = {} } = props;
  const open = r.status !== 'closed';
  return (
    <Layout title={t('escort.detail_title', { plate: r.plate })}>
      <Notices notice={props.notice} />
      {r.overdue.length > 0 && (
        <Notice kind="warn">
          <OverdueList overdue={r.overdue} people={r.people} />
        </Notice>
      )}
      <Section id="facts" title={t('escort.section_title')}>
        <dl class="facts">
          <Fact label={t('escort.status')}><StatusBadge status={r.status} /></Fact>
          <Fact label={t('escort.plate')}>{r.plate}</Fact>
          <Fact label={t('escort.checkpoint')}><Checkpoint r={r} /></Fact>
          <Fact label={t('escort.waiting_since')}><DateTime value={r.waitingSince} /></Fact>
          <Fact label={t('escort.enterprise')}>{r.enterpriseName ?? t('escort.no_enterprise')}</Fact>
          {r.passNo && <Fact label={t('escort.pass_no')}><span class="mono">{r.passNo}</span></Fact>}
          <Fact label={t('escort.people')} wide><People people={r.people} /></Fact>
          <Fact label={t('escort.reasons')} wide><Reasons codes={r.reasons} plate={r.plate} /></Fact>
          <Fact label={t('escort.dispatch')}>
            {r.dispatch ? (<>{r.dispatch.escortName} <span class="mono">{r.dispatch.phoneMasked}</span><br /><DateTime value={r.dispatch.dispatchedAt} /></>) : '—'}
          </Fact>
          <Fact label={t('escort.handover')}>
            {r.handover ? (
              <>
                {r.handover.escortName} <DateTime value={r.handover.at} />
                {r.handover.differentEscort === true && <> <Badge tone="off">{t('escort.different_escort')}</Badge></>}
              </>
            ) : t('escort.handover_none')}
          </Fact>
          <Fact label={t('escort.arrived_at')}>{r.arrivedAt ? <DateTime value={r.arrivedAt} /> : '—'}</Fact>
        </dl>
      </Section>
      {act && open && !r.handover && !r.arrivedAt && (
        <Section id="dispatch" title={t('escort.dispatch_title')}>
          <DispatchForm r={r} form={forms.dispatch} />
        </Section>
      )}
      {act && open && !r.arrivedAt && (
        <Section id="arrival" title={t('escort.arrival_title')}>
          <ArrivalForm r={r} form={forms.arrival} />
        </Section>
      )}
      {r.arrivedAt && (
        <Section id="isolation" title={t('escort.isolation_title')}>
          <Isolations r={r} act={act && open} isolationDays={props.isolationDays} today={props.today} form={forms.isolation} endForm={forms.isolationEnd} />
        </Section>
      )}
      <Section id="timeline" title={t('escort.timeline')}>
        <Timeline items={props.timeline} />
      </Section>
      <p>
        <a href={act ? '/enterprise' : '/bureau/escorts'}>{t('common.back')}</a>
      </p>
    </Layout>
  );
}

export interface BureauFilter {
  checkpointId: string;
  status: string;
  overdue: string;
}

export function BureauEscortsPage(props: { items: EscortRequest[]; total: number; page: number; pageSize: number; checkpoints: Array<{ id: number; name: string }>; filter: BureauFilter }) {
  const { t } = useView();
  const f = props.filter;
  const statuses = ['active', 'open', 'dispatched', 'in_transit', 'arrived', 'closed', 'all'] as const;
  return (
    <Layout title={t('escort.bureau_title')}>
      <FilterForm action="/bureau/escorts" submit={t('escort.filter')}>
        <SelectField name="checkpointId" label={t('escort.checkpoint')} value={f.checkpointId} placeholder={t('escort.all_checkpoints')} options={props.checkpoints.map((c) => [String(c.id), c.name])} />
        <SelectField name="status" label={t('escort.status')} value={f.status} options={statuses.map((s) => [s, t(`escort.status.${s}`)])} />
        <SelectField name="overdue" label={t('escort.overdue')} value={f.overdue} options={[['any', t('common.all')], ['yes', t('escort.overdue_only')]]} />
      </FilterForm>
      <DataTable
        rows={props.items}
        empty={t('common.none')}
        rowClass={(r) => (r.overdue.length > 0 ? 'flagged' : undefined)}
        columns={[
          { label: t('escort.plate'), rowHeader: true, cell: (r) => <a href={`/bureau/escorts/${r.id}`}>{r.plate}</a> },
          { label: t('escort.checkpoint'), cell: (r) => <Checkpoint r={r} /> },
          { label: t('escort.enterprise'), cell: (r) => r.enterpriseName ?? t('escort.no_enterprise') },
          { label: t('escort.waiting_since'), cell: (r) => <DateTime value={r.waitingSince} /> },
          { label: t('escort.people'), cell: (r) => <People people={r.people} /> },
          { label: t('escort.status'), cell: (r) => (<><StatusBadge status={r.status} /><OverdueList overdue={r.overdue} people={r.people} /></>) },
        ]}
      />
      <Pager page={props.page} total={props.total} pageSize={props.pageSize} href={(p) => withQuery('/bureau/escorts', { ...f, page: p })} />
    </Layout>
  );
}

export function CheckHistoryPage(props: { items: PassCheck[]; total: number; page: number; pageSize: number }) {
  const { t } = useView();
  return (
    <Layout title={t('escort.history_title')}>
      <DataTable
        rows={props.items}
        empty={t('escort.history_none')}
        columns={[
          { label: t('escort.at'), cell: (c) => <DateTime value={c.at} /> },
          { label: t('escort.checkpoint'), cell: (c) => <Checkpoint r={c} /> },
          { label: t('escort.plate'), rowHeader: true, cell: (c) => c.plate },
          { label: t('escort.pass_no'), cell: (c) => <span class="mono">{c.passNo}</span> },
          { label: t('escort.decision'), cell: (c) => <span class={`badge badge-decision-${c.decision.toLowerCase()}`}>{c.decision}</span> },
          { label: t('escort.reasons'), cell: (c) => <Reasons codes={c.reasons} plate={c.plate} /> },
        ]}
      />
      <Pager page={props.page} total={props.total} pageSize={props.pageSize} href={(p) => withQuery('/enterprise/checks', { page: p })} />
    </Layout>
  );
}
