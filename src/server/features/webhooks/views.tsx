import { CsrfField, Layout } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { Badge } from '../../views/badge.js';
import { DataTable } from '../../views/table.js';
import { DateTime } from '../../views/time.js';
import { Field } from '../../views/fields.js';
import { ActionButton } from '../../views/action-button.js';
import { Notices, type PageNotice } from '../../views/notices.js';
import type { Enterprise } from '../enterprises/schema.js';
import type { EndpointHealthView, WebhookDelivery, WebhookEndpointView } from './schema.js';

const DELIVERY_TONE = { pending: 'pending', delivered: 'ok', failed: 'off' } as const;

export function HealthBadge({ health: h }: { health: EndpointHealthView }) {
  const { t } = useView();
  if (h.failing) return <Badge tone="off">{t('webhooks.health.failing')}</Badge>;
  if (h.delivered === 0 && h.failed === 0 && h.pending === 0) return <Badge>{t('webhooks.health.idle')}</Badge>;
  return <Badge tone="ok">{t('webhooks.health.ok')}</Badge>;
}

function Counts({ health: h }: { health: EndpointHealthView }) {
  const { t } = useView();
  return <span class="muted small">{t('webhooks.counts', { delivered: h.delivered, failed: h.failed, pending: h.pending })}</span>;
}

/** The secret, on the one page that answers the POST that made it. */
function SecretOnce({ secret }: { secret: string }) {
  const { t } = useView();
  return (
    <section class="card" aria-labelledby="secret-once">
      <h2 id="secret-once">{t('webhooks.secret_once')}</h2>
      <p>
        <code class="mono token-text">{secret}</code>
      </p>
    </section>
  );
}

function EndpointCard({ e }: { e: WebhookEndpointView }) {
  const { t } = useView();
  const base = `/enterprise/webhooks/${e.id}`;
  return (
    <section class="card" aria-labelledby={`endpoint-${e.id}`}>
      <h2 id={`endpoint-${e.id}`}>
        <code class="mono">{e.url}</code>
      </h2>
      <p>
        <Badge tone={e.enabled ? 'ok' : 'off'}>{t(e.enabled ? 'webhooks.state.enabled' : 'webhooks.state.disabled')}</Badge> <HealthBadge health={e.health} /> <Counts health={e.health} />
      </p>
      <p class="muted small">
        {t('webhooks.secret_hint')}: <code class="mono">{e.secretHint}</code> · <DateTime value={e.secretRotatedAt} />
      </p>
      <div class="buttons">
        <a href={base}>{t('webhooks.log')}</a>
        {e.enabled && <ActionButton action={`${base}/test`} label={t('webhooks.test')} kind="primary" />}
        <ActionButton action={`${base}/enabled`} label={t(e.enabled ? 'webhooks.disable' : 'webhooks.enable')} name="enabled" value={e.enabled ? '0' : '1'} />
        <ActionButton action={`${base}/rotate`} label={t('webhooks.rotate')} />
        <ActionButton action={`${base}/delete`} label={t('webhooks.delete')} kind="danger" />
      </div>
      <form method="post" action={base} class="form">
        <CsrfField />
        <Field name="url" label={t('webhooks.url')} value={e.url} required maxlength={500} type="url" autocapitalize="none" />
        <button type="submit" class="secondary">
          {t('webhooks.save')}
        </button>
      </form>
    </section>
  );
}

/** The enterprise's endpoints, the add form and, right after a create or rotation, the secret (shown this once). */
export function WebhooksPage(props: { endpoints: WebhookEndpointView[]; secret?: string | undefined; notice?: PageNotice | undefined; url?: string | undefined }) {
  const { t } = useView();
  return (
    <Layout title={t('webhooks.title')}>
      <p class="muted">{t('webhooks.intro')}</p>
      <Notices notice={props.notice} />
      {props.secret && <SecretOnce secret={props.secret} />}
      {props.endpoints.length === 0 && <p class="empty">{t('common.none')}</p>}
      {props.endpoints.map((e) => (
        <EndpointCard e={e} />
      ))}
      <section class="card" aria-labelledby="endpoint-new">
        <h2 id="endpoint-new">{t('webhooks.add')}</h2>
        <form method="post" action="/enterprise/webhooks" class="form">
          <CsrfField />
          <Field name="url" label={t('webhooks.url')} value={props.url} required maxlength={500} type="url" autocapitalize="none" placeholder="https://" />
          <button type="submit" class="primary">
            {t('webhooks.add')}
          </button>
        </form>
      </section>
      <p>
        <a href="/enterprise/escorts/duty-sheet">{t('duty.link')}</a>
      </p>
    </Layout>
  );
}

/** One endpoint's delivery log; `resend` says whether re-send buttons are offered (the enterprise's page). */
export function DeliveryLogPage(props: { endpoint: WebhookEndpointView; deliveries: WebhookDelivery[]; resend: boolean; back: string; notice?: PageNotice | undefined }) {
  const { t } = useView();
  const e = props.endpoint;
  return (
    <Layout title={t('webhooks.log_title', { id: e.id })}>
      <p>
        <a href={props.back}>← {t('webhooks.title')}</a>
      </p>
      <Notices notice={props.notice} />
      <p>
        <code class="mono">{e.url}</code> <HealthBadge health={e.health} /> <Counts health={e.health} />
      </p>
      <DataTable
        rows={props.deliveries}
        empty={t('common.none')}
        columns={[
          { label: t('webhooks.delivery.time'), rowHeader: true, cell: (d) => <DateTime value={d.createdAt} /> },
          { label: t('webhooks.delivery.event'), cell: (d) => <code class="mono">{d.type}</code> },
          { label: t('webhooks.delivery.status'), cell: (d) => <Badge tone={DELIVERY_TONE[d.status]}>{t(`webhooks.delivery.state.${d.status}`)}</Badge> },
          { label: t('webhooks.delivery.attempts'), cell: (d) => String(d.attempts) },
          { label: t('webhooks.delivery.response'), cell: (d) => (d.lastStatus !== null ? <code class="mono">{d.lastStatus}</code> : d.lastError ?? '—') },
          { label: t('webhooks.delivery.next'), cell: (d) => (d.nextAttemptAt ? <DateTime value={d.nextAttemptAt} /> : '—') },
          props.resend && {
            label: t('common.actions'),
            cell: (d) => (d.status === 'pending' || !e.enabled ? null : <ActionButton action={`/enterprise/webhook-deliveries/${d.id}/resend`} label={t('webhooks.delivery.resend')} />),
          },
        ]}
      />
    </Layout>
  );
}

/** The bureau's overview: every enterprise's endpoints and whether they are being reached. */
export function BureauWebhooksPage(props: { endpoints: Array<WebhookEndpointView & { enterprise: Pick<Enterprise, 'id' | 'name' | 'dutyPhone'> | undefined }> }) {
  const { t } = useView();
  const rows = [...props.endpoints].sort((a, b) => Number(b.health.failing) - Number(a.health.failing));
  return (
    <Layout title={t('webhooks.bureau_title')}>
      <p class="muted">{t('webhooks.bureau_intro')}</p>
      <DataTable
        rows={rows}
        empty={t('common.none')}
        columns={[
          { label: t('webhooks.enterprise'), rowHeader: true, cell: (e) => (e.enterprise ? <a href={`/bureau/enterprises/${e.enterprise.id}`}>{e.enterprise.name}</a> : `#${e.enterpriseId}`) },
          { label: t('duty.duty_phone'), cell: (e) => <span class="mono">{e.enterprise?.dutyPhone ?? ''}</span> },
          { label: t('webhooks.url'), cell: (e) => <code class="mono">{e.url}</code> },
          { label: t('webhooks.enabled'), cell: (e) => <Badge tone={e.enabled ? 'ok' : 'off'}>{t(e.enabled ? 'webhooks.state.enabled' : 'webhooks.state.disabled')}</Badge> },
          { label: t('webhooks.health'), cell: (e) => <><HealthBadge health={e.health} /> <Counts health={e.health} /></> },
          { label: t('webhooks.log'), cell: (e) => <a href={`/bureau/webhooks/${e.id}`}>{t('webhooks.log')}</a> },
        ]}
      />
    </Layout>
  );
}
