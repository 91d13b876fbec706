import t from 'tap';
import type { UserActor } from '../../../src/server/types.js';
import { charterService } from '../../../src/server/features/charter/service.js';
import { usersService } from '../../../src/server/features/users/service.js';
import { Problem } from '../../../src/server/problem.js';
import { charterWorld, needBody, passengerId, runBody } from './fixtures.js';
import { chinaDate } from '../../helpers/fleet.js';
import { refusedWith } from '../../helpers/engines.js';

const asyncCodeOf = async (fn: () => Promise<unknown>) => {
  try { await fn(); } catch (e) { return e instanceof Problem ? { code: e.code, paths: e.errors?.map((x) => x.path) ?? [], detail: e.detail } : e; }
  return null;
};

t.test('service rules: run planning, passenger lists, confirmation reset', async (t) => {
  const { ctx } = await charterWorld(t);
  const actor = async (username: string): Promise<UserActor> => ({ kind: 'user', user: (await ctx.repos.users.getWithHash(username))! });
  const svc = charterService(ctx.repos, usersService(ctx.repos), ctx.app.services.keys);
  const cp = (await ctx.repos.checkpoints.insert({ name: '服务测试卡口', location: '测试路 1 号', regionCode: '320583', direction: 'both' })).id;
  const approval = { checkpointIds: [cp] };
  const [a, b, carrier, officer] = [await actor('alpha'), await actor('bravo'), await actor('coach'), await actor('officer')];
  const needA = await svc.postNeed(a, { ...needBody(), note: '' } as never, '127.0.0.1');
  const needB = await svc.postNeed(b, { ...needBody({ originRegion: '420100', workers: 5 }), note: '' } as never, '127.0.0.1');
  const run = (needs: { needId: number; seats: number }[], over: Record<string, unknown> = {}) => () => svc.planRun(carrier, runBody(needs, over) as never, '127.0.0.1');

  t.match(await asyncCodeOf(run([{ needId: needA.id, seats: 5 }, { needId: needB.id, seats: 5 }])), { code: 'validation', paths: ['needs.1.needId'] }, 'one origin per run');
  t.match(await asyncCodeOf(run([{ needId: needA.id, seats: 5 }, { needId: needA.id, seats: 5 }])), { paths: ['needs.1.needId'] }, 'a need listed twice');
  t.match(await asyncCodeOf(run([{ needId: needA.id, seats: 5 }], { departureAt: `${chinaDate(9)}T08:00:00+08:00`, arrivalBy: `${chinaDate(9)}T20:00:00+08:00` })), { paths: ['departureAt'] }, 'outside the need\'s dates');
  t.match(await asyncCodeOf(run([{ needId: needA.id, seats: 5 }], { arrivalBy: `${chinaDate(6)}T08:00:00+08:00` })), { paths: ['arrivalBy'] }, 'a window over 72 hours');
  t.match(await asyncCodeOf(run([{ needId: 999, seats: 5 }])), { code: 'conflict', paths: ['needs.0.needId'] }, 'an unknown need');
  t.match(await asyncCodeOf(() => svc.planRun(a, runBody([{ needId: needA.id, seats: 1 }]) as never, 'ip')), { code: 'forbidden' }, 'an enterprise plans no runs');

  const planned = await run([{ needId: needA.id, seats: 3 }])();
  t.equal((await svc.getNeed(carrier, needA.id)).status, 'partly_served');
  const p = (n: number, stays: { code: string; lastDay: string }[] = []) => ({ name: `员工${n}`, idNumber: passengerId(n), phone: '13900000001', originRegion: '510100', stays });
  t.match(await asyncCodeOf(() => svc.setPassengers(a, planned.id, needA.id, [p(1), p(2), p(3), p(4)], 'ip')), { code: 'manifest_invalid', paths: ['passengers'] }, 'more passengers than seats');
  t.match(await asyncCodeOf(() => svc.setPassengers(a, planned.id, needA.id, [p(1), p(1)], 'ip')), { paths: ['passengers.1.idNumber'] }, 'the same person twice');
  t.match(await asyncCodeOf(() => svc.setPassengers(a, planned.id, needA.id, [p(1, [{ code: '420100', lastDay: chinaDate(1) }])], 'ip')), { paths: ['passengers.0.stays'] }, 'a stay ending in the future');
  t.match(await asyncCodeOf(() => svc.setPassengers(b, planned.id, needA.id, [p(1)], 'ip')), { code: 'not_found' }, "B cannot write A's list");

  await svc.setPassengers(a, planned.id, needA.id, [p(1), p(2)], 'ip');
  t.equal((await svc.confirmRun(a, planned.id, 'ip')).status, 'confirmed');
  // A changed list is not the one confirmed: back to planned, confirmation cleared.
  const changed = await svc.setPassengers(a, planned.id, needA.id, [p(1), p(2), p(3)], 'ip');
  t.equal(changed.status, 'planned');
  t.equal(changed.needs[0]!.confirmedAt, null);
  t.match(await asyncCodeOf(() => svc.approveRun(officer, planned.id, approval, 'ip')), { code: 'charter_wrong_step' });
  await svc.confirmRun(a, planned.id, 'ip');
  await ctx.repos.enterprises.setStatus(needA.enterpriseId, 'suspended', '测试暂停');
  t.match(await asyncCodeOf(() => svc.approveRun(officer, planned.id, approval, 'ip')), { code: 'charter_wrong_step', detail: 'charter.err.enterprise_not_approved' }, "a suspended enterprise's run waits");
  await ctx.repos.enterprises.setStatus(needA.enterpriseId, 'approved', null);
  t.match(await asyncCodeOf(() => svc.approveRun(officer, planned.id, { checkpointIds: [9999] }, 'ip')), { code: 'validation', paths: ['checkpointIds.0'] }, 'an unknown checkpoint');
  t.match(await asyncCodeOf(() => svc.approveRun(officer, planned.id, { checkpointIds: [cp, cp] }, 'ip')), { code: 'validation', paths: ['checkpointIds.1'] }, 'a checkpoint twice');
  t.equal((await ctx.repos.charter.getRun(planned.id))!.status, 'confirmed', 'refused approvals changed nothing');
  t.equal((await svc.approveRun(officer, planned.id, approval, 'ip')).status, 'approved');
  t.match(await asyncCodeOf(() => svc.rejectRun(officer, planned.id, '太晚了', 'ip')), { code: 'charter_wrong_step' }, 'a decision is final');
  t.match(await asyncCodeOf(() => svc.cancelRun(carrier, planned.id, 'ip')), { code: 'charter_wrong_step' });
  await refusedWith(t, () => ctx.repos.store.q().updateTable('charter_runs').set({ status: 'planned' }).where('id', '=', planned.id).execute(), /final/, 'the database agrees');

  const seam = (await svc.checkpointManifest(planned.id))!;
  t.same(seam.passengers.map((x) => x.id4), [1, 2, 3].map((n) => passengerId(n).slice(-4)));
  t.equal(seam.validFrom, new Date(`${chinaDate(2)}T08:00:00+08:00`).toISOString());
  t.equal(await svc.checkpointManifest(9999), null);
});
