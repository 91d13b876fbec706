import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, migrate } from '../../../src/server/db/migrate.js';
import { openDb } from '../../../src/server/db/open.js';
import { repositories } from '../../../src/server/repositories.js';
import { sqliteStore } from '../../../src/server/db/sqlite-store.js';
import { keysService } from '../../../src/server/features/keys/service.js';
import { auditIntegrity } from '../../../src/server/features/audit/integrity.js';
import { DataKey } from '../../../src/server/security/data-key.js';

t.test('entries written before migration 014 are chained once on first start, personal fields split off', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-audit-backfill-'));
  const db = openDb(join(dir, 'kakou.sqlite'));
  t.teardown(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  migrate(db, loadMigrations().filter((m) => m.version < 14));
  const old = db.prepare("INSERT INTO audit_log (actor_type, actor_name, action, subject_type, subject_id, detail) VALUES ('user', 'officer', ?, ?, ?, ?)");
  old.run('person.create', 'person', '1', JSON.stringify({ name: '张建国', role: 'driver', idLast4: '1234', stays: null }));
  old.run('pass.revoke', 'pass', 'KS1', '{}');
  old.run('escort.handover', 'escort_request', '3', JSON.stringify({ handoverEventId: 'e', escortName: '王强', differentEscort: null }));
  migrate(db);
  t.equal((db.prepare('SELECT count(*) AS n FROM audit_log WHERE hash IS NULL').get() as { n: number }).n, 3, 'migration 014 leaves them unchained');
  t.throws(() => db.prepare("UPDATE audit_log SET actor_name = 'x', hash = 'h', prev_hash = 'p' WHERE seq = 1").run(), /append-only/, 'the backfill path changes only the chain columns and the detail');

  const repos = repositories(sqliteStore(db), { dataDir: dir });
  const integrity = auditIntegrity(repos, keysService(repos, DataKey.load(dir)));
  t.equal((await repos.audit.backfill()), 3);
  t.equal((await repos.audit.backfill()), 0, 'once');
  t.match((await repos.audit.list({ limit: 1 }))[0], { action: 'audit.backfill', detail: { entries: 3 } }, 'recorded in the chain');
  t.equal((db.prepare("SELECT count(*) AS n FROM audit_log WHERE detail LIKE '%张建国%' OR detail LIKE '%王强%'").get() as { n: number }).n, 0, 'names moved out of the log');
  t.throws(() => db.prepare("UPDATE audit_log SET detail = '{}' WHERE seq = 1").run(), /append-only/, 'a chained entry is never updated');
  await integrity.signCheckpoint();
  t.match(await integrity.verify(), { ok: true, entries: 5, checkpoints: 1 });
});
