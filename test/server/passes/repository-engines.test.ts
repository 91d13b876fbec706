// The passes repository on both engines (issue 16): every method, the list's filters, search and order with
// ties, the pass number's UNIQUE recognised the same way, transactions, and the revocation feed under
// concurrent revocations (its versions never reordered or repeated for a reader polling meanwhile).
import t from 'tap';
import { sql } from 'kysely';
import type { Store } from '../../../src/server/db/store.js';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import { PASS_NO_UNIQUE, passesRepo } from '../../../src/server/features/passes/repository.js';
import type { ApplicationInput } from '../../../src/server/features/passes/schema.js';
import { onEachEngine } from '../../helpers/engines.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';

interface World {
  ent: number;
  other: number;
  truck: number;
  van: number;
  driver: number;
  escort: number;
  user: number;
}

async function world(store: Store): Promise<World> {
  const ent = await insertEnterprise(store, '昆山甲物流有限公司', 1);
  const other = await insertEnterprise(store, 'Wuhan Logistics', 2);
  const vehicle = async (enterprise: number, plate: string) =>
    (await store.q().insertInto('vehicles').values({ enterprise_id: enterprise, plate, vehicle_type: 'truck', region_code: '320500' }).returning('id').executeTakeFirstOrThrow()).id;
  const person = async (name: string, role: string, last4: string) =>
    (
      await store
        .q()
        .insertInto('people')
        .values({ enterprise_id: ent, name, role, id_number_enc: 'enc', id_hmac: `h-${name}`, id_last4: last4, phone_enc: 'enc' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  // passes.kid references a signing key.
  await store.q().insertInto('signing_keys').values({ kid: 'k', purpose: 'pass', public_jwk: '{}', private_enc: 'x', state: 'active' }).execute();
  const user = (await store.q().insertInto('users').values({ username: 'u', display_name: 'U', role: 'bureau_officer', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  return { ent, other, truck: await vehicle(ent, '苏E12345'), van: await vehicle(other, '鄂A88888'), driver: await person('张建国', 'driver', '1234'), escort: await person('李明', 'escort', '5678'), user };
}

const input = (w: World, over: Partial<ApplicationInput> = {}): ApplicationInput => ({
  vehicleId: w.truck, driverId: w.driver, escortIds: [w.escort], validFrom: '2026-03-01', validTo: '2026-03-05',
  originRegion: '320583', destination: '昆山市开发区', cargoCategory: 'parts', routeNote: 'G2', ...over,
});

const newPass = (store: Store, w: World, passNo: string, over: Partial<ApplicationInput> & { enterpriseId?: number; validTo?: string } = {}) =>
  passesRepo(store).insert({
    passNo, enterpriseId: over.enterpriseId ?? w.ent, createdBy: w.user, input: input(w, over),
    validFrom: '2026-03-01T00:00:00.000Z', validTo: over.validTo ?? '2026-03-05T16:00:00.000Z',
  });

onEachEngine(t, 'insert, get, getByPassNo, tokenCrew and token: the same pass with its crew in order', async (t, store) => {
  const repo = passesRepo(store);
  const w = await world(store);
  const id = await newPass(store, w, 'PASSA23456');
  t.type(id, 'number');
  const now = Date.parse('2026-03-02T00:00:00.000Z');
  const p = (await repo.get(id, now))!;
  t.match(p, {
    id, passNo: 'PASSA23456', enterpriseId: w.ent, enterpriseName: '昆山甲物流有限公司', vehicleId: w.truck, plate: '苏E12345',
    status: 'draft', displayStatus: 'draft', validFrom: '2026-03-01T00:00:00.000Z', validTo: '2026-03-05T16:00:00.000Z',
    validity: { firstDay: '2026-03-01' }, originRegion: '320583', destination: '昆山市开发区', cargoCategory: 'parts', routeNote: 'G2',
    submittedAt: null, decidedAt: null, rejectReason: null, kid: null, revokedAt: null, replacesId: null, replacedById: null,
  });
  t.strictSame(p.people.map((c) => [c.personId, c.name, c.role, c.idMasked.slice(-4)]), [[w.driver, '张建国', 'driver', '1234'], [w.escort, '李明', 'escort', '5678']]);
  t.match(p.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.strictSame(await repo.getByPassNo('PASSA23456', now), p);
  t.equal(await repo.get(id + 100), undefined);
  t.equal(await repo.getByPassNo('NOPE'), undefined);
  t.strictSame(await repo.tokenCrew(id), [{ name: '张建国', id4: '1234' }, { name: '李明', id4: '5678' }]);
  t.equal(await repo.token(id), null);
  t.equal(await repo.token(id + 100), null);
});

onEachEngine(t, 'update, setCrew, transition and setFields; an issued pass past its end shows as expired', async (t, store) => {
  const repo = passesRepo(store);
  const w = await world(store);
  const id = await newPass(store, w, 'PASSA23456');
  await repo.update(id, input(w, { escortIds: [], destination: '苏州', routeNote: '' }), '2026-03-02T00:00:00.000Z', '2026-03-03T16:00:00.000Z');
  const p = (await repo.get(id))!;
  t.match(p, { destination: '苏州', routeNote: '', validFrom: '2026-03-02T00:00:00.000Z', validTo: '2026-03-03T16:00:00.000Z' });
  t.equal(p.people.length, 1, 'the crew replaced');
  t.equal(await repo.transition(id, 'submitted', 'issued'), false, 'only from the expected status');
  t.equal(await repo.transition(id, 'draft', 'submitted', { submitted_at: '2026-03-02T01:00:00.000Z' }), true);
  t.equal(await repo.transition(id, 'submitted', 'issued', { token: 'tok', kid: 'k', decided_at: '2026-03-02T02:00:00.000Z', decided_by: w.user }), true);
  await repo.setFields(id, { cancel_requested_at: '2026-03-02T03:00:00.000Z', cancel_reason: 'why' });
  const issued = (await repo.get(id, Date.parse('2026-03-02T12:00:00.000Z')))!;
  t.match(issued, { status: 'issued', displayStatus: 'issued', kid: 'k', submittedAt: '2026-03-02T01:00:00.000Z', cancelReason: 'why' });
  t.equal(await repo.token(id), 'tok');
  t.equal((await repo.get(id, Date.parse('2026-03-04T00:00:00.000Z')))!.displayStatus, 'expired');
});

onEachEngine(t, 'list: status views, search (literal, ASCII case ignored), enterprise, order with ties, total', async (t, store) => {
  const repo = passesRepo(store);
  const w = await world(store);
  const a = await newPass(store, w, 'AAAA223456');
  const b = await newPass(store, w, 'BBBB223456');
  const c = await newPass(store, w, 'CCCC223456', { validTo: '2026-03-01T16:00:00.000Z' });
  const d = await newPass(store, w, 'DDDD223456', { enterpriseId: w.other, vehicleId: w.van });
  const same = '2026-03-01T05:00:00.000Z';
  for (const id of [a, b, c]) await repo.transition(id, 'draft', 'submitted', { submitted_at: same });
  await repo.transition(d, 'draft', 'submitted', { submitted_at: '2026-03-01T04:00:00.000Z' });
  const now = Date.parse('2026-03-02T00:00:00.000Z');
  const ids = async (f: Parameters<typeof repo.list>[0]) => (await repo.list(f, now)).items.map((p) => p.id);
  const all = { limit: 50, offset: 0 };
  t.strictSame(await ids({ ...all, status: 'submitted' }), [d, a, b, c], 'the queue: oldest first, ties by id');
  t.strictSame(await ids({ ...all, status: 'submitted', limit: 2, offset: 1 }), [a, b], 'offset pages of ties');
  t.strictSame(await ids(all), [d, c, b, a], 'newest first');
  t.strictSame(await ids({ ...all, enterpriseId: w.ent }), [c, b, a]);
  for (const id of [b, c]) await repo.transition(id, 'submitted', 'issued', { token: 't', kid: 'k' });
  await repo.setFields(a, { cancel_requested_at: '2026-03-01T06:00:00.000Z' });
  await repo.transition(a, 'submitted', 'issued', { token: 't', kid: 'k' });
  t.strictSame(await ids({ ...all, status: 'issued' }), [b, a], 'issued: in force now');
  t.strictSame(await ids({ ...all, status: 'expired' }), [c]);
  t.strictSame(await ids({ ...all, status: 'cancel_requested' }), [a]);
  t.strictSame(await ids({ ...all, status: 'draft' }), []);
  t.strictSame(await ids({ ...all, q: 'wuhan' }), [d], 'the enterprise name, ASCII case ignored');
  t.strictSame(await ids({ ...all, q: '苏e123' }), [c, b, a], 'the plate');
  t.strictSame(await ids({ ...all, q: 'BBBB223456' }), [b], 'the pass number, exactly');
  t.strictSame(await ids({ ...all, q: '%' }), [], 'a wildcard is taken literally');
  const page = await repo.list({ limit: 1, offset: 0, enterpriseId: w.ent }, now);
  t.equal(page.total, 3);
  t.equal(page.items[0]?.people.length, 2, 'a listed pass has its crew');
  t.strictSame((await repo.inForceOf(w.ent, '2026-03-02T00:00:00.000Z')).map((p) => p.id), [a, b], 'in force: issued and not ended, by id');
});

onEachEngine(t, 'a duplicate pass number breaks PASS_NO_UNIQUE on both engines; a transaction rolls back whole', async (t, store) => {
  const repo = passesRepo(store);
  const w = await world(store);
  await newPass(store, w, 'PASSA23456');
  const dup = await newPass(store, w, 'PASSA23456').catch((e: unknown) => e);
  t.ok(isUniqueViolation(dup, PASS_NO_UNIQUE));
  await t.rejects(
    store.transaction(async () => {
      await newPass(store, w, 'PASSB23456');
      await repo.addRevocation('PASSB23456', 'revoked', 1);
      throw new Error('boom');
    }),
    /boom/,
  );
  t.equal(await repo.getByPassNo('PASSB23456'), undefined, 'the pass and its crew rolled back');
  t.equal(await repo.revocationVersion(), 0, 'and its revocation');
  t.equal((await store.q().selectFrom('pass_people').select('pass_id').execute()).length, 2);
});

onEachEngine(t, 'settings and the revocation feed: versions in order, pages, the latest version', async (t, store) => {
  const repo = passesRepo(store);
  t.equal(await repo.setting('pass.issuer'), 'KSJT');
  t.equal(await repo.setting('pass.max_validity_days'), '14');
  t.equal(await repo.setting('nope'), undefined);
  t.equal(await repo.revocationVersion(), 0);
  const v1 = await store.transaction(() => repo.addRevocation('R1', 'revoked', 100));
  const v2 = await store.transaction(() => repo.addRevocation('R2', 'replaced', 200));
  t.ok(v2 > v1);
  t.equal(await repo.revocationVersion(), v2);
  const items = await repo.revocationsSince(0, 10);
  t.match(items, [{ version: v1, passNo: 'R1', reason: 'revoked', expiresAt: 100 }, { version: v2, passNo: 'R2', reason: 'replaced', expiresAt: 200 }]);
  t.match(items[0]!.revokedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.strictSame((await repo.revocationsSince(v1, 10)).map((r) => r.passNo), ['R2']);
  t.strictSame((await repo.revocationsSince(0, 1)).map((r) => r.passNo), ['R1']);
  const dup = await store.transaction(() => repo.addRevocation('R1', 'revoked', 100)).catch((e: unknown) => e);
  t.ok(isUniqueViolation(dup), 'a pass is revoked once');
});

onEachEngine(t, 'concurrent revocations: a reader polling meanwhile sees every version once, in order, none skipped', async (t, store, engine) => {
  const repo = passesRepo(store);
  const N = 40;
  let done = false;
  const seen: number[] = [];
  const reader = (async () => {
    let since = 0;
    for (;;) {
      const finished = done;
      const page = await repo.revocationsSince(since, 1000);
      for (const r of page) seen.push(r.version);
      if (page.length > 0) since = page.at(-1)!.version;
      if (finished) break;
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  const versions = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      store.transaction(async () => {
        const v = await repo.addRevocation(`C${i}`, 'revoked', 100);
        // Holds the transaction open a while (database work only), as a slow commit would: the earlier of each
        // five the longest, so without the feed's lock later versions would commit first and the reader skip.
        if (engine === 'postgres') await sql`SELECT pg_sleep(${(4 - (i % 5)) / 100})`.execute(store.q());
        return v;
      }),
    ),
  );
  done = true;
  await reader;
  t.equal(new Set(versions).size, N, 'no version repeated');
  const stored = (await repo.revocationsSince(0, 1000)).map((r) => r.version);
  t.equal(stored.length, N);
  t.strictSame(seen, stored, 'the reader saw each once, in version order, none skipped');
});
