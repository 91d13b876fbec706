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

const passes = (schema: { safeParse: (v: unknown) => { success: boolean } }, v: unknown) => schema.safeParse(v).success;

t.test('the upload: 1 to 500 events, each item left for the server to judge on its own', async (t) => {
  t.equal(sync.MAX_BATCH_EVENTS, 500);
  const batch = (n: number) => ({ events: Array.from({ length: n }, (_, i) => ({ n: i })) });
  t.notOk(passes(sync.ingestBodySchema, batch(0)), 'empty');
  t.ok(passes(sync.ingestBodySchema, batch(1)));
  t.ok(passes(sync.ingestBodySchema, batch(500)));
  t.notOk(passes(sync.ingestBodySchema, batch(501)), 'a longer backlog goes in several batches');
  t.notOk(passes(sync.ingestBodySchema, { events: { n: 1 } }), 'not an array');
  // One bad event must not sink the batch: the body schema keeps it as sent.
  t.strictSame(sync.ingestBodySchema.parse({ events: [{ junk: 1 }, 'x'] }), { events: [{ junk: 1 }, 'x'] });
});

t.test('per-event results and chain state', async (t) => {
  t.strictSame([...sync.EVENT_FLAGS], ['gap', 'broken_link', 'fork']);
  t.strictSame([...sync.REFUSAL_REASONS], ['invalid_event', 'wrong_device', 'bad_signature', 'conflict']);
  for (const status of ['accepted', 'duplicate']) t.ok(passes(ingestResultSchema, { index: 0, id: 'e', status, flags: ['gap', 'broken_link', 'fork'] }), status);
  t.notOk(passes(ingestResultSchema, { index: 0, id: 'e', status: 'accepted', flags: ['late'] }), 'unknown flag');
  t.notOk(passes(ingestResultSchema, { index: 0, id: null, status: 'accepted', flags: [] }), 'a stored event has an id');
  t.notOk(passes(ingestResultSchema, { index: 0.5, id: 'e', status: 'accepted', flags: [] }), 'index is a position');
  t.notOk(passes(ingestResultSchema, { index: 0, id: 'e', status: 'stored', flags: [] }));
  t.strictSame(ingestResultSchema.parse({ index: 2, id: 'e', status: 'refused', reason: 'conflict', detail: 'stored with other content' }), {
    index: 2, id: 'e', status: 'refused', reason: 'conflict', detail: 'stored with other content',
  });
  t.notOk(passes(ingestResultSchema, { index: 2, id: 'e', status: 'refused' }), 'a refusal says why');
  t.ok(passes(sync.ingestResponseSchema, { receivedAt: '2020-02-25T06:00:00.000Z', results: [] }));
  t.notOk(passes(sync.ingestResponseSchema, { results: [] }), 'receipt time is required: offsets are measured against it');
  t.ok(passes(sync.chainStateSchema, { lastSeq: null, lastHash: null }), 'nothing stored yet');
  t.ok(passes(sync.chainStateSchema, { lastSeq: 12, lastHash: 'h' }));
  t.notOk(passes(sync.chainStateSchema, { lastSeq: 1.5, lastHash: 'h' }));
  t.ok(passes(sync.eventFlagSchema, 'fork'));
  t.notOk(passes(sync.eventFlagSchema, ''));
});

t.test('heartbeat: bounded, the app version trimmed', async (t) => {
  t.strictSame(heartbeatBodySchema.parse({ appVersion: '  1.2.0 ', queueLength: 3, bundleAgeSec: 60 }), { appVersion: '1.2.0', queueLength: 3, bundleAgeSec: 60 });
  t.ok(passes(heartbeatBodySchema, { appVersion: 'v'.repeat(40), queueLength: 0, bundleAgeSec: null }));
  for (const appVersion of ['v'.repeat(41), '   ', '']) t.notOk(passes(heartbeatBodySchema, { appVersion, queueLength: 0, bundleAgeSec: null }), JSON.stringify(appVersion));
  t.ok(passes(heartbeatBodySchema, { queueLength: 100_000_000, bundleAgeSec: 10 * 365 * 86_400 }), 'at both upper bounds');
  for (const bad of [{ queueLength: 100_000_001, bundleAgeSec: 0 }, { queueLength: 1.5, bundleAgeSec: 0 }, { queueLength: 0, bundleAgeSec: 10 * 365 * 86_400 + 1 }, { queueLength: 0, bundleAgeSec: -1 }, { queueLength: 0, bundleAgeSec: 0.5 }, { queueLength: 0 }]) {
    t.notOk(passes(heartbeatBodySchema, bad), JSON.stringify(bad));
  }
  t.ok(passes(sync.heartbeatResponseSchema, { serverTime: '2020-02-25T06:00:00.000Z' }));
  t.notOk(passes(sync.heartbeatResponseSchema, {}));
});

t.test('escort requests for the device', async (t) => {
  t.strictSame([...sync.ESCORT_REQUEST_STATUSES], ['open', 'dispatched', 'in_transit', 'arrived', 'closed']);
  t.equal(sync.DEVICE_ESCORT_WINDOW_SEC, 48 * 3600);
  const escort = { name: '王强', phoneLast4: '8001', dispatchedAt: '2020-02-25T06:00:00.000Z' };
  t.ok(passes(sync.deviceEscortRequestsResponseSchema, { items: [{ checkEventId: 'e', status: 'dispatched', escort }, { checkEventId: 'f', status: 'open', escort: null }] }));
  t.ok(passes(sync.deviceEscortSchema, { ...escort, phoneLast4: null }));
  // Only the last four digits of a phone ever travel to a device.
  for (const phoneLast4 of ['800', '80011', '138001380001', 'abcd']) t.notOk(passes(sync.deviceEscortSchema, { ...escort, phoneLast4 }), phoneLast4);
  t.notOk(passes(sync.deviceEscortRequestSchema, { checkEventId: 'e', status: 'lost', escort: null }));
  t.notOk(passes(sync.deviceEscortRequestsResponseSchema, {}));
});

t.test('enrollment, checkpoint data and charter runs', async (t) => {
  t.equal(sync.DEVICE_CHARTER_LOOKAHEAD_SEC, 24 * 3600);
  const checkpoint = { id: 3, name: '花桥卡口', location: 'G312', regionCode: '320583', direction: 'inbound', status: 'active' };
  const key = { kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'b1', alg: 'EdDSA', use: 'sig', purpose: 'bundle' };
  const enroll = { deviceId: 'dev-ks-001', checkpoint, bundleKeys: { keys: [key] }, serverTime: '2020-02-25T06:00:00.000Z' };
  t.ok(passes(sync.enrollResponseSchema, enroll));
  t.notOk(passes(sync.enrollResponseSchema, { ...enroll, bundleKeys: { keys: [{ ...key, purpose: 'audit' }] } }), 'only pass or bundle keys');
  t.notOk(passes(sync.enrollResponseSchema, { ...enroll, checkpoint: { ...checkpoint, direction: 'sideways' } }));
  t.notOk(passes(sync.checkpointInfoResponseSchema, { ...checkpoint, id: 1.5 }));
  t.notOk(passes(sync.checkpointInfoResponseSchema, { ...checkpoint, status: 'open' }));
  for (const schema of [sync.checkpointDataResponseSchema, sync.deviceCharterRunsResponseSchema]) {
    t.ok(passes(schema, { data: 'a.b.c', etag: '"1"' }));
    t.notOk(passes(schema, { data: 'a.b.c' }), 'the etag comes with the document');
  }
});

t.test('trust bundle and revocation feed: counters are integers', async (t) => {
  t.ok(passes(sync.bundleResponseSchema, { bundle: 'a.b.c', etag: '"1"', seq: 4 }));
  t.notOk(passes(sync.bundleResponseSchema, { bundle: 'a.b.c', etag: '"1"', seq: 4.5 }));
  const summary = { seq: 1, etag: '"1-x"', iat: 1, exp: 2, kid: 'k', contentHash: 'h', activeRuleSet: 1, scheduledRuleSets: [2], revocationsVersion: 0, revoked: 0, enterprises: 0, passKeys: ['p'], bundleKeys: ['b'], jwsBytes: 10 };
  for (const member of ['seq', 'iat', 'exp', 'activeRuleSet', 'revocationsVersion', 'revoked', 'enterprises', 'jwsBytes'] as const) {
    t.notOk(passes(bundleSummarySchema, { ...summary, [member]: 0.5 }), member);
  }
  t.notOk(passes(bundleSummarySchema, { ...summary, scheduledRuleSets: [2.5] }));
  const item = { version: 3, passNo: 'KS1', revokedAt: '2020-02-01T00:00:00Z', reason: 'lost', expiresAt: 1 };
  t.strictSame(revocationPageSchema.parse({ version: 3, latestVersion: 4, more: true, items: [item] }), { version: 3, latestVersion: 4, more: true, items: [item] });
  t.notOk(passes(revocationPageSchema, { version: 3, latestVersion: 4, more: true, items: [{ ...item, expiresAt: 1.5 }] }));
  t.notOk(passes(revocationPageSchema, { version: 3.5, latestVersion: 4, more: true, items: [] }));
  t.notOk(passes(revocationPageSchema, { version: 3, latestVersion: 4, more: 'yes', items: [] }));
});
