// The Store contract (src/server/db/store.ts) on both engines: what a repository written with Kysely relies on.
import t from 'tap';
import type { Store } from '../../../src/server/db/store.js';
import { onEachEngine } from '../../helpers/engines.js';
import { enterpriseRow } from '../../helpers/seed-rows.js';

const names = async (store: Store) =>
  (await store.q().selectFrom('enterprises').select('name').where('name', 'like', 'T%').orderBy('name').orderBy('id').execute()).map((r) => r.name);

onEachEngine(t, 'a transaction commits when its body resolves and keeps nothing when it rejects', async (t, store) => {
  await store.transaction(async () => {
    await store.q().insertInto('enterprises').values(enterpriseRow('T1', 1)).execute();
    t.equal(store.inTransaction(), true);
    t.strictSame(await names(store), ['T1'], 'the body reads its own write');
  });
  t.equal(store.inTransaction(), false);
  const boom = new Error('boom');
  await t.rejects(
    store.transaction(async () => {
      await store.q().insertInto('enterprises').values(enterpriseRow('T2', 2)).execute();
      throw boom;
    }),
    boom,
  );
  t.strictSame(await names(store), ['T1']);
});

onEachEngine(t, 'a nested transaction is a savepoint: its failure, caught, undoes only its own writes', async (t, store) => {
  await store.transaction(async () => {
    await store.q().insertInto('enterprises').values(enterpriseRow('T1', 1)).execute();
    await store
      .transaction(async () => {
        await store.q().insertInto('enterprises').values(enterpriseRow('T2', 2)).execute();
        throw new Error('inner');
      })
      .catch(() => undefined);
    await store.transaction(async () => {
      await store.q().insertInto('enterprises').values(enterpriseRow('T3', 3)).execute();
    });
  });
  t.strictSame(await names(store), ['T1', 'T3']);
});

onEachEngine(t, 'a constraint broken inside a transaction rolls all of it back', async (t, store) => {
  await t.rejects(
    store.transaction(async () => {
      await store.q().insertInto('enterprises').values(enterpriseRow('T1', 1)).execute();
      await store.q().insertInto('enterprises').values(enterpriseRow('T2', 1)).execute(); // same credit code: UNIQUE
    }),
  );
  t.strictSame(await names(store), []);
});

onEachEngine(t, 'ids and counts come back as numbers on both engines', async (t, store) => {
  const row = await store.q().insertInto('enterprises').values(enterpriseRow('T1', 1)).returning(['id']).executeTakeFirstOrThrow();
  t.type(row.id, 'number');
  const { n } = await store.q().selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  t.equal(Number(n), 1);
});

onEachEngine(t, 'outside a transaction, statements still run (autocommit)', async (t, store) => {
  await store.q().insertInto('enterprises').values(enterpriseRow('T1', 1)).execute();
  await t.rejects(store.transaction(async () => Promise.reject(new Error('x'))));
  t.strictSame(await names(store), ['T1']);
});
