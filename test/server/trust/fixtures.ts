import { base64url } from 'jose';
import type { TestContext } from '../../helpers/app.js';
import type { TrustBundle } from '../../../src/core/trust/index.js';
import { newPassNumber } from '../../../src/server/features/passes/service.js';

/** The payload of a signed bundle, unverified (the tests verify where that is the point). */
export const payloadOf = (jws: string): TrustBundle => JSON.parse(new TextDecoder().decode(base64url.decode(jws.split('.')[1]!))) as TrustBundle;

/** Stores `n` revocations of fresh pass numbers, valid for a day, in one insert (no feed version: rows as a bulk load leaves them); returns the numbers. */
export async function revoke(ctx: TestContext, n: number): Promise<string[]> {
  const later = Math.floor(Date.now() / 1000) + 86_400;
  const passNos = Array.from({ length: n }, () => newPassNumber());
  // In slices: one statement's parameters are limited (SQLite 32,766; PostgreSQL 65,535).
  for (let i = 0; i < passNos.length; i += 5000) {
    await ctx.repos.store.q().insertInto('revocations')
      .values(passNos.slice(i, i + 5000).map((pass_no) => ({ pass_no, reason: 'revoked', expires_at: later }))).execute();
  }
  return passNos;
}

/** One revocation as the service stores it: in a transaction of its own (PostgreSQL's feed lock lasts to the commit). */
export function addRevocation(ctx: TestContext, passNo: string, expiresAt: number): Promise<number> {
  return ctx.repos.store.transaction(() => ctx.repos.passes.addRevocation(passNo, 'revoked', expiresAt));
}
