import t from 'tap';
import { currentHref } from '../../../src/server/views/layout.js';

const hrefs = ['/', '/bureau/rules', '/bureau/rules/playground', '/bureau/passes?status=submitted', '/bureau/passes?status=all'];

t.test('the current menu entry is the longest one that matches', async (t) => {
  t.equal(currentHref(hrefs, '/bureau/rules/playground?q=1'), '/bureau/rules/playground', 'not also /bureau/rules');
  t.equal(currentHref(hrefs, '/bureau/rules/3'), '/bureau/rules');
  t.equal(currentHref(hrefs, '/bureau/passes?status=all&page=2'), '/bureau/passes?status=all');
  t.equal(currentHref(hrefs, '/bureau/passes?status=submitted'), '/bureau/passes?status=submitted');
  t.equal(currentHref(hrefs, '/'), '/');
  t.equal(currentHref(hrefs, '/enterprise'), undefined, 'home is not a parent of everything');
});

import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Layout } from '../../../src/server/views/layout.js';
import { ViewCtx, type ViewContext } from '../../../src/server/views/context.js';
import type { UserActor } from '../../../src/server/types.js';

function render(role: string, hasPage?: (href: string) => boolean): string {
  const actor = { kind: 'user', user: { id: 1, role, displayName: 'X', mustChangePassword: false } } as unknown as UserActor;
  const ctx: ViewContext = { locale: 'zh', actor, csrfToken: 'c', path: '/bureau/devices', returnUrl: '/bureau/devices', ...(hasPage ? { hasPage } : {}) };
  return renderToString(h(ViewCtx.Provider, { value: ctx }, h(Layout, { title: 'T', children: null })));
}

t.test('the bureau menu is grouped in disclosures; optional entries only when the route exists', async (t) => {
  const without = render('bureau_admin', () => false);
  for (const label of ['通行证与企业', '卡口与设备', '规则与密钥']) t.ok(without.includes(`>${label}</summary>`), label);
  t.notOk(without.includes('/bureau/audit/integrity'), 'no integrity link without the route');
  t.notOk(without.includes('>审计<'), 'an empty group is left out');
  t.match(without, /<summary class="here">卡口与设备<\/summary>/, 'the group of the current page is marked');
  const withAll = render('bureau_admin', () => true);
  t.ok(withAll.includes('href="/bureau/audit/integrity"'), 'integrity link once the route exists');
  t.ok(withAll.includes('href="/bureau/checks"'));
  t.ok(withAll.includes('>审计<'));
  const officer = render('bureau_officer', () => true);
  t.notOk(officer.includes('href="/bureau/devices"'), 'admin-only entries stay hidden from officers');
  t.notOk(officer.includes('卡口与设备'), 'a group with nothing for the role is left out');
  const ent = render('enterprise_user', () => true);
  t.notOk(ent.includes('<details'), 'enterprise users keep the flat menu');
  t.ok(ent.includes('href="/enterprise/passes"'));
});
