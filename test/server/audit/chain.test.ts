import t from 'tap';
import { CompactSign, generateKeyPair } from 'jose';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { auditedWorld, copyOf, integrityOf, type Tamper } from './fixtures.js';
import { countRows } from '../../helpers/rows.js';
import { refusedWith } from '../../helpers/engines.js';
import type { Store } from '../../../src/server/db/store.js';
import type { DB } from '../../../src/server/db/tables.js';
import { AUDIT_ACTIONS } from '../../../src/server/features/audit/catalogue.js';
import { PERSONAL_FIELDS } from '../../../src/server/features/audit/personal.js';
import { AUDIT_CHECKPOINT_TYP } from '../../../src/core/audit/index.js';

/** How many audit_log entries `where` keeps, on either engine. */
const logCount = async (store: Store, where: (eb: ExpressionBuilder<DB, 'audit_log'>) => Expression<SqlBool>) =>
  (await store.q().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow()).n;

t.test('every catalogue detail field that names a person, an ID or a phone is a personal field', async (t) => {
  for (const [action, entry] of Object.entries(AUDIT_ACTIONS)) {
    const shape = (entry.detail as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    for (const field of Object.keys(shape)) {
      if (/^(name|.*Name|.*IdLast4|idLast4|.*phone.*|phoneLast4|responsible)$/i.test(field) && !['carrier.register', 'enterprise.register', 'checkpoint.create', 'checkpoint.close', 'checkpoint.reopen', 'token.create', 'token.revoke'].includes(action)) {
        t.ok(PERSONAL_FIELDS[action as keyof typeof PERSONAL_FIELDS]?.includes(field), `${action}.${field} is personal`);
      }
    }
  }
});

t.test('a real database: every entry chained, device events logged by hash, a healthy copy verifies', async (t) => {
  const w = await auditedWorld(t);
  const store = w.ctx.repos.store;
  t.equal(await logCount(store, (eb) => eb.or([eb('hash', 'is', null), eb('prev_hash', 'is', null)])), 0, 'no unchained entry');
  t.equal(await logCount(store, (eb) => eb('action', '=', 'device.event')), await countRows(store, 'events'), 'one device.event entry per stored event');
  const ev = await store.q().selectFrom('audit_log as l').innerJoin('events as e', 'e.id', 'l.subject_id').select(['l.detail', 'e.hash']).where('l.action', '=', 'device.event').limit(1).executeTakeFirstOrThrow();
  t.equal((JSON.parse(ev.detail) as { eventHash: string }).eventHash, ev.hash, 'the entry carries the event hash');
  await refusedWith(t, () => store.q().updateTable('audit_log').set({ actor_name: 'x' }).where('seq', '=', 1).execute(), /append-only/, 'UPDATE refused');
  await refusedWith(t, () => store.q().deleteFrom('audit_log').where('seq', '=', 1).execute(), /append-only/, 'DELETE refused');
  await refusedWith(t, () => store.q().insertInto('audit_log').values({ actor_type: 'system', actor_name: 'x', action: 'login', subject_type: 'user' }).execute(), /prev_hash and hash/, 'an unchained INSERT refused');
  t.equal(await logCount(store, (eb) => eb('detail', 'like', '%王强%')), 0, 'names are not in the log itself');
  t.ok((await store.q().selectFrom('audit_personal').select((eb) => eb.fn.countAll<number>().as('n')).where('fields', 'like', '%王强%').executeTakeFirstOrThrow()).n > 0, 'but beside it, until retention');
  t.ok((await w.ctx.repos.audit.list({ limit: 100 })).some((r) => r.action === 'escort.handover' && r.detail.escortName === '王强'), 'and shown with the entry');

  const { integrity, repos } = integrityOf(t, await copyOf(t, w));
  const r = await integrity.verify();
  t.match(r, { ok: true, checkpoints: 1, failure: null });
  t.ok(r.entries > w.checkpointSize, `${r.entries} entries, checkpoint over ${w.checkpointSize}`);
  t.match((await integrity.lastVerification()), { ok: true, entries: r.entries, failureKind: null, byName: 'system' }, 'the result is recorded');
  t.match((await repos.audit.list({ limit: 1 }))[0], { action: 'audit.verify', detail: { ok: true } }, 'and audited');
  t.match(await integrity.verify(), { ok: true }, 'the verification entry itself chains');
  const jwks = await w.ctx.app.services.keys.publishedKeys(new Date(), 'audit');
  t.equal(jwks.keys.length, 1, 'the audit key is published in the JWKS');
  const pub = await w.ctx.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
  t.ok((pub.json() as { keys: Array<{ purpose: string }> }).keys.some((k) => k.purpose === 'audit'), 'in /.well-known/jwks.json');
});

t.test('each tampered copy is found and its first bad entry named', async (t) => {
  const w = await auditedWorld(t);
  const K = 5;
  const cases: Array<[string, Tamper, object]> = [
    ['a byte flipped', (s) => s.q().updateTable('audit_log').set({ actor_name: sql<string>`'X' || substr(actor_name, 2)` }).where('seq', '=', K).execute(), { kind: 'hash_mismatch', seq: K }],
    ['a byte flipped in the detail', (s) => s.q().updateTable('audit_log').set({ detail: sql<string>`replace(detail, '"', ' "')` }).where('seq', '=', (eb) => eb.selectFrom('audit_log').select((e) => e.fn.min('seq').as('m')).where('action', '=', 'device.event')).execute(), { kind: 'hash_mismatch' }],
    ['an entry deleted', (s) => s.q().deleteFrom('audit_log').where('seq', '=', K).execute(), { kind: 'gap', seq: K }],
    ['two entries swapped', async (s) => {
      await s.q().updateTable('audit_log').set({ seq: -1 }).where('seq', '=', K).execute();
      await s.q().updateTable('audit_log').set({ seq: K }).where('seq', '=', K + 1).execute();
      await s.q().updateTable('audit_log').set({ seq: K + 1 }).where('seq', '=', -1).execute();
    }, { kind: 'reordered', seq: K }],
    ['the tail truncated below the signed checkpoint', (s) => s.q().deleteFrom('audit_log').where('seq', '>', w.checkpointSize - 2).execute(), { kind: 'truncated', seq: w.checkpointSize - 1 }],
    ['a personal field changed', async (s) => {
      const deleted = await s.q().deleteFrom('audit_personal').where('fields', 'like', '%王强%').executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) throw new Error('no personal field to change');
      await s.q().insertInto('audit_personal').columns(['seq', 'salt', 'fields'])
        .expression((eb) => eb.selectFrom('audit_log').select(['seq', sql<string>`'salt'`.as('salt'), sql<string>`'{"escortName":"李四"}'`.as('fields')]).where('action', '=', 'escort.handover'))
        .execute();
    }, { kind: 'personal_mismatch' }],
  ];
  for (const [name, tamper, failure] of cases) {
    const { integrity } = integrityOf(t, await copyOf(t, w, tamper));
    const r = await integrity.verify();
    t.match(r, { ok: false, failure }, name);
    t.match((await integrity.lastVerification()), { ok: false, failureKind: (failure as { kind: string }).kind }, `${name}: recorded`);
  }

  // A checkpoint signed by another key under the audit key's kid.
  const forged: Tamper = async (s) => {
    const row = await s.q().selectFrom('audit_checkpoints').select(['id', 'size', 'head', 'at', 'kid']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ size: row.size, head: row.head, at: row.at })))
      .setProtectedHeader({ alg: 'EdDSA', kid: row.kid, typ: AUDIT_CHECKPOINT_TYP })
      .sign(privateKey);
    await s.q().updateTable('audit_checkpoints').set({ jws }).where('id', '=', row.id).execute();
  };
  const dir = await copyOf(t, w, forged);
  const { integrity } = integrityOf(t, dir);
  t.match(await integrity.verify(), { ok: false, failure: { kind: 'bad_checkpoint_signature', checkpointId: 1 } }, 'a forged checkpoint signature');
});

t.test('retention erases the personal fields of old entries; the log still verifies', async (t) => {
  const w = await auditedWorld(t);
  const { integrity, store, repos } = integrityOf(t, await copyOf(t, w));
  const erased = await integrity.purgePersonal(new Date(Date.now() + 1000));
  t.ok(erased > 0, `${erased} entries erased`);
  t.equal(await countRows(store, 'audit_personal'), 0);
  t.equal(await logCount(store, (eb) => eb.or([eb('detail', 'like', '%王强%'), eb('detail', 'like', '%张建国%')])), 0, 'the names are gone');
  const handover = (await repos.audit.list({ limit: 500, action: 'escort.handover' }))[0]!;
  t.match(handover, { erased: true });
  t.notOk('escortName' in handover.detail, 'the entry shows no name');
  t.match((await repos.audit.list({ limit: 1 }))[0], { action: 'audit.retention_purge', detail: { auditEntries: erased } }, 'the purge is audited');
  const r = await integrity.verify();
  t.match(r, { ok: true, erased });
});
