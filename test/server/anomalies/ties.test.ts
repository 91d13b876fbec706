import t from 'tap';
import { setup } from '../../helpers/app.js';
import { cursorPages, sameWalk } from '../../helpers/pages.js';
import type { AnomalyFilter } from '../../../src/server/features/anomalies/repository.js';

// The anomaly list is newest first by (at, id), a keyset cursor on the same pair: anomalies found at
// one instant (one upload's events) are more than a page, and each filter walks its own index.
t.test('anomalies of one instant, more than a page: each once, by (at, id) descending, under every filter', async (t) => {
  const ctx = await setup(t);
  const q = () => ctx.repos.store.q();
  const cps: number[] = [];
  for (const i of [1, 2]) cps.push((await ctx.repos.checkpoints.insert({ name: `卡口${i}号`, location: '陆家镇', regionCode: '320583', direction: 'both' })).id);
  await q()
    .insertInto('devices')
    .values([
      { id: 'dev-1', checkpoint_id: cps[0]!, public_jwk: '{}', key_thumbprint: 'thumb-1' },
      { id: 'dev-2', checkpoint_id: cps[1]!, public_jwk: '{}', key_thumbprint: 'thumb-2' },
    ])
    .execute();
  const insert = async (kind: string, severity: string, subject: string, at: string, deviceId: string, checkpointId: number) =>
    (
      await q()
        .insertInto('anomalies')
        .values({ kind, severity, subject, at, device_id: deviceId, checkpoint_id: checkpointId, detected_at: '2026-11-30T03:00:00.000Z' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const same = '2026-11-30T02:00:00.000Z';
  const rows: Array<{ id: number; kind: string; at: string; checkpointId: number; deviceId: string }> = [];
  for (let i = 0; i < 30; i++) {
    const kind = i % 3 === 0 ? 'clock_skew' : 'plate_mismatch';
    const at = i === 5 ? '2026-11-30T01:00:00.000Z' : i === 20 ? '2026-11-30T02:30:00.000Z' : same;
    const [deviceId, checkpointId] = i % 2 ? ['dev-2', cps[1]!] : ['dev-1', cps[0]!];
    const id = await insert(kind, kind === 'clock_skew' ? 'low' : 'medium', `s${i}`, at, deviceId, checkpointId);
    rows.push({ id, kind, at, checkpointId, deviceId });
  }
  const newestFirst = (r: typeof rows) => [...r].sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1)).map((x) => x.id);
  const filters: Array<[string, AnomalyFilter, (r: (typeof rows)[number]) => boolean]> = [
    ['no filter', {}, () => true],
    ['one kind', { kind: 'plate_mismatch' }, (r) => r.kind === 'plate_mismatch'],
    ['one checkpoint', { checkpointId: cps[1]! }, (r) => r.checkpointId === cps[1]],
    ['one device', { deviceId: 'dev-1' }, (r) => r.deviceId === 'dev-1'],
  ];
  for (const [name, f, keep] of filters) {
    for (const limit of [4, 1]) {
      const walked = await cursorPages((cursor: Parameters<typeof ctx.repos.anomalies.page>[1]) => ctx.repos.anomalies.page(f, cursor, limit));
      sameWalk(t, walked.map((a) => a.id), newestFirst(rows.filter(keep)), `${name}, pages of ${limit}`);
    }
  }
});
