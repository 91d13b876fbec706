// The signing keys repository on both engines (issue 16): every method, the list order, signed_until read from
// the stored passes, the one-active-key index recognised the same way, transactions, and key changes from two
// nodes at once (the advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite).
import t from 'tap';
import type { Store } from '../../../src/server/db/store.js';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import { ONE_ACTIVE_KEY, signingKeysRepo, type SigningKeysRepo } from '../../../src/server/features/keys/repository.js';
import type { KeyPurpose } from '../../../src/server/features/keys/schema.js';
import { onEachEngine } from '../../helpers/engines.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';

const jwk = (kid: string) => ({ kty: 'OKP' as const, crv: 'Ed25519' as const, x: `x-${kid}`, kid, alg: 'EdDSA' as const, use: 'sig' as const });
const key = (kid: string, purpose: KeyPurpose, state: 'next' | 'active', at: string) => ({ kid, purpose, publicJwk: jwk(kid), privateEnc: `enc-${kid}`, state, at });

/** A pass stored with `kid`, valid until `validTo` (what signed_until reads). */
async function storedPass(store: Store, n: number, kid: string, validTo: string, token: string | null = 'tok') {
  const ent = await insertEnterprise(store, `企业${n}`, n);
  const vehicle = (
    await store.q().insertInto('vehicles').values({ enterprise_id: ent, plate: `苏E1234${n}`, vehicle_type: 'truck', region_code: '320500' }).returning('id').executeTakeFirstOrThrow()
  ).id;
  const user = (
    await store.q().insertInto('users').values({ username: `u${n}`, display_name: 'U', role: 'bureau_officer', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()
  ).id;
  await store
    .q()
    .insertInto('passes')
    .values({
      pass_no: `P${n}`, enterprise_id: ent, vehicle_id: vehicle, status: 'issued', valid_from: '2026-01-01T00:00:00.000Z', valid_to: validTo,
      origin_region: '320583', destination: '昆山', cargo_category: 'general', created_by: user, token, kid,
    })
    .execute();
}

/** The keys service's promotion, with the repository alone: next → active, the old active → retired, in one locked transaction. */
async function rotate(store: Store, repo: SigningKeysRepo, purpose: KeyPurpose, at: string): Promise<string> {
  return store.transaction(async () => {
    await repo.lockForChange();
    const nexts = await repo.inState(purpose, 'next');
    if (nexts.length !== 1) throw new Error(`no_next (${nexts.length})`);
    const old = (await repo.inState(purpose, 'active'))[0];
    if (old && !(await repo.retire(old.kid, at))) throw new Error('changed');
    if (!(await repo.activate(nexts[0]!.kid, at))) throw new Error('changed');
    return nexts[0]!.kid;
  });
}

/** The keys service's addNextKey: a next key unless one is waiting. */
async function addNext(store: Store, repo: SigningKeysRepo, kid: string, at: string): Promise<string> {
  return store.transaction(async () => {
    await repo.lockForChange();
    if ((await repo.inState('pass', 'next')).length > 0) throw new Error('next_waiting');
    await repo.insert(key(kid, 'pass', 'next', at));
    return kid;
  });
}

onEachEngine(t, 'insert, get, active, privateEnc: the same key, never the private half outside privateEnc', async (t, store) => {
  const repo = signingKeysRepo(store);
  t.equal(await repo.active('pass'), undefined);
  const a = await repo.insert(key('kA', 'pass', 'active', '2026-01-01T00:00:00.000Z'));
  t.strictSame(a, {
    kid: 'kA', purpose: 'pass', publicJwk: jwk('kA'), state: 'active', createdAt: '2026-01-01T00:00:00.000Z',
    activatedAt: '2026-01-01T00:00:00.000Z', retiredAt: null, lastExp: null,
  });
  t.notOk('privateEnc' in a);
  const n = await repo.insert(key('kN', 'pass', 'next', '2026-01-02T00:00:00.000Z'));
  t.equal(n.activatedAt, null);
  t.strictSame(await repo.get('kA'), a);
  t.equal(await repo.get('nope'), undefined);
  t.strictSame(await repo.active('pass'), { kid: 'kA', publicJwk: jwk('kA') });
  t.equal(await repo.active('bundle'), undefined);
  t.equal(await repo.privateEnc('kN'), 'enc-kN');
  t.equal(await repo.privateEnc('nope'), undefined);
});

onEachEngine(t, 'list and inState: purpose, then next, active, retired, newest first, kid on ties', async (t, store) => {
  const repo = signingKeysRepo(store);
  const same = '2026-01-05T00:00:00.000Z';
  await repo.insert(key('b1', 'bundle', 'active', '2026-01-01T00:00:00.000Z'));
  await repo.insert(key('p-old', 'pass', 'active', '2026-01-01T00:00:00.000Z'));
  await repo.retire('p-old', '2026-01-02T00:00:00.000Z');
  await repo.insert(key('p-z', 'pass', 'next', same));
  await repo.activate('p-z', same);
  await repo.retire('p-z', same);
  await repo.insert(key('p-y', 'pass', 'next', same));
  await repo.activate('p-y', same);
  await repo.retire('p-y', same);
  await repo.insert(key('p-act', 'pass', 'active', '2026-01-06T00:00:00.000Z'));
  await repo.insert(key('p-next', 'pass', 'next', '2026-01-07T00:00:00.000Z'));
  await repo.insert(key('a1', 'audit', 'active', '2026-01-01T00:00:00.000Z'));
  const kids = (ks: Array<{ kid: string }>) => ks.map((k) => k.kid);
  t.strictSame(kids(await repo.list()), ['a1', 'b1', 'p-next', 'p-act', 'p-y', 'p-z', 'p-old'], 'text order of purpose; ties on created_at by kid');
  t.strictSame(kids(await repo.list('pass')), ['p-next', 'p-act', 'p-y', 'p-z', 'p-old']);
  t.strictSame(kids(await repo.listForPublishing('pass')), ['p-next', 'p-act', 'p-y', 'p-z', 'p-old']);
  t.strictSame(kids(await repo.inState('pass', 'retired')), ['p-y', 'p-z', 'p-old']);
  t.strictSame(kids(await repo.inState('pass', 'next')), ['p-next']);
  t.strictSame(kids(await repo.inState('bundle', 'next')), []);
  t.match(await repo.get('p-old'), { state: 'retired', retiredAt: '2026-01-02T00:00:00.000Z' });
});

onEachEngine(t, 'activate and retire move one state only; bumpLastExp only raises', async (t, store) => {
  const repo = signingKeysRepo(store);
  await repo.insert(key('kA', 'pass', 'active', '2026-01-01T00:00:00.000Z'));
  await repo.insert(key('kN', 'pass', 'next', '2026-01-02T00:00:00.000Z'));
  t.equal(await repo.activate('kA', '2026-01-03T00:00:00.000Z'), false, 'an active key is not next');
  t.equal(await repo.retire('kN', '2026-01-03T00:00:00.000Z'), false, 'a next key is not active');
  t.equal(await repo.retire('kA', '2026-01-03T00:00:00.000Z'), true);
  t.equal(await repo.retire('kA', '2026-01-03T00:00:00.000Z'), false, 'already retired');
  t.equal(await repo.activate('kN', '2026-01-03T00:00:00.000Z'), true);
  t.match(await repo.get('kN'), { state: 'active', activatedAt: '2026-01-03T00:00:00.000Z' });

  t.equal(await repo.bumpLastExp('kN', 2_000_000_000.7), true);
  t.equal(await repo.bumpLastExp('kN', 1_000_000_000), true, 'a lower exp is no error');
  t.equal((await repo.get('kN'))?.lastExp, 2_000_000_000, 'last_exp = max(last_exp, floor(exp))');
  t.equal(await repo.bumpLastExp('nope', 1), false, 'unknown kid');
});

onEachEngine(t, 'signed_until: the stored passes back a lost last_exp, in epoch seconds, tokens only', async (t, store) => {
  const repo = signingKeysRepo(store);
  await repo.insert(key('kA', 'pass', 'active', '2026-01-01T00:00:00.000Z'));
  await storedPass(store, 1, 'kA', '2026-03-01T08:00:00.000Z');
  await storedPass(store, 2, 'kA', '2026-06-01T00:00:00.000Z', null);
  const march = Date.parse('2026-03-01T08:00:00.000Z') / 1000;
  t.equal((await repo.get('kA'))?.lastExp, march, 'the latest valid_to of a pass with a token');
  await repo.bumpLastExp('kA', march - 10);
  t.equal((await repo.list('pass'))[0]?.lastExp, march, 'the later of the two');
  await repo.bumpLastExp('kA', march + 10);
  t.equal((await repo.inState('pass', 'active'))[0]?.lastExp, march + 10);
  t.equal((await repo.listForPublishing('pass'))[0]?.lastExp, null, 'publishing reads it for retired keys only');

  await repo.retire('kA', '2026-02-01T00:00:00.000Z');
  await store.q().updateTable('signing_keys').set({ last_exp: null }).execute();
  t.equal((await repo.listForPublishing('pass'))[0]?.lastExp, march, 'a retired key: the stored passes back it');
  await store.q().updateTable('passes').set({ token: null }).execute();
  t.equal((await repo.listForPublishing('pass'))[0]?.lastExp, march, 'kept per process while the key is unchanged');
  t.equal((await signingKeysRepo(store).listForPublishing('pass'))[0]?.lastExp, null, 'a new process scans again');
  await repo.insert(key('aud', 'audit', 'next', '2026-01-01T00:00:00.000Z'));
  await repo.activate('aud', '2026-01-01T00:00:00.000Z');
  await repo.retire('aud', '2026-01-02T00:00:00.000Z');
  t.equal((await repo.listForPublishing('audit'))[0]?.lastExp, null, 'an audit key is published for good: not read');
});

onEachEngine(t, 'a second active key of a purpose breaks ONE_ACTIVE_KEY on both engines; a transaction rolls back whole', async (t, store) => {
  const repo = signingKeysRepo(store);
  await repo.insert(key('kA', 'pass', 'active', '2026-01-01T00:00:00.000Z'));
  await repo.insert(key('bA', 'bundle', 'active', '2026-01-01T00:00:00.000Z'));
  const second = await repo.insert(key('kB', 'pass', 'active', '2026-01-02T00:00:00.000Z')).catch((e: unknown) => e);
  t.ok(isUniqueViolation(second, ONE_ACTIVE_KEY), 'insert');
  await repo.insert(key('kN', 'pass', 'next', '2026-01-02T00:00:00.000Z'));
  const activated = await store.transaction(() => repo.activate('kN', '2026-01-03T00:00:00.000Z')).catch((e: unknown) => e);
  t.ok(isUniqueViolation(activated, ONE_ACTIVE_KEY), 'activate');
  t.notOk(isUniqueViolation(activated, { postgres: 'other', sqlite: 'other.x' }), 'narrowed to the constraint');

  await t.rejects(
    store.transaction(async () => {
      await repo.retire('kA', '2026-01-04T00:00:00.000Z');
      await repo.activate('kN', '2026-01-04T00:00:00.000Z');
      throw new Error('boom');
    }),
    /boom/,
  );
  t.match(await repo.get('kA'), { state: 'active', retiredAt: null }, 'the retirement rolled back');
  t.match(await repo.get('kN'), { state: 'next', activatedAt: null });
  await t.rejects(repo.lockForChange(), /inside store.transaction only/, 'the lock is a transaction\'s');
});

onEachEngine(t, 'rotations from two nodes at once: one promotes, the other finds no next key; never two active', async (t, store) => {
  const repo = signingKeysRepo(store);
  for (let round = 0; round < 5; round++) {
    await repo.insert(key(`n${round}`, 'pass', 'next', `2026-01-0${round + 1}T00:00:00.000Z`));
    if (round === 0) await rotate(store, repo, 'pass', '2026-01-01T00:00:00.000Z');
    else {
      // Each "node" its own repository (its own per-process state), one database.
      const results = await Promise.allSettled([0, 1, 2].map(() => rotate(store, signingKeysRepo(store), 'pass', `2026-01-0${round + 1}T01:00:00.000Z`)));
      const done = results.filter((r) => r.status === 'fulfilled');
      t.equal(done.length, 1, `round ${round}: one rotation`);
      t.equal(done[0]?.status === 'fulfilled' && done[0].value, `n${round}`);
      for (const r of results) if (r.status === 'rejected') t.match(String(r.reason), /no_next \(0\)/, 'the others saw it done');
    }
    t.strictSame((await repo.inState('pass', 'active')).map((k) => k.kid), [`n${round}`]);
    t.equal((await repo.inState('pass', 'retired')).length, round);
  }
});

onEachEngine(t, 'next keys added from several nodes at once: exactly one waits', async (t, store) => {
  const repo = signingKeysRepo(store);
  const results = await Promise.allSettled(['x1', 'x2', 'x3', 'x4'].map((kid) => addNext(store, signingKeysRepo(store), kid, '2026-01-01T00:00:00.000Z')));
  t.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results) if (r.status === 'rejected') t.match(String(r.reason), /next_waiting/);
  t.equal((await repo.inState('pass', 'next')).length, 1);
});
