/** This device's checks, newest first as the host gives them, searchable by plate. */
import { useEffect, useState } from 'preact/hooks';
import { t, useLocale } from '../i18n/index.js';
import type { CheckHost, HistoryEntry } from './host.js';
import { CHARTER_LOOK, DECISION_LOOK } from './decision-style.js';
import { formatChinaTime } from './pass-card-model.js';
import './check.css';

const SEARCH_DELAY_MS = 200;

export function HistoryList({ host }: { host: CheckHost }) {
  const l = useLocale();
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    // A short delay so typing a plate does not query storage per keystroke.
    const timer = setTimeout(() => {
      void host.history(query.trim() || undefined).then((list) => live && setEntries(list));
    }, query ? SEARCH_DELAY_MS : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [host, query]);
  return (
    <section class="history" data-testid="history-list">
      <h2>{t('check.history.title')}</h2>
      <input
        type="search"
        data-testid="history-search"
        aria-label={t('check.history.search')}
        placeholder={t('check.history.search')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {entries && entries.length === 0 && <p data-testid="history-empty">{t('check.history.empty')}</p>}
      <ul class="history-items">
        {(entries ?? []).map((e) => {
          const look = e.coach ? CHARTER_LOOK[e.decision as keyof typeof CHARTER_LOOK] : DECISION_LOOK[e.decision as keyof typeof DECISION_LOOK];
          return (
            <li key={e.eventId} class="history-item" data-testid="history-item" data-event={e.eventId} data-decision={e.decision} data-sync={e.sync}>
              <span class="history-time">{formatChinaTime(e.at)}</span>
              <span class="plate-small">{e.plate}</span>
              {e.coach && <span class="muted" data-testid="history-coach">{t('check.history.coach', { n: e.coach.passengers })}</span>}
              <span class={`chip chip--${look.tone}`} data-testid="history-decision">{l === 'zh' ? look.zh : look.en}</span>
              <span class={`sync sync--${e.sync}`} data-testid="history-sync">{t(`check.sync.${e.sync}`)}</span>
              {e.handedOverAt !== undefined && <span class="muted">{t('check.history.handed_over', { time: formatChinaTime(e.handedOverAt) })}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
