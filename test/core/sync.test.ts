import t from 'tap';
import {
  bundleSummarySchema,
  heartbeatBodySchema,
  ingestResultSchema,
  REFUSAL_REASONS,
  revocationPageSchema,
} from '../../src/core/sync/index.js';
import * as ingestService from '../../src/server/features/ingest/service.js';
import * as ingestRepository from '../../src/server/features/ingest/repository.js';
import * as sync from '../../src/core/sync/index.js';

/** The sync contract lives in the core; the server uses the very same values, not copies. */
t.test('the server takes the contract from the core', async (t) => {
  t.equal(ingestService.REFUSAL_REASONS, sync.REFUSAL_REASONS, 'refusal reasons');
  t.equal(ingestService.MAX_BATCH_EVENTS, sync.MAX_BATCH_EVENTS, 'batch limit');
  t.equal(ingestRepository.EVENT_FLAGS, sync.EVENT_FLAGS, 'chain flags');
});

t.test('the contract schemas read what the server sends and refuse what it never sends', async (t) => {
  t.ok(ingestResultSchema.safeParse({ index: 0, id: 'e', status: 'accepted', flags: ['gap'] }).success);
  for (const reason of REFUSAL_REASONS) t.ok(ingestResultSchema.safeParse({ index: 1, id: null, status: 'refused', reason }).success, reason);
  t.notOk(ingestResultSchema.safeParse({ index: 1, id: null, status: 'refused', reason: 'tired' }).success, 'unknown reason');
  t.ok(revocationPageSchema.safeParse({ version: 3, latestVersion: 3, more: false, items: [{ version: 3, passNo: 'KS1', revokedAt: '2020-02-01T00:00:00Z', reason: 'lost', expiresAt: 1 }] }).success);
  t.ok(heartbeatBodySchema.safeParse({ queueLength: 0, bundleAgeSec: null }).success);
  t.notOk(heartbeatBodySchema.safeParse({ queueLength: -1, bundleAgeSec: null }).success);
  const summary = { seq: 1, etag: '"1-x"', iat: 1, exp: 2, kid: 'k', contentHash: 'h', activeRuleSet: 1, scheduledRuleSets: [], revocationsVersion: 0, revoked: 0, enterprises: 0, passKeys: [], bundleKeys: [], jwsBytes: 10 };
  t.ok(bundleSummarySchema.safeParse(summary).success);
});
