import type { UserActor } from '../../types.js';
import { notFound } from '../../problem.js';

export const isBureau = (actor: UserActor) => actor.user.role === 'bureau_admin' || actor.user.role === 'bureau_officer';

/**
 * The one place that decides whether an actor may touch an enterprise's data.
 * Every service that loads an item owned by an enterprise calls this with the
 * item's enterprise id. Another enterprise's item answers 404, not 403, so its
 * existence does not leak.
 */
export function assertEnterpriseAccess(actor: UserActor, enterpriseId: number): void {
  if (isBureau(actor)) return;
  if (actor.user.role === 'enterprise_user' && actor.user.enterpriseId === enterpriseId) return;
  throw notFound();
}

/** The enterprise filter for list queries: undefined means all (bureau), otherwise the actor's own. */
export function enterpriseFilter(actor: UserActor): number | undefined {
  return isBureau(actor) ? undefined : (actor.user.enterpriseId ?? -1);
}
