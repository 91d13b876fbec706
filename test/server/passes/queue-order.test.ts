import t from 'tap';
import { setup } from '../../helpers/app.js';
import { creditCode } from '../../helpers/credit-code.js';
import { offsetPages, sameWalk } from '../../helpers/pages.js';

// The approval queues (submitted, cancel requested) read oldest first by the time of the request;
// passes requested in the same millisecond tie, and the id settles their order.
t.test('approval queues: passes requested at the same instant, walked in pages of 3, each once, by (time, id)', async (t) => {
  const ctx = await setup(t);
  const entA = await ctx.enterprise('昆山甲方物流有限公司', creditCode(3001));
  const entB = await ctx.enterprise('昆山乙方物流有限公司', creditCode(3002));
  const user = await ctx.user('enterprise_user', 'applicant', entA);
  const vehicle = async (ent: number) => (await ctx.repos.vehicles.insert({ enterpriseId: ent, plate: ent === entA ? '苏E12345' : '苏E54321', type: 'truck', regionCode: '320500' })).id;
  const vA = await vehicle(entA), vB = await vehicle(entB);
  const same = '2026-11-30T02:00:00.000Z';
  const earlier = '2026-11-30T01:00:00.000Z';
  const insert = async (passNo: string, ent: number, v: number, status: string, createdBy: number, submittedAt: string, cancelRequestedAt: string | null) =>
    (
      await ctx.repos.store
        .q()
        .insertInto('passes')
        .values({
          pass_no: passNo, enterprise_id: ent, vehicle_id: v, status, valid_from: '2026-12-01T00:00:00.000Z', valid_to: '2099-12-08T00:00:00.000Z',
          origin_region: '320583', destination: '昆山', cargo_category: 'general', created_by: createdBy, submitted_at: submittedAt, cancel_requested_at: cancelRequestedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const submitted: number[] = [];
  const cancel: number[] = [];
  for (let i = 0; i < 10; i++) {
    const [ent, v] = i % 2 ? [entA, vA] : [entB, vB];
    submitted.push(await insert(`KQ-S${i}`, ent, v, 'submitted', user, i === 7 ? earlier : same, null));
    cancel.push(await insert(`KQ-C${i}`, ent, v, 'issued', user, earlier, i === 4 ? earlier : same));
  }
  // The one requested earlier first, then the rest by id.
  const oldestFirst = (ids: number[], first: number) => [first, ...ids.filter((id) => id !== first)];
  for (const limit of [3, 1]) {
    const s = await offsetPages(limit, (limit, offset) => ctx.repos.passes.list({ status: 'submitted', limit, offset }));
    sameWalk(t, s.map((p) => p.id), oldestFirst(submitted, submitted[7]!), `submitted, pages of ${limit}`);
    const c = await offsetPages(limit, (limit, offset) => ctx.repos.passes.list({ status: 'cancel_requested', limit, offset }));
    sameWalk(t, c.map((p) => p.id), oldestFirst(cancel, cancel[4]!), `cancel requested, pages of ${limit}`);
  }
});
