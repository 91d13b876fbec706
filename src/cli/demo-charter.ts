/**
 * Item 7 in the demo: the city transport group as a registered carrier with an
 * account, the demo enterprise's need to bring 30 workers back from Chengdu, a
 * charter run planned for it with a 30-person manifest (uploaded as a CSV,
 * confirmed, approved for 昆山花桥卡口, so its pass is signed and prints), and
 * the coach's priority inspection as a second demo scanner recorded it: every
 * passenger checked, one back from Wuhan released into the enterprise's custody,
 * which gives the enterprise its isolation task.
 *
 * Everything goes through the services the portal and the scanner use, with
 * the clock set to when each step happened: the need and the run two days ago,
 * the approval yesterday, the inspection two hours ago. Made once; the carrier
 * account gets a fresh password on every start, like the other demo accounts.
 */
import { chinaDayNumber } from '../core/rules/key-area.js';
import { decideCharter } from '../core/rules/charter-decide.js';
import { verifyCharterPass } from '../core/charter/verify.js';
import { computeCitizenIdCheckChar } from '../core/validate/id-number.js';
import { computeCreditCheckChar } from '../core/validate/credit-code.js';
import { charterCheckPayloadSchema, formatDeviceTime, newEventId, nextChainPosition, signEvent, type SignedEvent, type UnsignedEvent } from '../core/events/index.js';
import { generateDeviceKeyPair } from '../core/device/index.js';
import type { Repos } from '../server/repositories.js';
import type { UserActor } from '../server/types.js';
import type { KeysService } from '../server/features/keys/service.js';
import type { RulesService } from '../server/features/rules/service.js';
import { charterService } from '../server/features/charter/service.js';
import { usersService } from '../server/features/users/service.js';
import type { devicesService } from '../server/features/devices/service.js';
import { ingestService, type IngestObserver } from '../server/features/ingest/service.js';
import { generateOneTimePassword, hashPassword } from '../server/security/password.js';
import type { ManifestPassenger } from '../core/charter/manifest.js';

const IP = '127.0.0.1';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const chinaDate = (at: number) => new Date(chinaDayNumber(at) * DAY).toISOString().slice(0, 10);

export const DEMO_CARRIER = {
  name: '昆山交通发展控股集团客运分公司',
  creditCode: withCheck('91320583MA1KJ7001'),
  dutyPhone: '0512-57008800',
};
const DEMO_CARRIER_USER = { username: 'jiaofa', displayName: '周调度' };
const DEMO_DEVICE_LABEL = '演示扫码枪（包车通道）demo scanner, charter lane';
/** The coach's passenger who stayed in Wuhan: place in the CSV (1-based). */
const WUHAN_ROW = 5;

const NAMES = [
  '王建军', '李秀英', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周杰', '吴敏',
  '徐强', '孙娜', '胡斌', '朱琳', '高翔', '林芳', '何勇', '郭婷', '马超', '罗霞',
  '梁宇', '宋佳', '郑浩', '谢颖', '韩冰', '唐亮', '冯雪', '于洋', '董明', '萧红',
];

function withCheck(first17: string): string {
  return first17 + computeCreditCheckChar(first17);
}
function citizenId(i: number): string {
  const first17 = `510104199${i % 10}0${1 + (i % 9)}1${i % 10}${String(100 + i).padStart(3, '0')}`;
  return first17 + computeCitizenIdCheckChar(first17);
}

export interface DemoCharter {
  account: { role: 'carrier_user'; username: string; password: string };
  runId: number | null;
  passNo: string | null;
  /** the inspection as the charter-lane scanner recorded it */
  inspection: { deviceId: string; decision: string; custody: number } | null;
}

export interface DemoCharterContext {
  repos: Repos;
  keys: KeysService;
  rules: RulesService;
  devices: ReturnType<typeof devicesService>;
  /** the bureau account that registers the carrier and approves */
  bureau: UserActor;
  officer: UserActor;
  enterprise: UserActor;
  checkpointId: number;
  staffBadge: string;
  /** what ingest tells (escorts, custody): the demo's records arrive like any upload */
  observers: IngestObserver[];
  now: Date;
}

export async function seedCharterDemo(ctx: DemoCharterContext): Promise<DemoCharter> {
  const { repos } = ctx;
  const users = usersService(repos);
  const at = (ms: number) => () => new Date(ms);
  const nowMs = ctx.now.getTime();

  let carrier = (await repos.charter.listCarriers()).find((c) => c.creditCode === DEMO_CARRIER.creditCode);
  const fresh = !carrier;
  if (!carrier) carrier = await charterService(repos, users, ctx.keys, at(nowMs - 3 * DAY)).registerCarrier(ctx.bureau, DEMO_CARRIER, IP);
  const password = await carrierPassword(ctx, carrier.id, users);
  const account = { role: 'carrier_user' as const, username: DEMO_CARRIER_USER.username, password };
  if (!fresh) {
    const run = (await repos.charter.listRuns({ carrierId: carrier.id }))[0];
    return { account, runId: run?.id ?? null, passNo: (run && (await repos.charter.passOfRun(run.id))?.jti) ?? null, inspection: null };
  }
  const carrierActor: UserActor = { kind: 'user', user: (await repos.users.get((await repos.users.getWithHash(DEMO_CARRIER_USER.username))!.id))! };

  // Two days ago: the need, the run, the manifest, the confirmation.
  const planned = nowMs - 2 * DAY;
  const svc = charterService(repos, users, ctx.keys, at(planned));
  const need = await svc.postNeed(ctx.enterprise, {
    originRegion: '510100', workers: 30, earliestDate: chinaDate(planned), latestDate: chinaDate(nowMs + 2 * DAY),
    contactName: '李调度', contactPhone: '0512-57001234', note: '成都籍员工返岗，车间二线',
  }, IP);
  const departure = nowMs - 14 * HOUR;
  const run = await svc.planRun(carrierActor, {
    plate: '苏E2K806', driverName: '周建华', driverIdNumber: withCitizenCheck('32058319780312001'), driverPhone: '13962600123',
    departureAt: new Date(departure).toISOString(), arrivalBy: new Date(departure + 24 * HOUR).toISOString(),
    route: '成都 → G76 厦蓉 → G42 沪蓉 → G2 京沪 → 花桥卡口 → 昆山开发区（点到点，途中不停靠）',
    needs: [{ needId: need.id, seats: 30 }],
  }, IP);
  const csv = ['姓名,身份证号,手机,始发地区划,途经重点地区'];
  NAMES.forEach((name, i) => {
    const stays = i + 1 === WUHAN_ROW ? `420100:${chinaDate(planned - 5 * DAY)}` : '';
    csv.push(`${name},${citizenId(i + 1)},1396260${String(1000 + i)},510100,${stays}`);
  });
  const later = charterService(repos, users, ctx.keys, at(planned + HOUR));
  await later.uploadManifest(ctx.enterprise, run.id, need.id, 'csv', Buffer.from(csv.join('\n') + '\n').toString('base64'), IP);
  await later.confirmRun(ctx.enterprise, run.id, IP);

  // Yesterday: the bureau approves for 花桥; the pass is signed with it.
  const approvedAt = nowMs - DAY;
  await charterService(repos, users, ctx.keys, at(approvedAt)).approveRun(ctx.officer, run.id, { checkpointIds: [ctx.checkpointId], reason: '核验无误，花桥卡口优先查验' }, IP);
  const pass = await repos.charter.passOfRun(run.id);
  const manifest = await charterService(repos, users, ctx.keys, at(approvedAt)).approvedManifest(run.id);
  if (!pass || !manifest) return { account, runId: run.id, passNo: null, inspection: null };

  const inspection = await inspect(ctx, { runId: run.id, jws: pass.jws, manifest: manifest.manifest, md: manifest.md, from: departure, until: departure + 24 * HOUR });
  return { account, runId: run.id, passNo: pass.jti, inspection };
}

function withCitizenCheck(first17: string): string {
  return first17 + computeCitizenIdCheckChar(first17);
}

async function carrierPassword(ctx: DemoCharterContext, carrierId: number, users: ReturnType<typeof usersService>): Promise<string> {
  const { repos } = ctx;
  if (!(await repos.users.getWithHash(DEMO_CARRIER_USER.username))) {
    await charterService(repos, users, ctx.keys).createCarrierUser(ctx.bureau, carrierId, DEMO_CARRIER_USER, IP);
  }
  const password = generateOneTimePassword();
  const hash = await hashPassword(password);
  await repos.users.setPassword((await repos.users.getWithHash(DEMO_CARRIER_USER.username))!.id, hash, false);
  return password;
}

interface Coach {
  runId: number;
  jws: string;
  manifest: ManifestPassenger[];
  md: string;
  from: number;
  until: number;
}

/**
 * Two hours ago at 花桥: a scanner of the charter lane (enrolled for the demo, its
 * key dropped afterwards) verifies the pass against the published keys, ticks
 * every passenger against their ID card, measures everyone, and records the
 * decision the core rules give; the upload goes through ingest like any other.
 */
async function inspect(ctx: DemoCharterContext, coach: Coach): Promise<DemoCharter['inspection']> {
  const { repos, keys } = ctx;
  const time = new Date(ctx.now.getTime() - 2 * HOUR);
  const verified = await verifyCharterPass(coach.jws, { keys: await keys.publishedKeys(time, 'pass'), now: time, isRevoked: () => false });
  if (!verified.ok) return null;
  const claims = verified.claims;
  const run = { run: String(coach.runId), jti: claims.jti, pl: claims.pl, from: Math.floor(coach.from / 1000), until: Math.floor(coach.until / 1000), md: coach.md, passengers: coach.manifest };
  const reading = (i: number) => [36.2, 36.4, 36.5, 36.3, 36.6, 36.1][i % 6]!;
  const ruleSet = ctx.rules.activeRuleSet(time);
  const decision = decideCharter({
    pass: verified,
    run,
    observed: {
      plate: claims.pl,
      driver: { id4Matches: true, readings: [36.4], stays: [] },
      passengers: coach.manifest.map((_, i) => ({ present: true, id4Matches: true, readings: [reading(i)], stays: [] })),
      unlisted: [],
      staffKeyAreaFlag: false,
    },
    now: time.getTime(),
    ruleSet,
    trustAgeSec: 900,
  });
  const payload = charterCheckPayloadSchema.parse({
    passNo: claims.jti,
    runId: run.run,
    md: coach.md,
    plate: claims.pl,
    observations: {
      driver: { id4Matches: true, readings: [36.4] },
      passengers: coach.manifest.map((_, i) => ({ present: true, id4Matches: true, readings: [reading(i)] })),
      unlisted: [],
      staffKeyAreaFlag: false,
    },
    decision: decision.decision,
    reasons: decision.reasons.map((r) => r.code),
    passengers: decision.passengers.map((p) => ({ outcome: p.outcome, ent: p.ent })),
    unlisted: 0,
    ruleSetVersion: decision.ruleSetVersion ?? 0,
    bundleAgeSec: 900,
    staffBadge: ctx.staffBadge,
  });

  const code = await ctx.devices.createEnrollmentCode(null, ctx.checkpointId, null, new Date(time.getTime() - HOUR));
  const pair = await generateDeviceKeyPair();
  const enrolled = await ctx.devices.enroll({ code: code.code, publicJwk: { ...pair.publicJwk }, appVersion: 'demo', label: DEMO_DEVICE_LABEL }, IP, new Date(time.getTime() - HOUR));
  const bodies: Array<Pick<UnsignedEvent, 'type' | 'payload'> & { time: Date }> = [
    { time: new Date(time.getTime() - 5 * 60_000), type: 'staff_sign_in', payload: { staffBadge: ctx.staffBadge } },
    { time, type: 'charter_check', payload },
  ];
  const events: SignedEvent[] = [];
  for (const b of bodies) {
    const position = await nextChainPosition(events.at(-1) ?? null);
    const unsigned = { id: newEventId(), deviceId: enrolled.deviceId, deviceTime: formatDeviceTime(b.time, 480), ...position, type: b.type, payload: b.payload } as UnsignedEvent;
    events.push(await signEvent(unsigned, pair.privateKey));
  }
  const results = await ingestService(repos, ctx.observers).ingest({ id: enrolled.deviceId, publicJwk: { ...pair.publicJwk } }, events, ctx.now);
  const refused = results.filter((r) => r.status !== 'accepted');
  if (refused.length > 0) throw new Error(`demo: charter inspection not accepted: ${JSON.stringify(refused)}`);
  return { deviceId: enrolled.deviceId, decision: decision.decision, custody: decision.passengers.filter((p) => p.outcome === 'CUSTODY').length };
}
