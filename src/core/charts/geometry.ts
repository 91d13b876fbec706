/**
 * Chart geometry for the server-rendered SVG charts (the bureau dashboard):
 * pure functions from counts to rectangles, ticks and label positions, so the
 * exact drawing can be tested without a browser and the view only has to turn
 * the model into SVG elements (src/server/views/charts.tsx). Counts only: the
 * value axis starts at 0 and its ticks are whole numbers.
 */

/** Coordinates are rounded to hundredths: stable text in the SVG and in tests. */
export const r2 = (n: number): number => Math.round(n * 100) / 100;

export interface Ticks {
  /** the top of the axis (a multiple of step, at least the largest value) */
  max: number;
  step: number;
  values: number[];
}

/**
 * Ticks for a count axis from 0: about `target` steps of 1, 2 or 5 × 10^k
 * (never a fraction), so the labels read as round numbers. An empty or
 * all-zero chart still gets an axis 0–1, drawn with no bars.
 */
export function niceTicks(maxValue: number, target = 5): Ticks {
  const top = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 1;
  const raw = Math.max(1, top / target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  // mag <= raw < 10 × mag, so when 1, 2 and 5 × mag are all too small, 10 × mag is the step.
  const step = [1, 2, 5].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const max = Math.ceil(top / step) * step;
  const values: number[] = [];
  for (let v = 0; v <= max; v += step) values.push(v);
  return { max, step, values };
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BarChartInput {
  /** the x axis, left to right */
  categories: readonly string[];
  /** the stacked parts of each bar, bottom up (one for a plain bar chart) */
  series: readonly string[];
  /** values[series][category]; negative or non-finite values count as 0 */
  values: ReadonlyArray<ReadonlyArray<number>>;
  width?: number;
  height?: number;
  /** a shared top of the axis (small multiples compare at one scale) */
  max?: number;
}

export interface Segment extends Rect {
  series: number;
  value: number;
}

export interface Column {
  index: number;
  category: string;
  total: number;
  /** the band's centre: where the x label and the total go */
  cx: number;
  segments: Segment[];
}

export interface BarChartModel {
  width: number;
  height: number;
  plot: Rect;
  ticks: Array<{ value: number; y: number }>;
  max: number;
  columns: Column[];
  /** show every n-th x label (1 = all) so labels never overlap */
  labelEvery: number;
}

export const MARGIN = { top: 10, right: 8, bottom: 24, left: 40 } as const;
/** A bar fills this share of its band; the rest is the gap. */
export const BAR_SHARE = 0.7;
/** Label width estimate at the 10 px font: per character (wide CJK counts double) plus a gap. */
const CHAR_PX = 6;
const LABEL_GAP_PX = 4;
const labelPx = (s: string): number => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1) * CHAR_PX, 0) + LABEL_GAP_PX;

// A missing value (a series row shorter than the categories) is 0.
const clean = (v = 0): number => (Number.isFinite(v) ? Math.max(0, v) : 0);

/**
 * Vertical bars, stacked when there is more than one series. Heights are
 * proportional to the value against the axis top (the nice tick above the
 * largest total, or `max`); a value too small to see keeps its true height.
 */
export function barChart(input: BarChartInput): BarChartModel {
  const width = input.width ?? 640;
  const height = input.height ?? 220;
  const plot: Rect = { x: MARGIN.left, y: MARGIN.top, w: width - MARGIN.left - MARGIN.right, h: height - MARGIN.top - MARGIN.bottom };
  const n = input.categories.length;
  const totals = input.categories.map((_, c) => input.series.reduce((sum, _s, s) => sum + clean(input.values[s]?.[c]), 0));
  const ticks = niceTicks(Math.max(input.max ?? 0, ...totals, 0));
  const yOf = (v: number) => plot.y + plot.h - (v / ticks.max) * plot.h;
  const band = plot.w / Math.max(1, n);
  const barW = band * BAR_SHARE;
  const columns: Column[] = input.categories.map((category, c) => {
    const x = plot.x + c * band + (band - barW) / 2;
    let base = 0;
    const segments: Segment[] = [];
    input.series.forEach((_, s) => {
      const value = clean(input.values[s]?.[c]);
      if (value === 0) return;
      const top = yOf(base + value);
      segments.push({ series: s, value, x: r2(x), y: r2(top), w: r2(barW), h: r2(yOf(base) - top) });
      base += value;
    });
    return { index: c, category, total: totals[c]!, cx: r2(plot.x + c * band + band / 2), segments };
  });
  return {
    width,
    height,
    plot,
    ticks: ticks.values.map((value) => ({ value, y: r2(yOf(value)) })),
    max: ticks.max,
    columns,
    labelEvery: Math.max(1, Math.ceil(Math.max(0, ...input.categories.map(labelPx)) / band)),
  };
}

/** The `q` quantile (0–1) of sorted numbers, nearest rank; null when there are none. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/**
 * Counts per bucket: `edges` are the upper bounds (exclusive) of all but the
 * last bucket, ascending; a value at or above the last edge goes to the last
 * bucket. Returns edges.length + 1 counts.
 */
export function bucketCounts(values: readonly number[], edges: readonly number[]): number[] {
  const out = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    const i = edges.findIndex((e) => v < e);
    out[i === -1 ? edges.length : i]! += 1;
  }
  return out;
}
