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
