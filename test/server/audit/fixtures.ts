// A real database for the audit-log tests (no tests here): passes issued and revoked, an escort
// requested and handed over, device events ingested, a signed checkpoint; and copies of it to tamper.
import type { Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backup } from '../../../src/cli/backup.js';
import { openDb } from '../../../src/server/db/open.js';
import { repositories } from '../../../src/server/repositories.js';
import { keysService } from '../../../src/server/features/keys/service.js';
import { auditIntegrity } from '../../../src/server/features/audit/integrity.js';
import { DataKey } from '../../../src/server/security/data-key.js';
import { escortWorld, escortCheck, handover, upload, type EscortWorld } from '../escorts/fixtures.js';

export async function auditedWorld(t: Test): Promise<EscortWorld & { checkpointSize: number }> {
  const w = await escortWorld(t);
  const check = await w.dev.next(escortCheck(w));
  const release = await w.dev.next({ type: 'check', payload: { ...escortCheck(w).payload, decision: 'RELEASE', reasons: ['pass.valid'] } });
  const hand = await w.dev.next(handover(check.id, '王强', '5678', w.creditA));
  const results = await upload(w.scanner, [check, release, hand]);
  if (results.some((r) => r.status !== 'accepted')) throw new Error(`upload: ${JSON.stringify(results)}`);
  const { id: passId } = await w.ctx.repos.store.q().selectFrom('passes').select('id').where('pass_no', '=', w.passNo).executeTakeFirstOrThrow();
  const revoked = await w.officer.request('POST', `/api/v1/passes/${passId}/revoke`, { reason: '车辆已转让' });
  if (revoked.statusCode !== 200) throw new Error(`revoke: ${revoked.statusCode} ${revoked.body}`);
  const cp = await w.ctx.app.services.auditIntegrity.signCheckpoint({ force: true });
  // A few entries after the checkpoint, so the log is longer than what it signed.
  await w.ctx.app.services.auditIntegrity.purgePersonal(new Date(0));
  await w.ctx.app.services.auditIntegrity.purgePersonal(new Date(0));
  return { ...w, checkpointSize: cp!.size };
}

/** A backup of the world's data folder; `tamper` runs raw SQL on it with the append-only triggers dropped. */
export async function copyOf(t: Test, w: EscortWorld, tamper?: (db: Database.Database) => void): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'kakou-audit-copy-')), 'copy');
  t.teardown(() => rmSync(join(dir, '..'), { recursive: true, force: true }));
  await backup(w.ctx.repos.db, w.ctx.dataDir, dir);
  if (tamper) {
    const db = new Database(join(dir, 'kakou.sqlite'));
    db.pragma('foreign_keys = OFF'); // a tamperer ignores audit_personal's reference
    for (const trigger of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_chained', 'audit_checkpoints_no_update', 'audit_checkpoints_no_delete', 'audit_personal_no_update']) {
      db.exec(`DROP TRIGGER ${trigger}`);
    }
    tamper(db);
    db.close();
  }
  return dir;
}

/** The server's own services over a copy, as `kakou audit verify --data-dir` builds them. */
export function integrityOf(t: Test, dir: string) {
  const db = openDb(join(dir, 'kakou.sqlite'));
  t.teardown(() => db.close());
  const repos = repositories(db, { dataDir: dir });
  return { repos, db, integrity: auditIntegrity(repos, keysService(repos, DataKey.load(dir))) };
}
