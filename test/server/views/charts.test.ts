import t from 'tap';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ViewCtx } from '../../../src/server/views/context.js';
import { BarChart, ChartData, Legend, fillOf } from '../../../src/server/views/charts.js';
import { barChart } from '../../../src/core/charts/index.js';

const render = (node: VNode<any>, locale: 'zh' | 'en' = 'en') =>
  renderToString(h(ViewCtx.Provider, { value: { locale, actor: null, csrfToken: 'x', path: '/', returnUrl: '/' } }, node));

t.test('BarChart: the model drawn as SVG, accessible, with links', async (t) => {
  const model = barChart({ categories: ['a', 'b'], series: ['n'], values: [[1, 3]], width: 100, height: 60 });
  const svg = render(h(BarChart, { id: 'c1', title: 'Checks', desc: 'Two bars', model, seriesLabels: ['n'], href: (c: number) => (c === 1 ? '/x?c=1' : null) }));
  t.match(svg, /^<svg class="chart" xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 100 60" width="100" height="60" role="img" aria-labelledby="c1-t c1-d">/);
  t.match(svg, '<title id="c1-t">Checks</title><desc id="c1-d">Two bars</desc>');
  t.match(svg, `<rect x="43.9" y="27.33" width="18.2" height="8.67" fill="${fillOf(0)}"><title>a: 1</title></rect>`, 'bar a, not linked');
  t.match(svg, `<a href="/x?c=1"><rect x="69.9" y="10" width="18.2" height="26" fill="${fillOf(0)}"><title>b: 3</title></rect></a>`, 'bar b, linked');
  t.match(svg, /<text x="36" y="40" text-anchor="end" font-size="10">0<\/text>/, 'tick 0 at the base line');
  t.match(svg, /<text x="53" y="50" text-anchor="middle" font-size="10">a<\/text>/, 'x label under its bar');
  t.match(svg, /<text x="79" y="8" text-anchor="middle" font-size="9">3<\/text>/, 'total above the bar');
});

t.test('BarChart: labels and titles are escaped', async (t) => {
  const model = barChart({ categories: ['<script>alert(1)</script>'], series: ['a&b'], values: [[2]], width: 100, height: 60 });
  const svg = render(h(BarChart, { id: 'c2', title: '"><img src=x>', desc: '<b>', model, seriesLabels: ['a&b'] }));
  t.notMatch(svg, '<script>');
  t.notMatch(svg, '<img');
  t.match(svg, '&lt;script>alert(1)&lt;/script>');
  t.match(svg, '<title id="c2-t">&quot;>&lt;img src=x></title>');
});

t.test('BarChart: empty data draws the axis only', async (t) => {
  const model = barChart({ categories: [], series: ['n'], values: [[]], width: 100, height: 60 });
  const svg = render(h(BarChart, { id: 'c3', title: 'None', desc: 'No data', model, seriesLabels: ['n'] }));
  t.notMatch(svg, '<rect');
  t.match(svg, '>0</text>');
  t.match(svg, '>1</text>');
});

t.test('Legend and ChartData', async (t) => {
  const legend = render(h(Legend, { labels: ['放行', 'Hold'] }));
  t.match(legend, `fill="${fillOf(1)}"`);
  t.match(legend, 'Hold');
  const data = render(h(ChartData, { caption: 'Cap', head: ['Hour', 'n'], rows: [{ label: '00:00', cells: [4] }] }), 'zh');
  t.match(data, '<details class="chart-data"><summary>数据表</summary>');
  t.match(data, '<th scope="row">00:00</th><td class="num">4</td>');
});
