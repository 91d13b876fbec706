import type { ComponentChildren } from 'preact';
import { CsrfField, FormErrors, Layout } from '../../views/layout.js';
import { Field, FileField, TextAreaField } from '../../views/fields.js';

const MANIFEST_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
import { useView } from '../../views/context.js';
import { ActionButton } from '../../views/action-button.js';
import { DataTable } from '../../views/table.js';
import { DateTime } from '../../views/time.js';
import { Notices, type OneTimePassword, type PageNotice } from '../../views/notices.js';
import type { FormState } from '../../views/form-state.js';
import { regionLabel } from '../people/repository.js';
import type { User } from '../users/schema.js';
import type { Carrier, Need, RunView } from './schema.js';

/** Item 7's portal pages. Every list shows only what the service let through for the viewer. */

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function FormBox({ action, submit, form, children, upload }: { action: string; submit: string; form: FormState; children: ComponentChildren; upload?: boolean }) {
  return (
    <form method="post" action={action} class="form" enctype={upload ? 'multipart/form-data' : undefined}>
      <CsrfField />
      <FormErrors errors={form.errors} />
      {children}
      <button type="submit">{submit}</button>
    </form>
  );
}

export function NeedsTable({ needs, cancel }: { needs: Need[]; cancel?: boolean }) {
  const { t } = useView();
  return (
    <DataTable
      rows={needs}
      empty={t('charter.none')}
      columns={[
        { label: '#', cell: (n) => String(n.id) },
        { label: t('charter.enterprise'), cell: (n) => n.enterpriseName },
        { label: t('charter.origin'), cell: (n) => regionLabel(n.originRegion) },
        { label: t('charter.workers'), cell: (n) => String(n.workers) },
        { label: t('charter.seats_offered'), cell: (n) => String(n.seatsOffered) },
        { label: t('charter.dates'), cell: (n) => `${n.earliestDate} – ${n.latestDate}` },
        { label: t('charter.contact_name'), cell: (n) => `${n.contactName} ${n.contactPhone}` },
        { label: t('charter.status'), cell: (n) => t(`charter.need_status.${n.status}`) },
        cancel && {
          label: t('common.actions'),
          cell: (n) => n.status !== 'cancelled' && n.seatsOffered === 0 && <ActionButton action={`/enterprise/charter/needs/${n.id}/cancel`} label={t('charter.cancel_need')} kind="danger" />,
        },
      ]}
    />
  );
}

export function RunsTable({ runs, base }: { runs: RunView[]; base: string }) {
  const { t } = useView();
  return (
    <DataTable
      rows={runs}
      empty={t('charter.none')}
      columns={[
        { label: '#', cell: (r) => <a href={`${base}/${r.id}`}>{r.id}</a> },
        { label: t('charter.carrier'), cell: (r) => r.carrierName },
        { label: t('charter.plate'), cell: (r) => r.plate },
        { label: t('charter.departure'), cell: (r) => <DateTime value={r.departureAt} /> },
        { label: t('charter.origin'), cell: (r) => regionLabel(r.originRegion) },
        { label: t('charter.passengers'), cell: (r) => `${r.passengerCount} / ${r.needs.reduce((s, n) => s + n.seats, 0)}` },
        { label: t('charter.status'), cell: (r) => t(`charter.run_status.${r.status}`) },
      ]}
    />
  );
}

function RunFacts({ run }: { run: RunView }) {
  const { t } = useView();
  return (
    <dl class="facts">
      <dt>{t('charter.carrier')}</dt><dd>{run.carrierName}</dd>
      <dt>{t('charter.plate')}</dt><dd>{run.plate}</dd>
      <dt>{t('charter.driver')}</dt><dd>{run.driverName} (…{run.driverIdLast4}) {run.driverPhoneMasked}</dd>
      <dt>{t('charter.departure')}</dt><dd><DateTime value={run.departureAt} /></dd>
      <dt>{t('charter.arrival_by')}</dt><dd><DateTime value={run.arrivalBy} /></dd>
      <dt>{t('charter.route')}</dt><dd>{run.route}</dd>
      <dt>{t('charter.origin')}</dt><dd>{regionLabel(run.originRegion)}</dd>
      <dt>{t('charter.status')}</dt><dd>{t(`charter.run_status.${run.status}`)}{run.decisionReason ? ` — ${run.decisionReason}` : ''}</dd>
    </dl>
  );
}

function RunNeeds({ run }: { run: RunView }) {
  const { t } = useView();
  return (
    <DataTable
      rows={run.needs}
      empty={t('charter.none')}
      columns={[
        { label: t('charter.need'), cell: (n) => `#${n.needId}` },
        { label: t('charter.enterprise'), cell: (n) => n.enterpriseName },
        { label: t('charter.seats'), cell: (n) => String(n.seats) },
        { label: t('charter.passengers'), cell: (n) => String(n.passengers) },
        { label: t('charter.status'), cell: (n) => (n.confirmedAt ? t('charter.confirmed') : t('charter.not_confirmed')) },
      ]}
    />
  );
}

/** Masked IDs and phones only; a carrier's view of a run has no passenger rows at all. */
function Passengers({ run }: { run: RunView }) {
  const { t } = useView();
  return (
    <DataTable
      rows={run.passengers}
      empty={t('charter.none')}
      columns={[
        { label: t('charter.need'), cell: (p) => `#${p.needId}` },
        { label: '#', cell: (p) => String(p.seq) },
        { label: t('charter.name'), cell: (p) => p.name },
        { label: t('charter.driver_id'), cell: (p) => <span class="mono">{p.idMasked}</span> },
        { label: t('charter.contact_phone'), cell: (p) => p.phoneMasked },
        { label: t('charter.origin'), cell: (p) => regionLabel(p.originRegion) },
        { label: t('charter.passengers'), cell: (p) => p.stays.map((s) => `${regionLabel(s.code)} ${s.lastDay}`).join('；') },
      ]}
    />
  );
}

export function EnterpriseBoardPage(props: { needs: Need[]; runs: RunView[]; form: FormState; notice?: PageNotice | undefined }) {
  const { t } = useView();
  const v = props.form.values;
  return (
    <Layout title={t('charter.board_title')}>
      <Notices notice={props.notice} />
      <p class="muted">{t('charter.board_hint')}</p>
      <Section title={t('charter.needs')}><NeedsTable needs={props.needs} cancel /></Section>
      <Section title={t('charter.runs')}><RunsTable runs={props.runs} base="/enterprise/charter/runs" /></Section>
      <Section title={t('charter.post_need')}>
        <FormBox action="/enterprise/charter/needs" submit={t('charter.post_need')} form={props.form}>
          <Field name="originRegion" label={t('charter.origin')} value={v.originRegion} required inputmode="numeric" error={props.form.fieldErrors.originRegion} />
          <Field name="workers" label={t('charter.workers')} value={v.workers} type="number" required error={props.form.fieldErrors.workers} />
          <Field name="earliestDate" label={t('charter.earliest')} value={v.earliestDate} type="date" required error={props.form.fieldErrors.earliestDate} />
          <Field name="latestDate" label={t('charter.latest')} value={v.latestDate} type="date" required error={props.form.fieldErrors.latestDate} />
          <Field name="contactName" label={t('charter.contact_name')} value={v.contactName} required error={props.form.fieldErrors.contactName} />
          <Field name="contactPhone" label={t('charter.contact_phone')} value={v.contactPhone} required error={props.form.fieldErrors.contactPhone} />
          <Field name="note" label={t('charter.note')} value={v.note} error={props.form.fieldErrors.note} />
        </FormBox>
      </Section>
    </Layout>
  );
}

export function EnterpriseRunPage(props: { run: RunView; form: FormState; notice?: PageNotice | undefined }) {
  const { t } = useView();
  const { run } = props;
  const open = run.status === 'planned' || run.status === 'confirmed';
  return (
    <Layout title={t('charter.run_title', { id: run.id })}>
      <Notices notice={props.notice} />
      <RunFacts run={run} />
      <PassSection run={run} />
      <Section title={t('charter.needs_seats')}><RunNeeds run={run} /></Section>
      <Section title={t('charter.passengers')}><Passengers run={run} /></Section>
      {open && run.needs.map((n) => (
        <Section title={`${t('charter.upload')} — ${t('charter.need')} #${n.needId}`}>
          <p class="muted">{t('charter.upload_hint')}</p>
          <FormBox action={`/enterprise/charter/runs/${run.id}/needs/${n.needId}/manifest`} submit={t('charter.upload')} form={props.form} upload>
            <FileField name="file" label={t('charter.file')} accept={MANIFEST_ACCEPT} />
            <TextAreaField name="csv" label={t('charter.csv_text')} value={props.form.values.csv} rows={12} />
          </FormBox>
        </Section>
      ))}
      {run.status === 'planned' && <ActionButton action={`/enterprise/charter/runs/${run.id}/confirm`} label={t('charter.confirm')} kind="primary" />}
    </Layout>
  );
}

export function CarrierBoardPage(props: { needs: Need[]; runs: RunView[]; form: FormState; notice?: PageNotice | undefined }) {
  const { t } = useView();
  const v = props.form.values;
  const fe = props.form.fieldErrors;
  return (
    <Layout title={t('charter.carrier_title')}>
      <Notices notice={props.notice} />
      <Section title={t('charter.needs')}><NeedsTable needs={props.needs} /></Section>
      <Section title={t('charter.runs')}><RunsTable runs={props.runs} base="/carrier/runs" /></Section>
      <Section title={t('charter.plan_run')}>
        <FormBox action="/carrier/runs" submit={t('charter.plan_run')} form={props.form}>
          <Field name="plate" label={t('charter.plate')} value={v.plate} required error={fe.plate} />
          <Field name="driverName" label={t('charter.driver')} value={v.driverName} required error={fe.driverName} />
          <Field name="driverIdNumber" label={t('charter.driver_id')} required error={fe.driverIdNumber} autocomplete="off" />
          <Field name="driverPhone" label={t('charter.driver_phone')} required error={fe.driverPhone} autocomplete="off" />
          <Field name="departureAt" label={t('charter.departure')} value={v.departureAt} type="datetime-local" required error={fe.departureAt} />
          <Field name="arrivalBy" label={t('charter.arrival_by')} value={v.arrivalBy} type="datetime-local" required error={fe.arrivalBy} />
          <Field name="route" label={t('charter.route')} value={v.route} required error={fe.route} />
          <TextAreaField name="needs" label={t('charter.needs_seats')} hint={t('charter.plan_hint')} value={v.needs} rows={3} error={fe.needs} />
        </FormBox>
      </Section>
    </Layout>
  );
}

/**
 * The run's charter pass: issued or revoked, the checkpoints, and (carrier and bureau) the link to
 * the printable pass; the bureau also revokes here. An enterprise sees that it is issued, no print.
 */
export function PassSection({ run, printHref, revoke }: { run: RunView; printHref?: string | undefined; revoke?: boolean }) {
  const { t } = useView();
  const p = run.pass;
  if (!p) return null;
  return (
    <Section title={t('charter.pass')}>
      <dl class="facts">
        <dt>{t('charter.pass_no')}</dt><dd class="mono">{p.jti}</dd>
        <dt>{t('charter.status')}</dt><dd>{p.revokedAt ? t('charter.pass_revoked') : t('charter.pass_issued')}{p.revokeReason ? ` — ${p.revokeReason}` : ''}</dd>
        <dt>{t('charter.pass_issued_at')}</dt><dd><DateTime value={p.issuedAt} /></dd>
        <dt>{t('charter.validity')}</dt><dd><DateTime value={p.validFrom} /> – <DateTime value={p.validTo} /></dd>
        <dt>{t('charter.checkpoints')}</dt><dd>{run.checkpoints.map((c) => c.name).join('、') || t('charter.none')}</dd>
      </dl>
      {printHref && !p.revokedAt && <p><a href={printHref} class="button">{t('charter.pass_print')}</a></p>}
      {revoke && !p.revokedAt && (
        <FormBox action={`/bureau/charter/runs/${run.id}/pass/revoke`} submit={t('charter.pass_revoke')} form={{ values: {}, fieldErrors: {} }}>
          <Field name="reason" label={t('charter.reason')} required />
        </FormBox>
      )}
    </Section>
  );
}

export function RunPage(props: { run: RunView; decide?: boolean; cancel?: boolean; form?: FormState; notice?: PageNotice | undefined; checkpoints?: { id: number; name: string }[]; printHref?: string }) {
  const { t } = useView();
  const { run } = props;
  return (
    <Layout title={t('charter.run_title', { id: run.id })}>
      <Notices notice={props.notice} />
      <RunFacts run={run} />
      <PassSection run={run} printHref={props.printHref} revoke={props.decide} />
      <Section title={t('charter.needs_seats')}><RunNeeds run={run} /></Section>
      {props.decide && <Section title={t('charter.passengers')}><Passengers run={run} /></Section>}
      {props.decide && (run.status === 'confirmed' || run.status === 'planned') && (
        <>
          {run.status === 'confirmed' && (
            <FormBox action={`/bureau/charter/runs/${run.id}/approve`} submit={t('charter.approve')} form={props.form ?? { values: {}, fieldErrors: {} }}>
              <fieldset>
                <legend>{t('charter.checkpoints')}</legend>
                <p class="muted">{t('charter.checkpoints_hint')}</p>
                {(props.checkpoints ?? []).map((c) => (
                  <label class="check"><input type="checkbox" name="checkpointIds" value={String(c.id)} /> {c.name}</label>
                ))}
              </fieldset>
              <Field name="reason" label={t('charter.reason')} />
            </FormBox>
          )}
          <FormBox action={`/bureau/charter/runs/${run.id}/reject`} submit={t('charter.reject')} form={{ values: {}, fieldErrors: {} }}>
            <Field name="reason" label={t('charter.reason')} required />
          </FormBox>
        </>
      )}
      {props.cancel && (run.status === 'planned' || run.status === 'confirmed') && (
        <ActionButton action={`/carrier/runs/${run.id}/cancel`} label={t('common.cancel')} kind="danger" />
      )}
    </Layout>
  );
}

export function BureauRunsPage(props: { waiting: RunView[]; others: RunView[]; needs: Need[] }) {
  const { t } = useView();
  return (
    <Layout title={t('charter.bureau_runs_title')}>
      <Section title={t('charter.run_status.confirmed')}><RunsTable runs={props.waiting} base="/bureau/charter/runs" /></Section>
      <Section title={t('charter.runs')}><RunsTable runs={props.others} base="/bureau/charter/runs" /></Section>
      <Section title={t('charter.needs')}><NeedsTable needs={props.needs} /></Section>
    </Layout>
  );
}

export function CarriersPage(props: { carriers: { carrier: Carrier; users: User[] }[]; form: FormState; notice?: PageNotice | undefined; oneTime?: OneTimePassword | undefined }) {
  const { t } = useView();
  const v = props.form.values;
  return (
    <Layout title={t('charter.carriers_title')}>
      <Notices notice={props.notice} oneTime={props.oneTime} />
      {props.carriers.map(({ carrier, users }) => (
        <Section title={`${carrier.name} (${carrier.creditCode})`}>
          <p>{t('charter.duty_phone')}: {carrier.dutyPhone}</p>
          <ul>{users.map((u) => <li><span class="mono">{u.username}</span> {u.displayName}{u.disabled ? ` (${t('user.disabled')})` : ''}</li>)}</ul>
          <FormBox action={`/bureau/carriers/${carrier.id}/users`} submit={t('charter.add_account')} form={{ values: {}, fieldErrors: {} }}>
            <Field name="username" label={t('user.username')} required />
            <Field name="displayName" label={t('user.display_name')} required />
          </FormBox>
        </Section>
      ))}
      <Section title={t('charter.add_carrier')}>
        <FormBox action="/bureau/carriers" submit={t('charter.add_carrier')} form={props.form}>
          <Field name="name" label={t('charter.name')} value={v.name} required error={props.form.fieldErrors.name} />
          <Field name="creditCode" label={t('charter.credit_code')} value={v.creditCode} required error={props.form.fieldErrors.creditCode} />
          <Field name="dutyPhone" label={t('charter.duty_phone')} value={v.dutyPhone} required error={props.form.fieldErrors.dutyPhone} />
        </FormBox>
      </Section>
    </Layout>
  );
}
