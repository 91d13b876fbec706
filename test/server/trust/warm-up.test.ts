import t from 'tap';
import { setup } from '../../helpers/app.js';
import { payloadOf, revoke } from './fixtures.js';
import { loggedIn } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { trustService } from '../../../src/server/features/trust/service.js';



/** A pause the test opens step by step: the warm-up waits in it until the test lets it go on. */
function steppedPause() {
  const waiting: Array<(go: boolean) => void> = [];
  let arrived: (() => void) | undefined;
  return {
    pause: () =>
      new Promise<boolean>((resolve) => {
        waiting.push(resolve);
        arrived?.();
      }),
    /** Resolves once the warm-up is waiting in a pause. */
    parked: () => (waiting.length > 0 ? Promise.resolve() : new Promise<void>((r) => (arrived = r))),
    step: (go = true) => waiting.shift()?.(go),
    get pending() {
      return waiting.length;
    },
  };
}

t.test('a poll during the cold build waits for it and gets the whole bundle, rows added meanwhile included', async (t) => {
  const ctx = await setup(t);
  const before = await revoke(ctx, 23);
  for (let i = 0; i < 12; i++) await ctx.enterprise(`昆山暖启动测试${'一二三四五六七八九十甲乙'[i]}有限公司`, creditCode(300 + i), 'approved');

  const svc = trustService({ repos: ctx.repos, keys: ctx.app.services.keys, rules: ctx.app.services.trust.rules });
  const gate = steppedPause();
  const warming = svc.warm({ rows: 5, pause: gate.pause });
  await gate.parked();

  // A poll arrives while the warm-up is between steps: it must not be answered from part of the data.
  let answered = false;
  const poll = svc.current().then((b) => {
    answered = true;
    return b;
  });
  const during = await revoke(ctx, 2);
  for (let i = 0; i < 3; i++) {
    gate.step();
    await gate.parked();
  }
  await new Promise((r) => setImmediate(r));
  t.equal(answered, false, 'the poll waits while the warm-up is under way');
  while (gate.pending > 0 || !answered) {
    gate.step();
    await new Promise((r) => setImmediate(r));
  }
  await warming;
  const bundle = await poll;

  const payload = payloadOf(bundle.jws);
  t.same(payload.revocations.passNos, [...before, ...during].sort(), 'every revocation, those added during the warm-up too');
  t.equal(payload.enterprises.length, 12, 'the whole directory');
  const fresh = await trustService({ repos: ctx.repos, keys: ctx.app.services.keys, rules: ctx.app.services.trust.rules }).buildContent();
  t.equal(bundle.contentHash, fresh.hash, 'the same content as a build from scratch');

  // Afterwards the list keeps following the table.
  const after = await revoke(ctx, 1);
  t.ok(payloadOf((await svc.current()).jws).revocations.passNos.includes(after[0]!), 'a later revocation is in the next bundle');
});

t.test('a warm-up stopped half-way (server closing) leaves nothing half-built behind', async (t) => {
  const ctx = await setup(t);
  const all = await revoke(ctx, 17);
  const svc = trustService({ repos: ctx.repos, keys: ctx.app.services.keys, rules: ctx.app.services.trust.rules });
  const gate = steppedPause();
  const warming = svc.warm({ rows: 4, pause: gate.pause });
  await gate.parked();
  gate.step();
  await gate.parked();
  gate.step(false);
  await warming;
  t.same(payloadOf((await svc.current()).jws).revocations.passNos, [...all].sort(), 'the first poll completes the list');
});

t.test('the server answers bundle polls at once after a start with revocations waiting to be loaded', async (t) => {
  const ctx = await setup(t);
  await ctx.user('bureau_officer', 'officer');
  const officer = await loggedIn(ctx.app, 'officer');
  const revoked = await revoke(ctx, 40);
  const res = await officer.request('GET', '/api/v1/trust/bundle');
  t.equal(res.statusCode, 200, res.body.slice(0, 200));
  t.same(payloadOf((res.json() as { bundle: string }).bundle).revocations.passNos, [...revoked].sort());
});
