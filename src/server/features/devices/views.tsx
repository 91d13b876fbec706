import { CsrfField, Layout } from '../../views/layout.js';
import { FieldWithId, SelectField } from '../../views/fields.js';
import { useView } from '../../views/context.js';
import { Badge } from '../../views/badge.js';
import { FilterForm } from '../../views/filter-form.js';
import { DataTable } from '../../views/table.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import { DateTime, shanghai } from '../../views/time.js';

import type { Device, DeviceListQuery } from './schema.js';

type Translate = ReturnType<typeof useView>['t'];


export function ageText(t: Translate, seconds: number): string {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  if (minutes < 120) return t('device.age_minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('device.age_hours', { n: hours });
  return t('device.age_days', { n: Math.floor(hours / 24) });
}

function When({ value }: { value: string | null }) {
  const { t } = useView();
  return value ? <DateTime value={value} /> : <span class="muted">{t('device.never')}</span>;
}

/** Devices with what they last reported; each active one has a revoke form (reason required). */
export function DeviceTable({ devices, showCheckpoint = true }: { devices: Device[]; showCheckpoint?: boolean }) {
  const { t } = useView();
  const none = () => <span class="muted">—</span>;
  return (
    <DataTable
      rows={devices}
      empty={t('common.none')}
      rowClass={(d) => (d.status === 'revoked' ? 'archived' : undefined)}
      columns={[
        {
          label: t('device.id'),
          rowHeader: true,
          cell: (d) => (
            <>
              <code class="mono">{d.id}</code>
              {d.label && <div>{d.label}</div>}
            </>
          ),
        },
        showCheckpoint && { label: t('device.checkpoint'), cell: (d) => <a href={`/bureau/checkpoints/${d.checkpointId}`}>{d.checkpointName}</a> },
        { label: t('device.enrolled_at'), cell: (d) => <DateTime value={d.enrolledAt} /> },
        { label: t('device.last_seen'), cell: (d) => <When value={d.lastSeenAt} /> },
        { label: t('device.app_version'), cell: (d) => d.appVersion ?? none() },
        { label: t('device.queue_length'), cell: (d) => d.queueLength ?? none() },
        {
          label: t('device.bundle_age'),
          cell: (d) => (
            <>
              {d.bundleAgeSec === null ? none() : ageText(t, d.bundleAgeSec)}
              {d.reportedAt && <div class="muted small">{t('device.reported_at', { at: shanghai(d.reportedAt) })}</div>}
            </>
          ),
        },
        {
          label: t('device.status'),
          cell: (d) => (
            <>
              <Badge tone={d.status === 'active' ? 'ok' : 'off'}>{t(`device.status.${d.status}`)}</Badge>
              {d.revokedAt && <div class="muted small">{t('device.revoked_at', { at: shanghai(d.revokedAt), reason: d.revokeReason ?? '' })}</div>}
            </>
          ),
        },
        {
          label: t('common.actions'),
          headClass: 'actions',
          class: 'actions',
          cell: (d) =>
            d.status === 'active' && (
              <form method="post" action={`/bureau/devices/${encodeURIComponent(d.id)}/revoke`} class="inline">
                <CsrfField />
                <FieldWithId
                  id={`reason-${d.id}`}
                  name="reason"
                  label={`${t('device.revoke_reason')} (${d.id})`}
                  placeholder={t('device.revoke_reason_placeholder')}
                  minlength={2}
                  maxlength={200}
                />
                <button type="submit" class="danger">
                  {t('device.revoke')}
                </button>
              </form>
            ),
        },
      ]}
    />
  );
}

export function DeviceListPage(props: {
  devices: Device[];
  checkpoints: Array<{ id: number; name: string }>;
  filters: DeviceListQuery;
  notice?: PageNotice | undefined;
}) {
  const { t } = useView();
  const f = props.filters;
  return (
    <Layout title={t('device.list_title')}>
      <Notices notice={props.notice} />
      <p class="muted">{t('device.intro')}</p>
      <div class="toolbar">
        <FilterForm action="/bureau/devices" submit={t('common.filter')}>
          <SelectField
            name="checkpointId"
            label={t('device.checkpoint')}
            value={f.checkpointId ? String(f.checkpointId) : ''}
            options={[['', t('device.all_checkpoints')], ...props.checkpoints.map((c): [string, string] => [String(c.id), c.name])]}
          />
          <SelectField
            name="status"
            label={t('device.status')}
            value={f.status}
            options={[
              ['all', t('device.status.all')],
              ['active', t('device.status.active')],
              ['revoked', t('device.status.revoked')],
            ]}
          />
        </FilterForm>
      </div>
      <DeviceTable devices={props.devices} />
    </Layout>
  );
}
