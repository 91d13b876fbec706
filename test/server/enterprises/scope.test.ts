// The one enterprise-scoping rule (features/enterprises/scope.ts), unit by unit; the
// access matrix and the feature tests check it through the routes.
import t from 'tap';
import { assertEnterpriseAccess, enterpriseFilter, isBureau } from '../../../src/server/features/enterprises/scope.js';
import { Problem } from '../../../src/server/problem.js';
import type { UserActor as Actor } from '../../../src/server/types.js';

const actor = (role: string, enterpriseId: number | null): Actor => ({ kind: 'user', user: { id: 1, role, enterpriseId } }) as unknown as Actor;
const refusal = (fn: () => void): number | 'none' => {
  try {
    fn();
    return 'none';
  } catch (error) {
    if (error instanceof Problem) return error.status;
    throw error;
  }
};

t.test('the bureau reaches every enterprise and lists all', async (t) => {
  for (const role of ['bureau_admin', 'bureau_officer']) {
    t.ok(isBureau(actor(role, null)), role);
    t.equal(refusal(() => assertEnterpriseAccess(actor(role, null), 7)), 'none', `${role} on enterprise 7`);
    t.equal(enterpriseFilter(actor(role, null)), undefined, `${role} lists all`);
  }
});

t.test('an enterprise user reaches its own enterprise only; another answers 404', async (t) => {
  t.notOk(isBureau(actor('enterprise_user', 7)));
  t.equal(refusal(() => assertEnterpriseAccess(actor('enterprise_user', 7), 7)), 'none');
  t.equal(refusal(() => assertEnterpriseAccess(actor('enterprise_user', 7), 8)), 404);
  t.equal(enterpriseFilter(actor('enterprise_user', 7)), 7);
});

t.test('fails closed', async (t) => {
  // An enterprise user without an enterprise reaches none and lists none: -1 matches no row,
  // where undefined would list every enterprise's data and 1 the first enterprise's.
  t.equal(refusal(() => assertEnterpriseAccess(actor('enterprise_user', null), 1)), 404);
  t.equal(enterpriseFilter(actor('enterprise_user', null)), -1);
  // A role added later is nobody's until this rule names it, even with a matching enterprise id.
  t.equal(refusal(() => assertEnterpriseAccess(actor('checkpoint_staff', 7), 7)), 404);
});
