import t from 'tap';
import { setup } from '../../helpers/app.js';
import { cursorPages, sameWalk } from '../../helpers/pages.js';
import { seedAuditEventsIn } from '../../helpers/audit-seed.js';
import { filteredChecks, type CheckFilter } from '../../../src/server/features/audit-console/repository.js';
import type { Cursor } from '../../../src/server/features/audit-console/schema.js';

const FILL = 'A'.repeat(43);

// The check search pages newest first by (received_at, id), its cursor the same pair. One upload
// stores many checks at one received_at; each filter walks its own index of migration 015, and the
// page boundary must fall inside the ties without repeating or skipping a check under every one.
t.test('check search: more checks received at one instant than a page, each once in (received_at, id) order under each filter', async (t) => {
  const ctx = await setup(t);
  const q = () => ctx.repos.store.q();
  const seed = await seedAuditEventsIn(ctx.repos.store, { events: 120, checkpoints: 2, devicesPer: 2, days: 2, seed: 11 });
  const tie = '2026-11-29T12:00:00.000Z';
  const ins = (id: string, deviceId: string, seq: number, deviceTime: string, receivedAt: string, prevHash: string, hash: string, payload: string, sig: string) =>
    q()
      .insertInto('events')
      .values({ id, device_id: deviceId, seq, device_time: deviceTime, received_at: receivedAt, clock_offset_ms: 0, prev_hash: prevHash, hash, type: 'check', payload, canonical: '', sig })
      .execute();
  const tieIds: string[] = [];
  for (let i = 0; i < 26; i++) {
    // ids written out of order: 7 × i mod 26 scatters them
    const id = `00000000-0000-4000-8000-${String((7 * i) % 26).padStart(12, '0')}`;
    const payload = JSON.stringify({
      decision: i % 2 ? 'RELEASE' : 'ESCORT', observations: { v: 1, people: [], receivingEnterprise: seed.credits[0] }, passNo: i % 3 ? seed.passNos[0] : null,
      plate: i % 4 ? '苏E12345' : '苏E54321', reasons: ['keyarea.none'], ruleSetVersion: 3, staffBadge: seed.badges[i % 2], bundleAgeSec: 0,
    });
    await ins(id, seed.deviceIds[i % seed.deviceIds.length]!, 50_000 + i, tie.replace('Z', '+00:00'), tie, FILL, FILL, payload, 'A'.repeat(86));
    tieIds.push(id);
  }
  const filters: Array<[string, CheckFilter]> = [
    ['no filter', {}],
    ['around the instant', { from: '2026-11-29T11:00:00.000Z', to: '2026-11-29T13:00:00.000Z' }],
    ['one checkpoint', { checkpointId: seed.checkpointIds[0]! }],
    ['one device', { deviceId: seed.deviceIds[1]! }],
    ['one decision', { decision: 'ESCORT' }],
    ['one plate', { plate: '苏E12345' }],
    ['one pass', { passNo: seed.passNos[0]! }],
    ['one staff badge', { staff: seed.badges[1]! }],
  ];
  for (const [name, f] of filters) {
    // What the filter matches, in one unpaged query with the documented order.
    const expected = (await filteredChecks(ctx.repos.store.q(), f, null).select('e.id').orderBy('e.received_at', 'desc').orderBy('e.id', 'desc').execute()).map((r) => r.id);
    const tiesIn = expected.filter((id) => tieIds.includes(id));
    t.ok(tiesIn.length >= 6, `${name}: ${tiesIn.length} of the tied checks match, more than a page`);
    for (const limit of [5, 1]) {
      const walked = await cursorPages((cursor: Cursor | null) => ctx.repos.auditConsole.page(f, cursor, limit), 10_000);
      sameWalk(t, walked.map((e) => e.id), expected, `${name}, pages of ${limit}`);
    }
  }
});
