import { useView } from '../../views/context.js';
import { Layout, Notice } from '../../views/layout.js';
import { t, type MessageKey } from '../../i18n/messages.js';
import { lookupRegion } from '../../../core/validate/index.js';
import { chinaDateTime, validityEnd } from '../../views/time.js';

/** What the printed charter pass shows: charterService.printablePass(). No full ID number, no phone. */
export interface PrintableCharterPass {
  jti: string;
  runId: number;
  plate: string;
  driver: { name: string; id4: string };
  validFrom: string;
  validTo: string;
  originRegion: string;
  route: string;
  issuedAt: string;
  carrierName: string;
  checkpoints: string[];
  passengers: { place: number; name: string; id4: string; enterprise: string }[];
}

/**
 * The printed charter pass for the coach (包车通行证), like the freight pass sheet (passes/print.tsx):
 * Chinese with English underneath whatever the viewer's language, the toolbar in the viewer's.
 * The QR (level M, numeric mode) is inlined as a data: image (the CSP allows data: images), and
 * the passenger list follows in canonical manifest order: 乘客 n on the scanner's checklist is
 * number n here.
 */
export function CharterPrintPage(props: { pass: PrintableCharterPass; qrSvg: string; back: string }) {
  const view = useView();
  const { pass: p } = props;
  const region = lookupRegion(p.originRegion);
  const regionName = region ? [...region.parents.map((r) => r.name), region.name].join(' ') : '';
  const zh = (key: MessageKey) => t('zh', key);
  const en = (key: MessageKey) => t('en', key);
  const Label = ({ k }: { k: MessageKey }) => (
    <>
      <span class="zh">{zh(k)}</span>
      <span class="en" lang="en">{en(k)}</span>
    </>
  );
  const qrSrc = `data:image/svg+xml;base64,${Buffer.from(props.qrSvg).toString('base64')}`;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${p.plate} · ${zh('charter.print_title')} · ${p.jti}`}</title>
        <link rel="stylesheet" href="/static/print.css" />
        <script src="/static/print.js" defer></script>
      </head>
      <body class="print-page size-a4 charter-pass">
        <div class="print-toolbar" lang={view.locale === 'zh' ? 'zh-CN' : 'en'}>
          <a href={props.back} class="tb-back">← {view.t('charter.print_back')}</a>
          <button type="button" class="tb-print" data-print hidden>{view.t('print.button')}</button>
          <span class="tb-hint">{view.t('print.ctrl_p')}</span>
        </div>
        <main class="sheet" aria-label={zh('charter.print_title')}>
          <div class="frame">
            <header class="sheet-head">
              <p class="issuer"><Label k="print.issuer" /></p>
              <h1><Label k="charter.print_title" /></h1>
              <p class="pass-no">
                <span class="k"><Label k="charter.pass_no" /></span>
                <span class="v mono">{p.jti}</span>
              </p>
            </header>

            <section class="plate-row" aria-label={zh('charter.plate')}>
              <p class="k"><Label k="charter.plate" /></p>
              <p class="plate-big">{p.plate}</p>
            </section>

            <section class="main-row">
              <figure class="qr">
                <img src={qrSrc} alt={`${zh('print.scan_short')} ${p.jti}`} width={300} height={300} />
                <figcaption><Label k="print.scan_short" /></figcaption>
              </figure>
              <dl class="sheet-facts">
                <div class="validity">
                  <dt><Label k="charter.validity" /></dt>
                  <dd>
                    <span class="from">{chinaDateTime(p.validFrom)}</span>
                    <span class="to"> 至 {validityEnd(p.validTo)}</span>
                    <span class="tz" lang="en">China time (UTC+8)</span>
                  </dd>
                </div>
                <div>
                  <dt><Label k="charter.print_run" /></dt>
                  <dd class="mono">#{p.runId}</dd>
                </div>
                <div>
                  <dt><Label k="charter.driver" /></dt>
                  <dd>{p.driver.name} <span class="mono">…{p.driver.id4}</span></dd>
                </div>
                <div>
                  <dt><Label k="charter.print_count" /></dt>
                  <dd class="passenger-count">{p.passengers.length}</dd>
                </div>
                <div>
                  <dt><Label k="charter.origin" /></dt>
                  <dd><span class="mono">{p.originRegion}</span> {regionName}</dd>
                </div>
                <div>
                  <dt><Label k="charter.checkpoints" /></dt>
                  <dd class="checkpoints">{p.checkpoints.join('、')}</dd>
                </div>
                <div>
                  <dt><Label k="charter.carrier" /></dt>
                  <dd>{p.carrierName}</dd>
                </div>
              </dl>
            </section>

            <table class="crew manifest">
              <caption><Label k="charter.print_manifest" /></caption>
              <thead>
                <tr>
                  <th scope="col"><Label k="charter.print_place" /></th>
                  <th scope="col"><Label k="charter.print_name" /></th>
                  <th scope="col"><Label k="charter.print_id4" /></th>
                  <th scope="col"><Label k="charter.print_enterprise" /></th>
                </tr>
              </thead>
              <tbody>
                {p.passengers.map((x) => (
                  <tr>
                    <td class="mono">{x.place}</td>
                    <th scope="row" class="name">{x.name}</th>
                    <td class="mono">{x.id4}</td>
                    <td>{x.enterprise}</td>
                  </tr>
                ))}
              </tbody>
            </table>

            <p class="route-note">
              <span class="k"><Label k="charter.route" /></span> {p.route}
            </p>

            <section class="instructions">
              <p class="scan">
                <span class="zh">{zh('charter.print_scan')}</span>
                <span class="en" lang="en">{en('charter.print_scan')}</span>
              </p>
            </section>

            <footer class="sheet-foot">
              <p><span class="k"><Label k="print.issued_by" /></span> <strong>{zh('print.issuer')}</strong></p>
              <p><span class="k"><Label k="print.issued_at" /></span> {chinaDateTime(p.issuedAt)}</p>
              <p class="mono small">{p.jti}</p>
            </footer>
          </div>
        </main>
      </body>
    </html>
  );
}

/** In place of the print page once the retention run erased the run's pass (409). */
export function PassErasedPage(props: { back: string }) {
  const { t: tr } = useView();
  return (
    <Layout title={tr('charter.print_title')}>
      <Notice kind="error"><p>{tr('charter.err.pass_erased')}</p></Notice>
      <p><a href={props.back}>{tr('charter.print_back')}</a></p>
    </Layout>
  );
}
