import t from 'tap';
import { AsyncResource } from 'node:async_hooks';
import type { Test } from 'tap';
import { sqliteStore, TransactionYieldedError } from '../../../src/server/db/sqlite-store.js';
import { freshSqliteStore } from '../../helpers/engines.js';

function fresh(t: Test, strict = true, warnings: string[] = []) {
  const { db } = freshSqliteStore(t);
  const store = sqliteStore(db, { strict, warn: (m) => warnings.push(m) });
  const count = () => (db.prepare("SELECT count(*) AS n FROM enterprises WHERE name LIKE 'T%'").get() as { n: number }).n;
  // One raw insert (the repositories not converted yet) and one through Kysely, so both paths are in every case.
  const rawInsert = (name: string, code: string) =>
    db.prepare("INSERT INTO enterprises (name, credit_code, address, region_code, duty_phone) VALUES (?, ?, '昆山', '320583', '0512-5000000')").run(name, code);
  const kyselyInsert = (name: string, code: string) =>
    store.kysely.insertInto('enterprises').values({ name, credit_code: code, address: '昆山', region_code: '320583', duty_phone: '0512-5000000' }).execute();
  return { db, store, count, rawInsert, kyselyInsert };
}

t.test('commits what both the raw connection and Kysely wrote, or rolls both back', async (t) => {
  const { store, count, rawInsert, kyselyInsert } = fresh(t);
  await store.transaction(async () => {
    rawInsert('T1', '91320583MA1XYW0001');
    await kyselyInsert('T2', '91320583MA1XYW0002');
    t.equal(store.inTransaction(), true);
  });
  t.equal(count(), 2);
  t.equal(store.inTransaction(), false);

  const boom = new Error('boom');
  await t.rejects(
    store.transaction(async () => {
      rawInsert('T3', '91320583MA1XYW0003');
      await kyselyInsert('T4', '91320583MA1XYW0004');
      const seen = await store.kysely.selectFrom('enterprises').select('name').where('name', 'like', 'T%').execute();
      t.equal(seen.length, 4, 'the body reads its own writes');
      throw boom;
    }),
    boom,
  );
  t.equal(count(), 2, 'nothing of the failed body is kept');
});

t.test('a transaction inside another is a savepoint: an inner failure the outer catches undoes only the inner writes', async (t) => {
  const { store, count, rawInsert, kyselyInsert } = fresh(t);
  await store.transaction(async () => {
    await kyselyInsert('T1', '91320583MA1XYW0001');
    await store
      .transaction(async () => {
        rawInsert('T2', '91320583MA1XYW0002');
        throw new Error('inner');
      })
      .catch(() => undefined);
    await store.transaction(async () => kyselyInsert('T3', '91320583MA1XYW0003'));
  });
  t.strictSame(
    (await store.kysely.selectFrom('enterprises').select('name').where('name', 'like', 'T%').orderBy('name').execute()).map((r) => r.name),
    ['T1', 'T3'],
  );
  t.equal(count(), 2);
});

t.test('a synchronous better-sqlite3 transaction inside an async transaction is part of it', async (t) => {
  const { db, store, count, rawInsert } = fresh(t);
  await t.rejects(
    store.transaction(async () => {
      db.transaction(() => rawInsert('T1', '91320583MA1XYW0001')).immediate();
      throw new Error('after the nested synchronous one');
    }),
  );
  t.equal(count(), 0);
});

t.test('transactions started together run one after the other, each seeing the one before', async (t) => {
  const { store, kyselyInsert } = fresh(t);
  const seen: number[] = [];
  await Promise.all(
    [1, 2, 3, 4, 5].map((i) =>
      store.transaction(async () => {
        const before = await store.kysely.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).where('name', 'like', 'T%').executeTakeFirstOrThrow();
        seen.push(Number(before.n));
        await kyselyInsert(`T${i}`, `91320583MA1XYW000${i}`);
      }),
    ),
  );
  t.strictSame(seen, [0, 1, 2, 3, 4]);
});

t.test('a transaction started from another async context while one is running waits for it', async (t) => {
  const { store, count, kyselyInsert } = fresh(t);
  let second: Promise<unknown> | undefined;
  // Bound here, outside any transaction: calling it inside the body runs as a concurrent caller would.
  const fromOutside = AsyncResource.bind(<T>(f: () => T): T => f());
  await store.transaction(async () => {
    await kyselyInsert('T1', '91320583MA1XYW0001');
    second = fromOutside(() => store.transaction(async () => kyselyInsert('T2', '91320583MA1XYW0002')));
    await kyselyInsert('T3', '91320583MA1XYW0003');
  });
  await second;
  t.equal(count(), 3);
});

t.test('a body that lets the event loop run is reported: strict throws and rolls back, otherwise a warning', async (t) => {
  const strict = fresh(t, true);
  await t.rejects(
    strict.store.transaction(async () => {
      strict.rawInsert('T1', '91320583MA1XYW0001');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }),
    TransactionYieldedError,
  );
  t.equal(strict.count(), 0, 'strict: the yielded transaction is not committed');

  const warnings: string[] = [];
  const lax = fresh(t, false, warnings);
  await lax.store.transaction(async () => {
    lax.rawInsert('T1', '91320583MA1XYW0001');
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
  t.equal(lax.count(), 1, 'not strict: committed, since other requests may already have written inside it');
  t.equal(warnings.length, 1);
  t.match(warnings[0], /let the event loop run/);

  // Awaiting only database work is not a yield: no warning.
  await lax.store.transaction(async () => {
    for (let i = 2; i < 6; i++) await lax.kyselyInsert(`T${i}`, `91320583MA1XYW000${i}`);
  });
  t.equal(warnings.length, 1);
});

t.test('an async transaction inside a synchronous one is refused with a clear message', async (t) => {
  const { db, store } = fresh(t);
  let inner: Promise<unknown> | undefined;
  db.transaction(() => {
    inner = store.transaction(async () => 1);
  }).immediate();
  await t.rejects(inner!, /inside a synchronous db.transaction/);
});
