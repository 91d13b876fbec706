import t from 'tap';
import { setup } from '../../helpers/app.js';
import { creditCode } from '../../helpers/credit-code.js';
import { offsetPages, sameWalk } from '../../helpers/pages.js';

// Enterprise names are not unique (the credit code is): the list is by name, then id.
t.test('enterprise list: many enterprises of one name, walked in pages of 4, each once, by (name, id)', async (t) => {
  const ctx = await setup(t);
  const ids: number[] = [];
  for (let i = 0; i < 13; i++) ids.push(await ctx.enterprise(i % 3 === 0 ? '昆山乙方物流有限公司' : '昆山甲方物流有限公司', creditCode(1000 + i)));
  const repo = ctx.repos.enterprises;
  const names = new Map<number, string>();
  for (const id of ids) names.set(id, (await repo.get(id))!.name);
  const expected = [...ids].sort((a, b) => {
    const na = names.get(a)!, nb = names.get(b)!;
    return na === nb ? a - b : na < nb ? -1 : 1;
  });
  const walked = await offsetPages(4, (limit, offset) => repo.list({ limit, offset }));
  sameWalk(t, walked.map((e) => e.id), expected, 'all');
  const sameName = await offsetPages(3, (limit, offset) => repo.list({ q: '甲方', limit, offset }));
  sameWalk(t, sameName.map((e) => e.id), expected.filter((id) => names.get(id) === '昆山甲方物流有限公司'), 'one name only');
});
