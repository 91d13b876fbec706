import { useEffect, useState } from 'preact/hooks';
import { t, useLocale } from '../i18n/index.js';
import { useStore } from '../session/store.js';
import { trustView } from '../session/trust-view.js';
import { formatAge, formatTime } from '../ui/format.js';
import type { Db } from '../storage/db.js';
import type { EventRecord } from '../storage/schema.js';

/** Online or offline, bundle age, outbox, last sync and its result, device, checkpoint, staff on duty; refused events listed. */
export function StatusScreen({ db, onSyncNow }: { db: Db; onSyncNow: () => void }) {
  useLocale();
  const s = useStore();
  const [refused, setRefused] = useState<EventRecord[]>([]);
  const [persistent, setPersistent] = useState<boolean | null>(null);
  useEffect(() => {
    void db.getAllFromIndex('events', 'bySync', 'refused').then(setRefused);
    void navigator.storage?.persisted?.().then(setPersistent);
  }, [s.refused, db]);
  const view = trustView(s.trust, Date.now());
  const bundle = s.trust?.record.bundle;
  const rows: Array<[string, string, string]> = [
    ['network', t('status.network'), s.online ? t('bar.online') : t('bar.offline')],
    [
      'bundle',
      t('status.bundle'),
      bundle && view.ageSec !== null
        ? t('status.bundle_value', { seq: String(bundle.seq), age: formatAge(view.ageSec), revoked: s.trust!.revoked.size, enterprises: bundle.enterprises.length })
        : t('bar.no_bundle'),
    ],
    ['rules', t('status.rules'), bundle ? t('status.rules_value', { version: view.ruleSet.version, from: view.ruleSet.effectiveFrom.slice(0, 10) }) : '—'],
    ['outbox', t('status.outbox'), String(s.outbox)],
    ['refused', t('status.refused'), String(s.refused)],
    [
      'last-sync',
      t('status.last_sync'),
      s.lastSync
        ? s.lastSync.ok
          ? t('status.sync_ok', { time: formatTime(s.lastSync.at) })
          : t('status.sync_failed', { time: formatTime(s.lastSync.at), code: s.lastSync.message ?? '' })
        : t('status.never'),
    ],
    ['device', t('status.device'), s.device ? `${s.device.label ?? ''} ${s.device.deviceId}`.trim() : '—'],
    ['checkpoint', t('status.checkpoint'), s.checkpoint?.data.checkpoint.name ?? s.device?.checkpointName ?? '—'],
    ['staff', t('status.staff'), s.staff ? `${s.staff.name} (${s.staff.badge})` : '—'],
    ['storage', t('status.storage'), persistent === null ? '—' : persistent ? t('status.storage_persistent') : t('status.storage_best_effort')],
  ];
  return (
    <main class="screen status" data-testid="status-screen">
      <h1>{t('status.title')}</h1>
      <dl class="status-list">
        {rows.map(([id, label, value]) => (
          <div key={id}>
            <dt>{label}</dt>
            <dd data-testid={`status-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <button type="button" class="primary wide" data-testid="sync-now" disabled={s.syncing} onClick={onSyncNow}>
        {t('status.sync_now')}
      </button>
      {refused.length ? (
        <ul class="refused-list" data-testid="refused-list">
          {refused.map((r) => (
            <li key={r.id}>{t('status.refused_item', { seq: r.seq, type: r.type, reason: `${r.refusal?.reason ?? ''} ${r.refusal?.detail ?? ''}`.trim() })}</li>
          ))}
        </ul>
      ) : null}
    </main>
  );
}
