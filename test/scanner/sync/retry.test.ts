import t from 'tap';
import { backoffMs, BACKOFF_MAX_MS, BACKOFF_MIN_MS, classifyBatchFailure } from '../../../scanner-app/src/app/sync/retry.js';
import { SyncError } from '../../../scanner-app/src/app/sync/http.js';

t.test('what a failed upload leads to', async (t) => {
  t.equal(classifyBatchFailure(401, 'device_revoked'), 'stop', 'a revoked device stops syncing');
  t.equal(classifyBatchFailure(400, 'validation'), 'split', 'a batch the server cannot read is split to find the bad event');
  t.equal(classifyBatchFailure(413, 'payload_too_large'), 'split');
  for (const [status, code] of [[null, 'network'], [500, 'internal'], [503, 'http_503'], [429, 'rate_limited'], [401, 'device_clock_skew'], [401, 'device_auth_failed'], [403, 'forbidden']] as const) {
    t.equal(classifyBatchFailure(status, code), 'retry', `${status} ${code} is retried, nothing dropped`);
  }
});

t.test('transient failures', async (t) => {
  t.ok(new SyncError('network', 'network', null, 'offline').transient);
  t.ok(new SyncError('problem', 'internal', 500, '').transient);
  t.ok(new SyncError('problem', 'rate_limited', 429, '').transient);
  t.ok(new SyncError('problem', 'device_clock_skew', 401, '').transient);
  t.notOk(new SyncError('problem', 'device_revoked', 401, '').transient);
  t.notOk(new SyncError('problem', 'validation', 400, '').transient);
  t.notOk(new SyncError('bad_answer', 'bad_answer', 200, '').transient);
});

t.test('backoff doubles from 2 s up to 5 minutes, with ±20 % jitter', async (t) => {
  t.equal(backoffMs(0), 0, 'no failure, no wait');
  const mid = () => 0.5;
  t.equal(backoffMs(1, mid), BACKOFF_MIN_MS);
  t.equal(backoffMs(2, mid), 2 * BACKOFF_MIN_MS);
  t.equal(backoffMs(5, mid), 16 * BACKOFF_MIN_MS);
  t.equal(backoffMs(9, mid), BACKOFF_MAX_MS, 'capped');
  t.equal(backoffMs(1000, mid), BACKOFF_MAX_MS, 'no overflow after many failures');
  t.equal(backoffMs(1, () => 0), 0.8 * BACKOFF_MIN_MS);
  t.equal(backoffMs(1, () => 1), 1.2 * BACKOFF_MIN_MS);
});
