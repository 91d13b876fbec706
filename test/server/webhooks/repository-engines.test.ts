/**
 * The webhooks repository on both engines (issue 16): endpoints (live and deleted, the list's order,
 * the count, the patch, the signing secret only as ciphertext), the delivery queue (due order with ties,
 * the delivery log's order), the claim as one conditional UPDATE (of many racing claims exactly one
 * wins), the outcomes, the endpoint's health, a duplicate delivery id recognised the same way, and
 * transactions rolling back.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { isUniqueViolation } from '../../../src/server/db/dialect.js';
import type { Store } from '../../../src/server/db/store.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { deliveryId } from '../../../src/server/features/webhooks/delivery-id.js';
import { webhooksRepo } from '../../../src/server/features/webhooks/repository.js';
import { onEachEngine } from '../../helpers/engines.js';
import { insertEnterprise } from '../../helpers/seed-rows.js';

const key = DataKey.fromBytes(randomBytes(32));
const repoOf = (store: Store) => webhooksRepo(store, () => key);
const AT = '2026-12-01T04:00:00.000Z';
const LATER = '2026-12-01T05:00:00.000Z';
const SECRET = 'whsec_engines_0123456789abcdef0123456789';

async function world(store: Store) {
  const repo = repoOf(store);
  const a = await insertEnterprise(store, '昆山甲方物流有限公司', 1);
  const b = await insertEnterprise(store, 'Kunshan Bravo Logistics', 2);
  const user = (await store.q().insertInto('users').values({ username: 'u', display_name: 'U', role: 'enterprise_user', enterprise_id: a, password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;
  const endpoint = (enterpriseId: number, url: string, at = AT) => repo.insertEndpoint({ enterpriseId, url, secret: SECRET, secretHint: '…6789', createdBy: user, at });
  let n = 0;
  const delivery = async (endpointId: number, enterpriseId: number, over: { id?: string; at?: string; resendOf?: string | null } = {}) => {
    const id = over.id ?? `d${String(++n).padStart(4, '0')}-0000-4000-8000-000000000000`;
    await repo.insertDelivery({ id, eventId: `ev-${id}`, endpointId, enterpriseId, type: 'escort.requested', payload: `{"n":"${id}"}`, at: over.at ?? AT, resendOf: over.resendOf ?? null });
    return id;
  };
  return { repo, a, b, user, endpoint, delivery };
}

onEachEngine(t, 'endpoints: insert, get, list in order, count, update, rotate and delete', async (t, store) => {
  const { repo, a, b, user, endpoint, delivery } = await world(store);
  const b1 = await endpoint(b, 'https://bravo.example.com/hook');
  const a1 = await endpoint(a, 'https://alpha.example.com/one');
  const a2 = await endpoint(a, 'https://alpha.example.com/two');
  t.strictSame(await repo.getEndpoint(a1), {
    id: a1, enterpriseId: a, url: 'https://alpha.example.com/one', enabled: true, secretHint: '…6789', secretRotatedAt: AT, createdBy: user, createdAt: AT, updatedAt: AT,
  });
  t.equal(await repo.getEndpoint(9999), undefined);
  t.same((await repo.listEndpoints()).map((e) => e.id), [a1, a2, b1], 'every live endpoint, by enterprise then id');
  t.same((await repo.listEndpoints(a)).map((e) => e.id), [a1, a2], "one enterprise's");
  t.equal(await repo.countEndpoints(a), 2);
  t.equal(await repo.countEndpoints(b), 1);

  // The secret: ciphertext in the row, clear text only through secretOf.
  const row = await store.q().selectFrom('webhook_endpoints').select('secret_enc').where('id', '=', a1).executeTakeFirstOrThrow();
  t.notMatch(row.secret_enc, SECRET, 'not stored in clear');
  t.equal(await repo.secretOf(a1), SECRET);
  t.equal(await repo.secretOf(9999), undefined);
  await repo.rotateSecret(a1, 'whsec_rotated_secret_value_0000000000', '…0000', LATER);
  t.equal(await repo.secretOf(a1), 'whsec_rotated_secret_value_0000000000');
  t.match(await repo.getEndpoint(a1), { secretHint: '…0000', secretRotatedAt: LATER, updatedAt: LATER, createdAt: AT });

  // A patch changes what it names only.
  await repo.updateEndpoint(a2, { enabled: false }, LATER);
  t.match(await repo.getEndpoint(a2), { url: 'https://alpha.example.com/two', enabled: false, updatedAt: LATER });
  t.same(await repo.endpointLive(a2), { url: 'https://alpha.example.com/two', enabled: false });
  await repo.updateEndpoint(a2, { url: 'https://alpha.example.com/2' }, LATER);
  t.match(await repo.getEndpoint(a2), { url: 'https://alpha.example.com/2', enabled: false });
  await repo.updateEndpoint(a2, { url: undefined, enabled: true }, LATER);
  t.match(await repo.getEndpoint(a2), { url: 'https://alpha.example.com/2', enabled: true });

  // Delete: gone from lookups and lists, its pending deliveries failed, the others kept.
  const pending = await delivery(a1, a);
  const done = await delivery(a1, a);
  await repo.markDelivered(done, 200, LATER);
  const elsewhere = await delivery(a2, a);
  await repo.deleteEndpoint(a1, LATER);
  t.equal(await repo.getEndpoint(a1), undefined);
  t.equal(await repo.endpointLive(a1), undefined);
  t.same((await repo.listEndpoints(a)).map((e) => e.id), [a2]);
  t.equal(await repo.countEndpoints(a), 1, 'a deleted endpoint does not count');
  t.match(await repo.getDelivery(pending), { status: 'failed', nextAttemptAt: null, lastError: 'endpoint deleted' });
  t.match(await repo.getDelivery(done), { status: 'delivered', lastError: null });
  t.match(await repo.getDelivery(elsewhere), { status: 'pending' });
  t.equal(await repo.secretOf(a1), 'whsec_rotated_secret_value_0000000000', 'the row stays (the log names it)');
});

onEachEngine(t, 'deliveries: insert and get, due in order with ties, the log latest first', async (t, store) => {
  const { repo, a, endpoint, delivery } = await world(store);
  const e = await endpoint(a, 'https://alpha.example.com/hook');
  const first = await delivery(e, a, { id: 'f0000000-0000-4000-8000-000000000000' });
  t.strictSame(await repo.getDelivery(first), {
    id: first, eventId: `ev-${first}`, endpointId: e, enterpriseId: a, type: 'escort.requested', status: 'pending', attempts: 0,
    nextAttemptAt: AT, lastAttemptAt: null, lastStatus: null, lastError: null, resendOf: null, createdAt: AT, deliveredAt: null,
    payload: `{"n":"${first}"}`,
  });
  t.equal(await repo.getDelivery('nope'), undefined);
  const resend = await delivery(e, a, { id: '10000000-0000-4000-8000-000000000000', resendOf: first });
  t.match(await repo.getDelivery(resend), { resendOf: first });
  const early = await delivery(e, a, { id: 'c0000000-0000-4000-8000-000000000000', at: '2026-12-01T03:00:00.000Z' });
  const late = await delivery(e, a, { id: '30000000-0000-4000-8000-000000000000', at: LATER });

  // Oldest first; the two queued in one instant (AT) tie on both times and come in one stable order.
  const due = (await repo.due(AT, 10)).map((d) => d.id);
  t.equal(due[0], early, 'the earliest first');
  t.same(due.slice(1).sort(), [first, resend].sort(), 'then the two of one instant; the later one not yet due');
  if (store.engine === 'sqlite') t.same(due, [early, first, resend], 'SQLite: in the order queued (rowid)');
  else t.same(due, [early, resend, first], 'PostgreSQL: by id, having no rowid');
  t.same((await repo.due(AT, 2)).map((d) => d.id), due.slice(0, 2), 'a smaller batch takes the same first ones');
  t.same((await repo.due(LATER, 10)).map((d) => d.id), [...due, late]);
  t.equal((await repo.due(LATER, 10))[0]!.payload, `{"n":"${early}"}`, 'with the body to send');

  // The log: latest first, ties the other way round, without the body.
  const log = await repo.listDeliveries(e, 10);
  t.same(log.map((d) => d.id), [late, ...[...due.slice(1)].reverse(), early]);
  t.notOk('payload' in log[0]!, 'the log has no body');
  t.same((await repo.listDeliveries(e, 2)).map((d) => d.id), [late, due.at(-1)]);

  // The same delivery id twice: the primary key, recognised on both engines.
  const twice = await delivery(e, a, { id: first }).catch((error: unknown) => error);
  t.ok(isUniqueViolation(twice, { postgres: 'webhook_deliveries_pkey', sqlite: 'webhook_deliveries.id' }), `UNIQUE on the id: ${String(twice)}`);
});

onEachEngine(t, 'claim: one conditional UPDATE, exactly one of many racing claims wins', async (t, store) => {
  const { repo, a, endpoint, delivery } = await world(store);
  const e = await endpoint(a, 'https://alpha.example.com/hook');
  const id = await delivery(e, a);
  const lease = '2026-12-01T04:01:00.000Z';
  const claims = await Promise.all(Array.from({ length: 8 }, () => repo.claim(id, 0, AT, lease)));
  t.equal(claims.filter(Boolean).length, 1, 'one claim of eight');
  t.match(await repo.getDelivery(id), { attempts: 1, lastAttemptAt: AT, nextAttemptAt: lease, status: 'pending' });
  t.same(await repo.due(AT, 10), [], 'out of reach until the lease ends');
  t.equal(await repo.claim(id, 0, AT, lease), false, 'a claim on the attempts seen before loses');
  t.equal(await repo.claim(id, 1, lease, '2026-12-01T04:02:00.000Z'), true, 'the next attempt claims on the new count');
  await repo.markDelivered(id, 204, LATER);
  t.equal(await repo.claim(id, 2, LATER, LATER), false, 'a delivered row is never claimed');
});

onEachEngine(t, 'outcomes and health', async (t, store) => {
  const { repo, a, endpoint, delivery } = await world(store);
  const e = await endpoint(a, 'https://alpha.example.com/hook');
  const idle = await endpoint(a, 'https://alpha.example.com/idle');
  t.same(await repo.health(idle), { pending: 0, failed: 0, delivered: 0, lastDeliveredAt: null, lastFailureAt: null }, 'nothing sent yet');

  const ok = await delivery(e, a);
  const retry = await delivery(e, a);
  const dead = await delivery(e, a);
  const refused = await delivery(e, a);
  await repo.claim(ok, 0, '2026-12-01T04:00:01.000Z', LATER);
  await repo.markDelivered(ok, 200, '2026-12-01T04:00:02.000Z');
  t.match(await repo.getDelivery(ok), { status: 'delivered', nextAttemptAt: null, lastStatus: 200, lastError: null, deliveredAt: '2026-12-01T04:00:02.000Z' });
  await repo.claim(retry, 0, '2026-12-01T04:00:03.000Z', LATER);
  await repo.markAttemptFailed(retry, { status: 503, error: null }, '2026-12-01T04:00:33.000Z');
  t.match(await repo.getDelivery(retry), { status: 'pending', nextAttemptAt: '2026-12-01T04:00:33.000Z', lastStatus: 503, lastError: null, attempts: 1 });
  await repo.claim(dead, 0, '2026-12-01T04:00:04.000Z', LATER);
  await repo.markAttemptFailed(dead, { status: null, error: 'timeout' }, null);
  t.match(await repo.getDelivery(dead), { status: 'failed', nextAttemptAt: null, lastStatus: null, lastError: 'timeout' });
  t.strictSame(await repo.health(e), {
    pending: 2, failed: 1, delivered: 1, lastDeliveredAt: '2026-12-01T04:00:02.000Z', lastFailureAt: '2026-12-01T04:00:04.000Z',
  }, 'counts as numbers on both engines; the last failure is the latest failed attempt (a status outside 2xx or an error)');
});

onEachEngine(t, 'a transaction rolls back the endpoint and its deliveries together', async (t, store) => {
  const { repo, a, endpoint, delivery } = await world(store);
  const kept = await endpoint(a, 'https://alpha.example.com/kept');
  const failed = await store
    .transaction(async () => {
      const e = await endpoint(a, 'https://alpha.example.com/gone');
      await delivery(e, a);
      await repo.deleteEndpoint(kept, LATER);
      throw new Error('changed my mind');
    })
    .catch((error: unknown) => error);
  t.match(failed, { message: 'changed my mind' });
  t.same((await repo.listEndpoints(a)).map((e) => e.id), [kept], 'the new endpoint gone, the deleted one back');
  t.same(await repo.due(LATER, 10), [], 'no delivery left behind');
  const id = await store.transaction(async () => {
    const e = await endpoint(a, 'https://alpha.example.com/made');
    return delivery(e, a);
  });
  t.match(await repo.getDelivery(id), { status: 'pending' }, 'and a committed one stays');
});

onEachEngine(t, 'ids from deliveryId() come out of the queue in the order queued, on both engines', async (t, store) => {
  const { repo, a, endpoint, delivery } = await world(store);
  const e = await endpoint(a, 'https://alpha.example.com/hook');
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) ids.push(await delivery(e, a, { id: deliveryId() }));
  t.same((await repo.due(AT, 50)).map((d) => d.id), ids, 'due: the order queued');
  t.same((await repo.listDeliveries(e, 50)).map((d) => d.id), [...ids].reverse(), 'the log: latest first');
});
