import t from 'tap';
import { setup } from '../../helpers/app.js';
import { sameWalk } from '../../helpers/pages.js';

// Devices and enrollment codes have TEXT keys, so SQLite keeps them in insertion (rowid) order, not
// key order: a list ordered only by a time gives its ties in whatever order they were written.
t.test('device list and pending enrollment codes: rows of one instant come in key order', async (t) => {
  const ctx = await setup(t);
  const q = () => ctx.repos.store.q();
  const cp = await ctx.repos.checkpoints.insert({ name: '陆家卡口', location: '陆家镇', regionCode: '320583', direction: 'both' });
  const at = '2026-11-30T02:00:00.000Z';
  const deviceIds = ['dev-c', 'dev-a', 'dev-e', 'dev-b', 'dev-d'];
  for (const id of deviceIds) {
    await q().insertInto('devices').values({ id, checkpoint_id: cp.id, public_jwk: '{}', key_thumbprint: `thumb-${id}`, enrolled_at: at }).execute();
  }
  sameWalk(t, (await ctx.repos.devices.list({ checkpointId: cp.id })).map((d) => d.id), [...deviceIds].sort(), 'devices enrolled at one instant');

  const insertCode = (id: string, createdAt: string) =>
    q().insertInto('enrollment_codes').values({ id, checkpoint_id: cp.id, secret_hash: 'x', created_at: createdAt, expires_at: now + 3_600_000 }).execute();
  const codeIds = ['code-q', 'code-m', 'code-z', 'code-n'];
  const now = Date.parse(at);
  for (const id of codeIds) await insertCode(id, at);
  await insertCode('code-old', '2026-11-30T01:00:00.000Z');
  sameWalk(t, (await ctx.repos.devices.pendingCodes(cp.id, now, 5)).map((c) => c.id), [...[...codeIds].sort(), 'code-old'], 'codes created at one instant, then the older one');
});
