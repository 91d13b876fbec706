import type { UserActor } from '../../types.js';
import { forbidden, notFound } from '../../problem.js';
import { isBureau } from '../enterprises/scope.js';
import type { RunNeedRow, RunRow } from './repository.js';

/**
 * Who sees what of the charter board, decided here and nowhere else:
 * - the bureau: everything;
 * - a carrier: its own runs (with the enterprises served, seats and passenger counts, never the
 *   passengers) and the needs open to all carriers, plus the needs its own runs serve;
 * - an enterprise: its own needs, the runs serving them (only its own share of each run) and its
 *   own passengers.
 * Anything else answers 404, as another enterprise's item does elsewhere.
 */
export type CharterParty =
  | { kind: 'bureau' }
  | { kind: 'carrier'; carrierId: number }
  | { kind: 'enterprise'; enterpriseId: number };

export function partyOf(actor: UserActor): CharterParty {
  if (isBureau(actor)) return { kind: 'bureau' };
  const u = actor.user;
  if (u.role === 'carrier_user' && u.carrierId !== null) return { kind: 'carrier', carrierId: u.carrierId };
  if (u.role === 'enterprise_user' && u.enterpriseId !== null) return { kind: 'enterprise', enterpriseId: u.enterpriseId };
  throw forbidden();
}

export function ownCarrierId(actor: UserActor): number {
  const p = partyOf(actor);
  if (p.kind !== 'carrier') throw forbidden();
  return p.carrierId;
}

export function ownEnterprise(actor: UserActor): number {
  const p = partyOf(actor);
  if (p.kind !== 'enterprise') throw forbidden();
  return p.enterpriseId;
}

export function assertRunVisible(party: CharterParty, run: RunRow, needs: RunNeedRow[]): void {
  if (party.kind === 'bureau') return;
  if (party.kind === 'carrier' && run.carrier_id === party.carrierId) return;
  if (party.kind === 'enterprise' && needs.some((n) => n.enterprise_id === party.enterpriseId)) return;
  throw notFound();
}
