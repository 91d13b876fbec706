import t from 'tap';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../src/server/paths.js';
import { sign } from '../../../src/server/features/webhooks/signature.js';
import { WEBHOOK_EVENT_TYPES } from '../../../src/server/features/webhooks/events.js';
import { RETRY_DELAYS_MS } from '../../../src/server/features/webhooks/delivery.js';

const doc = readFileSync(join(PROJECT_ROOT, 'docs/webhooks.md'), 'utf8');
const field = (name: string) => new RegExp(`^${name}:\\s+(.+)$`, 'm').exec(doc)?.[1]?.trim() ?? '';

t.test("the guide's worked example is right, by the recipe and by the server", async (t) => {
  const secret = field('secret');
  const timestamp = field('timestamp');
  const body = field('body');
  const signature = field('signature');
  t.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
  t.equal('v1=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'), signature, 'the recipe as written');
  t.equal(sign(secret, Number(timestamp), body), signature, 'what the server sends');
});

t.test('the guide lists every event type and the retry schedule', async (t) => {
  for (const type of WEBHOOK_EVENT_TYPES) t.match(doc, `| \`${type}\` |`, type);
  t.same(RETRY_DELAYS_MS, [30_000, 120_000, 600_000, 3_600_000, 21_600_000]);
  t.match(doc, '30 s, 2 min, 10 min, 1 h and 6 h');
});
