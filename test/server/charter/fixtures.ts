import type { Test } from 'tap';
import { setup, type TestContext } from '../../helpers/app.js';
import { loggedIn, type Client } from '../../helpers/client.js';
import { creditCode } from '../../helpers/credit-code.js';
import { chinaDate, citizenId } from '../../helpers/fleet.js';

export const A_NAME = '昆山甲方电子有限公司';
export const B_NAME = '昆山乙方精密有限公司';

/** Two enterprises (A, B), one carrier with an account and a second carrier, the bureau. */
export async function charterWorld(t: Test) {
  const ctx: TestContext = await setup(t);
  const A = await ctx.enterprise(A_NAME, creditCode(1301));
  const B = await ctx.enterprise(B_NAME, creditCode(1302));
  const carrier = await ctx.repos.charter.insertCarrier({ name: '昆山交发集团客运公司', creditCode: creditCode(1303), dutyPhone: '051257009999' });
  const carrier2 = await ctx.repos.charter.insertCarrier({ name: '另一家客运公司', creditCode: creditCode(1304), dutyPhone: '051257008888' });
  await ctx.user('enterprise_user', 'alpha', A);
  await ctx.user('enterprise_user', 'bravo', B);
  await ctx.user('bureau_officer', 'officer');
  for (const [name, c] of [['coach', carrier.id], ['coach2', carrier2.id]] as const) {
    const hash = (await ctx.repos.users.getWithHash('alpha'))!.passwordHash;
    await ctx.repos.users.insert({ username: name, displayName: name, role: 'carrier_user', enterpriseId: null, carrierId: c, passwordHash: hash, mustChangePassword: false });
  }
  const c = {
    anon: undefined as unknown as Client,
    a: await loggedIn(ctx.app, 'alpha', { remoteAddress: '10.13.0.1' }),
    b: await loggedIn(ctx.app, 'bravo', { remoteAddress: '10.13.0.2' }),
    carrier: await loggedIn(ctx.app, 'coach', { remoteAddress: '10.13.0.3' }),
    carrier2: await loggedIn(ctx.app, 'coach2', { remoteAddress: '10.13.0.4' }),
    officer: await loggedIn(ctx.app, 'officer', { remoteAddress: '10.13.0.5' }),
  };
  // Entry checkpoints the bureau picks at approval: the coach is expected at `entry`, not at `other`.
  const entry = (await ctx.repos.checkpoints.insert({ name: '花桥入城卡口', location: '沪宁高速花桥收费站', regionCode: '320583', direction: 'inbound' })).id;
  const other = (await ctx.repos.checkpoints.insert({ name: '千灯卡口', location: '千灯镇', regionCode: '320583', direction: 'both' })).id;
  return { ctx, A, B, carrier: carrier.id, carrier2: carrier2.id, c, checkpoints: { entry, other } };
}

export const needBody = (over: Record<string, unknown> = {}) => ({
  originRegion: '510100', workers: 30, earliestDate: chinaDate(1), latestDate: chinaDate(5),
  contactName: '王经理', contactPhone: '13912340000', ...over,
});

export const runBody = (needs: { needId: number; seats: number }[], over: Record<string, unknown> = {}) => ({
  plate: '苏E88888', driverName: '赵师傅', driverIdNumber: citizenId('32058319750303123'), driverPhone: '13800001111',
  departureAt: `${chinaDate(2)}T08:00:00+08:00`, arrivalBy: `${chinaDate(2)}T22:00:00+08:00`, route: '成都—昆山 沪蓉高速，点到点不停靠', needs, ...over,
});

/** A passenger's ID number: distinct per n, with a valid check character. */
export const passengerId = (n: number) => citizenId(`510104199${String(n).padStart(1, '0').slice(-1)}0101${String(n).padStart(3, '0')}`);

/** A manifest CSV: header, then `rows` passengers; `bad` replaces one row's ID number by an invalid one. */
export function manifestCsv(rows: number, opts: { bom?: boolean; bad?: number; crlf?: boolean } = {}): string {
  const lines = ['姓名,身份证号,手机,始发地区划,途经重点地区'];
  for (let i = 1; i <= rows; i++) {
    const id = opts.bad === i ? passengerId(i).slice(0, 17) + (passengerId(i).endsWith('1') ? '2' : '1') : passengerId(i);
    const stays = i === 7 ? `420100:${chinaDate(-3)}` : '';
    lines.push(`"员工${i}",${id},1390000${String(i).padStart(4, '0')},510100,${stays}`);
  }
  return (opts.bom ? '\uFEFF' : '') + lines.join(opts.crlf ? '\r\n' : '\n') + '\n';
}
export const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
