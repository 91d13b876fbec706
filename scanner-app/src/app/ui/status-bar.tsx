import { t, setLocale, locale, useLocale } from '../i18n/index.js';
import { useStore } from '../session/store.js';
import { trustView } from '../session/trust-view.js';
import { formatAge } from './format.js';

/** Always on screen: network, bundle age, outbox length, who is on duty, the language switch. */
export function StatusBar() {
  useLocale();
  const s = useStore();
  const view = trustView(s.trust, Date.now());
  return (
    <header class="status-bar" data-testid="status-bar">
      <span class={`pill ${s.online ? 'ok' : 'off'}`} data-testid="net-state">
        {s.syncing ? t('bar.syncing') : s.online ? t('bar.online') : t('bar.offline')}
      </span>
      <span class="pill" data-testid="bundle-age">
        {view.ageSec === null ? t('bar.no_bundle') : t('bar.bundle_age', { age: formatAge(view.ageSec) })}
      </span>
      <span class={`pill ${s.outbox ? 'warn' : ''}`} data-testid="outbox">
        {t('bar.outbox', { n: s.outbox })}
      </span>
      {s.staff && !s.staff.locked ? <span class="pill" data-testid="staff-on-duty">{s.staff.name}</span> : null}
      <button type="button" class="lang" data-testid="lang" onClick={() => setLocale(locale() === 'zh' ? 'en' : 'zh')}>
        {t('lang.switch')}
      </button>
    </header>
  );
}

/** The trust data's age against the rule set: a warning past trustWarnAgeSec, MANUAL past trustMaxAgeSec. */
export function TrustBanner() {
  useLocale();
  const s = useStore();
  const view = trustView(s.trust, Date.now());
  if (s.lastSync?.message === 'device_revoked') return <div class="banner bad" role="alert">{t('banner.revoked')}</div>;
  if (s.checkpoint?.data.checkpoint.status === 'closed') return <div class="banner bad" role="alert">{t('banner.checkpoint_closed')}</div>;
  if (view.ageSec === null) return <div class="banner bad" role="alert" data-testid="trust-banner">{t('banner.no_trust')}</div>;
  if (view.ageSec > view.ruleSet.trustMaxAgeSec) {
    return <div class="banner bad" role="alert" data-testid="trust-banner">{t('banner.trust_max', { age: formatAge(view.ageSec) })}</div>;
  }
  if (view.ageSec > view.ruleSet.trustWarnAgeSec) {
    return <div class="banner warn" role="status" data-testid="trust-banner">{t('banner.trust_warn', { age: formatAge(view.ageSec) })}</div>;
  }
  return null;
}
