/** This checkpoint's ESCORT vehicles, waiting for their enterprise's escort. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t, useLocale } from '../i18n/index.js';
import type { CheckHost, WaitingVehicle } from './host.js';
import { minutesWaiting } from './handover.js';
import { HandoverForm } from './handover-form.js';
import { EnterpriseLine } from './pass-card.js';
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
    return () => clearInterval(timer);
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
