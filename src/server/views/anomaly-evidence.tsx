/**
 * An anomaly's evidence links and the event page's list of its anomalies:
 * shared by the anomalies page and the check search's event page, so neither
 * feature reaches into the other's views.
 */
import { useView } from './context.js';
import { withQuery } from './pagination.js';
import type { MessageKey } from '../i18n/messages.js';
import type { AnomalyKind } from '../../core/audit/anomalies.js';

export const kindKey = (k: AnomalyKind) => `an.kind.${k}` as MessageKey;

/** What the links and the list need of an anomaly (the anomalies feature's row, with the bureau's pass id). */
export interface AnomalyEvidence {
  kind: AnomalyKind;
  severity: string;
  details: Record<string, unknown>;
  eventId: string | null;
  otherEventId: string | null;
  deviceId: string | null;
  passNo: string | null;
  passId: number | null;
  escortRequestId: number | null;
  custodyId: number | null;
}

/** The links to an anomaly's evidence: its event(s), device, pass, escort request or custody tasks. */
export function Evidence({ a }: { a: AnomalyEvidence }) {
  const { t } = useView();
  const links: Array<[string, string]> = [];
  if (a.eventId) links.push([`/bureau/checks/${a.eventId}`, t('an.link.event')]);
  if (a.otherEventId) links.push([`/bureau/checks/${a.otherEventId}`, t('an.link.earlier')]);
  if (a.deviceId) links.push([withQuery('/bureau/checks', { device: a.deviceId }), t('an.link.device')]);
  if (a.passNo) links.push([a.passId !== null ? `/bureau/passes/${a.passId}` : withQuery('/bureau/checks', { pass: a.passNo }), t('an.link.pass')]);
  if (a.escortRequestId !== null) links.push([`/bureau/escorts/${a.escortRequestId}`, t('an.link.escort')]);
  if (a.custodyId !== null) links.push(['/bureau/custody', t('an.link.custody')]);
  return (
    <span class="evidence">
      {links.map(([href, label], i) => (
        <>
          {i > 0 && ' · '}
          <a href={href}>{label}</a>
        </>
      ))}
    </span>
  );
}

/** Details as short `key: value` pairs (codes and numbers only; no personal data is stored in them). */
export const detailText = (d: Record<string, unknown>): string =>
  Object.entries(d)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' ') : v === null ? '—' : String(v)}`)
    .join('; ');

/** The event page's section: this event's anomalies (as the event, or as the earlier sighting of a pair). */
export function EventAnomalies({ items }: { items: AnomalyEvidence[] }) {
  const { t } = useView();
  if (items.length === 0) return <></>;
  return (
    <section class="card" id="anomalies">
      <h2>{t('an.on_event')}</h2>
      <ul>
        {items.map((a) => (
          <li data-kind={a.kind}>
            <span class={`badge severity-${a.severity}`}>{t(`an.severity.${a.severity}` as MessageKey)}</span> {t(kindKey(a.kind))}{' '}
            <small>{detailText(a.details)}</small> <Evidence a={a} />
          </li>
        ))}
      </ul>
    </section>
  );
}
