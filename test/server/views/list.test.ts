import t from 'tap';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ViewCtx } from '../../../src/server/views/context.js';
import { Pager, withQuery } from '../../../src/server/views/pagination.js';
import { DataTable } from '../../../src/server/views/table.js';
import { Badge } from '../../../src/server/views/badge.js';

// The shared pieces of the list pages (no JSX here: tap runs *.test.ts only).
const render = (node: VNode<any>) => renderToString(h(ViewCtx.Provider, { value: { locale: 'en', actor: null, csrfToken: 'x', path: '/', returnUrl: '/' } }, node));

t.test('withQuery leaves out empty values and page 1', async (t) => {
  t.equal(withQuery('/l', {}), '/l');
  t.equal(withQuery('/l', { q: '', status: undefined, page: 1 }), '/l');
  t.equal(withQuery('/l', { q: 'a b', status: 'all', page: 2 }), '/l?q=a+b&status=all&page=2');
  t.equal(withQuery('/l', { enterpriseId: 3, page: 1 }), '/l?enterpriseId=3');
});

t.test('Pager links only to pages that exist', async (t) => {
  const at = (page: number) => render(h(Pager, { page, total: 5, pageSize: 2, href: (p: number) => `/l?page=${p}` }));
  t.notMatch(at(1), 'rel="prev"');
  t.match(at(1), '<a href="/l?page=2" rel="next">');
  t.match(at(2), '<a href="/l?page=1" rel="prev">');
  t.match(at(2), '<a href="/l?page=3" rel="next">');
  t.notMatch(at(3), 'rel="next"');
});

t.test('DataTable: labels, row headers, left-out columns, empty text', async (t) => {
  type Row = { id: number; name: string };
  const rows: Row[] = [{ id: 1, name: 'A' }];
  const html = render(
    h(DataTable<Row>, {
      class: 'things',
      rows,
      rowClass: (r) => (r.id === 1 ? 'first' : undefined),
      columns: [{ label: 'Name', rowHeader: true, cell: (r) => r.name }, false, { label: 'Id', class: 'mono', headClass: 'num', cell: (r) => r.id }],
    }),
  );
  t.equal(
    html,
    '<div class="table-wrap"><table class="data things"><thead><tr><th scope="col">Name</th><th scope="col" class="num">Id</th></tr></thead>' +
      '<tbody><tr class="first"><th scope="row" data-label="Name">A</th><td data-label="Id" class="mono">1</td></tr></tbody></table></div>',
  );
  const nameOnly = [{ label: 'Name', cell: (r: Row) => r.name }];
  t.equal(render(h(DataTable<Row>, { rows: [], empty: 'None', columns: nameOnly })), '<p class="empty">None</p>');
  t.match(render(h(DataTable<Row>, { rows: [], columns: nameOnly })), '<tbody></tbody>', 'no empty text: an empty table');
  t.notMatch(render(h(DataTable<Row>, { bare: true, rows, columns: nameOnly })), 'table-wrap');
  t.match(render(h(DataTable<Row>, { rows, columns: [{ label: 'Pick', unlabelled: true, class: 'check', cell: () => 'x' }] })), '<td class="check">x</td>');
});

t.test('Badge: what it is, then its tone', async (t) => {
  t.equal(render(h(Badge, { tone: 'ok', children: 'On' })), '<span class="badge badge-ok">On</span>');
  t.equal(render(h(Badge, { class: 'badge-pass-draft', children: 'Draft' })), '<span class="badge badge-pass-draft">Draft</span>');
  t.equal(render(h(Badge, { class: 'badge-pass-issued', tone: 'ok', children: 'Issued' })), '<span class="badge badge-pass-issued badge-ok">Issued</span>');
});
