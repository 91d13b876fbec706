/**
 * The outbox after days offline: thousands of pending events go up in batches
 * and each batch's answers are written back. The soak (docs/reliability/soak.md)
 * found a sync of 2,000 events taking minutes: one IndexedDB transaction per
 * answered event, and the whole outbox read again for every batch. Here against
 * a counting store and a stubbed server.
 */
import t from 'tap';
import { uploadOutbox } from '../../../scanner-app/src/app/sync/outbox.js';
import type { Db } from '../../../scanner-app/src/app/storage/db.js';
import type { DeviceRecord, EventRecord } from '../../../scanner-app/src/app/storage/schema.js';

const keyPair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
const device = { deviceId: 'dev-1', baseUrl: 'https://kakou.example.cn', privateKey: keyPair.privateKey } as unknown as DeviceRecord;

/** An events store with counters: how often the outbox is read, how many write transactions are opened. */
function store(n: number) {
  const rows = new Map<string, EventRecord>();
  // Stored out of seq order, as the bySync index gives them (by id, a random UUID).
  for (let seq = n; seq >= 1; seq--) {
    const id = `ev-${String((seq * 7919) % 100_000).padStart(5, '0')}-${seq}`;
    rows.set(id, { id, seq, type: 'check', hash: `h${seq}`, sync: 'pending', event: { id, seq } } as unknown as EventRecord);
  }
  const counts = { outboxReads: 0, writeTransactions: 0 };
  const db = {
    getAllFromIndex: async (_s: string, _i: string, state: string) => {
      counts.outboxReads++;
      return [...rows.values()].filter((r) => r.sync === state).map((r) => ({ ...r }));
    },
    transaction: () => {
      counts.writeTransactions++;
      return {
        store: {
          get: async (id: string) => (rows.has(id) ? { ...rows.get(id)! } : undefined),
          put: async (r: EventRecord) => void rows.set(r.id, r),
        },
        done: Promise.resolve(),
      };
    },
  } as unknown as Db;
  return { db, rows, counts };
}

/** The server: every event accepted except the ids in `refuse`; records the seqs of each batch. */
function server(refuse: Set<string> = new Set()) {
  const batches: number[][] = [];
  t.context.fetch ??= globalThis.fetch;
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    const events = (JSON.parse(String(init.body)) as { events: Array<{ id: string; seq: number }> }).events;
    batches.push(events.map((e) => e.seq));
    const results = events.map((e, index) =>
      refuse.has(e.id) ? { index, id: e.id, status: 'refused', reason: 'bad_signature' } : { index, id: e.id, status: 'accepted', flags: [] },
    );
    return new Response(JSON.stringify({ receivedAt: new Date().toISOString(), results }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return batches;
}
t.afterEach(() => {
  if (t.context.fetch) globalThis.fetch = t.context.fetch;
});

t.test('1,200 pending events: three batches in seq order, one outbox read per pass and one write transaction per batch', async (t) => {
  const s = store(1200);
  const batches = server();
  const report = await uploadOutbox(s.db, device);
  t.same(report, { sent: 1200, refused: 0 });
  t.same(batches.map((b) => b.length), [500, 500, 200], 'batches of at most 500');
  t.same(batches.flat(), Array.from({ length: 1200 }, (_, i) => i + 1), 'uploaded in seq order, each once');
  t.ok([...s.rows.values()].every((r) => r.sync === 'sent' && typeof r.sentAt === 'number'), 'every event kept as sent');
  t.equal(s.counts.writeTransactions, 3, 'one transaction per batch, not one per event');
  t.equal(s.counts.outboxReads, 2, 'the outbox read once, and once more to find it empty');
});

t.test('a refused event is kept with its reason in the same batch write; the rest are sent', async (t) => {
  const s = store(10);
  const refused = [...s.rows.values()].find((r) => r.seq === 4)!.id;
  server(new Set([refused]));
  t.same(await uploadOutbox(s.db, device), { sent: 9, refused: 1 });
  t.same(s.rows.get(refused)!.sync, 'refused');
  t.same(s.rows.get(refused)!.refusal, { reason: 'bad_signature' });
  t.equal(s.counts.writeTransactions, 1);
});

t.test('an answer naming an event that was not sent settles nothing: the batch stays pending', async (t) => {
  const s = store(3);
  t.context.fetch ??= globalThis.fetch;
  globalThis.fetch = (async () =>
    new Response(JSON.stringify({ receivedAt: new Date().toISOString(), results: [0, 1, 2].map((index) => ({ index, id: 'someone-else', status: 'accepted', flags: [] })) }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })) as typeof fetch;
  await t.rejects(uploadOutbox(s.db, device), { code: 'bad_answer' });
  t.ok([...s.rows.values()].every((r) => r.sync === 'pending'), 'all still pending');
});
