import { CompactSign } from 'jose';
import type { CryptoKey, KeyObject } from 'jose';
import * as z from 'zod';
import { PASS_ALG } from '../pass/jwk.js';
import { newPassId } from '../pass/sign.js';
import { CHARTER_FORMAT_VERSION, charterClaimsSchema, charterInputSchema } from './claims.js';
import type { CharterClaims, CharterInput } from './claims.js';
import { CharterError } from './errors.js';

/**
 * Explicit type (RFC 8725 §3.11). Charter passes are signed by the same
 * `pass` keys as freight passes, so the `typ` is all that stops one being
 * read as the other; `kkc` is short for the same QR-size reason as `kkp`.
 */
export const CHARTER_TYP = 'kkc';

export type CharterHeader = { alg: typeof PASS_ALG; kid: string; typ: typeof CHARTER_TYP };

export interface SignCharterOptions {
  privateKey: CryptoKey | KeyObject;
  kid: string;
}

/** Validates, normalises and signs. Throws CharterError('claims_invalid') on bad input: issuing is a server act. */
export async function signCharterPass(input: CharterInput, options: SignCharterOptions): Promise<string> {
  if (typeof options.kid !== 'string' || options.kid.length === 0) throw new TypeError('kid is required');
  const parsed = charterInputSchema.safeParse(input);
  if (!parsed.success) throw new CharterError('claims_invalid', z.prettifyError(parsed.error));
  const p = parsed.data;
  // Fixed key order: equal passes give byte-identical tokens.
  const claims: CharterClaims = {
    v: CHARTER_FORMAT_VERSION,
    jti: p.jti ?? newPassId(),
    nbf: p.nbf,
    exp: p.exp,
    pl: p.plate,
    drv: [p.driver.name, p.driver.id4],
    n: p.passengerCount,
    org: p.origin,
    md: p.manifestDigest,
  };
  const checked = charterClaimsSchema.safeParse(claims);
  if (!checked.success) throw new CharterError('claims_invalid', z.prettifyError(checked.error));
  const header: CharterHeader = { alg: PASS_ALG, kid: options.kid, typ: CHARTER_TYP };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader(header).sign(options.privateKey);
}
