/**
 * The escort feed across nodes (features/escorts/feed.ts): two feeds over one PostgreSQL database
 * stand for two nodes. Each node's subscribers hear every change once, whichever node made it; a
 * notice of the wrong shape on the channel is reported and dropped; on SQLite the feed is the process's.
 */
import t from 'tap';
import { sql } from 'kysely';
import { freshPostgresStore, freshSqliteStore } from '../../helpers/engines.js';
import { postgresServerUrl } from '../../helpers/postgres.js';
import { until } from '../../helpers/until.js';
import { isPostgresStore } from '../../../src/server/db/postgres-store.js';
import { ESCORT_FEED_CHANNEL, escortFeed, type EscortNotice } from '../../../src/server/features/escorts/feed.js';
import type { EscortEvent } from '../../../src/server/features/escorts/events.js';

const skip = (await postgresServerUrl()) ? false : 'no PostgreSQL (KAKOU_TEST_DATABASE_URL, or initdb to start one)';


const requested = (requestId: number, enterpriseId: number | null = 7): EscortEvent => ({
  type: 'escort.requested',
  enterpriseId,
  requestId,
  at: '2026-03-02T02:00:00.000Z',
  data: { status: 'open', checkEventId: 'e1', checkpointId: 1, plate: '苏E12345' },
});

function heard(feed: ReturnType<typeof escortFeed>) {
  const notices: EscortNotice[] = [];
  let gaps = 0;
  feed.subscribe({ onNotice: (n) => notices.push(n), onGap: () => gaps++ });
  return { notices, gaps: () => gaps };
}

t.test('two nodes: each hears every change once, whichever node made it', { skip }, async (t) => {
  const store = await freshPostgresStore(t);
  if (!store || !isPostgresStore(store)) throw new Error('PostgreSQL went away');
  const errors: unknown[] = [];
  const a = escortFeed(store, { onError: (e) => errors.push(e) });
  const b = escortFeed(store, { onError: (e) => errors.push(e) });
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  await a.start();
  await b.start();
  const onA = heard(a);
  const onB = heard(b);

  await a.publish(requested(1));
  t.same(onA.notices.map((n) => n.requestId), [1], "node A's subscribers hear its own change at once");
  await until(() => onB.notices.length === 1);
  t.same(onB.notices[0], { enterpriseId: 7, type: 'escort.requested', requestId: 1, status: 'open', at: '2026-03-02T02:00:00.000Z' }, 'node B hears it with what a stream sends, nothing more');

  await b.publish(requested(2, null));
  await until(() => onA.notices.length === 2);
  t.same(onA.notices.map((n) => [n.requestId, n.enterpriseId]), [[1, 7], [2, null]], 'and node A hears node B');
  // A marker after the others: once it has arrived everywhere, nothing else is on its way.
  await a.publish(requested(3));
  await until(() => onB.notices.length === 3);
  t.same(onA.notices.map((n) => n.requestId), [1, 2, 3], 'node A heard each change once (its own not again from the database)');
  t.same(onB.notices.map((n) => n.requestId), [1, 2, 3], 'node B too');

  // Whatever else writes on the channel is checked as any input from outside.
  await store.notify(ESCORT_FEED_CHANNEL, 'not json');
  await store.notify(ESCORT_FEED_CHANNEL, JSON.stringify({ node: 'x', enterpriseId: 7, type: 'escort.requested', requestId: -1, status: 'open', at: 'yesterday' }));
  await a.publish(requested(4));
  await until(() => onB.notices.length === 4);
  t.same(onB.notices.map((n) => n.requestId), [1, 2, 3, 4], 'a notice of the wrong shape is dropped');
  await until(() => errors.length >= 4);
  const messages = errors.map((e) => (e as Error).message);
  t.same([messages.filter((m) => /not JSON/.test(m)).length, messages.filter((m) => /wrong shape/.test(m)).length], [2, 2], 'and reported, by each node');

  // Node B's LISTEN connection is cut (a failover): its subscribers are told they may have missed changes.
  await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid() LIMIT 1`.execute(store.q());
  await until(() => onA.gaps() + onB.gaps() === 1);
  await a.publish(requested(5));
  await until(() => onB.notices.length === 5 && onA.notices.length === 5);
  t.pass('after the gap both nodes hear each other again');
});

t.test('a subscriber that throws neither stops the others nor the change', { skip }, async (t) => {
  const store = await freshPostgresStore(t);
  if (!store) throw new Error('PostgreSQL went away');
  const errors: unknown[] = [];
  const a = escortFeed(store, { onError: (e) => errors.push(e) });
  t.teardown(() => a.close());
  await a.start();
  a.subscribe({ onNotice: () => { throw new Error('a broken stream'); }, onGap: () => {} });
  const after = heard(a);
  await a.publish(requested(1));
  t.equal(after.notices.length, 1, 'the next subscriber still hears it');
  t.match(errors, [{ message: 'a broken stream' }], 'the failure is reported');
});

t.test('SQLite: one node, the feed stays in the process', async (t) => {
  const { store } = freshSqliteStore(t);
  const feed = escortFeed(store);
  await feed.start();
  const h = heard(feed);
  const unsubscribe = feed.subscribe({ onNotice: () => t.fail('unsubscribed'), onGap: () => {} });
  unsubscribe();
  await feed.publish(requested(9));
  t.same(h.notices.map((n) => n.requestId), [9], 'its subscribers hear the change');
  t.equal(feed.subscribers, 1, 'the one that left is gone');
  await feed.close();
});
