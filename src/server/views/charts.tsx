import type { ComponentChildren } from 'preact';
import { r2, type BarChartModel } from '../../core/charts/index.js';
import { useView } from './context.js';

/**
 * Fills that stay apart in colour and in grey print (light to dark
 * alternating); a series beyond the palette reuses it from the start.
 */
export const PALETTE = ['#2f6db5', '#e0a526', '#3f9b5a', '#c8463d', '#7b5ea7', '#5fb0c9', '#8a6d3b', '#444444'] as const;
export const fillOf = (series: number): string => PALETTE[series % PALETTE.length]!;

export interface BarChartProps {
  /** unique on the page: the title and description are referenced by id */
  id: string;
  title: string;
  /** a sentence for screen readers: what is counted, over what */
  desc: string;
  model: BarChartModel;
  seriesLabels: readonly string[];
  /** where a bar (or one stacked part) leads: its evidence; null for no link */
  href?: ((column: number, series: number) => string | null) | undefined;
  /** the total above each bar (small charts leave it out) */
  totals?: boolean;
}

/**
 * One bar chart as inline SVG: axis with ticks, bars (stacked when there are
 * several series), x labels, a <title>/<desc> pair for assistive technology and
 * a tooltip per bar. No script; prints as drawn. Text goes through Preact, so
 * labels are escaped like any other text.
 */
export function BarChart(props: BarChartProps) {
  const m = props.model;
  const { plot } = m;
  const baseY = plot.y + plot.h;
  return (
    <svg
      class="chart"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${m.width} ${m.height}`}
      width={m.width}
      height={m.height}
      role="img"
      aria-labelledby={`${props.id}-t ${props.id}-d`}
    >
      <title id={`${props.id}-t`}>{props.title}</title>
      <desc id={`${props.id}-d`}>{props.desc}</desc>
      <g class="chart-axis">
        {m.ticks.map((t) => (
          <g>
            <line x1={plot.x} x2={plot.x + plot.w} y1={t.y} y2={t.y} stroke="#d0d0d0" stroke-width="1" />
            <text x={plot.x - 4} y={r2(t.y + 4)} text-anchor="end" font-size="10">
              {t.value}
            </text>
          </g>
        ))}
        <line x1={plot.x} x2={plot.x + plot.w} y1={baseY} y2={baseY} stroke="#333" stroke-width="1" />
      </g>
      <g class="chart-bars">
        {m.columns.map((c) =>
          c.segments.map((s) => {
            const rect = (
              <rect x={s.x} y={s.y} width={s.w} height={s.h} fill={fillOf(s.series)}>
                <title>{`${c.category}${props.seriesLabels.length > 1 ? ` · ${props.seriesLabels[s.series] ?? ''}` : ''}: ${s.value}`}</title>
              </rect>
            );
            const href = props.href?.(c.index, s.series) ?? null;
            return href ? <a href={href}>{rect}</a> : rect;
          }),
        )}
      </g>
      {props.totals !== false && (
        <g class="chart-totals">
          {m.columns
            .filter((c) => c.total > 0)
            .map((c) => (
              <text x={c.cx} y={r2(Math.min(...c.segments.map((s) => s.y)) - 2)} text-anchor="middle" font-size="9">
                {c.total}
              </text>
            ))}
        </g>
      )}
      <g class="chart-labels">
        {m.columns
          .filter((c) => c.index % m.labelEvery === 0)
          .map((c) => (
            <text x={c.cx} y={r2(baseY + 14)} text-anchor="middle" font-size="10">
              {c.category}
            </text>
          ))}
      </g>
    </svg>
  );
}

/** The series' colours and names, for a stacked chart. */
export function Legend({ labels }: { labels: readonly string[] }) {
  return (
    <ul class="chart-legend">
      {labels.map((l, i) => (
        <li>
          <svg width="10" height="10" aria-hidden="true" focusable="false">
            <rect width="10" height="10" fill={fillOf(i)} />
          </svg>{' '}
          {l}
        </li>
      ))}
    </ul>
  );
}

/**
 * The numbers behind a chart, for screen readers and print (the print
 * stylesheet opens it): rows with a header cell, then one column per value.
 */
export function ChartData(props: { caption: string; head: readonly string[]; rows: ReadonlyArray<{ label: ComponentChildren; cells: readonly ComponentChildren[] }> }) {
  const { t } = useView();
  return (
    <details class="chart-data">
      <summary>{t('dash.data_table')}</summary>
      <div class="table-wrap">
        <table class="data">
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              {props.head.map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                {r.cells.map((c) => (
                  <td class="num">{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
