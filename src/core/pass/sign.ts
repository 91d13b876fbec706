import { CompactSign, base64url } from 'jose';
import type { CryptoKey, KeyObject } from 'jose';
import * as z from 'zod';
import { PASS_FORMAT_VERSION, passClaimsSchema, passInputSchema } from './claims.js';
import type { PassClaims, PassInput, PassPersonTuple } from './claims.js';
import { PassError } from './errors.js';
import { PASS_ALG } from './jwk.js';

/**
 * Explicit type (RFC 8725 §3.11) so no other JWT signed by the same key can
 * pass as a pass. `kkp` is the short form of the media type
 * `application/kkp` (RFC 7515 §4.1.9 lets the `application/` prefix be
 * left out); every header byte is repeated in every QR code.
 */
export const PASS_TYP = 'kkp';

// A type alias, not an interface, so it is assignable to jose's header type (which has an index signature).
export type PassHeader = {
  alg: typeof PASS_ALG;
  kid: string;
  typ: typeof PASS_TYP;
};

export interface SignPassOptions {
  privateKey: CryptoKey | KeyObject;
  kid: string;
  issuer: string;
  /** signing time: the start of validity when the input has no nbf; defaults to the current time. Not written into the token. */
  now?: Date | number;
  /**
   * A synchronous Ed25519 signature of the JWS signing input with the same key (the server passes
   * node:crypto's one-shot sign, several times faster than WebCrypto's asynchronous one). Ed25519 is
   * deterministic, so the token is byte for byte the one CompactSign would make. Without it: CompactSign.
   */
  rawSign?: (signingInput: Uint8Array) => Uint8Array;
}

/** Length of a generated pass id. */
export const PASS_ID_LENGTH = 10;

/**
 * 10 random base64url characters = 60 bits. Accidental clashes stay unlikely
 * for any number of passes a city issues (about 1 in 2 million after a million passes),
 * and the issuer stores the id under a UNIQUE constraint, so a clash fails
 * loudly at issue time instead of making one revocation hit two passes. Ids
 * need not be secret: the signature stops forgery.
 */
export function newPassId(): string {
  // 8 random bytes → 11 characters; the first 10 carry 60 random bits.
  return base64url.encode(crypto.getRandomValues(new Uint8Array(8))).slice(0, PASS_ID_LENGTH);
}

/**
 * Validates and normalises the input, then signs it. Throws PassError
 * ('claims_invalid') for bad input: issuing happens on the server, where a
 * loud failure is right, unlike verification.
 */
export async function signPass(input: PassInput, options: SignPassOptions): Promise<string> {
  if (typeof options.kid !== 'string' || options.kid.length === 0) throw new TypeError('kid is required');
  const parsed = passInputSchema.safeParse(input);
  if (!parsed.success) throw new PassError('claims_invalid', z.prettifyError(parsed.error));
  const p = parsed.data;
  const now = toSeconds(options.now ?? new Date());

  // Key order is fixed so equal passes give byte-identical payloads. There is
  // no `iat`: the issue time is in the issuer's records and audit trail, and
  // real passes start at midnight, so `nbf` is always written instead.
  const claims: PassClaims = {
    v: PASS_FORMAT_VERSION,
    jti: p.jti ?? newPassId(),
    iss: options.issuer,
    nbf: p.nbf ?? now,
    exp: p.exp,
    pl: p.plate,
    ppl: [p.driver, ...p.escorts].map(({ name, id4 }): PassPersonTuple => [name, id4]),
    ent: p.enterprise.uscc,
    org: p.origin,
  };
  // Re-check the assembled claims with the verifier's schema: what we sign must be what every verifier accepts.
  const checked = passClaimsSchema.safeParse(claims);
  if (!checked.success) throw new PassError('claims_invalid', z.prettifyError(checked.error));

  const header: PassHeader = { alg: PASS_ALG, kid: options.kid, typ: PASS_TYP };
  const payload = new TextEncoder().encode(JSON.stringify(claims));
  if (options.rawSign) {
    // RFC 7515 §7.1, as CompactSign builds it: BASE64URL(header JSON) '.' BASE64URL(payload), then the signature.
    const signingInput = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(payload)}`;
    return `${signingInput}.${base64url.encode(options.rawSign(new TextEncoder().encode(signingInput)))}`;
  }
  return new CompactSign(payload)
    .setProtectedHeader(header)
    .sign(options.privateKey);
}

function toSeconds(t: Date | number): number {
  return t instanceof Date ? Math.floor(t.getTime() / 1000) : Math.floor(t);
}
