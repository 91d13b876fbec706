import t from 'tap';
import { setup } from '../../helpers/app.js';
import { offsetPages, sameWalk } from '../../helpers/pages.js';

const FILL = 'A'.repeat(43);

// The event list (GET /api/v1/events) is by (device, seq), the id last: a fork is two events with one
// (device, seq), and event ids are TEXT, stored in arrival order, not id order.
t.test('event list: forked events of one seq and one instant, walked in pages of 3, each once by (device, seq, id)', async (t) => {
  const ctx = await setup(t);
  const q = () => ctx.repos.store.q();
  const cp = (await ctx.repos.checkpoints.insert({ name: '陆家卡口', location: '陆家镇', regionCode: '320583', direction: 'both' })).id;
  for (const d of ['dev-b', 'dev-a']) await q().insertInto('devices').values({ id: d, checkpoint_id: cp, public_jwk: '{}', key_thumbprint: `thumb-${d}` }).execute();
  const at = '2026-11-30T02:00:00.000Z';
  const rows: Array<{ id: string; device: string; seq: number }> = [];
  for (let i = 0; i < 14; i++) {
    const id = `00000000-0000-4000-8000-${String((13 * i) % 14).padStart(12, '0')}`;
    const device = i % 2 ? 'dev-a' : 'dev-b';
    const seq = 1 + (i % 3); // several events share each (device, seq): forks
    await q()
      .insertInto('events')
      .values({
        id, device_id: device, seq, device_time: at.replace('Z', '+00:00'), received_at: at, clock_offset_ms: 0,
        prev_hash: FILL, hash: FILL, type: 'check', payload: '{}', canonical: '', sig: 'A'.repeat(86), fork: 1,
      })
      .execute();
    rows.push({ id, device, seq });
  }
  const order = (r: typeof rows) =>
    [...r].sort((a, b) => (a.device !== b.device ? (a.device < b.device ? -1 : 1) : a.seq !== b.seq ? a.seq - b.seq : a.id < b.id ? -1 : 1)).map((x) => x.id);
  for (const limit of [3, 1]) {
    const all = await offsetPages(limit, async (limit, offset) => ({ items: await ctx.repos.events.list({ limit, offset }) }));
    sameWalk(t, all.map((e) => e.id), order(rows), `all, pages of ${limit}`);
    const forks = await offsetPages(limit, async (limit, offset) => ({ items: await ctx.repos.events.list({ flag: 'fork', deviceId: 'dev-a', limit, offset }) }));
    sameWalk(t, forks.map((e) => e.id), order(rows.filter((r) => r.device === 'dev-a')), `one device's forks, pages of ${limit}`);
  }
});
