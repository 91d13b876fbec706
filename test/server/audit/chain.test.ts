import t from 'tap';
import { CompactSign, generateKeyPair } from 'jose';
import { auditedWorld, copyOf, integrityOf } from './fixtures.js';
import { AUDIT_ACTIONS } from '../../../src/server/features/audit/catalogue.js';
import { PERSONAL_FIELDS } from '../../../src/server/features/audit/personal.js';
import { AUDIT_CHECKPOINT_TYP } from '../../../src/core/audit/index.js';

const count = (db: { prepare(sql: string): { get(...a: unknown[]): unknown } }, sql: string, ...a: unknown[]) => (db.prepare(sql).get(...a) as { n: number }).n;

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
  const db = w.ctx.repos.db;
  t.equal(count(db, 'SELECT count(*) AS n FROM audit_log WHERE hash IS NULL OR prev_hash IS NULL'), 0, 'no unchained entry');
  t.equal(count(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'device.event'"), count(db, 'SELECT count(*) AS n FROM events'), 'one device.event entry per stored event');
  const ev = db.prepare("SELECT l.detail, e.hash FROM audit_log l JOIN events e ON e.id = l.subject_id WHERE l.action = 'device.event' LIMIT 1").get() as { detail: string; hash: string };
  t.equal((JSON.parse(ev.detail) as { eventHash: string }).eventHash, ev.hash, 'the entry carries the event hash');
  t.throws(() => db.prepare('UPDATE audit_log SET actor_name = ? WHERE seq = 1').run('x'), /append-only/, 'UPDATE refused');
  t.throws(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run(), /append-only/, 'DELETE refused');
  t.throws(() => db.prepare("INSERT INTO audit_log (actor_type, actor_name, action, subject_type) VALUES ('system', 'x', 'login', 'user')").run(), /prev_hash and hash/, 'an unchained INSERT refused');
  t.equal(count(db, "SELECT count(*) AS n FROM audit_log WHERE detail LIKE '%王强%'"), 0, 'names are not in the log itself');
  t.ok(count(db, "SELECT count(*) AS n FROM audit_personal WHERE fields LIKE '%王强%'") > 0, 'but beside it, until retention');
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
  const cases: Array<[string, (db: import('better-sqlite3').Database) => void, object]> = [
    ['a byte flipped', (db) => db.prepare("UPDATE audit_log SET actor_name = 'X' || substr(actor_name, 2) WHERE seq = ?").run(K), { kind: 'hash_mismatch', seq: K }],
    ['a byte flipped in the detail', (db) => db.prepare("UPDATE audit_log SET detail = replace(detail, '\"', ' \"') WHERE seq = (SELECT min(seq) FROM audit_log WHERE action = 'device.event')").run(), { kind: 'hash_mismatch' }],
    ['an entry deleted', (db) => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(K), { kind: 'gap', seq: K }],
    ['two entries swapped', (db) => {
      db.prepare('UPDATE audit_log SET seq = -1 WHERE seq = ?').run(K);
      db.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(K, K + 1);
      db.prepare('UPDATE audit_log SET seq = ? WHERE seq = -1').run(K + 1);
    }, { kind: 'reordered', seq: K }],
    ['the tail truncated below the signed checkpoint', (db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(w.checkpointSize - 2), { kind: 'truncated', seq: w.checkpointSize - 1 }],
    ['a personal field changed', (db) => db.prepare("DELETE FROM audit_personal WHERE fields LIKE '%王强%'").run() && db.prepare("INSERT INTO audit_personal (seq, salt, fields) SELECT seq, 'salt', '{\"escortName\":\"李四\"}' FROM audit_log WHERE action = 'escort.handover'").run(), { kind: 'personal_mismatch' }],
  ];
  for (const [name, tamper, failure] of cases) {
    const { integrity } = integrityOf(t, await copyOf(t, w, tamper));
    const r = await integrity.verify();
    t.match(r, { ok: false, failure }, name);
    t.match((await integrity.lastVerification()), { ok: false, failureKind: (failure as { kind: string }).kind }, `${name}: recorded`);
  }

  // A checkpoint signed by another key under the audit key's kid.
  const forged = async (db: import('better-sqlite3').Database) => {
    const row = db.prepare('SELECT id, size, head, at, kid FROM audit_checkpoints LIMIT 1').get() as { id: number; size: number; head: string; at: string; kid: string };
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify({ size: row.size, head: row.head, at: row.at })))
      .setProtectedHeader({ alg: 'EdDSA', kid: row.kid, typ: AUDIT_CHECKPOINT_TYP })
      .sign(privateKey);
    db.prepare('UPDATE audit_checkpoints SET jws = ? WHERE id = ?').run(jws, row.id);
  };
  const dir = await copyOf(t, w);
  const Database = (await import('better-sqlite3')).default;
  const raw = new Database(`${dir}/kakou.sqlite`);
  raw.exec('DROP TRIGGER audit_checkpoints_no_update');
  await forged(raw);
  raw.close();
  const { integrity } = integrityOf(t, dir);
  t.match(await integrity.verify(), { ok: false, failure: { kind: 'bad_checkpoint_signature', checkpointId: 1 } }, 'a forged checkpoint signature');
});

t.test('retention erases the personal fields of old entries; the log still verifies', async (t) => {
  const w = await auditedWorld(t);
  const { integrity, db, repos } = integrityOf(t, await copyOf(t, w));
  const erased = await integrity.purgePersonal(new Date(Date.now() + 1000));
  t.ok(erased > 0, `${erased} entries erased`);
  t.equal(count(db, 'SELECT count(*) AS n FROM audit_personal'), 0);
  t.equal(count(db, "SELECT count(*) AS n FROM audit_log WHERE detail LIKE '%王强%' OR detail LIKE '%张建国%'"), 0, 'the names are gone');
  const handover = (await repos.audit.list({ limit: 500, action: 'escort.handover' }))[0]!;
  t.match(handover, { erased: true });
  t.notOk('escortName' in handover.detail, 'the entry shows no name');
  t.match((await repos.audit.list({ limit: 1 }))[0], { action: 'audit.retention_purge', detail: { auditEntries: erased } }, 'the purge is audited');
  const r = await integrity.verify();
  t.match(r, { ok: true, erased });
});
