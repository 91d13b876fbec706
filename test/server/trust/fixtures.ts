import { base64url } from 'jose';
import type { TestContext } from '../../helpers/app.js';
import type { TrustBundle } from '../../../src/core/trust/index.js';
import { newPassNumber } from '../../../src/server/features/passes/service.js';

/** The payload of a signed bundle, unverified (the tests verify where that is the point). */
export const payloadOf = (jws: string): TrustBundle => JSON.parse(new TextDecoder().decode(base64url.decode(jws.split('.')[1]!))) as TrustBundle;

/** Stores `n` revocations of fresh pass numbers, valid for a day; returns the numbers. */
export function revoke(ctx: TestContext, n: number): string[] {
  const add = ctx.repos.db.prepare("INSERT INTO revocations (pass_no, reason, expires_at) VALUES (?, 'revoked', ?)");
  const later = Math.floor(Date.now() / 1000) + 86_400;
  return Array.from({ length: n }, () => {
    const passNo = newPassNumber();
    add.run(passNo, later);
    return passNo;
  });
}
