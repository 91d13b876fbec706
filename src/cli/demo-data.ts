import type { Repos } from '../server/repositories.js';
import { DataKey } from '../server/security/data-key.js';
import { generateOneTimePassword, hashPassword } from '../server/security/password.js';
import type { Role, User } from '../server/features/users/schema.js';
import type { Pass } from '../server/features/passes/schema.js';
import type { UserActor } from '../server/types.js';
import { vehiclesService } from '../server/features/vehicles/service.js';
import { peopleService } from '../server/features/people/service.js';
import { passesService } from '../server/features/passes/service.js';
import { keysService, type KeysService } from '../server/features/keys/service.js';
import { checkpointsService } from '../server/features/checkpoints/service.js';
import { checkpointInputSchema, staffInputSchema, type Checkpoint } from '../server/features/checkpoints/schema.js';
import { devicesService } from '../server/features/devices/service.js';
import type { EnrollmentCodeResponse } from '../server/features/devices/schema.js';
import { ingestService } from '../server/features/ingest/service.js';
import { rulesService, type RulesService } from '../server/features/rules/service.js';
import { escortsService } from '../server/features/escorts/service.js';
import { custodyService } from '../server/features/custody/service.js';
import { charterService } from '../server/features/charter/service.js';
import { usersService } from '../server/features/users/service.js';
import { seedCharterDemo, type DemoCharter } from './demo-charter.js';
import { trustService } from '../server/features/trust/service.js';
import { verifyPin } from '../server/security/pin.js';
import { generateDeviceKeyPair } from '../core/device/index.js';
import {
  checkPayloadSchema,
  escortHandoverPayloadSchema,
  formatDeviceTime,
  newEventId,
  nextChainPosition,
  signEvent,
  type CheckPayload,
  type SignedEvent,
  type UnsignedEvent,
} from '../core/events/index.js';
import { encodePassQrText, verifyPass } from '../core/pass/index.js';
import { decide, passEnterpriseId, type CheckInput, type ObservedPerson, type RuleSet } from '../core/rules/index.js';
import { base64url } from 'jose';

export interface DemoAccount {
  role: Role;
  username: string;
  password: string;
}

export interface DemoStaff {
  badge: string;
  name: string;
  pin: string;
  /** disabled by an administrator in the demo database: the PIN is kept but does not sign in */
  disabled: boolean;
}

export interface DemoCheck {
  seq: number;
  type: string;
  plate: string | null;
  decision: string | null;
}

export interface DemoCheckpoint {
  id: number;
  name: string;
  status: Checkpoint['status'];
  staff: DemoStaff[];
  /** a fresh code on every start; null while the checkpoint is closed */
  enrollment: EnrollmentCodeResponse | null;
  /** the simulated scanner that recorded the sample checks */
  deviceId: string | null;
  /** its events, in chain order */
  events: DemoCheck[];
}

export interface DemoData {
  accounts: DemoAccount[];
  checkpoint: DemoCheckpoint;
  /** item 7: the charter run and its inspection (null when the checkpoint is closed) */
  charter: DemoCharter | null;
}

export interface SeedDemoOptions {
  /** base URL a scanner enrolls with (config.publicUrl), put in the enrollment QR text */
  publicUrl?: string;
  /** seeding time; defaults to now */
  now?: Date;
}

const DEMO_ENTERPRISE = {
  name: '昆山锦程精密机械有限公司',
  // A valid GB 32100 code with region 320583 (Kunshan).
  creditCode: '91320583MA1XKCJ23G',
  address: '江苏省昆山市开发区前进东路 88 号',
  regionCode: '320583',
  dutyPhone: '051257001234',
};

const DEMO_CHECKPOINT = {
  name: '昆山花桥卡口',
  location: 'G2 京沪高速花桥收费站 入城方向',
  regionCode: '320583',
  direction: 'inbound' as const,
};

/** PINs are printed with the demo accounts: this is a demo database. */
const DEMO_STAFF = [
  { badge: 'KS0427', name: '周建华', pin: '4821' },
  { badge: 'KS0513', name: '陈晓燕', pin: '7305' },
];

const DEMO_DEVICE_LABEL = '演示扫码枪 demo scanner';
const DEMO_APP_VERSION = 'demo';
/** Age of the trust bundle the simulated scanner decides with: synced a quarter of an hour before. */
export const DEMO_BUNDLE_AGE_SEC = 900;
/** Everyone's address at the seeding: the loopback, as for the other demo records. */
const IP = '127.0.0.1';

const chinaDate = (offsetDays: number, now = Date.now()) => new Date(now + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Sample data that walks the product end to end: an approved enterprise with an
 * account, two vehicles (one registered in Wuhan, a key area in Feb 2020), three
 * people, one issued pass and one application waiting in the officer's queue;
 * then the checkpoint side: 昆山花桥卡口 with two staff, a scanner enrolled there
 * and the checks it recorded (RELEASE, ESCORT with its handover, HOLD, REFUSE),
 * signed, chained and ingested like any scanner's upload.
 *
 * Records are made once; the demo accounts get fresh passwords on every start,
 * and the checkpoint a fresh enrollment code, printed to the console, so a demo
 * can always be entered and a real scanner enrolled right away.
 */
export async function seedDemo(repos: Repos, dataDir: string, opts: SeedDemoOptions = {}): Promise<DemoData> {
  const now = opts.now ?? new Date();
  const { accounts, users, enterprise } = await seedPortal(repos, dataDir);
  const keys = keysService(repos, DataKey.load(dataDir));
  const admin = (await repos.users.listBureau()).find((u) => u.role === 'bureau_admin' && !u.disabled);
  // main.ts makes the first administrator before seeding; without one the officer stands in for the audit trail.
  const actor: UserActor = { kind: 'user', user: admin ?? users.officer! };
  const checkpoint = await seedCheckpoint(repos, keys, actor, enterprise.creditCode, opts.publicUrl ?? 'http://localhost:3000', now);
  const charter = await seedCharter(repos, keys, actor, users, checkpoint, now, opts.publicUrl ?? 'http://localhost:3000');
  if (charter) accounts.push(charter.account);
  return { accounts, checkpoint, charter };
}

async function seedCharter(repos: Repos, keys: KeysService, bureau: UserActor, users: Record<string, User>, checkpoint: DemoCheckpoint, now: Date, publicUrl: string) {
  if (checkpoint.status !== 'active' || !users.officer || !users.jincheng) return null;
  const rules = rulesService(repos);
  await rules.load();
  const custody = custodyService({
    repos,
    approvedPlaces: (runId) => charterService(repos, usersService(repos), keys).approvedPlaces(runId),
    isolationDaysAt: (at) => rules.activeRuleSet(at).isolationDays,
  });
  return seedCharterDemo({
    repos, keys, rules, devices: devicesService({ repos, keys, publicUrl }),
    bureau, officer: { kind: 'user', user: users.officer }, enterprise: { kind: 'user', user: users.jincheng },
    checkpointId: checkpoint.id, staffBadge: checkpoint.staff.find((s) => !s.disabled)?.badge ?? DEMO_STAFF[0]!.badge,
    observers: [demoEscorts(repos, rules).ingestObserver, custody.ingestObserver], now,
  });
}

async function seedPortal(repos: Repos, dataDir: string) {
  const accounts: Array<{ role: Role; username: string; displayName: string; enterprise: boolean }> = [
    { role: 'bureau_officer', username: 'officer', displayName: '王审核', enterprise: false },
    { role: 'enterprise_user', username: 'jincheng', displayName: '李调度', enterprise: true },
  ];
  let enterprise = await repos.enterprises.getByCreditCode(DEMO_ENTERPRISE.creditCode);
  if (!enterprise) {
    enterprise = await repos.enterprises.insert(DEMO_ENTERPRISE);
    await repos.enterprises.setStatus(enterprise.id, 'approved', '演示数据 demo data');
  }
  const out: DemoAccount[] = [];
  const users: Record<string, User> = {};
  for (const a of accounts) {
    const password = generateOneTimePassword();
    const hash = await hashPassword(password);
    const existing = await repos.users.getWithHash(a.username);
    if (existing) await repos.users.setPassword(existing.id, hash, false);
    else await repos.users.insert({ username: a.username, displayName: a.displayName, role: a.role, enterpriseId: a.enterprise ? enterprise.id : null, passwordHash: hash, mustChangePassword: false });
    users[a.username] = (await repos.users.get((await repos.users.getWithHash(a.username))!.id))!;
    out.push({ role: a.role, username: a.username, password });
  }

  if ((await repos.vehicles.list({ enterpriseId: enterprise.id, status: 'all', limit: 1, offset: 0 })).total === 0) {
    const ent: UserActor = { kind: 'user', user: users.jincheng! };
    const officer: UserActor = { kind: 'user', user: users.officer! };
    const ip = '127.0.0.1';
    const vehicles = vehiclesService(repos);
    const people = peopleService(repos);
    const truck = await vehicles.create(ent, { plate: '苏E12345', type: 'truck' }, ip);
    const van = await vehicles.create(ent, { plate: '鄂A88888', type: 'van' }, ip);
    const driver = await people.create(ent, { name: '张建国', role: 'driver', idNumber: '320583198001010016', phone: '13812345678', stays: ['320583'] }, ip);
    const driver2 = await people.create(ent, { name: '王海涛', role: 'driver', idNumber: '420106198505050037', phone: '13971234567', stays: ['420106'] }, ip);
    const escort = await people.create(ent, { name: '李卫东', role: 'escort', idNumber: '11010519491231002X', phone: '13900001111', stays: [] }, ip);

    const keys = keysService(repos, DataKey.load(dataDir));
    await keys.ensureActiveKey('pass');
    const passes = passesService(repos, keys.passSigner({ issuer: async () => (await repos.passes.setting('pass.issuer')) ?? 'KSJT' }));
    const base = { destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts' as const, routeNote: 'G2 京沪高速 → 昆山站' };
    const issued = await passes.create(ent, { ...base, vehicleId: truck.id, driverId: driver.id, escortIds: [escort.id], validFrom: chinaDate(0), validTo: chinaDate(13), originRegion: '320583' }, ip);
    await passes.submit(ent, issued.id, ip);
    await passes.approve(officer, issued.id, ip);
    const queued = await passes.create(ent, { ...base, vehicleId: van.id, driverId: driver2.id, escortIds: [], validFrom: chinaDate(1), validTo: chinaDate(7), originRegion: '420100', cargoCategory: 'medical_supplies' }, ip);
    await passes.submit(ent, queued.id, ip);
  }
  return { accounts: out, users, enterprise };
}

/**
 * 昆山花桥卡口, its staff, a fresh enrollment code, and (once) a simulated
 * scanner with its sample checks. Staff whose PIN was changed in the demo
 * database get the demo PIN back, as the accounts get fresh passwords.
 */
async function seedCheckpoint(repos: Repos, keys: KeysService, actor: UserActor, enterpriseUscc: string, publicUrl: string, now: Date): Promise<DemoCheckpoint> {
  const checkpoints = checkpointsService(repos);
  const devices = devicesService({ repos, keys, publicUrl });

  let checkpoint = await repos.checkpoints.getByName(DEMO_CHECKPOINT.name);
  if (!checkpoint) checkpoint = await checkpoints.create(actor, checkpointInputSchema.parse(DEMO_CHECKPOINT), IP);
  const checkpointId = checkpoint.id;

  const staff: DemoStaff[] = [];
  for (const s of DEMO_STAFF) {
    const input = staffInputSchema.parse(s);
    const existing = await repos.staff.getByBadge(input.badge);
    if (!existing) {
      await checkpoints.createStaff(actor, checkpointId, input, IP);
    } else if (existing.checkpointId !== checkpointId) {
      continue; // the badge was given to someone elsewhere: not ours to print
    } else if (!existing.disabled) {
      const hash = (await repos.staff.forDevices(checkpointId)).find((x) => x.badge === input.badge)?.pinHash;
      if (!(await verifyPin(input.pin, hash))) await checkpoints.resetPin(actor, checkpointId, existing.id, input.pin, IP);
    }
    staff.push({ badge: input.badge, name: (await repos.staff.getByBadge(input.badge))!.name, pin: input.pin, disabled: existing?.disabled ?? false });
  }

  const active = async () => (await repos.checkpoints.get(checkpointId))!.status === 'active';
  let device = (await repos.devices.list({ checkpointId, status: 'all' })).find((d) => d.label === DEMO_DEVICE_LABEL);
  if (!device && (await active())) {
    const badge = staff.find((s) => !s.disabled)?.badge ?? DEMO_STAFF[0]!.badge;
    const deviceId = await recordSampleChecks(repos, keys, devices, checkpointId, badge, enterpriseUscc, now);
    device = deviceId === null ? undefined : await repos.devices.get(deviceId);
  }

  // Every start: codes last 15 minutes, so the one printed must be new.
  const enrollment = (await active()) ? await devices.createEnrollmentCode(null, checkpointId, null, now) : null;

  const events = device
    ? (await repos.events.list({ deviceId: device.id, limit: 100 })).map((e) => ({
        seq: e.seq,
        type: e.type,
        plate: typeof e.payload.plate === 'string' ? e.payload.plate : null,
        decision: typeof e.payload.decision === 'string' ? e.payload.decision : null,
      }))
    : [];
  const final = (await repos.checkpoints.get(checkpointId))!;
  return { id: final.id, name: final.name, status: final.status, staff, enrollment, deviceId: device?.id ?? null, events };
}

export interface SampleCheck {
  /** what the scanner read: QR text of the pass, or null for a vehicle without one */
  qrText: string | null;
  plate: string;
  people: ObservedPerson[];
  /** picked by staff for a vehicle without a pass (from the trust bundle's directory) */
  receiverUscc: string | null;
}

export const person = (readings: number[], passIndex: number | null = null, stays: ObservedPerson['stays'] = []): ObservedPerson => ({
  passIndex,
  id4Matches: passIndex === null ? null : true,
  readings,
  stays,
});

/** The issued token with another plate written into its payload: the signature no longer holds. */
function tamperedToken(token: string, plate: string): string {
  const [header, payload, sig] = token.split('.') as [string, string, string];
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
  return [header, base64url.encode(JSON.stringify({ ...claims, pl: plate })), sig].join('.');
}

/**
 * Enrolls a simulated scanner at the checkpoint, with a one-off code and a key
 * made with Web Crypto as a browser would (non-extractable, dropped when this
 * returns: it only signs the sample events), records the sample checks with
 * decisions from the core rules — the pass verified against the published
 * keys — and uploads them through the ingest service. Returns the device id,
 * or null (nothing done) when the demo truck has no signed pass to scan.
 */
async function recordSampleChecks(
  repos: Repos,
  keys: KeysService,
  devices: ReturnType<typeof devicesService>,
  checkpointId: number,
  staffBadge: string,
  enterpriseUscc: string,
  now: Date,
): Promise<string | null> {
  const rules = rulesService(repos);
  await rules.load();
  const trust = trustService({ repos, keys, rules });
  // The pass issued to the demo truck (newest first), whatever became of it since: the decisions below are real ones.
  const enterpriseId = (await repos.enterprises.getByCreditCode(enterpriseUscc))?.id;
  let pass: Pass | undefined;
  for (const p of (await repos.passes.list({ enterpriseId, q: '苏E12345', limit: 20, offset: 0 }, now.getTime())).items) {
    if (p.plate === '苏E12345' && (await repos.passes.token(p.id)) !== null) {
      pass = p;
      break;
    }
  }
  const token = pass && (await repos.passes.token(pass.id));
  if (!pass || !token) return null;

  const lookback = (days: number) => chinaDate(-days, now.getTime());
  const checks: SampleCheck[] = [
    // The issued pass, driver and escort as on the pass, normal temperatures.
    {
      qrText: encodePassQrText(token),
      plate: '苏E12345',
      people: [person([36.4], 0, [{ region: '320583', lastDay: lookback(0) }]), person([36.6], 1)],
      receiverUscc: null,
    },
    // Wuhan-registered van without a pass, driver back from Wuhan; the demo enterprise receives it.
    {
      qrText: null,
      plate: '鄂A88888',
      people: [person([36.5], null, [{ region: '420106', lastDay: lookback(3) }])],
      receiverUscc: enterpriseUscc,
    },
    // A local car, driver with a fever confirmed by the re-test.
    { qrText: null, plate: '苏E7K512', people: [person([37.9, 38.1])], receiverUscc: null },
    // The demo pass with the plate edited to fit another truck.
    {
      qrText: encodePassQrText(tamperedToken(token, '苏E5T321')),
      plate: '苏E5T321',
      people: [person([36.3], 0)],
      receiverUscc: null,
    },
  ];

  // The checks happened over the last half hour, within the pass's validity (a demo database
  // seeded before the checkpoint existed may hold a pass that has expired since).
  const end = Math.min(now.getTime(), Date.parse(pass.validTo) - 60_000);
  const start = Math.min(end, Math.max(end - 30 * 60_000, Date.parse(pass.validFrom)));
  const steps = checks.length + 3; // sign-in, checks, handover, the lorry still waiting
  const at = (i: number) => new Date(start + Math.round(((end - start) * i) / steps));

  type Body = Pick<UnsignedEvent, 'type' | 'payload'> & { id: string; time: Date };
  const bodies: Body[] = [];
  const lookups = (time: Date) => ({
    publishedKeys: () => keys.publishedKeys(time, 'pass'),
    isRevoked: (jti: string) => trust.isRevoked(jti),
    enterpriseInfo: (uscc: string) => trust.enterpriseInfo(uscc),
  });
  const record = async (check: SampleCheck, time: Date, handoverAt: Date | null) => {
    const payload = await decideCheck(check, rules.activeRuleSet(time), time, staffBadge, lookups(time));
    const id = newEventId();
    bodies.push({ id, time, type: 'check', payload: checkPayloadSchema.parse(payload) });
    if (payload.decision === 'ESCORT' && handoverAt) {
      const handover = escortHandoverPayloadSchema.parse({ checkEventId: id, escortName: '李卫东', escortPhoneLast4: '1111', enterpriseUscc, staffBadge });
      bodies.push({ id: newEventId(), time: handoverAt, type: 'escort_handover', payload: handover });
    }
    return id;
  };

  // An earlier shift, 16 days ago: a Wuhan van the enterprise met, brought in and isolated the driver of
  // (the escort loop's closed example, below).
  const earlier = now.getTime() - 16 * 86_400_000;
  const old = (minutes: number) => new Date(earlier + minutes * 60_000);
  bodies.push({ id: newEventId(), time: old(0), type: 'staff_sign_in', payload: { staffBadge } });
  const closedCheckId = await record(
    { qrText: null, plate: '鄂A66666', people: [person([36.4], null, [{ region: '420102', lastDay: chinaDate(-2, earlier) }])], receiverUscc: enterpriseUscc },
    old(10),
    old(70),
  );
  bodies.push({ id: newEventId(), time: old(480), type: 'staff_sign_out', payload: { staffBadge } });

  const shift = bodies.length;
  bodies.push({ id: newEventId(), time: at(0), type: 'staff_sign_in', payload: { staffBadge } });
  for (const check of checks) {
    const time = at(bodies.length - shift);
    // The ESCORT van is handed over right after its check: the loop's in-transit example.
    await record(check, time, at(bodies.length - shift + 1));
  }
  // Last, a Hubei lorry still waiting at the checkpoint for the enterprise: the open example.
  await record(
    { qrText: null, plate: '鄂B20202', people: [person([36.7], null, [{ region: '420200', lastDay: lookback(1) }])], receiverUscc: enterpriseUscc },
    at(bodies.length - shift),
    null,
  );

  const code = await devices.createEnrollmentCode(null, checkpointId, null, now);
  const pair = await generateDeviceKeyPair();
  const enrolled = await devices.enroll({ code: code.code, publicJwk: { ...pair.publicJwk }, appVersion: DEMO_APP_VERSION, label: DEMO_DEVICE_LABEL }, IP, now);

  const events: SignedEvent[] = [];
  for (const b of bodies) {
    const position = await nextChainPosition(events.at(-1) ?? null);
    const unsigned = { id: b.id, deviceId: enrolled.deviceId, deviceTime: formatDeviceTime(b.time, 480), ...position, type: b.type, payload: b.payload } as UnsignedEvent;
    events.push(await signEvent(unsigned, pair.privateKey));
  }
  const escorts = demoEscorts(repos, rules);
  const results = await ingestService(repos, [escorts.ingestObserver]).ingest({ id: enrolled.deviceId, publicJwk: { ...pair.publicJwk } }, events, now);
  const refused = results.filter((r) => r.status !== 'accepted');
  if (refused.length > 0) throw new Error(`demo: sample events not accepted: ${JSON.stringify(refused)}`);
  await closeOldEscort(repos, escorts, closedCheckId, earlier);
  return enrolled.deviceId;
}

const demoEscorts = (repos: Repos, rules: RulesService) =>
  escortsService({ repos, ruleSetAt: (at) => rules.activeRuleSet(at), ruleSetByVersion: (v) => rules.get(v)?.ruleSet ?? null });

/**
 * The earlier van's loop, as the enterprise recorded it at the time: arrival three hours after the
 * check, the driver (back from Wuhan) isolated for the rule set's period in the company dormitory,
 * the end recorded on the last day; the request then closed by itself.
 */
async function closeOldEscort(repos: Repos, escorts: ReturnType<typeof demoEscorts>, checkEventId: string, checkedAt: number): Promise<void> {
  const request = await repos.escorts.getByCheckEvent(checkEventId);
  const user = await repos.users.getWithHash('jincheng');
  if (!request || !user) return;
  const ent: UserActor = { kind: 'user', user: (await repos.users.get(user.id))! };
  const arrived = new Date(checkedAt + 3 * 3_600_000);
  await escorts.arrive(ent, request.id, { arrivedAt: arrived.toISOString() }, IP, arrived);
  const days = escorts.limits(arrived).isolationDays;
  const start = chinaDate(0, arrived.getTime());
  const plannedEnd = chinaDate(days, arrived.getTime());
  for (const p of request.people.filter((x) => x.keyArea)) {
    await escorts.recordIsolation(ent, request.id, { personIndex: p.index, place: '本企业隔离宿舍 2 号楼', startDate: start, plannedEnd, responsible: '李调度' }, IP, arrived);
  }
  const endAt = new Date(Date.parse(`${plannedEnd}T10:00:00+08:00`));
  for (const p of request.people.filter((x) => x.keyArea)) await escorts.endIsolation(ent, request.id, p.index, { endedOn: plannedEnd }, IP, endAt);
}

export interface TrustLookups {
  publishedKeys(): ReturnType<KeysService['publishedKeys']>;
  isRevoked(jti: string): Promise<boolean>;
  enterpriseInfo(uscc: string): Promise<{ uscc: string; name: string; dutyPhone: string } | null>;
}

/** What the scanner does for one vehicle: verify the pass, decide with the core rules, record the payload. */
export async function decideCheck(check: SampleCheck, ruleSet: RuleSet, time: Date, staffBadge: string, trust: TrustLookups): Promise<CheckPayload> {
  const result = check.qrText === null
    ? null
    : await verifyPass(check.qrText, { keys: await trust.publishedKeys(), now: time, clockToleranceSec: ruleSet.clockToleranceSec, isRevoked: trust.isRevoked });
  // With an authentic pass its enterprise receives the vehicle; without one, the enterprise staff picked.
  const receiverUscc = (result?.claims && passEnterpriseId(result.claims)) ?? check.receiverUscc;
  const receivingEnterprise = receiverUscc === null ? null : await trust.enterpriseInfo(receiverUscc);
  const observed = { plate: check.plate, people: check.people, staffKeyAreaFlag: false };
  const input: CheckInput = {
    pass: result === null ? { kind: 'none' } : { kind: 'scanned', result },
    observed,
    receivingEnterprise,
    now: time.getTime(),
    ruleSet,
    trustAgeSec: DEMO_BUNDLE_AGE_SEC,
  };
  const decision = decide(input);
  return {
    // Only an authentic pass names a pass id; a forged one is recorded by what went wrong.
    passNo: result?.claims?.jti ?? null,
    plate: check.plate,
    observations: {
      ...observed,
      pass: result === null ? 'none' : result.ok ? 'valid' : `invalid:${result.reason}`,
      receivingEnterprise: receivingEnterprise?.uscc ?? null,
    },
    decision: decision.decision,
    reasons: decision.reasons.map((r) => r.code),
    ruleSetVersion: decision.ruleSetVersion ?? 0,
    bundleAgeSec: DEMO_BUNDLE_AGE_SEC,
    staffBadge,
  };
}
