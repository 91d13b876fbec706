import t, { type Test } from 'tap';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { setup } from '../../helpers/app.js';
import { payloadOf, revoke } from './fixtures.js';
import { creditCode } from '../../helpers/credit-code.js';
import { verifyBundle, type TrustBundle } from '../../../src/core/trust/index.js';
import { trustService } from '../../../src/server/features/trust/service.js';

/** The signed payload without what changes with every signing. */
const contentOf = (jws: string) => {
  const { iat: _iat, exp: _exp, seq: _seq, ...rest } = payloadOf(jws);
  return rest;
};


async function world(t: Test) {
  const ctx = await setup(t);
  const enterprises: number[] = [];
  for (let i = 0; i < 6; i++) enterprises.push(await ctx.enterprise(`昆山线程测试${'一二三四五六'[i]}有限公司`, creditCode(400 + i), 'approved'));
  await ctx.enterprise('昆山未备案线程测试有限公司', creditCode(420), 'registered');
  const revoked = await revoke(ctx, 30);
  const services = { repos: ctx.repos, keys: ctx.app.services.keys, rules: ctx.app.services.trust.rules };
  // minRows 0: this small bundle goes to the worker as a city's would.
  const svc = trustService({ ...services, offThread: { minRows: 0 } });
  t.teardown(() => svc.close());
  return { ctx, services, svc, revoked, enterprises };
}

t.test('a bundle built on the worker thread verifies with the published key and equals an in-process build', async (t) => {
  const { ctx, services, svc, revoked } = await world(t);
  await svc.warm();
  const now = new Date();
  const bundle = await svc.current(now);
  t.ok(svc.offThread(), 'built on the worker');

  const trustedKeys = await ctx.app.services.keys.publishedKeys(now, 'bundle');
  const verified = await verifyBundle(bundle.jws, { trustedKeys, now });
  t.ok(verified.ok, verified.ok ? 'verifies with the published bundle key' : verified.reason);
  if (!verified.ok) return;
  t.equal(verified.kid, bundle.kid);
  t.equal(verified.bundle.seq, bundle.seq);
  t.same(verified.bundle.revocations.passNos, [...revoked].sort(), 'every revocation');
  t.equal(verified.bundle.enterprises.length, 6, 'the approved enterprises');

  const inProcess = trustService(services);
  t.notOk(inProcess.offThread());
  const local = await inProcess.current(now);
  t.notOk(inProcess.offThread(), 'without offThread nothing runs on a worker');
  t.equal(bundle.contentHash, (await inProcess.buildContent(now)).hash, 'the same content hash as an in-process build');
  t.equal(bundle.contentHash, local.contentHash);
  t.same(contentOf(bundle.jws), contentOf(local.jws), 'the same signed content');
  t.same(bundle.summary, { ...local.summary, jwsBytes: bundle.jws.length }, 'the same summary');
  t.equal(bundle.jws.length, local.jws.length, 'the same size (same serialisation)');
});

t.test('off-thread: cache, changes, concurrent polls and the writes of a signing', async (t) => {
  const { ctx, svc, revoked, enterprises } = await world(t);
  const first = await svc.current();
  t.ok(svc.offThread());
  t.equal((await svc.current()).etag, first.etag, 'unchanged: the cached bundle');

  const [late] = await revoke(ctx, 1);
  const [x, y] = await Promise.all([svc.current(), svc.current()]);
  t.equal(x.seq, y.seq, 'concurrent polls after a change share one signing');
  t.not(x.etag, first.etag);
  t.same(payloadOf(x.jws).revocations.passNos, [...revoked, late!].sort(), 'the new revocation is in');
  t.ok(x.seq > first.seq, 'the issue counter moved on');
  const key = (await ctx.app.services.keys.list(new Date(), 'bundle')).find((k) => k.state === 'active')!;
  t.equal(key.lastExp, x.exp, 'the key is kept published for as long as the bundle is valid');

  await ctx.repos.enterprises.setStatus(enterprises[0]!, 'suspended', null);
  const after = await svc.current();
  t.equal(payloadOf(after.jws).enterprises.length, 5, 'a suspended enterprise leaves the directory');
  t.ok(svc.offThread(), 'still on the worker');
});

t.test('a poll during the warm-up waits for it and gets everything, rows added meanwhile included', async (t) => {
  const { ctx, svc, revoked } = await world(t);
  const warming = svc.warm();
  const poll = svc.current();
  const during = await revoke(ctx, 3);
  await warming;
  const bundle = await poll;
  t.ok(svc.offThread());
  const listed = payloadOf(bundle.jws).revocations.passNos;
  t.ok(revoked.every((p) => listed.includes(p)), 'everything there before the warm-up');
  const next = await svc.current();
  t.same(payloadOf(next.jws).revocations.passNos, [...revoked, ...during].sort(), 'and what arrived meanwhile, by the next poll at the latest');
});

t.test('a worker that cannot start leaves the service building in-process, correctly', async (t) => {
  const ctx = await setup(t);
  const revoked = await revoke(ctx, 5);
  const warnings: string[] = [];
  const svc = trustService({
    repos: ctx.repos,
    keys: ctx.app.services.keys,
    rules: ctx.app.services.trust.rules,
    offThread: { minRows: 0 },
    log: { warn: (_o, msg) => warnings.push(msg) },
  });
  t.teardown(() => svc.close());
  // The worker opens the database by its file name: moved away, it cannot (this connection keeps its handle).
  const file = join(ctx.dataDir, 'kakou.sqlite');
  renameSync(file, `${file}.away`);
  try {
    await svc.warm();
  } finally {
    renameSync(`${file}.away`, file);
  }
  t.notOk(svc.offThread(), 'no worker');
  t.match(warnings, [/worker failed/], 'logged');
  const bundle = await svc.current();
  t.same(payloadOf(bundle.jws).revocations.passNos, [...revoked].sort(), 'the bundle is whole all the same');
  const verified = await verifyBundle(bundle.jws, { trustedKeys: await ctx.app.services.keys.publishedKeys(new Date(), 'bundle') });
  t.ok(verified.ok);
});

t.test('closing stops the worker; later polls are built in-process', async (t) => {
  const { svc, revoked } = await world(t);
  await svc.current();
  t.ok(svc.offThread());
  await svc.close();
  t.notOk(svc.offThread());
  t.same(payloadOf((await svc.current()).jws).revocations.passNos, [...revoked].sort());
});
