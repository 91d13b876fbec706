import t from 'tap';
import { setup } from '../../helpers/app.js';
import { creditCode } from '../../helpers/credit-code.js';
import { citizenId } from '../../helpers/fleet.js';
import { offsetPages, sameWalk } from '../../helpers/pages.js';

// The bureau's people list is by enterprise name, then name: neither is unique (namesakes, two
// enterprises of one name), so the id settles ties and offset pages neither repeat nor skip.
t.test('people list: namesakes in two enterprises of one name, walked in pages of 3, each once by (archived, enterprise, name, id)', async (t) => {
  const ctx = await setup(t);
  const ents = [await ctx.enterprise('昆山同名物流有限公司', creditCode(4001)), await ctx.enterprise('昆山同名物流有限公司', creditCode(4002))];
  const rows: Array<{ id: number; name: string }> = [];
  for (let i = 0; i < 11; i++) {
    const name = i % 4 === 3 ? '李娜' : '王伟';
    const p = await ctx.repos.people.insert({ enterpriseId: ents[(i + 1) % 2]!, name, role: 'driver', idNumber: citizenId(`32058319800101${String(100 + i)}`), phone: '13812345678', stays: [], staysDeclaredAt: null });
    rows.push({ id: p.id, name });
  }
  const expected = [...rows].sort((a, b) => (a.name === b.name ? a.id - b.id : a.name < b.name ? -1 : 1)).map((r) => r.id);
  for (const limit of [3, 1]) {
    const walked = await offsetPages(limit, (limit, offset) => ctx.repos.people.list({ status: 'all', limit, offset }));
    sameWalk(t, walked.map((p) => p.id), expected, `pages of ${limit}`);
  }
});
