import { useView } from '../../views/context.js';
import { chinaDateTime } from '../../views/time.js';
import type { Enterprise } from '../enterprises/schema.js';
import type { DutySheetRequest } from './duty-sheet.js';

/**
 * The printable escort duty sheet: the enterprise's duty phone and the
 * vehicles waiting for its escort, for the person on duty to carry or pin up.
 * Styles in /static/print.css (the pass's sheet, with `.duty` rules that let a
 * long list run onto more pages), the print button in /static/print.js (the
 * CSP allows no inline script or style).
 */
export function DutySheetPage(props: { enterprise: Enterprise; requests: DutySheetRequest[]; now: Date; back: string }) {
  const { t, locale } = useView();
  const e = props.enterprise;
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${t('duty.title')} · ${e.name}`}</title>
        <link rel="stylesheet" href="/static/print.css" />
        <script src="/static/print.js" defer></script>
      </head>
      <body class="print-page size-a4 duty">
        <div class="print-toolbar">
          <a href={props.back} class="tb-back">
            ← {t('duty.back')}
          </a>
          <button type="button" class="tb-print" data-print hidden>
            {t('print.button')}
          </button>
          <span class="tb-hint">{t('print.ctrl_p')}</span>
        </div>
        <main class="sheet" aria-label={t('duty.title')}>
          <div class="frame">
            <header class="sheet-head">
              <h1>{t('duty.title')}</h1>
              <p class="pass-no">
                <span class="k">{t('duty.enterprise')}</span> <span class="v">{e.name}</span>
              </p>
            </header>
            <dl class="sheet-facts">
              <div class="validity">
                <dt>{t('duty.duty_phone')}</dt>
                <dd class="mono">{e.dutyPhone}</dd>
              </div>
              <div>
                <dt>{t('duty.printed_at')}</dt>
                <dd>{chinaDateTime(props.now.toISOString())}</dd>
              </div>
            </dl>
            <p class="instructions">
              <span class="zh">{t('duty.intro')}</span>
            </p>
            {props.requests.length === 0 ? (
              <p class="duty-none">{t('duty.none')}</p>
            ) : (
              <table class="crew">
                <caption>{t('duty.open_requests')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('duty.plate')}</th>
                    <th scope="col">{t('duty.checkpoint')}</th>
                    <th scope="col">{t('duty.waiting_since')}</th>
                    <th scope="col">{t('duty.people')}</th>
                    <th scope="col">{t('duty.reasons')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.requests.map((r) => (
                    <tr>
                      <th scope="row" class="name">
                        {r.plate}
                      </th>
                      <td>
                        {r.checkpointName}
                        <br />
                        <span class="small">{r.checkpointLocation}</span>
                      </td>
                      <td class="mono">{chinaDateTime(r.waitingSince)}</td>
                      <td>
                        {r.people.map((p) => (
                          <div>
                            {p.name} <span class="mono">{p.maskedId}</span>
                          </div>
                        ))}
                      </td>
                      <td>{r.reasons.join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </main>
      </body>
    </html>
  );
}
