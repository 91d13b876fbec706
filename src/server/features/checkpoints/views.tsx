import { CsrfField, Field, FormErrors, Layout, Notice } from '../../views/layout.js';
import { SelectField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge } from '../../views/badge.js';
import { Fact } from '../../views/facts.js';
import { DataTable } from '../../views/table.js';
import { ActionButton } from '../../views/action-button.js';
import { DateTime } from '../../views/time.js';
import { labelErrors, type FormState } from '../../views/form-state.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import type { EnrollmentCodeRecord } from '../devices/repository.js';
import type { Device, EnrollmentCodeResponse } from '../devices/schema.js';
import { DeviceTable } from '../devices/views.js';
import { FieldWithId } from '../../views/fields.js';
import { shanghai } from '../../views/time.js';
import { CHECKPOINT_DIRECTIONS, type Checkpoint, type Staff } from './schema.js';

type Translate = ReturnType<typeof useView>['t'];

function directionOptions(t: Translate): Array<[string, string]> {
  return CHECKPOINT_DIRECTIONS.map((d): [string, string] => [d, t(`checkpoint.direction.${d}`)]);
}

export function CheckpointStatusBadge({ status }: { status: Checkpoint['status'] }) {
  const { t } = useView();
  return <Badge tone={status === 'active' ? 'ok' : 'off'}>{t(`checkpoint.status.${status}`)}</Badge>;
}

function CheckpointFields({ form }: { form: FormState }) {
  const { t } = useView();
  const v = form.values;
  const fe = form.fieldErrors;
  return (
    <>
      <Field name="name" label={t('checkpoint.name')} value={v.name} error={fe.name} required minlength={2} maxlength={60} autocomplete="off" />
      <Field
        name="location"
        label={t('checkpoint.location')}
        hint={t('checkpoint.location_hint')}
        value={v.location}
        error={fe.location}
        required
        minlength={2}
        maxlength={200}
        autocomplete="off"
      />
      <Field
        name="regionCode"
        label={t('checkpoint.region')}
        hint={t('checkpoint.region_hint')}
        value={v.regionCode}
        error={fe.regionCode}
        required
        inputmode="numeric"
        pattern="[0-9]{6}"
        maxlength={6}
        autocomplete="off"
      />
      <SelectField name="direction" label={t('checkpoint.direction')} value={v.direction ?? 'both'} error={fe.direction} required options={directionOptions(t)} />
    </>
  );
}

const checkpointLabels = (t: Translate) => ({
  name: t('checkpoint.name'),
  location: t('checkpoint.location'),
  regionCode: t('checkpoint.region'),
  direction: t('checkpoint.direction'),
});

export function CheckpointListPage({ checkpoints, form, notice }: { checkpoints: Checkpoint[]; form: FormState; notice?: PageNotice | undefined }) {
  const { t } = useView();
  return (
    <Layout title={t('checkpoint.list_title')}>
      <Notices notice={notice} />
      <DataTable
        rows={checkpoints}
        empty={t('common.none')}
        rowClass={(c) => (c.status === 'closed' ? 'archived' : undefined)}
        columns={[
          { label: t('checkpoint.name'), rowHeader: true, cell: (c) => <a href={`/bureau/checkpoints/${c.id}`}>{c.name}</a> },
          {
            label: t('checkpoint.location'),
            cell: (c) => (
              <>
                {c.location} <span class="muted">{c.regionName}</span>
              </>
            ),
          },
          { label: t('checkpoint.direction'), cell: (c) => t(`checkpoint.direction.${c.direction}`) },
          { label: t('checkpoint.status'), cell: (c) => <CheckpointStatusBadge status={c.status} /> },
          { label: t('checkpoint.staff_count'), cell: (c) => c.staffCount },
          { label: t('checkpoint.device_count'), cell: (c) => <a href={`/bureau/devices?checkpointId=${c.id}`}>{c.deviceCount}</a> },
        ]}
      />
      <section class="card no-print" aria-labelledby="checkpoint-add">
        <h2 id="checkpoint-add">{t('checkpoint.add')}</h2>
        <FormErrors errors={labelErrors(form.errors, checkpointLabels(t))} />
        <form method="post" action="/bureau/checkpoints" class="form">
          <CsrfField />
          <CheckpointFields form={form} />
          <div class="buttons">
            <button type="submit" class="primary">
              {t('common.create')}
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

/** A one-time enrollment code: the text in large type and the QR the scanner reads. */
function EnrollmentCode({ enrollment, qrDataUri }: { enrollment: EnrollmentCodeResponse; qrDataUri: string }) {
  const { t } = useView();
  return (
    <Notice kind="warn">
      <p>{t('enroll.explain', { minutes: 15, attempts: enrollment.maxAttempts })}</p>
      <p>
        <img src={qrDataUri} alt={t('enroll.qr_alt')} width={240} height={240} />
      </p>
      <p>
        {t('enroll.code_label')}:{' '}
        <code class="otp" aria-label={t('enroll.code_label')}>
          {enrollment.code}
        </code>
      </p>
      <p class="muted">{t('enroll.expires', { at: shanghai(enrollment.expiresAt) })}</p>
    </Notice>
  );
}

function StaffTable({ checkpointId, staff, pinForm }: { checkpointId: number; staff: Staff[]; pinForm?: { staffId: number; form: FormState } | undefined }) {
  const { t } = useView();
  return (
    <DataTable
      rows={staff}
      empty={t('common.none')}
      rowClass={(s) => (s.disabled ? 'archived' : undefined)}
      columns={[
        { label: t('cpstaff.badge'), rowHeader: true, class: 'mono', cell: (s) => s.badge },
        { label: t('cpstaff.name'), cell: (s) => s.name },
        { label: t('checkpoint.status'), cell: (s) => (s.disabled ? <Badge tone="off">{t('cpstaff.disabled')}</Badge> : <Badge tone="ok">{t('cpstaff.active')}</Badge>) },
        { label: t('cpstaff.pin_set_at'), cell: (s) => <DateTime value={s.pinSetAt} /> },
        {
          label: t('common.actions'),
          headClass: 'actions',
          class: 'actions',
          cell: (s) => {
            const refused = pinForm?.staffId === s.id ? pinForm.form : undefined;
            const base = `/bureau/checkpoints/${checkpointId}/staff/${s.id}`;
            return (
              <>
                <form method="post" action={`${base}/pin`} class="inline">
                  <CsrfField />
                  <FieldWithId
                    id={`pin-${s.id}`}
                    name="pin"
                    type="password"
                    label={`${t('cpstaff.new_pin')} (${s.badge})`}
                    inputmode="numeric"
                    pattern="[0-9]{4,8}"
                    minlength={4}
                    maxlength={8}
                    autocomplete="new-password"
                    error={refused?.fieldErrors.pin}
                  />
                  <button type="submit" class="secondary">
                    {t('cpstaff.set_pin')}
                  </button>
                </form>
                {s.disabled ? (
                  <ActionButton action={`${base}/enable`} label={t('cpstaff.enable')} />
                ) : (
                  <ActionButton action={`${base}/disable`} label={t('cpstaff.disable')} kind="danger" />
                )}
              </>
            );
          },
        },
      ]}
    />
  );
}

export interface CheckpointPageProps {
  checkpoint: Checkpoint;
  staff: Staff[];
  devices: Device[];
  pendingCodes: EnrollmentCodeRecord[];
  editForm: FormState;
  staffForm: FormState;
  pinForm?: { staffId: number; form: FormState } | undefined;
  enrollment?: { code: EnrollmentCodeResponse; qrDataUri: string } | undefined;
  notice?: PageNotice | undefined;
}

export function CheckpointPage(props: CheckpointPageProps) {
  const { t } = useView();
  const c = props.checkpoint;
  const base = `/bureau/checkpoints/${c.id}`;
  const staffLabels = { badge: t('cpstaff.badge'), name: t('cpstaff.name'), pin: t('cpstaff.pin') };
  return (
    <Layout title={c.name}>
      <p class="back">
        <a href="/bureau/checkpoints">← {t('checkpoint.list_title')}</a>
      </p>
      <Notices notice={props.notice} />
      {props.enrollment && <EnrollmentCode enrollment={props.enrollment.code} qrDataUri={props.enrollment.qrDataUri} />}

      <section class="card" aria-labelledby="cp-details">
        <h2 id="cp-details">{t('checkpoint.details')}</h2>
        <dl class="facts">
          <Fact label={t('checkpoint.status')}>
            <CheckpointStatusBadge status={c.status} />
          </Fact>
          <Fact label={t('checkpoint.location')}>{c.location}</Fact>
          <Fact label={t('checkpoint.region')}>
            <span class="mono">{c.regionCode}</span> <span class="muted">{c.regionName}</span>
          </Fact>
          <Fact label={t('checkpoint.direction')}>{t(`checkpoint.direction.${c.direction}`)}</Fact>
        </dl>
        <div class="buttons">
          {c.status === 'active' ? (
            <ActionButton action={`${base}/close`} label={t('checkpoint.close')} kind="danger" />
          ) : (
            <ActionButton action={`${base}/reopen`} label={t('checkpoint.reopen')} />
          )}
        </div>
      </section>

      <section class="card" aria-labelledby="cp-staff">
        <h2 id="cp-staff">{t('cpstaff.section')}</h2>
        <p class="muted">{t('cpstaff.intro')}</p>
        <FormErrors errors={props.pinForm ? labelErrors(props.pinForm.form.errors, staffLabels) : undefined} />
        <StaffTable checkpointId={c.id} staff={props.staff} pinForm={props.pinForm} />
        <h3>{t('cpstaff.add')}</h3>
        <FormErrors errors={labelErrors(props.staffForm.errors, staffLabels)} />
        <form method="post" action={`${base}/staff`} class="form">
          <CsrfField />
          <FieldWithId
            id="staff-badge"
            name="badge"
            label={t('cpstaff.badge')}
            hint={t('cpstaff.badge_hint')}
            value={props.staffForm.values.badge}
            error={props.staffForm.fieldErrors.badge}
            maxlength={20}
          />
          <FieldWithId id="staff-name" name="name" label={t('cpstaff.name')} value={props.staffForm.values.name} error={props.staffForm.fieldErrors.name} maxlength={60} />
          <FieldWithId
            id="staff-pin"
            name="pin"
            type="password"
            label={t('cpstaff.pin')}
            hint={t('cpstaff.pin_hint')}
            error={props.staffForm.fieldErrors.pin}
            inputmode="numeric"
            pattern="[0-9]{4,8}"
            minlength={4}
            maxlength={8}
            autocomplete="new-password"
          />
          <div class="buttons">
            <button type="submit" class="primary">
              {t('common.create')}
            </button>
          </div>
        </form>
      </section>

      <section class="card" aria-labelledby="cp-devices">
        <h2 id="cp-devices">{t('checkpoint.device_count')}</h2>
        <DeviceTable devices={props.devices} showCheckpoint={false} />
        {c.status === 'active' ? (
          <form method="post" action={`${base}/enrollment-codes`} class="inline">
            <CsrfField />
            <button type="submit" class="primary">
              {t('enroll.create')}
            </button>
          </form>
        ) : (
          <p class="muted">{t('enroll.closed')}</p>
        )}
        {props.pendingCodes.length > 0 && (
          <>
            <h3>{t('enroll.pending')}</h3>
            <ul>
              {props.pendingCodes.map((p) => (
                <li>{t('enroll.pending_item', { id: p.id, at: shanghai(new Date(p.expiresAt).toISOString()), attempts: p.attempts })}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section class="card no-print" aria-labelledby="cp-edit">
        <h2 id="cp-edit">{t('checkpoint.edit')}</h2>
        <FormErrors errors={labelErrors(props.editForm.errors, checkpointLabels(t))} />
        <form method="post" action={base} class="form">
          <CsrfField />
          <CheckpointFields form={props.editForm} />
          <div class="buttons">
            <button type="submit" class="primary">
              {t('common.save')}
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
