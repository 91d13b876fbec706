import t from 'tap';
import type { Test } from 'tap';
import { escortWorld, escortCheck, handover, upload, deviceTime, T0, type EscortWorld } from '../escorts/fixtures.js';
import { ERASED, ERASED_OTHER, retentionCutoff } from '../../../src/core/audit/retention.js';
import { BY_SYSTEM } from '../../../src/server/security/actor.js';
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Store } from '../../../src/server/db/store.js';
import { countRows } from '../../helpers/rows.js';
import { refusedWith } from '../../helpers/engines.js';

const H = 3_600_000;
const DAY = 24 * H;

/** Every text value of every table (generated columns too), to search the whole database for a name or number, on either engine. */
async function everyText(store: Store, skip: string[] = []): Promise<{ table: string; column: string; value: string }[]> {
  const out: { table: string; column: string; value: string }[] = [];
  const tables = (await store.q().introspection.getTables()).filter((x) => !x.isView);
  if (tables.length < 20) throw new Error(`everyText: only ${tables.length} tables found`);
  for (const { name } of tables) {
    if (skip.includes(name)) continue;
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(store.q());
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) if (typeof value === 'string') out.push({ table: name, column, value });
    }
  }
  return out;
}
const found = async (store: Store, needle: string, skip: string[] = []) =>
  (await everyText(store, skip)).filter((x) => x.value.includes(needle)).map((x) => `${x.table}.${x.column}`);

/**
 * A closed escort request (dispatched 王强, handed over to 王强 at the checkpoint, arrived,
 * isolation by 李调度 ended) and an open one (dispatched 赵六, handed over to 钱七: a mismatch).
 */
async function world(t: Test) {
  const w = await escortWorld(t);
  const svc = w.ctx.app.services.escorts;
  const c1 = await w.dev.next(escortCheck(w));
  await upload(w.scanner, [c1]);
  const closedId = (await svc.list(w.actorA, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).items[0]!.id;
  await svc.dispatch(w.actorA, closedId, { escortName: '王强', escortPhone: '13800005678', dispatchedAt: '2020-02-25T14:20:00+08:00' }, null, new Date(T0 + 25 * 60_000));
  const h1 = await w.dev.next({ ...handover(c1.id, '王强', '5678', w.creditA), deviceTime: deviceTime(T0 + 40 * 60_000) });
  await upload(w.scanner, [h1]);
  await svc.arrive(w.actorA, closedId, { arrivedAt: new Date(T0 + 3 * H).toISOString() }, null, new Date(T0 + 3 * H));
  await svc.recordIsolation(w.actorA, closedId, { personIndex: 0, place: '企业隔离宿舍 3 号楼', startDate: '2020-02-25', plannedEnd: '2020-03-10', responsible: '李调度' }, null, new Date(T0 + 3 * H));
  await svc.endIsolation(w.actorA, closedId, 0, { endedOn: '2020-03-10' }, null, new Date('2020-03-10T04:00:00Z'));

  const c2 = await w.dev.next(escortCheck(w, { plate: '苏E12345' }));
  await upload(w.scanner, [c2]);
  const { id: openId } = await w.ctx.repos.store.q().selectFrom('escort_requests').select('id').where('check_event_id', '=', c2.id).executeTakeFirstOrThrow();
  await svc.dispatch(w.actorA, openId, { escortName: '赵六', escortPhone: '13900004321' }, null, new Date(T0 + 5 * H));
  await upload(w.scanner, [await w.dev.next({ ...handover(c2.id, '钱七', '9999', w.creditA), deviceTime: deviceTime(T0 + 6 * H) })]);
  await w.ctx.app.services.auditIntegrity.signCheckpoint({ force: true });
  return { w, closedId, openId, c1, c2, h1 };
}

const snapshot = async (store: Store) => ({
  counts: Object.fromEntries(await Promise.all((['events', 'escort_requests', 'escort_isolations', 'escort_timeline', 'audit_log', 'event_conflicts'] as const).map(async (x) => [x, await countRows(store, x)] as const))),
  decisions: await store.q().selectFrom('events').select(['id', 'type', 'ac_decision', 'hash', 'sig', 'prev_hash', 'seq', 'gap', 'broken_link', 'fork']).orderBy('id').execute(),
  requests: await store.q().selectFrom('escort_requests').select(['id', 'status', 'plate', 'pass_no', 'reasons', 'escort_mismatch', 'closed_at', 'handover_event_id']).orderBy('id').execute(),
});

t.test('a retention run erases personal data past the period everywhere, keeps counts, decisions and open records, and the log still verifies', async (t) => {
  const { w, closedId, openId, c1, h1 } = await world(t);
  const store = w.ctx.repos.store;
  const mismatchOf = (id: number) => store.q().selectFrom('escort_requests').select('escort_mismatch').where('id', '=', id).executeTakeFirstOrThrow();
  const retention = w.ctx.app.services.retention;
  const integrity = w.ctx.app.services.auditIntegrity;
  t.equal(await retention.days(), 180, 'the default period');
  t.ok((await integrity.verify({ record: false })).ok, 'healthy before');
  t.ok((await found(store, '王强')).length > 0 && (await found(store, '李调度')).length > 0, 'the names are there to erase');
  const before = await snapshot(store);
  const mismatchBefore = await mismatchOf(openId);

  // Today: the closed request (closed in 2020) is past the period; what was received today is not.
  const first = await retention.run(new Date());
  t.equal(first.tables.escortRequests, 1, 'the closed request only');
  t.equal(first.tables.escortIsolations, 1);
  t.ok(first.tables.escortTimeline >= 2, 'dispatch, handover and isolation steps');
  t.equal(first.tables.handoverEvents, 0, 'the handover received today is within the period');
  t.equal(first.tables.auditPersonal, 0, 'audit entries of today are within the period');
  const closed = await store.q().selectFrom('escort_requests').selectAll().where('id', '=', closedId).executeTakeFirstOrThrow();
  t.match(closed, { escort_name: ERASED, handover_escort_name: ERASED, escort_phone_enc: null, escort_phone_last4: null, handover_phone_last4: null, status: 'closed', escort_mismatch: 0 });
  t.ok((JSON.parse(closed.people as string) as { name: string; idMasked: string }[]).every((p) => p.name === ERASED && p.idMasked === ERASED), 'people erased');
  const kept = await store.q().selectFrom('events').select('payload').where('id', '=', (eb) => eb.selectFrom('escort_requests').select('handover_event_id').where('id', '=', closedId)).executeTakeFirstOrThrow();
  t.equal(kept.payload.includes('王强'), true, 'the newer handover event is kept');

  // A year on: everything but the open request is past the period.
  const later = new Date(Date.now() + 400 * DAY);
  const second = await retention.run(later);
  t.equal(second.tables.handoverEvents, 1, 'the closed request\'s handover event, not the open one\'s');
  t.ok(second.tables.auditPersonal > 0, 'the audit log\'s personal fields');
  t.same(await found(store, '王强'), [], 'the dispatched and handed-over escort is nowhere in the database');
  t.same(await found(store, '李调度'), [], 'nor the isolation\'s responsible person');
  t.same(await found(store, '13800005678'), [], 'nor the phone');
  t.ok((await found(store, '赵六')).length > 0 && (await found(store, '钱七')).length > 0, 'the open request keeps its names');
  const open = await store.q().selectFrom('escort_requests').select(['redacted_at', 'escort_name', 'handover_escort_name']).where('id', '=', openId).executeTakeFirstOrThrow();
  t.same(open, { redacted_at: null, escort_name: '赵六', handover_escort_name: '钱七' }, 'open request untouched');
  t.same(await mismatchOf(openId), mismatchBefore);

  const after = await snapshot(store);
  t.same(after.decisions, before.decisions, 'every event keeps type, decision, hash, signature, chain and flags');
  t.same(after.requests, before.requests, 'requests keep status, plate, reasons, mismatch, times');
  t.same({ ...after.counts, audit_log: after.counts.audit_log! - 2 }, before.counts, 'the same rows (plus two purge entries)');
  const purge = (await w.ctx.repos.audit.list({ limit: 1 }))[0]!;
  t.match(purge, { action: 'audit.retention_purge', detail: { days: 180, tables: { handoverEvents: 1 } } }, 'the purge is audited with counts');
  t.notMatch(JSON.stringify(purge), /王强|赵六|5678/, 'and no personal data');

  // Pages keep working on erased data: a neutral marker instead of the names, counts and decisions as before.
  const escortPage = await w.officer.request('GET', `/bureau/escorts/${closedId}`);
  t.equal(escortPage.statusCode, 200);
  t.match(escortPage.body, ERASED);
  t.notMatch(escortPage.body, /王强|李调度/);
  const eventPage = await w.officer.request('GET', `/bureau/checks/${h1.id}`);
  t.equal(eventPage.statusCode, 200);
  t.match(eventPage.body, /data-redacted/, 'the event page says: content erased, hash kept');
  t.match(eventPage.body, (await store.q().selectFrom('events').select('hash').where('id', '=', h1.id).executeTakeFirstOrThrow()).hash);
  t.notMatch(eventPage.body, /王强/);
  const timeline = await w.a.request('GET', `/enterprise/escorts/${closedId}`);
  t.equal(timeline.statusCode, 200);
  t.notMatch(timeline.body, /王强|李调度/);
  const csv = await w.officer.request('GET', '/bureau/checks.csv');
  t.equal(csv.statusCode, 200);
  t.notMatch(csv.body, /王强/);

  const v = await integrity.verify({ record: false });
  t.ok(v.ok, `audit verify still passes: ${v.failure?.kind ?? ''} ${v.failure?.detail ?? ''}`);
  t.ok(v.erased > 0, 'and counts the erased entries');

  const size = (await w.ctx.repos.audit.head()).size;
  const third = await retention.run(later);
  t.equal(third.total, 0, 'a second run erases nothing');
  t.equal(third.auditSeq, null);
  t.equal((await w.ctx.repos.audit.head()).size, size, 'and leaves no entry');

  // The device replays the erased handover: the same event (by hash), not a conflict.
  t.equal((await store.q().selectFrom('events').select('redacted_at').where('id', '=', h1.id).executeTakeFirstOrThrow()).redacted_at !== null, true);
  t.same((await upload(w.scanner, [h1])).map((r) => r.status), ['duplicate'], 'a replay of an erased event is a duplicate');
  t.equal(c1.type, 'check');
});

t.test('the database admits the erasure and nothing else', async (t) => {
  const { w, closedId, openId } = await world(t);
  const store = w.ctx.repos.store;
  const q = () => store.q();
  const handoverOf = async (id: number) => (await q().selectFrom('escort_requests').select('handover_event_id').where('id', '=', id).executeTakeFirstOrThrow()).handover_event_id!;
  const handId = await handoverOf(closedId);
  const openHand = await handoverOf(openId);
  const refused = (what: string, statement: () => Promise<unknown>) => refusedWith(t, statement, /immutable|append-only|erased once|fixed|never/, what);
  // The JSON edits as each engine spells them (SQLite's json_replace / json_remove, PostgreSQL's kakou_ ones: retention/repository.ts).
  const fn = (name: 'replace' | 'remove') => sql.raw(store.engine === 'sqlite' ? `json_${name}` : `kakou_json_${name}`);
  const replace = (doc: Expression<string>, path: string, value: string): RawBuilder<string> => sql<string>`${fn('replace')}(${doc}, ${path}, ${value})`;
  const remove = (doc: Expression<string>, path: string): RawBuilder<string> => sql<string>`${fn('remove')}(${doc}, ${path})`;
  const payload = sql.ref<string>('payload');
  const canonical = sql.ref<string>('canonical');
  const erasedPayload = remove(replace(payload, '$.escortName', ERASED), '$.escortPhoneLast4');
  const erasedCanonical = remove(replace(canonical, '$.payload.escortName', ERASED), '$.payload.escortPhoneLast4');
  const events = () => q().updateTable('events');

  await refused('UPDATE events SET seq = seq + 100', () => events().set((eb) => ({ seq: eb('seq', '+', 100) })).where('id', '=', handId).execute());
  await refused('UPDATE events SET hash', () => events().set({ hash: 'A'.repeat(43) }).where('id', '=', handId).execute());
  await refused('UPDATE events SET sig', () => events().set({ sig: 'x' }).where('id', '=', handId).execute());
  await refused('DELETE FROM events', () => q().deleteFrom('events').where('id', '=', handId).execute());
  await refused("UPDATE events SET payload = '{}', redacted_at", () => events().set({ payload: '{}', redacted_at: 'x' }).where('id', '=', handId).execute());
  await refused('another name instead of the marker', () => events().set({ payload: replace(payload, '$.escortName', '别人'), canonical: replace(canonical, '$.payload.escortName', '别人'), redacted_at: 'x' }).where('id', '=', handId).execute());
  await refused('the payload erased but not the canonical form', () => events().set({ payload: erasedPayload, redacted_at: 'x' }).where('id', '=', handId).execute());
  await refused('both erased without redacted_at', () => events().set({ payload: erasedPayload, canonical: erasedCanonical }).where('id', '=', handId).execute());
  await refused("UPDATE events SET redacted_at WHERE type = 'check'", () => events().set({ redacted_at: 'x' }).where('type', '=', 'check').execute());
  // The erasure exactly, once.
  const erase = () => events().set({ payload: erasedPayload, canonical: erasedCanonical, redacted_at: 'now' }).where('id', '=', handId).executeTakeFirst();
  t.equal(Number((await erase()).numUpdatedRows), 1, 'the erasure itself passes');
  await refused('the erasure a second time', erase);
  await refused('UPDATE events SET redacted_at = NULL', () => events().set({ redacted_at: null }).where('id', '=', handId).execute());

  const requests = () => q().updateTable('escort_requests');
  await refused('an open request marked erased', () => requests().set({ redacted_at: 'x' }).where('id', '=', openId).execute());
  await refused('the plate changed with the erasure', () => requests().set({ plate: '苏A00000', redacted_at: 'x' }).where('id', '=', closedId).execute());
  await refused('another name instead of the marker', () => requests().set({ escort_name: '别人', redacted_at: 'x' }).where('id', '=', closedId).execute());
  await refused("UPDATE escort_requests SET people = '[]'", () => requests().set({ people: '[]' }).where('id', '=', closedId).execute());
  await refused('UPDATE escort_isolations SET responsible', () => q().updateTable('escort_isolations').set({ responsible: '别人' }).execute());
  await refused('UPDATE escort_isolations SET place, responsible = the marker', () => q().updateTable('escort_isolations').set({ place: '别处', responsible: ERASED }).execute());
  await refused("UPDATE escort_timeline SET detail WHERE kind = 'dispatched'", () => q().updateTable('escort_timeline').set({ detail: '{}' }).where('kind', '=', 'dispatched').execute());
  await refused('UPDATE escort_timeline SET actor_name', () => q().updateTable('escort_timeline').set({ actor_name: 'x' }).execute());
  t.ok(openHand);
  t.equal(ERASED_OTHER.startsWith(ERASED), true);
});

t.test('a mismatching escort stays a mismatch once erased; the cut-off is a China midnight', async (t) => {
  const { w, openId } = await world(t);
  const store = w.ctx.repos.store;
  const svc = w.ctx.app.services.escorts;
  await svc.arrive(w.actorA, openId, { arrivedAt: new Date(T0 + 8 * H).toISOString() }, null, new Date(T0 + 8 * H));
  await svc.recordIsolation(w.actorA, openId, { personIndex: 0, place: '企业隔离宿舍 3 号楼', startDate: '2020-02-25', plannedEnd: '2020-03-10', responsible: '孙八' }, null, new Date(T0 + 8 * H));
  await w.ctx.app.services.retention.run(new Date(Date.now() + 400 * DAY));
  t.same(await store.q().selectFrom('escort_requests').select('redacted_at').where('id', '=', openId).executeTakeFirstOrThrow(), { redacted_at: null }, 'an isolation still running keeps the request');
  t.ok((await found(store, '孙八')).length > 0);
  await svc.endIsolation(w.actorA, openId, 0, { endedOn: '2020-03-10' }, null, new Date('2020-03-10T04:00:00Z'));
  await w.ctx.app.services.retention.run(new Date(Date.now() + 400 * DAY), { by: BY_SYSTEM });
  t.same(await store.q().selectFrom('escort_requests').select(['escort_mismatch', 'handover_escort_name']).where('id', '=', openId).executeTakeFirstOrThrow(), { escort_mismatch: 1, handover_escort_name: ERASED_OTHER });
  t.same(await found(store, '孙八'), []);
  t.same(retentionCutoff(new Date('2026-11-30T17:00:00Z'), 15), { at: new Date('2026-11-15T16:00:00.000Z'), day: '2026-11-16' }, 'after 16:00 UTC it is already the next China day');
});
