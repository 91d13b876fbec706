/**
 * 包车优先通行: the charter runs expected at this checkpoint today, first in
 * line, on the home screen above the scanner. From the stored expected-runs
 * document (verified at sync); works offline. Hidden when there is none.
 */
import { t, useLocale } from '../i18n/index.js';
import { useStore } from '../session/store.js';
import { formatChinaTime } from '../check/pass-card-model.js';
import { priorityRuns } from './runs-view.js';
import './charter.css';

const hhmm = (sec: number) => formatChinaTime(sec * 1000).slice(11);

export function CharterPriorityList({ now = Date.now() }: { now?: number }) {
  useLocale();
  const s = useStore();
  const runs = priorityRuns(s.charters, now);
  if (runs.length === 0) return null;
  // Not yet checked first: what is done drops to the bottom.
  const ordered = [...runs.filter((r) => !s.charterChecks.has(r.run.run)), ...runs.filter((r) => s.charterChecks.has(r.run.run))];
  return (
    <section class="charter-priority" data-testid="charter-priority" aria-labelledby="charter-priority-title">
      <h2 id="charter-priority-title">{t('charter.priority.title')}</h2>
      <ul>
        {ordered.map(({ run, open }) => {
          const checked = s.charterChecks.get(run.run);
          return (
            <li key={run.run} class={`charter-run${checked ? ' charter-run--done' : ''}`} data-testid="charter-run" data-run={run.run} data-checked={checked ? 'yes' : 'no'}>
              <strong class="charter-run-plate" data-testid="charter-run-plate">{run.pl}</strong>
              <span>{t('charter.priority.window', { from: hhmm(run.from), until: hhmm(run.until) })}</span>
              <span>{t('charter.priority.passengers', { n: run.passengers.length })}</span>
              <span class={`charter-chip ${checked ? 'charter-chip--ok' : open ? 'charter-chip--now' : ''}`} data-testid="charter-run-state">
                {checked ? `✔ ${t('charter.priority.checked')}` : open ? t('charter.priority.open') : t('charter.priority.later')}
              </span>
            </li>
          );
        })}
      </ul>
      <p class="muted">{t('charter.priority.hint')}</p>
    </section>
  );
}
