/**
 * A past shift for the audit console's tests: a scanner enrolled at a
 * checkpoint records checks decided by the core rules (as the demo's sample
 * checks are), signs and chains them, and they are ingested as if the scanner
 * had synced at the end of that shift — so they carry that day's receipt time.
 * Runs on the data folder before the server starts.
 */
import { join } from 'node:path';
import { openTestStore } from './test-database.js';
import { repositories } from '../../src/server/repositories.js';
import { DataKey } from '../../src/server/security/data-key.js';
import { keysService } from '../../src/server/features/keys/service.js';
import { devicesService } from '../../src/server/features/devices/service.js';
import { checkpointsService } from '../../src/server/features/checkpoints/service.js';
import { checkpointInputSchema } from '../../src/server/features/checkpoints/schema.js';
import { rulesService } from '../../src/server/features/rules/service.js';
import { trustService } from '../../src/server/features/trust/service.js';
import { ingestService } from '../../src/server/features/ingest/service.js';
import { generateDeviceKeyPair } from '../../src/core/device/index.js';
import { formatDeviceTime, newEventId, nextChainPosition, signEvent, type SignedEvent, type UnsignedEvent } from '../../src/core/events/index.js';
import { decideCheck, type SampleCheck } from '../../src/cli/demo-data.js';
import type { UserActor } from '../../src/server/types.js';

export interface ShiftCheck extends SampleCheck {
  /** the decision the rules must reach: the shift is refused otherwise, so a rules change cannot quietly empty a test */
  expect: string;
}

export interface RecordedCheck {
  id: string;
  plate: string;
  decision: string;
}

export async function recordShift(
  dataDir: string,
  opts: { checkpoint: { name: string; location: string; regionCode: string }; staffBadge?: string; label: string; start: Date; receivedAt: Date; checks: ShiftCheck[] },
): Promise<RecordedCheck[]> {
  const opened = await openTestStore(dataDir);
  try {
    const dataKey = DataKey.load(dataDir);
    const repos = repositories(opened.store, { dataKey });
    const keys = keysService(repos, dataKey);
    const admin = (await repos.users.listBureau()).find((u) => u.role === 'bureau_admin')!;
    const actor: UserActor = { kind: 'user', user: admin };
    let checkpoint = await repos.checkpoints.getByName(opts.checkpoint.name);
    if (!checkpoint) checkpoint = await checkpointsService(repos).create(actor, checkpointInputSchema.parse({ ...opts.checkpoint, direction: 'inbound' }), '127.0.0.1');
    const staffBadge = opts.staffBadge ?? (await repos.staff.forDevices(checkpoint.id))[0]?.badge ?? 'KS0001';

    const rules = rulesService(repos);
    await rules.load();
    const trust = trustService({ repos, keys, rules });
    const devices = devicesService({ repos, keys, publicUrl: 'http://localhost' });
    const code = await devices.createEnrollmentCode(null, checkpoint.id, null, opts.start);
    const pair = await generateDeviceKeyPair();
    const enrolled = await devices.enroll({ code: code.code, publicJwk: { ...pair.publicJwk }, appVersion: 'test', label: opts.label }, '127.0.0.1', opts.start);

    const events: SignedEvent[] = [];
    const recorded: RecordedCheck[] = [];
    for (const [i, check] of opts.checks.entries()) {
      const time = new Date(opts.start.getTime() + i * 7 * 60_000);
      const payload = await decideCheck(check, rules.activeRuleSet(time), time, staffBadge, {
        publishedKeys: () => keys.publishedKeys(time, 'pass'),
        isRevoked: (jti) => trust.isRevoked(jti),
        enterpriseInfo: (uscc) => trust.enterpriseInfo(uscc),
      });
      if (payload.decision !== check.expect) throw new Error(`recordShift: ${check.plate} decided ${payload.decision}, expected ${check.expect} (${payload.reasons.join(', ')})`);
      const unsigned = { id: newEventId(), deviceId: enrolled.deviceId, deviceTime: formatDeviceTime(time, 480), ...(await nextChainPosition(events.at(-1) ?? null)), type: 'check', payload } as UnsignedEvent;
      events.push(await signEvent(unsigned, pair.privateKey));
      recorded.push({ id: unsigned.id, plate: check.plate, decision: payload.decision });
    }
    const results = await ingestService(repos).ingest({ id: enrolled.deviceId, publicJwk: { ...pair.publicJwk } }, events, opts.receivedAt);
    const refused = results.filter((r) => r.status !== 'accepted');
    if (refused.length) throw new Error(`recordShift: refused ${JSON.stringify(refused)}`);
    return recorded;
  } finally {
    await opened.close();
  }
}
