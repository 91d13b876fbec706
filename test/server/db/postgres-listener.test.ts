/**
 * LISTEN over a connection of its own (db/postgres-listener.ts), on a real PostgreSQL: notifications
 * arrive in order, only after their transaction commits, and after the connection is killed the
 * listener connects again and reports the gap.
 */
import t from 'tap';
import { sql } from 'kysely';
import { freshPostgresStore, Rollback } from '../../helpers/engines.js';
import { postgresServerUrl } from '../../helpers/postgres.js';
import { until } from '../../helpers/until.js';
import { isPostgresStore } from '../../../src/server/db/postgres-store.js';
import { postgresListener } from '../../../src/server/db/postgres-listener.js';

const skip = (await postgresServerUrl()) ? false : 'no PostgreSQL (KAKOU_TEST_DATABASE_URL, or initdb to start one)';


t.test('notifications, transactions and a lost connection', { skip }, async (t) => {
  const store = await freshPostgresStore(t);
  if (!store || !isPostgresStore(store)) throw new Error('PostgreSQL went away');
  const got: string[] = [];
  const errors: Error[] = [];
  let gaps = 0;
  const listener = store.listen('kakou_test_channel', { onMessage: (p) => got.push(p), onGap: () => gaps++, onError: (e) => errors.push(e) }, { retryMs: 50, maxRetryMs: 200 });
  t.teardown(() => listener.close());
  await listener.ready;
  t.ok(listener.connected, 'listening once ready');

  for (const n of ['1', '2', '3']) await store.notify('kakou_test_channel', n);
  await store.notify('another_channel', 'not for us');
  await until(() => got.length === 3);
  t.same(got, ['1', '2', '3'], 'in the order sent; another channel is not heard');

  await store.transaction(async () => {
    await store.notify('kakou_test_channel', 'committed');
    await new Promise((r) => setTimeout(r, 150));
    t.same(got, ['1', '2', '3'], 'nothing arrives before the commit');
  });
  await until(() => got.length === 4);
  t.equal(got[3], 'committed', 'sent at the commit');
  await store
    .transaction(async () => {
      await store.notify('kakou_test_channel', 'rolled back');
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  await store.notify('kakou_test_channel', 'after the rollback');
  await until(() => got.length === 5);
  t.equal(got[4], 'after the rollback', 'a rolled-back notification is never sent');

  // As a failover or an administrator would: the server ends the listening connection.
  const { rows } = await sql<{ n: number }>`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`.execute(store.q());
  t.equal(rows[0]!.n, 1, 'the listening connection is terminated');
  await until(() => gaps === 1);
  t.ok(errors.length >= 1, 'the loss is reported');
  t.ok(listener.connected, 'listening again, and the gap is reported');
  await store.notify('kakou_test_channel', 'after the gap');
  await until(() => got.length === 6);
  t.equal(got[5], 'after the gap', 'heard again after connecting again');

  await listener.close();
  t.notOk(listener.connected, 'closed');
  await store.notify('kakou_test_channel', 'after close');
  await new Promise((r) => setTimeout(r, 200));
  t.equal(got.length, 6, 'nothing after close');
  const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`.execute(store.q());
  t.equal(left.rows[0]!.n, 0, 'its connection is gone');
});

t.test('a database that cannot be reached at first: ready rejects, and the listener keeps trying until closed', { skip }, async (t) => {
  const errors: Error[] = [];
  // Nothing listens on port 9 of the loopback.
  const listener = postgresListener({ connectionString: 'postgres://kakou@127.0.0.1:9/none', connectionTimeoutMillis: 2_000 }, 'c', { onMessage: () => {}, onGap: () => {}, onError: (e) => errors.push(e) }, { retryMs: 50, maxRetryMs: 100 });
  await t.rejects(listener.ready, { code: 'ECONNREFUSED' }, 'the first attempt fails');
  await until(() => errors.length >= 2);
  t.ok(errors.length >= 2, 'and it keeps trying, reporting each failure');
  await listener.close();
  const count = errors.length;
  await new Promise((r) => setTimeout(r, 300));
  t.equal(errors.length, count, 'no attempt after close');
});
