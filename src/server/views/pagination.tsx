import { useView } from './context.js';

/**
 * A list page's address with its filters: empty and absent values are left
 * out, and so is page 1, so each list state has one URL.
 */
export function withQuery(base: string, params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '' || (k === 'page' && Number(v) <= 1)) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

/** "Page n of a list of m", with previous and next links where there is such a page. */
export function Pager(props: { page: number; total: number; pageSize: number; href: (page: number) => string }) {
  const { t } = useView();
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <nav class="pager" aria-label={t('common.pagination')}>
      <span>{t('common.page_of', { page: props.page, total: props.total })}</span>
      {props.page > 1 && (
        <a href={props.href(props.page - 1)} rel="prev">
          {t('common.prev')}
        </a>
      )}
      {props.page < pages && (
        <a href={props.href(props.page + 1)} rel="next">
          {t('common.next')}
        </a>
      )}
    </nav>
  );
}
