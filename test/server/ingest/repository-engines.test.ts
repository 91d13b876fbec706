// The events repository on both engines (issue 16): inserts (one, many, an id already stored skipped and
// reported), lookups, the chain flags (gap, broken link, fork) and reference flags (unknown staff, cross
// checkpoint) recomputed from what is stored whatever the order and split, twins (event_conflicts), the
// device's last event and last_seen_at, the list's filters and order with ties, a CHECK refusal recognised the
// same way and rolled back to its savepoint, and several nodes storing one device's uploads at once: each
// event stored once, the rest reported duplicates, no flag left by a batch that could not see the other's rows.
import t from 'tap';
import { GENESIS_HASH } from '../../../src/core/events/index.js';
import type { Store } from '../../../src/server/db/store.js';
import { checkpointsRepo } from '../../../src/server/features/checkpoints/repository.js';
import { staffRepo } from '../../../src/server/features/checkpoints/staff-repository.js';
import { eventsRepo, type EventsRepo, type NewEvent } from '../../../src/server/features/ingest/repository.js';
import { onEachEngine } from '../../helpers/engines.js';

const AT = '2026-12-01T04:00:00.000Z';
const LATER = '2026-12-01T04:05:00.000Z';

/** A 43-character hash standing for `label` (never the genesis hash). */
const h = (label: string) => label.padEnd(43, 'x').slice(0, 43);

interface Spec {
  id: string;
  device: string;
  seq: number;
  /** the hash of the event this one follows; by default the device's seq − 1 (genesis for seq 1) */
  prev?: string;
  hash?: string;
  type?: NewEvent['type'];
  payload?: Record<string, unknown>;
  at?: string;
}

const ev = (s: Spec): NewEvent => ({
  id: s.id,
  deviceId: s.device,
  seq: s.seq,
  deviceTime: '2026-12-01T12:00:00.000+08:00',
  receivedAt: s.at ?? AT,
  clockOffsetMs: -1234,
  prevHash: s.prev ?? (s.seq === 1 ? GENESIS_HASH : h(`${s.device}:${s.seq - 1}`)),
  hash: s.hash ?? h(`${s.device}:${s.seq}`),
  type: s.type ?? 'check',
  payload: JSON.stringify(s.payload ?? { staffBadge: 'B001' }),
  canonical: `{"id":"${s.id}"}`,
  sig: `sig-${s.id}`,
});

/** A straight chain of `n` events of one device, ids `<prefix>-<seq>`. */
const chain = (device: string, n: number, prefix = device) => Array.from({ length: n }, (_, i) => ev({ id: `${prefix}-${i + 1}`, device, seq: i + 1 }));

/** Checkpoints 1 and 2; dev-a and dev-b at the first, dev-c at the second; badge B001 of the first, B002 of the second. */
async function world(store: Store) {
  const cp1 = (await checkpointsRepo(store).insert({ name: '花桥卡口', location: '沪宁高速花桥收费站', regionCode: '320583', direction: 'both' })).id;
  const cp2 = (await checkpointsRepo(store).insert({ name: '千灯卡口', location: '千灯镇', regionCode: '320583', direction: 'both' })).id;
  for (const [id, cp] of [['dev-a', cp1], ['dev-b', cp1], ['dev-c', cp2]] as const) {
    await store.q().insertInto('devices').values({ id, checkpoint_id: cp, public_jwk: '{}', key_thumbprint: `thumb-${id}` }).execute();
  }
  await staffRepo(store).insert({ checkpointId: cp1, badge: 'B001', name: '王芳', pinHash: 'x' });
  await staffRepo(store).insert({ checkpointId: cp2, badge: 'B002', name: '李强', pinHash: 'x' });
  return { repo: eventsRepo(store), cp1, cp2 };
}

/** Every stored event's chain and reference flags, by id. */
async function flagsById(repo: EventsRepo): Promise<Record<string, string[]>> {
  const all = await repo.list({ limit: 500 });
  return Object.fromEntries(all.map((e) => [e.id, [...e.flags, ...e.referenceFlags]]));
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);
const codeOf = (e: unknown) => (e as { code?: unknown } | null)?.code;

onEachEngine(t, 'insert, get, storedOf, flagsOf, last and touchDevice', async (t, store) => {
  const { repo } = await world(store);
  const [one, two] = chain('dev-a', 2);
  t.equal(await store.transaction(() => repo.insert(one!)), true, 'inserted');
  t.strictSame(await repo.get(one!.id), {
    id: 'dev-a-1', deviceId: 'dev-a', seq: 1, deviceTime: '2026-12-01T12:00:00.000+08:00', receivedAt: AT, clockOffsetMs: -1234,
    prevHash: GENESIS_HASH, hash: h('dev-a:1'), type: 'check', payload: { staffBadge: 'B001' }, canonical: '{"id":"dev-a-1"}', sig: 'sig-dev-a-1',
    flags: [], referenceFlags: [], conflicts: 0,
  });
  t.equal(await repo.get('dev-a-9'), undefined);

  // The same id again, with other content: skipped, the stored row untouched.
  const again = { ...one!, hash: h('other'), receivedAt: LATER };
  t.equal(await store.transaction(() => repo.insert(again)), false, 'an id already stored is not inserted');
  t.equal((await repo.get(one!.id))!.hash, h('dev-a:1'), 'the first content kept');
  t.strictSame([...(await store.transaction(() => repo.insertMany('dev-a', [one!, two!])))], ['dev-a-2'], 'insertMany reports what it inserted');

  t.strictSame(await repo.storedOf([]), new Map());
  t.strictSame(Object.fromEntries(await repo.storedOf(['dev-a-2', 'nope', 'dev-a-1'])), {
    'dev-a-1': { hash: h('dev-a:1'), deviceId: 'dev-a' },
    'dev-a-2': { hash: h('dev-a:2'), deviceId: 'dev-a' },
  });
  t.strictSame(await repo.flagsOf([]), new Map());
  t.strictSame(await repo.flagsOf(['dev-a-1']), new Map([['dev-a-1', { flags: [], referenceFlags: [] }]]));

  t.strictSame(await repo.last('dev-a'), { seq: 2, hash: h('dev-a:2') });
  t.equal(await repo.last('dev-b'), undefined);
  // A fork at the highest seq: the one stored first, then by id (received at the same instant).
  await store.transaction(() => repo.insertMany('dev-a', [ev({ id: 'z-fork', device: 'dev-a', seq: 3, hash: h('z'), at: AT }), ev({ id: 'y-fork', device: 'dev-a', seq: 3, hash: h('y'), at: LATER })]));
  t.strictSame(await repo.last('dev-a'), { seq: 3, hash: h('z') }, 'stored first');
  await store.transaction(() => repo.insert(ev({ id: 'b-fork', device: 'dev-a', seq: 3, hash: h('b'), at: AT })));
  t.strictSame(await repo.last('dev-a'), { seq: 3, hash: h('b') }, 'same instant: the lower id');

  const seen = async () => (await store.q().selectFrom('devices').select('last_seen_at').where('id', '=', 'dev-a').executeTakeFirstOrThrow()).last_seen_at;
  t.equal(await seen(), null);
  await repo.touchDevice('dev-a', LATER);
  t.equal(await seen(), LATER);
  await repo.touchDevice('dev-a', AT);
  t.equal(await seen(), LATER, 'never moved back');
});

onEachEngine(t, 'chain flags depend on what is stored, not on the order or split of the inserts', async (t, store) => {
  const { repo } = await world(store);
  // seq 1 off the genesis hash; a fork at 2 (one twin linking, one not); 3 after the first twin; 5 with 4 missing;
  // 6 linking to a hash that 5 does not have.
  const specs = (device: string): NewEvent[] => [
    ev({ id: `${device}-1`, device, seq: 1, prev: h('not genesis') }),
    ev({ id: `${device}-2a`, device, seq: 2 }),
    ev({ id: `${device}-2b`, device, seq: 2, prev: h('elsewhere'), hash: h(`${device}:2b`) }),
    ev({ id: `${device}-3`, device, seq: 3 }),
    ev({ id: `${device}-5`, device, seq: 5 }),
    ev({ id: `${device}-6`, device, seq: 6, prev: h('not five') }),
  ];
  const expected = (d: string) => ({
    [`${d}-1`]: ['broken_link'],
    [`${d}-2a`]: ['fork'],
    [`${d}-2b`]: ['broken_link', 'fork'],
    [`${d}-3`]: [],
    [`${d}-5`]: ['gap'],
    [`${d}-6`]: ['broken_link'],
  });
  // dev-a: one insertMany; dev-b: one insert at a time, backwards (dev-b is of the same checkpoint, so B001 is known).
  await store.transaction(() => repo.insertMany('dev-a', specs('dev-a')));
  for (const e of specs('dev-b').reverse()) await store.transaction(() => repo.insert(e));
  t.strictSame(await flagsById(repo), { ...expected('dev-a'), ...expected('dev-b') });

  // The missing seq 4 arrives: 5's gap is gone and it links.
  await store.transaction(() => repo.insertMany('dev-a', [ev({ id: 'dev-a-4', device: 'dev-a', seq: 4 })]));
  const now = await flagsById(repo);
  t.strictSame([now['dev-a-4'], now['dev-a-5'], now['dev-a-6']], [[], [], ['broken_link']]);
  t.strictSame((await repo.list({ deviceId: 'dev-a', flag: 'gap', limit: 10 })).map((e) => e.id), [], 'no gap left');
  await t.rejects(repo.insertMany('dev-a', [ev({ id: 'dev-b-9', device: 'dev-b', seq: 9 })]), /not of device dev-a/, 'one device per call');
});

onEachEngine(t, 'reference flags: staff of another checkpoint, handovers of another checkpoint’s check, set whichever side arrives first', async (t, store) => {
  const { repo } = await world(store);
  await store.transaction(async () => {
    await repo.insertMany('dev-a', [
      ev({ id: 'chk-a', device: 'dev-a', seq: 1 }),
      ev({ id: 'chk-stranger', device: 'dev-a', seq: 2, payload: { staffBadge: 'B002' } }),
      ev({ id: 'chk-nobody', device: 'dev-a', seq: 3, payload: {} }),
      ev({ id: 'sign-in-a', device: 'dev-a', seq: 4, type: 'staff_sign_in' }),
    ]);
    await repo.insertMany('dev-b', [
      ev({ id: 'ho-same', device: 'dev-b', seq: 1, type: 'escort_handover', payload: { staffBadge: 'B001', checkEventId: 'chk-a' } }),
      ev({ id: 'ho-not-check', device: 'dev-b', seq: 2, type: 'escort_handover', payload: { staffBadge: 'B001', checkEventId: 'sign-in-a' } }),
    ]);
    await repo.insertMany('dev-c', [
      ev({ id: 'ho-other-cp', device: 'dev-c', seq: 1, type: 'escort_handover', payload: { staffBadge: 'B002', checkEventId: 'chk-a' } }),
      ev({ id: 'ho-early', device: 'dev-c', seq: 2, type: 'escort_handover', payload: { staffBadge: 'B002', checkEventId: 'chk-late' } }),
      ev({ id: 'ho-early-same', device: 'dev-c', seq: 3, type: 'escort_handover', payload: { staffBadge: 'B002', checkEventId: 'chk-late-c' } }),
    ]);
  });
  const before = await flagsById(repo);
  t.strictSame(before, {
    'chk-a': [], 'chk-stranger': ['unknown_staff'], 'chk-nobody': ['unknown_staff'], 'sign-in-a': [],
    'ho-same': [], 'ho-not-check': ['cross_checkpoint'],
    'ho-other-cp': ['cross_checkpoint'], 'ho-early': [], 'ho-early-same': [],
  });
  // The checks the early handovers name arrive: one of another checkpoint (flagged now), one of the handover's own.
  await store.transaction(async () => {
    await repo.insert(ev({ id: 'chk-late', device: 'dev-a', seq: 5 }));
    await repo.insert(ev({ id: 'chk-late-c', device: 'dev-c', seq: 4, payload: { staffBadge: 'B002' } }));
  });
  const after = await flagsById(repo);
  t.strictSame([after['ho-early'], after['ho-early-same'], after['chk-late'], after['chk-late-c']], [['cross_checkpoint'], [], [], []]);
  t.strictSame((await repo.list({ flag: 'unknown_staff', limit: 10 })).map((e) => e.id), ['chk-stranger', 'chk-nobody']);
  t.strictSame((await repo.list({ flag: 'cross_checkpoint', limit: 10 })).map((e) => e.id), ['ho-not-check', 'ho-other-cp', 'ho-early']);
  t.strictSame((await repo.get('ho-early'))!.referenceFlags, ['cross_checkpoint']);
  t.strictSame((await repo.flagsOf(['chk-stranger'])).get('chk-stranger'), { flags: [], referenceFlags: ['unknown_staff'] });
});

onEachEngine(t, 'twins: each distinct one recorded once with its attempts, listed in order, counted on the event', async (t, store) => {
  const { repo } = await world(store);
  await store.transaction(() => repo.insertMany('dev-a', chain('dev-a', 3)));
  const twin = (hash: string, at: string) => ({ eventId: 'dev-a-2', deviceId: 'dev-a', hash: h(hash), canonical: `{"twin":"${hash}"}`, sig: `sig-${hash}`, at });
  t.equal(await repo.recordConflict(twin('t1', AT)), 1);
  t.equal(await repo.recordConflict(twin('t2', AT)), 1, 'another twin counts on its own');
  t.equal(await repo.recordConflict(twin('t1', LATER)), 2, 'the same twin again');
  t.strictSame(await repo.conflicts('dev-a-2'), [
    { eventId: 'dev-a-2', deviceId: 'dev-a', hash: h('t1'), canonical: '{"twin":"t1"}', sig: 'sig-t1', firstReceivedAt: AT, lastReceivedAt: LATER, attempts: 2 },
    { eventId: 'dev-a-2', deviceId: 'dev-a', hash: h('t2'), canonical: '{"twin":"t2"}', sig: 'sig-t2', firstReceivedAt: AT, lastReceivedAt: AT, attempts: 1 },
  ]);
  t.strictSame(await repo.conflicts('dev-a-1'), []);
  t.equal((await repo.get('dev-a-2'))!.conflicts, 2, 'distinct twins');
  t.equal((await repo.get('dev-a-1'))!.conflicts, 0);
  t.strictSame((await repo.list({ flag: 'conflict', limit: 10 })).map((e) => [e.id, e.conflicts]), [['dev-a-2', 2]]);
  // Concurrent records of one new twin: every attempt counted, exactly one of them the first.
  const attempts = await Promise.all(Array.from({ length: 8 }, () => store.transaction(() => repo.recordConflict(twin('t3', LATER)))));
  t.strictSame([...attempts].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8]);
});

onEachEngine(t, 'the list: filters, by device, seq and id with ties (forks at one instant), paged', async (t, store) => {
  const { repo } = await world(store);
  // Forks: several events share each (device, seq); ids neither in insertion nor in seq order.
  const rows: NewEvent[] = [];
  for (let i = 0; i < 14; i++) {
    const device = i % 2 ? 'dev-a' : 'dev-b';
    rows.push(ev({ id: `e-${String((5 * i) % 14).padStart(2, '0')}`, device, seq: 1 + (i % 3), hash: h(`e${i}`), prev: GENESIS_HASH }));
  }
  for (const device of ['dev-b', 'dev-a']) await store.transaction(() => repo.insertMany(device, rows.filter((r) => r.deviceId === device)));
  await repo.recordConflict({ eventId: 'e-05', deviceId: 'dev-b', hash: h('t'), canonical: '{}', sig: 's', at: AT });
  const order = (r: NewEvent[]) =>
    [...r].sort((a, b) => (a.deviceId !== b.deviceId ? (a.deviceId < b.deviceId ? -1 : 1) : a.seq !== b.seq ? a.seq - b.seq : a.id < b.id ? -1 : 1)).map((x) => x.id);
  for (const limit of [3, 1, 100]) {
    const all: string[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await repo.list({ limit, offset });
      all.push(...page.map((e) => e.id));
      if (page.length < limit) break;
    }
    t.strictSame(all, order(rows), `every event once, pages of ${limit}`);
  }
  t.strictSame((await repo.list({ deviceId: 'dev-a', limit: 100 })).map((e) => e.id), order(rows.filter((r) => r.deviceId === 'dev-a')));
  t.strictSame((await repo.list({ deviceId: 'dev-a', limit: 2, offset: 2 })).map((e) => e.id), order(rows.filter((r) => r.deviceId === 'dev-a')).slice(2, 4));
  t.strictSame((await repo.list({ flag: 'fork', deviceId: 'dev-b', limit: 100 })).map((e) => e.id), order(rows.filter((r) => r.deviceId === 'dev-b')), 'all forked');
  // seq 2 and 3 link to the genesis hash, seq 1 does not: broken links and no gaps (seq − 1 is stored).
  const broken = order(rows.filter((r) => r.seq > 1));
  t.strictSame((await repo.list({ flag: 'broken_link', limit: 100 })).map((e) => e.id), broken);
  t.strictSame((await repo.list({ flag: 'gap', limit: 100 })).map((e) => e.id), []);
  t.strictSame((await repo.list({ flag: 'any', limit: 100 })).map((e) => e.id), order(rows));
  t.strictSame((await repo.list({ flag: 'conflict', limit: 100 })).map((e) => e.id), ['e-05']);
  t.strictSame((await repo.list({ deviceId: 'dev-c', limit: 100 })).map((e) => e.id), []);
});

onEachEngine(t, 'a CHECK refuses its whole statement, recognisably, and only its savepoint rolls back', async (t, store) => {
  const { repo } = await world(store);
  const [one, two, three] = chain('dev-a', 3);
  // A prev_hash of the wrong length (CHECK length(prev_hash) = 43). Not invalid JSON: the console's generated
  // columns read the payload before any CHECK, so that fails as malformed JSON (SQLite) / 22P02 (PostgreSQL) on
  // both engines alike, and the service never stores anything but its own canonical JSON anyway.
  const bad = { ...two!, prevHash: 'short' };
  const outcome = await store.transaction(async () => {
    const refused = await failure(store.transaction(() => repo.insertMany('dev-a', [one!, bad, three!])));
    // What the ingest service tells apart from other failures (isContentRefusal).
    t.ok(['SQLITE_CONSTRAINT_CHECK', '23514'].includes(String(codeOf(refused))), `a CHECK violation: ${String(refused)}`);
    t.strictSame(await repo.storedOf([one!.id, three!.id]), new Map(), 'nothing of the refused statement stays');
    // The transaction goes on: the rest one at a time, the bad one refused alone.
    const kept: string[] = [];
    for (const e of [one!, bad, three!]) {
      const r = await failure(store.transaction(async () => (await repo.insert(e)) && kept.push(e.id)));
      if (r) t.equal(e.id, bad.id, 'only the bad one refused');
    }
    return kept;
  });
  t.strictSame(outcome, ['dev-a-1', 'dev-a-3']);
  t.strictSame(await flagsById(repo), { 'dev-a-1': [], 'dev-a-3': ['gap'] });

  // A transaction that fails leaves nothing: its events, their flags' changes, twins and last_seen_at.
  await failure(
    store.transaction(async () => {
      await repo.insertMany('dev-a', [two!]);
      await repo.recordConflict({ eventId: 'dev-a-1', deviceId: 'dev-a', hash: h('t'), canonical: '{}', sig: 's', at: AT });
      await repo.touchDevice('dev-a', LATER);
      throw new Error('rolled back');
    }),
  );
  t.equal(await repo.get('dev-a-2'), undefined);
  t.strictSame(await flagsById(repo), { 'dev-a-1': [], 'dev-a-3': ['gap'] }, 'the gap stays');
  t.strictSame(await repo.conflicts('dev-a-1'), []);
  t.equal((await store.q().selectFrom('devices').select('last_seen_at').where('id', '=', 'dev-a').executeTakeFirstOrThrow()).last_seen_at, null);
});

onEachEngine(t, 'two nodes storing the same uploads at once: each event stored once, the rest duplicates, the same flags', async (t, store) => {
  const { repo } = await world(store);
  const events = chain('dev-a', 12);
  /** What the ingest service does in its transaction: lock the device, read what is stored, insert the rest. */
  const upload = (batch: readonly NewEvent[]) =>
    store.transaction(async () => {
      await repo.lockDevice('dev-a');
      const stored = await repo.storedOf(batch.map((e) => e.id));
      const inserted = await repo.insertMany('dev-a', batch.filter((e) => !stored.has(e.id)));
      return { inserted: [...inserted], duplicates: batch.filter((e) => !inserted.has(e.id)).map((e) => e.id) };
    });
  // Six uploads of the whole chain at once (three nodes, a device retrying).
  const whole = await Promise.all(Array.from({ length: 6 }, () => upload(events)));
  const inserted = whole.flatMap((r) => r.inserted).sort();
  t.strictSame(inserted, events.map((e) => e.id).sort(), 'each event inserted by exactly one upload');
  t.equal(whole.flatMap((r) => r.duplicates).length, 5 * events.length, 'every other copy a duplicate');
  t.equal(Number((await store.q().selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 12);

  // Uploads of one device's chain in disjoint pieces, all at once: each must see the others' rows before it
  // flags gaps and links, or a seq whose predecessor another node was storing would keep a gap it does not have.
  const more = chain('dev-b', 30);
  const pieces = Array.from({ length: 10 }, (_, i) => more.slice(i * 3, i * 3 + 3)).reverse();
  await Promise.all(
    pieces.map((piece) =>
      store.transaction(async () => {
        await repo.lockDevice('dev-b');
        await repo.insertMany('dev-b', piece);
      }),
    ),
  );
  t.strictSame((await repo.list({ deviceId: 'dev-b', flag: 'any', limit: 100 })).map((e) => e.id), [], 'no chain flag on a whole chain');
  t.strictSame((await repo.list({ deviceId: 'dev-b', limit: 100 })).map((e) => e.seq), more.map((e) => e.seq));

  // One id sent by two devices at once (their locks differ): stored once, the other told it was not.
  const twins = await Promise.all(
    (['dev-a', 'dev-c'] as const).map((device) =>
      store.transaction(async () => [...(await repo.insertMany(device, [ev({ id: 'shared-id', device, seq: 20, payload: { staffBadge: 'B002' } })]))]),
    ),
  );
  t.equal(twins.flat().length, 1, 'inserted once');
  t.ok((await repo.storedOf(['shared-id'])).get('shared-id'), 'and stored');
});
