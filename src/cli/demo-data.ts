import type { Repos } from '../server/db/index.js';
import { generateOneTimePassword, hashPassword } from '../server/security/password.js';
import type { Role } from '../server/features/users/schema.js';

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

/**
 * Sample data that walks the product end to end. Idempotent: records are made
 * once; the demo accounts get fresh passwords on every start, printed to the
 * console, so a demo can always be entered.
 */
export async function seedDemo(repos: Repos): Promise<DemoAccount[]> {
  const accounts: Array<{ role: Role; username: string; displayName: string; enterprise: boolean }> = [
    { role: 'bureau_officer', username: 'officer', displayName: '王审核', enterprise: false },
    { role: 'enterprise_user', username: 'jincheng', displayName: '李调度', enterprise: true },
  ];
  const out: DemoAccount[] = [];
  let enterprise = repos.enterprises.getByCreditCode(DEMO_ENTERPRISE.creditCode);
  if (!enterprise) {
    enterprise = repos.enterprises.insert(DEMO_ENTERPRISE);
    repos.enterprises.setStatus(enterprise.id, 'approved', '演示数据 demo data');
  }
  for (const a of accounts) {
    const password = generateOneTimePassword();
    const hash = await hashPassword(password);
    const existing = repos.users.getWithHash(a.username);
    if (existing) repos.users.setPassword(existing.id, hash, false);
    else repos.users.insert({ username: a.username, displayName: a.displayName, role: a.role, enterpriseId: a.enterprise ? enterprise.id : null, passwordHash: hash, mustChangePassword: false });
    out.push({ role: a.role, username: a.username, password });
  }
  return out;
}
