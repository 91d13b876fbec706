/**
 * A world for the scanner's end-to-end tests, seeded with the server's own
 * services into a fresh data folder before the real server starts on it: the
 * demo checkpoint with its staff and a fresh enrollment code, and passes for
 * each decision (a local truck, a Wuhan van, one revoked).
 */
import { join } from 'node:path';
import { openTestStore } from './test-database.js';
import { repositories } from '../../src/server/repositories.js';
import { DataKey } from '../../src/server/security/data-key.js';
import { ensureFirstAdmin } from '../../src/server/bootstrap.js';
import { seedDemo } from '../../src/cli/demo-data.js';
import { keysService } from '../../src/server/features/keys/service.js';
import { passesService } from '../../src/server/features/passes/service.js';
import { encodePassQrText } from '../../src/core/pass/qr-text.js';
import type { UserActor } from '../../src/server/types.js';
import { chinaDate } from './fleet.js';

export interface ScannerWorld {
  enrollmentCode: string;
  enrollmentQr: string;
  staff: Array<{ badge: string; name: string; pin: string }>;
  /** 苏E12345: driver 张建国 (…0016), escort 李卫东 (…002X), from 320583 昆山 */
  localPass: { qrText: string; passNo: string; plate: string };
  /** 鄂A88888: driver 王海涛 (…0037), from 420100 武汉 — a key-area vehicle */
  wuhanPass: { qrText: string; passNo: string; plate: string };
  /** 苏E12345 again, revoked by the bureau */
  revokedPass: { qrText: string; passNo: string; plate: string };
  enterprise: { creditCode: string; name: string };
  /** demo accounts: `officer` (bureau) and `jincheng` (the enterprise), with their passwords */
  accounts: Record<string, string>;
}

export async function seedScannerWorld(dataDir: string, publicUrl: string): Promise<ScannerWorld> {
  const opened = await openTestStore(dataDir);
  try {
    const dataKey = DataKey.load(dataDir);
    const repos = repositories(opened.store, { dataKey });
    await ensureFirstAdmin(repos);
    const demo = await seedDemo(repos, dataDir, { publicUrl });
    const officerUser = (await repos.users.get((await repos.users.getWithHash('officer'))!.id))!;
    const entUser = (await repos.users.get((await repos.users.getWithHash('jincheng'))!.id))!;
    const officer: UserActor = { kind: 'user', user: officerUser };
    const ent: UserActor = { kind: 'user', user: entUser };
    const keys = keysService(repos, dataKey);
    const passes = passesService(repos, keys.passSigner({ issuer: async () => (await repos.passes.setting('pass.issuer')) ?? 'KSJT' }));
    const enterpriseId = entUser.enterpriseId!;
    const enterprise = (await repos.enterprises.get(enterpriseId))!;
    const vehicles = (await repos.vehicles.list({ enterpriseId, status: 'all', limit: 10, offset: 0 })).items;
    const truck = vehicles.find((v) => v.plate === '苏E12345')!;
    const van = vehicles.find((v) => v.plate === '鄂A88888')!;
    const people = (await repos.people.list({ enterpriseId, limit: 10, offset: 0 } as never)).items as Array<{ id: number; name: string }>;
    const byName = (n: string) => people.find((p) => p.name === n)!.id;
    const ip = '127.0.0.1';
    const base = { destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts' as const, routeNote: 'G2' };

    const issue = async (input: Record<string, unknown>) => {
      const created = await passes.create(ent, { ...base, validFrom: chinaDate(0), validTo: chinaDate(13), ...input } as never, ip);
      await passes.submit(ent, created.id, ip);
      return passes.approve(officer, created.id, ip);
    };
    const asQr = async (id: number, passNo: string, plate: string) => ({ qrText: encodePassQrText((await repos.passes.token(id))!), passNo, plate });

    const local = (await repos.passes.list({ enterpriseId, limit: 50, offset: 0 } as never)).items.find(
      (p: { plate: string; status: string }) => p.plate === '苏E12345' && p.status === 'issued',
    ) as { id: number; passNo: string };
    const wuhan = await issue({ vehicleId: van.id, driverId: byName('王海涛'), escortIds: [], originRegion: '420100' });
    const doomed = await issue({ vehicleId: truck.id, driverId: byName('张建国'), escortIds: [], originRegion: '320583' });
    await passes.revoke(officer, doomed.id, '车辆信息有误 wrong vehicle data', ip);

    return {
      enrollmentCode: demo.checkpoint.enrollment!.code,
      enrollmentQr: demo.checkpoint.enrollment!.qrText,
      staff: demo.checkpoint.staff.filter((s) => !s.disabled).map(({ badge, name, pin }) => ({ badge, name, pin })),
      localPass: await asQr(local.id, local.passNo, '苏E12345'),
      wuhanPass: await asQr(wuhan.id, wuhan.passNo, '鄂A88888'),
      revokedPass: await asQr(doomed.id, doomed.passNo, '苏E12345'),
      enterprise: { creditCode: enterprise.creditCode, name: enterprise.name },
      accounts: Object.fromEntries(demo.accounts.map((a) => [a.username, a.password])),
    };
  } finally {
    await opened.close();
  }
}
