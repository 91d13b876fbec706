/** This checkpoint's ESCORT vehicles, waiting for their enterprise's escort. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t, useLocale } from '../i18n/index.js';
import type { CheckHost, WaitingVehicle } from './host.js';
import { minutesWaiting } from './handover.js';
import { HandoverForm } from './handover-form.js';
import { EnterpriseLine } from './pass-card.js';
import { WAITING_CHANGED_EVENT } from '../sync/scheduler.js';
import './check.css';

export interface WaitingListProps {
  host: CheckHost;
  /** After a handover was recorded (e.g. to refresh counters elsewhere). */
  onHandover?: (eventId: string) => void;
}

const REFRESH_MS = 30_000;

export function WaitingList({ host, onHandover }: WaitingListProps) {
  useLocale();
  const [list, setList] = useState<WaitingVehicle[] | null>(null);
  const [open, setOpen] = useState<WaitingVehicle | null>(null);
  const [, setTick] = useState(0);
  const load = useCallback(() => host.waitingList().then(setList), [host]);
  useEffect(() => {
    void load();
    // Minutes waiting must move on while the screen is open.
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    // Sync tells when the enterprise's answer (whom it sent) arrived.
    const reload = () => void load();
    addEventListener(WAITING_CHANGED_EVENT, reload);
    return () => {
      clearInterval(timer);
      removeEventListener(WAITING_CHANGED_EVENT, reload);
    };
  }, [load]);

  if (open) {
    return (
      <HandoverForm
        host={host}
        vehicle={open}
        onCancel={() => setOpen(null)}
        onDone={(eventId) => {
          setOpen(null);
          void load();
          onHandover?.(eventId);
        }}
      />
    );
  }
  const now = host.now();
  return (
    <section class="waiting" data-testid="waiting-list">
      <h2>{t('check.waiting.title')}</h2>
      {list && list.length === 0 && <p data-testid="waiting-empty">{t('check.waiting.empty')}</p>}
      <ul class="cards">
        {(list ?? []).map((v) => (
          <li key={v.checkEventId} class="card waiting-item" data-testid="waiting-item" data-event={v.checkEventId}>
            <div class="plate-mid" data-testid="waiting-plate">{v.plate}</div>
            <div class="waiting-since" data-testid="waiting-since">{t('check.waiting.since', { minutes: minutesWaiting(v.since, now) })}</div>
            <EscortStatus request={v.request} />
            {v.enterprise ? <EnterpriseLine enterprise={v.enterprise} testid="waiting-enterprise" /> : <p>{t('check.waiting.no_enterprise')}</p>}
            <ul class="pass-people">
              {v.people.map((p, i) => (
                <li key={i}>
                  <span class="pass-person-name">{p.name || t('check.people.unnamed')}</span>
                  {p.id4 && <span class="pass-person-id4">…{p.id4}</span>}
                  <span class="role">{t(`check.role.${p.role}`)}</span>
                </li>
              ))}
            </ul>
            <button type="button" class="primary wide" data-testid="waiting-handover" disabled={!v.enterprise} onClick={() => setOpen(v)}>
              {t('check.waiting.handover')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the enterprise has done, as of the last sync: nothing yet, or whom it sent and when. */
function EscortStatus({ request }: { request: WaitingVehicle['request'] }) {
  if (!request) return <p class="escort-status" data-testid="waiting-escort" data-status="unknown">{t('check.waiting.escort_unknown')}</p>;
  if (!request.escort) return <p class="escort-status" data-testid="waiting-escort" data-status={request.status}>{t('check.waiting.escort_none')}</p>;
  const at = new Date(request.escort.dispatchedAt);
  const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  return (
    <p class="escort-status escort-status--sent" data-testid="waiting-escort" data-status={request.status}>
      {t('check.waiting.escort_sent', { name: request.escort.name, phone: request.escort.phoneLast4 ?? '—', time: hhmm })}
    </p>
  );
}
