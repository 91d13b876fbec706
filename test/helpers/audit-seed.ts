/**
 * bench/audit-console-seed.ts's generated checks, on the engine under test. SQLite keeps the bench's own fast
 * inserter (indexes dropped and rebuilt, ANALYZE); PostgreSQL gets the same rows (auditSeedPlan) through Kysely in
 * one transaction, then ANALYZE. Either way the result is the same: same checkpoints in order, staff, devices, events.
 */
import { sql } from 'kysely';
import { auditSeedPlan, seedAuditEvents, type SeedOptions, type SeedResult } from '../../bench/audit-console-seed.js';
import type { SqliteStore } from '../../src/server/db/sqlite-store.js';
import type { Store } from '../../src/server/db/store.js';

/** Rows per INSERT: 17 columns, well under PostgreSQL's 65,535 parameters a statement. */
const BATCH = 2000;

export async function seedAuditEventsIn(store: Store, o: SeedOptions): Promise<SeedResult> {
  if (store.engine === 'sqlite') return seedAuditEvents((store as SqliteStore).db as never, o);
  const plan = auditSeedPlan(o);
  const checkpointIds: number[] = [];
  await store.transaction(async () => {
    const q = store.q();
    for (const cp of plan.checkpoints) {
      const { id } = await q
        .insertInto('checkpoints')
        .values({ name: cp.name, location: cp.location, region_code: '320583', direction: 'both' })
        .returning('id')
        .executeTakeFirstOrThrow();
      checkpointIds.push(id);
      await q.insertInto('staff').values(cp.staff.map((s) => ({ checkpoint_id: id, badge: s.badge, name: s.name, pin_hash: 'x' }))).execute();
      await q
        .insertInto('devices')
        .values(cp.devices.map((d) => ({ id: d.id, checkpoint_id: id, public_jwk: '{}', key_thumbprint: d.thumbprint, label: d.label })))
        .execute();
    }
    // As the SQLite inserter does: the events indexes that back no constraint are dropped and made again from their own
    // definitions after the rows are in (one sort each instead of row-by-row updates), inside the same transaction.
    const { rows: indexes } = await sql<{ name: string; def: string }>`
      SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = 'events'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)))`.execute(q);
    for (const i of indexes) await sql`DROP INDEX ${sql.id(i.name)}`.execute(q);
    for (let i = 0; i < plan.events.length; i += BATCH) await q.insertInto('events').values(plan.events.slice(i, i + BATCH)).execute();
    for (const i of indexes) await sql.raw(i.def).execute(q);
  });
  await sql`ANALYZE`.execute(store.q());
  return { checkpointIds, ...plan.result };
}
