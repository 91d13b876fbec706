import t from 'tap';
import { setup } from '../../helpers/app.js';
import { creditCode } from '../../helpers/credit-code.js';
import { offsetPages, sameWalk } from '../../helpers/pages.js';

// The bureau's vehicle list is by enterprise name then plate; neither is unique across enterprises
// (two enterprises may share a name, and a plate is unique only within its enterprise): the id last.
t.test('vehicle list: equal enterprise names and plates, walked in pages of 4, each once, by (archived, name, plate, id)', async (t) => {
  const ctx = await setup(t);
  const entA = await ctx.enterprise('昆山同名物流有限公司', creditCode(2001));
  const entB = await ctx.enterprise('昆山同名物流有限公司', creditCode(2002));
  const repo = ctx.repos.vehicles;
  const plates = ['苏E12345', '苏E00001', '苏E12345', '苏E00001', '苏E55555', '苏E55555'];
  const ids: number[] = [];
  // Interleaved: B's vehicle first, so id order and enterprise order differ.
  for (const plate of plates) for (const ent of [entB, entA]) if (!(await repo.getByPlate(ent, plate))) ids.push((await repo.insert({ enterpriseId: ent, plate, type: 'truck', regionCode: '320500' })).id);
  t.equal(ids.length, 6);
  await ctx.repos.store.q().updateTable('vehicles').set({ archived: 1 }).where('id', '=', ids[1]!).execute(); // archived ones last
  const keys = new Map<number, string>();
  for (const id of ids) { const v = (await repo.get(id))!; keys.set(id, `${v.archived ? 1 : 0}|${v.plate}`); }
  const key = (id: number) => keys.get(id)!;
  const expected = [...ids].sort((a, b) => (key(a) === key(b) ? a - b : key(a) < key(b) ? -1 : 1));
  const walked = await offsetPages(4, (limit, offset) => repo.list({ status: 'all', limit, offset }));
  sameWalk(t, walked.map((v) => v.id), expected, 'pages of 4');
  const byOne = await offsetPages(1, (limit, offset) => repo.list({ status: 'all', limit, offset }));
  sameWalk(t, byOne.map((v) => v.id), expected, 'pages of 1');
});
