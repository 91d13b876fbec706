import t from 'tap';
import { barChart, bucketCounts, niceTicks, quantile } from '../../../src/core/charts/index.js';

t.test('niceTicks: whole steps of 1, 2 or 5 × 10^k from 0, an axis even for no data', async (t) => {
  t.same(niceTicks(3), { max: 3, step: 1, values: [0, 1, 2, 3] });
  t.same(niceTicks(7), { max: 8, step: 2, values: [0, 2, 4, 6, 8] });
  t.same(niceTicks(95), { max: 100, step: 20, values: [0, 20, 40, 60, 80, 100] });
  t.same(niceTicks(0), { max: 1, step: 1, values: [0, 1] }, 'all zero: 0–1');
  t.same(niceTicks(Number.NaN), { max: 1, step: 1, values: [0, 1] });
  t.same(niceTicks(1e9).max, 1e9);
  t.equal(niceTicks(1e9).step, 2e8);
});

t.test('barChart: exact geometry of two bars', async (t) => {
  // plot: x 40, y 10, w 52, h 26; two bands of 26, bars 18.2 wide; axis 0–3.
  const m = barChart({ categories: ['a', 'b'], series: ['n'], values: [[1, 3]], width: 100, height: 60 });
  t.same(m.plot, { x: 40, y: 10, w: 52, h: 26 });
  t.equal(m.max, 3);
  t.same(m.ticks, [{ value: 0, y: 36 }, { value: 1, y: 27.33 }, { value: 2, y: 18.67 }, { value: 3, y: 10 }]);
  t.same(m.columns, [
    { index: 0, category: 'a', total: 1, cx: 53, segments: [{ series: 0, value: 1, x: 43.9, y: 27.33, w: 18.2, h: 8.67 }] },
    { index: 1, category: 'b', total: 3, cx: 79, segments: [{ series: 0, value: 3, x: 69.9, y: 10, w: 18.2, h: 26 }] },
  ]);
  t.equal(m.labelEvery, 1);
});

t.test('barChart: stacked parts sit on each other, zero parts are left out', async (t) => {
  const m = barChart({ categories: ['a', 'b'], series: ['x', 'y'], values: [[1, 3], [2, 0]], width: 100, height: 60 });
  t.same(m.columns[0]!.segments, [
    { series: 0, value: 1, x: 43.9, y: 27.33, w: 18.2, h: 8.67 },
    { series: 1, value: 2, x: 43.9, y: 10, w: 18.2, h: 17.33 },
  ]);
  t.same(m.columns[1]!.segments.map((s) => s.series), [0], 'a zero part draws nothing');
  t.equal(m.columns[0]!.total, 3);
});

t.test('barChart: no data, negative and non-finite values', async (t) => {
  const empty = barChart({ categories: [], series: ['n'], values: [[]], width: 100, height: 60 });
  t.same(empty.columns, []);
  t.same(empty.ticks.map((x) => x.value), [0, 1]);
  const zeros = barChart({ categories: ['a', 'b'], series: ['n'], values: [[0, -5]], width: 100, height: 60 });
  t.same(zeros.columns.map((c) => c.segments.length), [0, 0]);
  t.same(zeros.columns.map((c) => c.total), [0, 0]);
  const odd = barChart({ categories: ['a'], series: ['n'], values: [[Number.NaN]], width: 100, height: 60 });
  t.same(odd.columns[0]!.segments, []);
});

t.test('barChart: one huge bar fills the plot and the others keep their true (tiny) height', async (t) => {
  const m = barChart({ categories: ['a', 'b'], series: ['n'], values: [[1, 1e9]], width: 100, height: 60 });
  t.equal(m.max, 1e9);
  t.same(m.columns[1]!.segments[0], { series: 0, value: 1e9, x: 69.9, y: 10, w: 18.2, h: 26 });
  t.equal(m.columns[0]!.segments[0]!.h, 0, 'one in a billion is no visible height');
  t.equal(m.columns[0]!.segments[0]!.value, 1, 'but its value is kept for the tooltip and the table');
  t.ok(m.ticks.every((x) => x.y >= 10 && x.y <= 36), 'ticks inside the plot');
});

t.test('barChart: a shared max (small multiples) and thinned labels', async (t) => {
  const m = barChart({ categories: ['a'], series: ['n'], values: [[2]], width: 100, height: 60, max: 4 });
  t.equal(m.max, 4);
  t.same(m.columns[0]!.segments[0]!.h, 13, 'half the axis');
  const many = barChart({ categories: Array.from({ length: 24 }, (_, i) => String(i)), series: ['n'], values: [Array(24).fill(1)], width: 220, height: 110 });
  // band = 172 / 24 ≈ 7.17 px, a two-digit label needs 16 px: every 3rd label
  t.equal(many.labelEvery, 3);
  const days = barChart({ categories: ['11-24', '11-25', '11-26', '11-27', '11-28', '11-29', '11-30'], series: ['n'], values: [[1, 1, 1, 1, 1, 1, 1]], width: 220, height: 110 });
  t.equal(days.labelEvery, 2, 'MM-DD needs 34 px, the band is 24.6');
  const wide = barChart({ categories: ['放行', '留观'], series: ['n'], values: [[1, 1]], width: 100, height: 60 });
  t.equal(wide.labelEvery, 2, 'two CJK characters need 28 px, the band is 26: every 2nd');
});

t.test('quantile (nearest rank) and bucketCounts', async (t) => {
  t.equal(quantile([], 0.5), null);
  t.equal(quantile([5], 0.9), 5);
  t.equal(quantile([1, 2, 3, 4], 0.5), 2);
  t.equal(quantile([1, 2, 3, 4], 0.9), 4);
  t.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
  t.same(bucketCounts([0, 14.9, 15, 59, 60, 1000], [15, 30, 60]), [2, 1, 1, 2]);
  t.same(bucketCounts([], [15, 30]), [0, 0, 0]);
});

t.test('niceTicks: an infinite maximum is no data, not an endless axis', async (t) => {
  t.same(niceTicks(Number.POSITIVE_INFINITY), { max: 1, step: 1, values: [0, 1] });
  t.same(niceTicks(-3), { max: 1, step: 1, values: [0, 1] });
  t.same(niceTicks(10), { max: 10, step: 2, values: [0, 2, 4, 6, 8, 10] }, 'step exactly the raw step: 10 / 5 = 2');
  // The raw step above 5 × 10^k: the next power of ten.
  t.same(niceTicks(30), { max: 30, step: 10, values: [0, 10, 20, 30] }, 'raw step 6: 10');
  t.same(niceTicks(2600), { max: 3000, step: 1000, values: [0, 1000, 2000, 3000] }, 'raw step 520: 1000');
});

t.test('barChart: an infinite value counts as 0, like any non-finite one', async (t) => {
  const m = barChart({ categories: ['a', 'b'], series: ['n'], values: [[Number.POSITIVE_INFINITY, 2]], width: 100, height: 60 });
  t.equal(m.max, 2);
  t.same(m.columns.map((c) => [c.total, c.segments.length]), [[0, 0], [2, 1]]);
});

t.test('barChart: a series with no row of values draws nothing and does not fail', async (t) => {
  // values[series][category]: a shorter values array (a series with no data yet) is read as zeros.
  const m = barChart({ categories: ['a'], series: ['x', 'y'], values: [[2]], width: 100, height: 60 });
  t.same(m.columns, [{ index: 0, category: 'a', total: 2, cx: 66, segments: [{ series: 0, value: 2, x: 47.8, y: 10, w: 36.4, h: 26 }] }]);
});

t.test('barChart: default size 640 × 220', async (t) => {
  const m = barChart({ categories: ['a'], series: ['n'], values: [[1]] });
  t.same([m.width, m.height], [640, 220]);
  t.same(m.plot, { x: 40, y: 10, w: 592, h: 186 });
});

t.test('barChart: wide characters from U+2E80 (CJK radicals) on count double', async (t) => {
  // One band of 52 px: 8 narrow characters need 52 px, 8 wide ones 100 px.
  const at = (label: string) => barChart({ categories: [label], series: ['n'], values: [[1]], width: 100, height: 60 }).labelEvery;
  t.equal(at('\u2e7f'.repeat(8)), 1, 'the last code point below the CJK blocks is narrow');
  t.equal(at('\u2e80'.repeat(8)), 2, 'the first CJK radical is wide');
});
