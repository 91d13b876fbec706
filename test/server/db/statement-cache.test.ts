import t from 'tap';
import { openDb } from '../../../src/server/db/open.js';
import { cached } from '../../../src/server/db/statement-cache.js';

t.test('one compiled statement per SQL text and connection', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  const other = openDb(':memory:');
  t.teardown(() => other.close());
  db.exec('CREATE TABLE x (n INTEGER)');
  other.exec('CREATE TABLE x (n INTEGER)');
  const prep = cached(db);
  t.equal(cached(db), prep, 'the connection has one cache');
  const a = prep('INSERT INTO x (n) VALUES (?)');
  t.equal(prep('INSERT INTO x (n) VALUES (?)'), a, 'the same text: the same statement');
  t.not(prep('SELECT n FROM x'), a);
  t.not(cached(other)('INSERT INTO x (n) VALUES (?)'), a, 'another connection: its own');
  a.run(1);
  t.same(prep<[], { n: number }>('SELECT n FROM x').all(), [{ n: 1 }]);
});

t.test('modes and bound parameters, which would leak to every caller, are refused', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  const st = cached(db)('SELECT 1 AS one');
  for (const mode of ['pluck', 'raw', 'expand', 'bind', 'safeIntegers'] as const) t.throws(() => (st[mode] as () => unknown)(), /shared statement/, mode);
  t.same(st.get(), { one: 1 }, 'still answers in the default mode');
  t.equal(db.prepare('SELECT 1 AS one').pluck().get(), 1, 'db.prepare still gives a statement of its own');
});

t.test('a statement paused in iterate() is not handed out again', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  db.exec('CREATE TABLE x (n INTEGER); INSERT INTO x VALUES (1), (2), (3)');
  const prep = cached(db);
  const sql = 'SELECT n FROM x ORDER BY n';
  const it = prep<[], { n: number }>(sql).iterate();
  t.same(it.next().value, { n: 1 });
  // A streaming export pauses mid-iteration; a request in between runs the same query.
  t.same(prep<[], { n: number }>(sql).all(), [{ n: 1 }, { n: 2 }, { n: 3 }], 'a fresh statement beside the busy one');
  t.same([...it].map((r) => r.n), [2, 3], 'the paused one continues');
  t.equal(prep(sql).busy, false);
});
