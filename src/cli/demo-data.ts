import type { Repos } from '../server/db/index.js';
import { DataKey } from '../server/security/data-key.js';
import { generateOneTimePassword, hashPassword } from '../server/security/password.js';
import type { Role, User } from '../server/features/users/schema.js';
import type { Actor } from '../server/types.js';
import { vehiclesService } from '../server/features/vehicles/service.js';
import { peopleService } from '../server/features/people/service.js';
import { passesService } from '../server/features/passes/service.js';
import { keysService } from '../server/features/keys/service.js';

export interface DemoAccount {
  role: Role;
  username: string;
  password: string;
}

const DEMO_ENTERPRISE = {
  name: '昆山锦程精密机械有限公司',
  // A valid GB 32100 code with region 320583 (Kunshan).
  creditCode: '91320583MA1XKCJ23G',
  address: '江苏省昆山市开发区前进东路 88 号',
  regionCode: '320583',
  dutyPhone: '051257001234',
};

const chinaDate = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Sample data that walks the product end to end: an approved enterprise with an
 * account, two vehicles (one registered in Wuhan, a key area in Feb 2020), three
 * people, one issued pass and one application waiting in the officer's queue.
 * Records are made once; the demo accounts get fresh passwords on every start,
 * printed to the console, so a demo can always be entered.
 */
export async function seedDemo(repos: Repos, dataDir: string): Promise<DemoAccount[]> {
  const accounts: Array<{ role: Role; username: string; displayName: string; enterprise: boolean }> = [
    { role: 'bureau_officer', username: 'officer', displayName: '王审核', enterprise: false },
    { role: 'enterprise_user', username: 'jincheng', displayName: '李调度', enterprise: true },
  ];
  let enterprise = repos.enterprises.getByCreditCode(DEMO_ENTERPRISE.creditCode);
  if (!enterprise) {
    enterprise = repos.enterprises.insert(DEMO_ENTERPRISE);
    repos.enterprises.setStatus(enterprise.id, 'approved', '演示数据 demo data');
  }
  const out: DemoAccount[] = [];
  const users: Record<string, User> = {};
  for (const a of accounts) {
    const password = generateOneTimePassword();
    const hash = await hashPassword(password);
    const existing = repos.users.getWithHash(a.username);
    if (existing) repos.users.setPassword(existing.id, hash, false);
    else repos.users.insert({ username: a.username, displayName: a.displayName, role: a.role, enterpriseId: a.enterprise ? enterprise.id : null, passwordHash: hash, mustChangePassword: false });
    users[a.username] = repos.users.get(repos.users.getWithHash(a.username)!.id)!;
    out.push({ role: a.role, username: a.username, password });
  }

  if (repos.vehicles.list({ enterpriseId: enterprise.id, status: 'all', limit: 1, offset: 0 }).total === 0) {
    const ent: Actor = { kind: 'user', user: users.jincheng! };
    const officer: Actor = { kind: 'user', user: users.officer! };
    const ip = '127.0.0.1';
    const vehicles = vehiclesService(repos);
    const people = peopleService(repos);
    const truck = vehicles.create(ent, { plate: '苏E12345', type: 'truck' }, ip);
    const van = vehicles.create(ent, { plate: '鄂A88888', type: 'van' }, ip);
    const driver = people.create(ent, { name: '张建国', role: 'driver', idNumber: '320583198001010016', phone: '13812345678', stays: ['320583'] }, ip);
    const driver2 = people.create(ent, { name: '王海涛', role: 'driver', idNumber: '420106198505050037', phone: '13971234567', stays: ['420106'] }, ip);
    const escort = people.create(ent, { name: '李卫东', role: 'escort', idNumber: '11010519491231002X', phone: '13900001111', stays: [] }, ip);

    const keys = keysService(repos, DataKey.load(dataDir));
    await keys.ensureActiveKey('pass');
    const passes = passesService(repos, keys.passSigner({ issuer: () => repos.passes.setting('pass.issuer') ?? 'KSJT' }));
    const base = { destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts' as const, routeNote: 'G2 京沪高速 → 昆山站' };
    const issued = passes.create(ent, { ...base, vehicleId: truck.id, driverId: driver.id, escortIds: [escort.id], validFrom: chinaDate(0), validTo: chinaDate(13), originRegion: '320583' }, ip);
    passes.submit(ent, issued.id, ip);
    await passes.approve(officer, issued.id, ip);
    const queued = passes.create(ent, { ...base, vehicleId: van.id, driverId: driver2.id, escortIds: [], validFrom: chinaDate(1), validTo: chinaDate(7), originRegion: '420100', cargoCategory: 'medical_supplies' }, ip);
    passes.submit(ent, queued.id, ip);
  }
  return out;
}
