import { Layout, Notice } from '../../views/layout.js';
import { useView } from '../../views/context.js';
import { FilterForm } from '../../views/filter-form.js';
import { Field, SelectField } from '../../views/fields.js';
import { DateTime } from '../../views/time.js';
import { withQuery } from '../../views/pagination.js';
import { BarChart, ChartData, Legend } from '../../views/charts.js';
import { barChart, niceTicks } from '../../../core/charts/index.js';
import type { MessageKey } from '../../i18n/messages.js';
import { HANDOVER_EDGES_MIN, QUEUE_LONG, UNSEEN_AFTER_SEC, type DashboardData, type DeviceIssue } from './service.js';
import type { DashboardRange } from './schema.js';
import { dayOf } from '../isolation/schema.js';

type T = ReturnType<typeof useView>['t'];

export function decisionLabel(t: T, d: string): string {
  const key = d === 'CUSTODY' ? 'dash.decision.CUSTODY' : (`rules.decision.${d}` as MessageKey);
  return `${t(key as MessageKey)} ${d}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The check search's filters for one bucket of the period (an hour as instants with offset, a day as a China date). */
function bucketFilter(r: DashboardRange, key: string | number): Record<string, string> {
  if (typeof key === 'number') {
    const next = key === 23 ? null : key + 1;
    const to = next === null ? `${new Date((dayOf(r.day) + 1) * 86_400_000).toISOString().slice(0, 10)}T00:00:00+08:00` : `${r.day}T${pad2(next)}:00:00+08:00`;
    return { from: `${r.day}T${pad2(key)}:00:00+08:00`, to };
  }
  return { from: key, to: key };
}

/** The check search for the whole period, narrowed by `extra`. */
export function checksHref(r: DashboardRange, extra: Record<string, string | number | undefined> = {}): string {
  return withQuery('/bureau/checks', { from: r.firstDay, to: r.day, checkpoint: r.checkpointId, ...extra });
}

function Figure(props: { n: number | string; label: string; href?: string | undefined; warn?: boolean }) {
  const num = <span class="figure-n">{props.n}</span>;
  return (
    <div class={`figure${props.warn ? ' figure-warn' : ''}`}>
      {props.href ? <a href={props.href}>{num}</a> : num}
      <span class="figure-label">{props.label}</span>
    </div>
  );
}

export interface DashboardPageProps {
  data: DashboardData;
  checkpoints: Array<{ id: number; name: string }>;
  values: Record<string, string>;
  invalid?: boolean;
}

export function DashboardPage({ data, checkpoints, values, invalid }: DashboardPageProps) {
  const { t } = useView();
  const r = data.range;
  const periodText = r.firstDay === r.day ? r.day : t('dash.period_label', { from: r.firstDay, to: r.day });
  const keyLabel = (k: string | number) => (typeof k === 'number' ? pad2(k) : k.slice(5));
  const keyName = (k: string | number) => (typeof k === 'number' ? t('dash.hour', { h: pad2(k) }) : k);
  const categories = data.keys.map(keyLabel);
  const chartW = 680;

  // (1) checks per interval, stacked by decision.
  const shown = data.decisions.filter((d) => d.total > 0);
  const stacked = barChart({ categories, series: shown.map((d) => d.decision), values: shown.map((d) => d.perBucket), width: chartW, height: 240 });
  // Small multiples share one scale so their bars compare.
  const cpMax = niceTicks(Math.max(0, ...data.checkpoints.flatMap((c) => c.perBucket)), 3).max;
  // (2) decisions.
  const decisionChart = barChart({ categories: data.decisions.map((d) => d.decision), series: ['n'], values: [data.decisions.map((d) => d.total)], width: 420, height: 200 });
  // (5) handover histogram.
  const edges = HANDOVER_EDGES_MIN;
  const bucketLabels = [`<${edges[0]}`, ...edges.slice(1).map((e, i) => `${edges[i]}–${e}`), `≥${edges[edges.length - 1]}`];
  const handoverChart = barChart({ categories: bucketLabels, series: ['n'], values: [data.handover.buckets], width: 420, height: 200 });
  const minutes = (m: number | null) => (m === null ? '—' : t('dash.handover.minutes', { m: Math.round(m) }));
  const share = (n: number, of: number) => (of === 0 ? '—' : `${((n / of) * 100).toFixed(1)}%`);
  const escortsHref = (extra: Record<string, string | undefined>) => withQuery('/bureau/escorts', { checkpointId: r.checkpointId === undefined ? undefined : String(r.checkpointId), ...extra });

  return (
    <Layout title={t('dash.title')}>
      <p class="hint no-print">{t('dash.hint')}</p>
      {invalid && (
        <Notice kind="error">
          <p>{t('dash.invalid')}</p>
        </Notice>
      )}
      <FilterForm action="/bureau/dashboard" submit={t('dash.show')}>
        <Field name="day" type="date" label={t('dash.day')} value={values.day ?? r.day} />
        <SelectField name="period" label={t('dash.period')} value={values.period ?? r.period} options={[['day', t('dash.period.day')], ['week', t('dash.period.week')]]} />
        <SelectField name="checkpoint" label={t('dash.checkpoint')} value={values.checkpoint} placeholder={t('dash.all_checkpoints')} options={checkpoints.map((c) => [String(c.id), c.name])} />
      </FilterForm>
      <p class="dash-period">
        <strong>{periodText}</strong> · {r.checkpointId === undefined ? t('dash.all_checkpoints') : (checkpoints.find((c) => c.id === r.checkpointId)?.name ?? `#${r.checkpointId}`)}
      </p>

      <section class="card dash-panel" id="checks">
        <h2>{t('dash.checks.title')}</h2>
        <div class="figures">
          <Figure n={data.totalChecks} label={t('dash.checks.count')} href={checksHref(r)} />
        </div>
        <h3>{r.period === 'day' ? t('dash.checks.by_hour') : t('dash.checks.by_day')}</h3>
        <BarChart
          id="chart-checks"
          title={r.period === 'day' ? t('dash.checks.by_hour') : t('dash.checks.by_day')}
          desc={t('dash.checks.desc', { period: periodText, n: data.totalChecks })}
          model={stacked}
          seriesLabels={shown.map((d) => decisionLabel(t, d.decision))}
          href={(c, s) => checksHref(r, { ...bucketFilter(r, data.keys[c]!), decision: shown[s]!.decision })}
        />
        <Legend labels={shown.map((d) => decisionLabel(t, d.decision))} />
        <ChartData
          caption={r.period === 'day' ? t('dash.checks.by_hour') : t('dash.checks.by_day')}
          head={[t('dash.interval'), ...shown.map((d) => d.decision), t('dash.total')]}
          rows={data.keys.map((k, i) => ({
            label: keyName(k),
            cells: [
              ...shown.map((d) => (d.perBucket[i]! > 0 ? <a href={checksHref(r, { ...bucketFilter(r, k), decision: d.decision })}>{d.perBucket[i]}</a> : '0')),
              shown.reduce((a, d) => a + d.perBucket[i]!, 0),
            ],
          }))}
        />
        {data.checkpoints.length > 0 && (
          <>
            <h3>{t('dash.checks.per_checkpoint')}</h3>
            <div class="multiples">
              {data.checkpoints.map((c, i) => (
                <figure class="multiple">
                  <figcaption>
                    <a href={checksHref(r, { checkpoint: c.checkpointId })}>{c.name}</a> · {c.total}
                  </figcaption>
                  <BarChart
                    id={`chart-cp-${i}`}
                    title={c.name}
                    desc={t('dash.checks.cp_desc', { name: c.name, period: periodText, n: c.total })}
                    model={barChart({ categories, series: ['n'], values: [c.perBucket], width: 220, height: 110, max: cpMax })}
                    seriesLabels={[c.name]}
                    href={(col) => checksHref(r, { ...bucketFilter(r, data.keys[col]!), checkpoint: c.checkpointId })}
                    totals={false}
                  />
                </figure>
              ))}
            </div>
            <ChartData
              caption={t('dash.checks.per_checkpoint')}
              head={[t('dash.checkpoint'), t('dash.total'), ...data.keys.map(keyLabel)]}
              rows={data.checkpoints.map((c) => ({
                label: <a href={checksHref(r, { checkpoint: c.checkpointId })}>{c.name}</a>,
                cells: [c.total, ...c.perBucket],
              }))}
            />
          </>
        )}
      </section>

      <section class="card dash-panel" id="decisions">
        <h2>{t('dash.decisions.title')}</h2>
        <BarChart
          id="chart-decisions"
          title={t('dash.decisions.title')}
          desc={t('dash.decisions.desc', { period: periodText })}
          model={decisionChart}
          seriesLabels={[t('dash.count')]}
          href={(c) => checksHref(r, { decision: data.decisions[c]!.decision })}
        />
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('dash.decision')}</th>
                <th scope="col">{t('dash.count')}</th>
                <th scope="col">{t('dash.share')}</th>
              </tr>
            </thead>
            <tbody>
              {data.decisions.map((d) => (
                <tr>
                  <th scope="row">{decisionLabel(t, d.decision)}</th>
                  <td class="num" data-decision={d.decision}>
                    <a href={checksHref(r, { decision: d.decision })}>{d.total}</a>
                  </td>
                  <td class="num">{share(d.total, data.totalChecks)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section class="card dash-panel" id="fever">
        <h2>{t('dash.fever.title')}</h2>
        <div class="figures">
          <Figure n={data.fever.total} label={t('dash.fever.title')} href={checksHref(r, { fever: '1' })} warn={data.fever.total > 0} />
          <Figure n={data.fever.hold} label={t('dash.fever.hold')} href={checksHref(r, { fever: '1', decision: 'HOLD' })} />
        </div>
        {data.fever.byCheckpoint.length > 0 ? (
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('dash.checkpoint')}</th>
                  <th scope="col">{t('dash.fever.title')}</th>
                  <th scope="col">{t('dash.fever.hold')}</th>
                </tr>
              </thead>
              <tbody>
                {data.fever.byCheckpoint.map((f) => (
                  <tr>
                    <th scope="row">{f.name}</th>
                    <td class="num">
                      <a href={checksHref(r, { fever: '1', checkpoint: f.checkpointId })}>{f.n}</a>
                    </td>
                    <td class="num">
                      <a href={checksHref(r, { fever: '1', decision: 'HOLD', checkpoint: f.checkpointId })}>{f.hold}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="hint">{t('dash.none')}</p>
        )}
      </section>

      <section class="card dash-panel" id="escorts">
        <h2>{t('dash.escorts.title')}</h2>
        <div class="figures">
          <Figure n={data.escorts.active} label={t('dash.escorts.active')} href={escortsHref({ status: 'active' })} />
          <Figure n={data.escorts.overdue} label={t('dash.escorts.overdue')} href={escortsHref({ status: 'active', overdue: 'yes' })} warn={data.escorts.overdue > 0} />
        </div>
        <ul class="dash-list">
          {(['open', 'dispatched', 'in_transit', 'arrived'] as const).map((s) => (
            <li>
              {t(`dash.escorts.status.${s}`)}: <a href={escortsHref({ status: s })}>{data.escorts.byStatus[s] ?? 0}</a>
            </li>
          ))}
          {(['wait', 'transit'] as const).map((k) => (
            <li>
              {t(`dash.escorts.kind.${k}`)}: <a href={escortsHref({ status: 'active', overdue: 'yes' })}>{data.escorts.overdueKinds[k]}</a>
            </li>
          ))}
        </ul>
      </section>

      <section class="card dash-panel" id="handover">
        <h2>{t('dash.handover.title')}</h2>
        <p>
          <a href={checksHref(r, { decision: 'ESCORT' })}>
            {t('dash.handover.summary', { n: data.handover.escortChecks, done: data.handover.handedOver, pending: data.handover.pending })}
          </a>
        </p>
        <div class="figures">
          <Figure n={minutes(data.handover.median)} label={t('dash.handover.median')} />
          <Figure n={minutes(data.handover.p90)} label={t('dash.handover.p90')} />
        </div>
        <BarChart id="chart-handover" title={t('dash.handover.title')} desc={t('dash.handover.desc')} model={handoverChart} seriesLabels={[t('dash.count')]} />
        <ChartData
          caption={t('dash.handover.title')}
          head={[t('dash.handover.bucket'), t('dash.count')]}
          rows={bucketLabels.map((b, i) => ({ label: b, cells: [data.handover.buckets[i]!] }))}
        />
      </section>

      <section class="card dash-panel" id="isolation">
        <h2>{t('dash.isolation.title')}</h2>
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col"></th>
                <th scope="col">{t('dash.isolation.unrecorded')}</th>
                <th scope="col">{t('dash.isolation.end_overdue')}</th>
                <th scope="col">{t('dash.isolation.ending_today')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('dash.isolation.escort')}</th>
                <td class="num"><a href={escortsHref({ status: 'active', overdue: 'yes' })}>{data.isolation.escortUnrecorded}</a></td>
                <td class="num"><a href={escortsHref({ status: 'active', overdue: 'yes' })}>{data.isolation.escortEndOverdue}</a></td>
                <td class="num"><a href={escortsHref({ status: 'arrived' })}>{data.isolation.escortEndingToday}</a></td>
              </tr>
              <tr>
                <th scope="row">{t('dash.isolation.custody')}</th>
                <td class="num"><a href="/bureau/custody?status=active&amp;overdue=yes">{data.isolation.custodyUnrecorded}</a></td>
                <td class="num"><a href="/bureau/custody?status=active&amp;overdue=yes">{data.isolation.custodyEndOverdue}</a></td>
                <td class="num"><a href="/bureau/custody?status=isolating">{data.isolation.custodyEndingToday}</a></td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section class="card dash-panel" id="devices">
        <h2>{t('dash.devices.title')}</h2>
        <p class="hint">
          {t('dash.devices.summary', {
            n: data.devices.counts.active,
            max: Math.round(data.devices.maxAgeSec / 3600),
            warn: Math.round(data.devices.warnAgeSec / 3600),
            queue: QUEUE_LONG,
            unseen: UNSEEN_AFTER_SEC / 3600,
          })}
        </p>
        <div class="figures">
          {(['stale', 'aging', 'queue', 'unseen'] as const).map((k) => (
            <Figure n={data.devices.counts[k]} label={t(`dash.devices.issue.${k}`)} href={`#devices-list`} warn={data.devices.counts[k] > 0 && k !== 'aging'} />
          ))}
        </div>
        {data.devices.rows.length === 0 ? (
          <p class="hint">{t('dash.devices.all_fine')}</p>
        ) : (
          <div class="table-wrap" id="devices-list">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('dash.devices.device')}</th>
                  <th scope="col">{t('dash.checkpoint')}</th>
                  <th scope="col">{t('dash.devices.bundle_age')}</th>
                  <th scope="col">{t('dash.devices.queue')}</th>
                  <th scope="col">{t('dash.devices.last_seen')}</th>
                  <th scope="col">{t('dash.devices.issues')}</th>
                </tr>
              </thead>
              <tbody>
                {data.devices.rows.map((d) => (
                  <tr>
                    <th scope="row">
                      <a href={withQuery('/bureau/checks', { device: d.id })}>{d.label ?? d.id}</a>
                    </th>
                    <td>{d.checkpointName}</td>
                    <td class="num">{d.bundleAgeNow === null ? '—' : t('dash.devices.hours', { h: (d.bundleAgeNow / 3600).toFixed(1) })}</td>
                    <td class="num">{d.queueLength ?? '—'}</td>
                    <td>{d.lastSeenAt ? <DateTime value={d.lastSeenAt} /> : '—'}</td>
                    <td>
                      {d.issues.map((i: DeviceIssue) => (
                        <span class={`badge ${i === 'aging' ? '' : 'badge-off'}`} data-issue={i}>
                          {t(`dash.devices.issue.${i}`)}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}
