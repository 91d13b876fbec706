import t from 'tap';
import { setup } from '../../helpers/app.js';
import { cursorPages, sameWalk } from '../../helpers/pages.js';
import { systemActor } from '../../../src/server/security/actor.js';
import type { ActionFilter } from '../../../src/server/features/audit-actions/repository.js';

// Entries appended together (recordMany: one upload's receipts, a retention run) share one `at`; the
// action log pages by seq, unique, so a page boundary inside such a run neither repeats nor skips.
t.test('audit actions recorded at one instant, more than a page: each once, newest (highest seq) first, under each filter', async (t) => {
  const ctx = await setup(t);
  const actors = [systemActor('cli'), systemActor('retention')];
  const seqs = await ctx.repos.audit.recordMany(
    Array.from({ length: 23 }, (_, i) => ({ actor: actors[i % 2]!, action: 'audit.retention_purge' as const, detail: { before: new Date(0).toISOString(), auditEntries: i } })),
  );
  const entries = await ctx.repos.store.q().selectFrom('audit_log').select(['seq', 'at', 'actor_name']).where('seq', '>=', seqs[0]!).orderBy('seq').execute();
  t.equal(new Set(entries.map((e) => e.at)).size, 1, 'all at one instant');
  const at = entries[0]!.at;
  const dayStart = new Date(Date.parse(at) - 3_600_000).toISOString();
  const dayEnd = new Date(Date.parse(at) + 3_600_000).toISOString();
  const newestFirst = (keep: (e: (typeof entries)[number]) => boolean) => entries.filter(keep).map((e) => e.seq).reverse();
  const filters: Array<[string, ActionFilter, (e: (typeof entries)[number]) => boolean]> = [
    ['one action', { action: 'audit.retention_purge' }, () => true],
    ['one actor', { actorName: 'retention' }, (e) => e.actor_name === 'retention'],
    ['an hour either side', { from: dayStart, to: dayEnd, action: 'audit.retention_purge' }, () => true],
  ];
  for (const [name, f, keep] of filters) {
    for (const limit of [5, 1]) {
      const walked = await cursorPages((cursor: number | null) => ctx.repos.auditActions.page(f, cursor, limit));
      sameWalk(t, walked.map((e) => e.seq), newestFirst(keep), `${name}, pages of ${limit}`);
    }
  }
});
