import { useView } from '../../views/context.js';
import { t, type MessageKey } from '../../i18n/messages.js';
import { lookupRegion } from '../../../core/validate/index.js';
import type { Pass } from './schema.js';
import { chinaDateTime, validityEnd } from '../../views/time.js';

export type PrintSize = 'a4' | 'a5';

/**
 * The printed pass. Checkpoint staff read Chinese, so the sheet is Chinese with
 * English underneath whatever the viewer's language; only the screen toolbar
 * follows the viewer. Styles live in /static/print.css (no inline styles: the
 * CSP allows none), the print button in /static/print.js (no inline scripts).
 */
export function PrintPage(props: { pass: Pass; size: PrintSize; dutyPhone?: string | undefined; back: string; now?: number }) {
  const view = useView();
  const { pass: p, size } = props;
  const expired = p.displayStatus === 'expired';
  const region = lookupRegion(p.originRegion);
  const regionName = region ? [...region.parents.map((r) => r.name), region.name].join(' ') : '';
  const zh = (key: MessageKey) => t('zh', key);
  const en = (key: MessageKey) => t('en', key);
  const Label = ({ k }: { k: MessageKey }) => (
    <>
      <span class="zh">{zh(k)}</span>
      <span class="en" lang="en">
        {en(k)}
      </span>
    </>
  );
  const viewerLang = view.locale === 'zh' ? 'zh-CN' : 'en';
  const sizeHref = (s: PrintSize) => `/passes/${p.id}/print?size=${s}`;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${p.plate} · ${zh('print.title')} · ${p.passNo}`}</title>
        <link rel="stylesheet" href="/static/print.css" />
        <script src="/static/print.js" defer></script>
      </head>
      <body class={`print-page size-${size}`}>
        <div class="print-toolbar" lang={viewerLang}>
          <a href={props.back} class="tb-back">
            ← {view.t('print.back')}
          </a>
          <span class="tb-sizes" role="group" aria-label={view.t('print.size')}>
            {view.t('print.size')}:
            {(['a4', 'a5'] as const).map((s) => (
              <a href={sizeHref(s)} aria-current={s === size ? 'page' : undefined} class="tb-size">
                {s.toUpperCase()}
              </a>
            ))}
          </span>
          <button type="button" class="tb-print" data-print hidden>
            {view.t('print.button')}
          </button>
          <span class="tb-hint">{view.t('print.ctrl_p')}</span>
          {expired && <strong class="tb-warn">{view.t('print.expired_warning')}</strong>}
        </div>

        <main class="sheet" aria-label={zh('print.title')}>
          <div class="frame">
          <header class="sheet-head">
            <p class="issuer">
              <Label k="print.issuer" />
            </p>
            <h1>
              <Label k="print.title" />
            </h1>
            <p class="pass-no">
              <span class="k">
                <Label k="pass.pass_no" />
              </span>
              <span class="v mono">{p.passNo}</span>
            </p>
          </header>

          <section class="plate-row" aria-label={zh('pass.plate')}>
            <p class="k">
              <Label k="pass.plate" />
            </p>
            <p class="plate-big">{p.plate}</p>
          </section>

          <section class="main-row">
            <figure class="qr">
              <img src={`/api/v1/passes/${p.id}/qr.svg`} alt={`${zh('print.scan_short')} ${p.passNo}`} width={300} height={300} />
              <figcaption>
                <Label k="print.scan_short" />
              </figcaption>
            </figure>
            <dl class="sheet-facts">
              <div class="validity">
                <dt>
                  <Label k="pass.validity" />
                </dt>
                <dd>
                  <span class="from">{chinaDateTime(p.validFrom)}</span>
                  <span class="to">
                    {' '}至 {validityEnd(p.validTo)}
                  </span>
                  <span class="tz" lang="en">
                    China time (UTC+8)
                  </span>
                </dd>
              </div>
              <div>
                <dt>
                  <Label k="pass.enterprise" />
                </dt>
                <dd class="enterprise">{p.enterpriseName}</dd>
              </div>
              {props.dutyPhone && (
                <div>
                  <dt>
                    <Label k="pass.duty_phone" />
                  </dt>
                  <dd class="mono">{props.dutyPhone}</dd>
                </div>
              )}
              <div>
                <dt>
                  <Label k="pass.origin" />
                </dt>
                <dd>
                  <span class="mono">{p.originRegion}</span> {regionName}
                </dd>
              </div>
              <div>
                <dt>
                  <Label k="pass.destination" />
                </dt>
                <dd class="destination">{p.destination}</dd>
              </div>
              <div>
                <dt>
                  <Label k="pass.cargo" />
                </dt>
                <dd>
                  {zh(`pass.cargo.${p.cargoCategory}`)}{' '}
                  <span class="en" lang="en">
                    {en(`pass.cargo.${p.cargoCategory}`)}
                  </span>
                </dd>
              </div>
            </dl>
          </section>

          <table class="crew">
            <caption>
              <Label k="pass.people" />
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <Label k="pass.person_role" />
                </th>
                <th scope="col">
                  <Label k="pass.person_name" />
                </th>
                <th scope="col">
                  <Label k="pass.person_id" />
                </th>
              </tr>
            </thead>
            <tbody>
              {p.people.map((x) => (
                <tr>
                  <td>
                    {zh(`pass.role.${x.role}`)}{' '}
                    <span class="en" lang="en">
                      {en(`pass.role.${x.role}`)}
                    </span>
                  </td>
                  <th scope="row" class="name">
                    {x.name}
                  </th>
                  <td class="mono">{x.idMasked}</td>
                </tr>
              ))}
            </tbody>
          </table>

          {p.routeNote && (
            <p class="route-note">
              <span class="k">
                <Label k="pass.route_note" />
              </span>{' '}
              {p.routeNote}
            </p>
          )}

          <section class="instructions">
            <p class="scan">
              <span class="zh">{zh('print.scan')}</span>
              <span class="en" lang="en">
                {en('print.scan')}
              </span>
            </p>
            <p class="rules">
              <span class="zh">{zh('print.rules')}</span>
              <span class="en" lang="en">
                {en('print.rules')}
              </span>
            </p>
          </section>

          <footer class="sheet-foot">
            <p>
              <span class="k">
                <Label k="print.issued_by" />
              </span>{' '}
              <strong>{zh('print.issuer')}</strong>
            </p>
            {p.decidedAt && (
              <p>
                <span class="k">
                  <Label k="print.issued_at" />
                </span>{' '}
                {chinaDateTime(p.decidedAt)}
              </p>
            )}
            <p class="mono small">{p.passNo}</p>
          </footer>

          {expired && (
            <p class="stamp" aria-hidden="true">
              {zh('print.expired_stamp')}
            </p>
          )}
          </div>
        </main>
      </body>
    </html>
  );
}
