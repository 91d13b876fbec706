import t from 'tap';
import { setup, TEST_ENGINE } from '../../helpers/app.js';
import { sameWalk } from '../../helpers/pages.js';

// The worker takes due deliveries oldest first; those queued in one instant (one event to several
// endpoints, or a burst) tie on both times and go in the order they were queued, whatever their UUIDs.
// Random (version 4) ids on purpose: deliveries copied from an old SQLite folder have them. PostgreSQL has no
// rowid, so there such deliveries of one instant come in id order instead (docs/database.md, Known
// differences); the ids the server makes now sort in the order made (webhooks/delivery-id.ts).
t.test('due webhook deliveries of one instant come in the order they were queued, batch after batch', { skip: TEST_ENGINE === 'postgres' && 'rowid order: PostgreSQL orders legacy v4 ids of one instant by id (a documented difference)' }, async (t) => {
  const ctx = await setup(t);
  const ent = await ctx.enterprise('昆山甲方物流有限公司', '91320583MA1XKCJ23G');
  const user = await ctx.user('enterprise_user', 'admin', ent);
  const repo = ctx.repos.webhooks;
  const at = '2026-11-30T02:00:00.000Z';
  const endpoint = await repo.insertEndpoint({ enterpriseId: ent, url: 'https://example.com/hook', secret: 's'.repeat(32), secretHint: 'ssss', createdBy: user, at });
  const ids = ['f0000000-0000-4000-8000-000000000000', '10000000-0000-4000-8000-000000000000', 'c0000000-0000-4000-8000-000000000000', '30000000-0000-4000-8000-000000000000', 'a0000000-0000-4000-8000-000000000000'];
  for (const [i, id] of ids.entries()) await repo.insertDelivery({ id, eventId: `e${i}`, endpointId: endpoint, enterpriseId: ent, type: 'pass.issued', payload: '{}', at });
  sameWalk(t, (await repo.due('2026-11-30T03:00:00.000Z', 10)).map((d) => d.id), ids, 'one batch');
  const firstTwo = (await repo.due('2026-11-30T03:00:00.000Z', 2)).map((d) => d.id);
  t.same(firstTwo, ids.slice(0, 2), 'a smaller batch takes the first queued');
});
