import { useView } from './context.js';

/**
 * A CSV export link with its progress. Without JavaScript the link downloads
 * directly. /static/export-progress.js (no inline script: CSP script-src 'self')
 * takes over the click: it fetches the file, counts the rows as they stream in
 * against the response's X-Total-Count, shows them in the <progress>, then saves
 * the file under the name the server gave it.
 */
export function ExportLink(props: { href: string; label: string; total: number; hint?: string }) {
  const { t } = useView();
  return (
    <p class="export" data-export>
      <a
        class="button secondary"
        href={props.href}
        download
        data-export-link
        data-total={String(props.total)}
        data-progress-text={t('export.progress', { n: '{n}', total: '{total}' })}
        data-done-text={t('export.progress_done', { n: '{n}' })}
        data-failed-text={t('export.progress_failed')}
      >
        {props.label}
      </a>{' '}
      <progress data-export-progress max={props.total} value={0} hidden></progress> <span class="hint" data-export-status role="status" aria-live="polite"></span>
      {props.hint && (
        <>
          {' '}
          <span class="hint">{props.hint}</span>
        </>
      )}
      <script src="/static/export-progress.js" defer></script>
    </p>
  );
}
